// The EXPERT page: every section of a CV, labels for codes (listed in
// taxonomy order), long names and texts wrapping; an editor's Export (a
// JSON file) and Forget (a dialog that names the person; once confirmed
// the expert is gone from the page and the search), a viewer seeing
// neither; an unknown id said so; axe and a screenshot of each state.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// An expert of the test's own, with a long name and long texts, imported
// here and forgotten at the end, so the roster the other tests see is as
// it was.
const LONG = {
  id: 'TEST-LONG-0001',
  name: 'Maria-Antonietta Wolfeschlegelsteinhausenbergerdorffvoralternwarengewissenhaftschaferswessen de Alcântara Fernandes Vasconcelos Brandão',
  gender: 'X',
  nationalities: ['PT', 'BR'],
  residence: 'LU',
  status: 'mandated_body',
  employer: 'Instituto da Segurança Social, Departamento de Acordos Internacionais de Segurança Social e de Coordenação',
  languages: [{ code: 'pt', level: 'native' }, { code: 'fr', level: 'C1' }, { code: 'en', level: 'B2' }],
  // Out of order on purpose: the page lists codes in taxonomy order.
  fields: ['E.10.08', 'E.10', 'A.20'],
  competences: ['2.2', '2', '3.1', '1.2'],
  cv_lang: 'en',
  summary: 'Coordinator of bilateral social security agreements.\nReference: https://example.org/a-very-long-address/without/any/space/at/all/to/break/on/social-security-coordination-agreements-and-totalisation-of-periods',
  experience: [
    { from: '2019-03', employer: 'Instituto da Segurança Social', role: 'head of unit', country: 'PT',
      text: 'Negotiated and implemented agreements on the totalisation of insurance periods with twelve partner countries.' },
    { from: '2012-01', to: '2019-02', employer: 'Ministério do Trabalho', role: 'legal adviser', country: 'BR',
      text: 'Drafted the regulations of the pension reform.' },
  ],
  education: [{ year: 2008, degree: 'Master\'s degree', field: 'Social security law', institution: 'Universidade de Coimbra' }],
  missions: [{ action: '2022-14', country: 'CV', from: '2022-05-02', to: '2022-05-13', days: 10, role: 'lead' }],
  unavailable: [{ from: '2027-01-04', to: '2027-01-22' }],
  registered: '2019-04-01',
};

const headings = (page) => page.$$eval('main h2', (hs) => hs.map((x) => x.textContent.trim()));
const has = (page, text) => page.$$eval('main button', (bs, w) => bs.some((b) => b.textContent.includes(w)), text);

export default async function (t) {
  // The browser asks for /favicon.ico once, on its first page, and the
  // service has none (404): a page without the harness's console listener
  // takes that request when this file runs alone.
  const warm = await t.browser.createBrowserContext();
  await (await warm.newPage()).goto(`${t.url}/login`, { waitUntil: 'networkidle0' });
  await warm.close();

  const file = join(t.dir, 'test-long.jsonl');
  writeFileSync(file, JSON.stringify(LONG) + '\n');
  t.run(['import', file]);

  // ---- a CV as the editor sees it ----
  const page = await t.signIn('editor', `/experts/${LONG.id}`);
  await t.drawn(page);
  t.eq(await t.text(page, 'main h1'), LONG.name, 'the page is headed by the name');
  const sections = await headings(page);
  const wanted = ['Profile', 'Languages', 'Fields of expertise', 'Competences', 'Summary', 'Experience',
    'Education', 'Missions in the CV', 'Missions with the facility', 'Unavailability'];
  t.ok(wanted.every((s) => sections.includes(s)), 'every section of the CV is shown', sections);
  const profile = await t.text(page, '#cv-profile + dl');
  t.ok(['Portugal, Brazil', 'Luxembourg', 'Not stated', 'Mandated body', LONG.employer].every((s) => profile.includes(s)),
    'the profile names countries, gender and sector in words', profile);
  t.ok((await t.text(page, '#cv-fields + ul')).includes('E.10.08 Social Security Financing'), 'fields come with their labels');
  const codes = (id) => page.$$eval(`#${id} + ul li code`, (cs) => cs.map((c) => c.textContent).join(' '));
  t.eq(await codes('cv-fields'), 'A.20 E.10 E.10.08', 'fields are listed in taxonomy order');
  t.eq(await codes('cv-competences'), '1.2 2 2.2 3.1', 'competences are listed in taxonomy order');
  t.ok((await t.text(page, '#cv-languages + ul')).includes('French C1'), 'languages come with their levels');
  t.ok((await t.text(page, '#cv-experience + ol')).includes('Mar 2019 – present'), 'a current job reads "present"');
  t.ok((await t.text(page, '#cv-missions + table')).includes('Cabo Verde') ||
       (await t.text(page, '#cv-missions + table')).includes('Cape Verde'), "a mission names its country");
  t.ok((await t.text(page, '#cv-unavailable + ul')).includes('4 Jan 2027 – 22 Jan 2027'), 'unavailability periods are shown');
  t.ok(await page.$eval('main', (m) => m.scrollWidth <= m.clientWidth && document.documentElement.scrollWidth <= innerWidth),
    'a long name and texts wrap: nothing overflows sideways');
  t.ok(await has(page, 'Export (JSON)') && await has(page, 'Forget this expert'), 'an editor sees Export and Forget');
  await t.axe(page, 'the expert page (editor)');
  await t.shot(page, 'expert');

  // A narrow screen: one column, still no overflow.
  await page.setViewport({ width: 390, height: 800 });
  t.ok(await page.$eval('main', (m) => document.documentElement.scrollWidth <= innerWidth),
    'on a phone-sized screen nothing overflows either');
  await t.shot(page, 'expert-narrow');
  await page.setViewport({ width: 1280, height: 900 });

  // ---- export ----
  const downloads = mkdtempSync(join(t.dir, 'downloads-'));
  const cdp = await page.createCDPSession();
  await cdp.send('Browser.setDownloadBehavior', {
    behavior: 'allow', downloadPath: downloads, eventsEnabled: true,
    browserContextId: page.browserContext().id,
  });
  const finished = new Promise((done) => cdp.on('Browser.downloadProgress', (e) => {
    if (e.state === 'completed' || e.state === 'canceled') done(e.state);
  }));
  await page.click('.expert-actions button.secondary');
  t.eq(await finished, 'completed', 'Export downloads a file');
  const files = readdirSync(downloads);
  t.eq(files.join(), `${LONG.id}.json`, 'the file is named after the expert');
  const exported = JSON.parse(readFileSync(join(downloads, files[0]), 'utf8'));
  t.ok(JSON.stringify(exported).includes(LONG.name) && JSON.stringify(exported).includes(LONG.id),
    'it holds the export of the expert', Object.keys(exported));

  // ---- a viewer sees no editor action ----
  const viewer = await t.signIn('viewer', `/experts/${LONG.id}`);
  await t.drawn(viewer);
  t.eq(await t.text(viewer, 'main h1'), LONG.name, 'a viewer reads the CV');
  t.ok(!(await has(viewer, 'Export')) && !(await has(viewer, 'Forget')) && !(await viewer.$('.expert-actions')),
    'a viewer sees neither Export nor Forget');
  await t.axe(viewer, 'the expert page (viewer)');
  await t.shot(viewer, 'expert-viewer');
  await viewer.browserContext().close();

  // ---- forget: the dialog, cancelled, then confirmed ----
  const forgetButton = '.expert-actions button.danger';
  await page.click(forgetButton);
  await page.waitForSelector('dialog[open]');
  const dialog = await page.$eval('dialog[open]', (d) => ({
    label: document.getElementById(d.getAttribute('aria-labelledby'))?.textContent,
    text: d.textContent,
    focusInside: d.contains(document.activeElement),
    modal: d.matches(':modal'),
  }));
  t.ok(dialog.label && dialog.label.includes(LONG.name), 'the dialog is labelled with the person', dialog.label);
  t.ok(dialog.text.includes('cannot be undone') && dialog.text.includes('audit trail keeps only the id'),
    'it says what is erased and that it cannot be undone', dialog.text);
  t.ok(dialog.focusInside && dialog.modal, 'the dialog is modal, with the focus inside', dialog);
  await t.axe(page, 'the forget dialog');
  await t.shot(page, 'expert-forget');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('dialog'));
  t.ok(await page.$eval(forgetButton, (b) => b === document.activeElement), 'Escape closes it, the focus back on Forget');
  t.ok(t.run(['show', LONG.id]).includes(LONG.id), 'cancelling forgets nothing');

  await page.click(forgetButton);
  await page.waitForSelector('dialog[open]');
  await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }),
    page.click('dialog[open] button.danger')]);
  await t.drawn(page);
  t.eq(new URL(page.url()).pathname, '/search', 'confirming goes to the search page');
  t.ok((await t.text(page, '.search-page .success')).includes(`${LONG.name} has been forgotten`),
    'which says who was forgotten', await t.text(page, '.success'));
  await t.shot(page, 'search-forgotten');

  // The page of the expert now says not found (the API answers 404, which
  // Chromium logs as a console error: that one is expected).
  const before = t.pageErrors.length;
  await t.go(page, `/experts/${LONG.id}`);
  t.ok((await t.text(page, 'main')).includes(`No expert with id “${LONG.id}”`), 'the forgotten expert has no page');
  t.pageErrors.splice(before, t.pageErrors.length - before,
    ...t.pageErrors.slice(before).filter((e) => !e.includes('status of 404')));
  await t.axe(page, 'the page of an unknown expert');
  await t.shot(page, 'expert-unknown');
  await t.go(page, `/search?q=${encodeURIComponent(`id:${LONG.id}`)}`);
  t.ok((await t.text(page, '#results-title')).startsWith('0 experts'), 'a search by its id finds none');
  t.ok((await t.text(page, '.query-warnings')).includes('no expert has this id'), 'and says no expert has this id');
  await page.browserContext().close();
}
