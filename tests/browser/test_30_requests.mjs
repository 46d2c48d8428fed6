// The requests page (/requests: the list, and the form an editor writes a
// request with) and the print view (/requests/ACTION/print: the proposal,
// its CSV and its print media), as an editor and as a viewer.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ACTION = '2027-05';
const PDF = '/tmp/roster-proposal-2024-09.pdf';

// Click the first element matching selector whose text includes `text`.
async function clickText(page, selector, text) {
  const handles = await page.$$(selector);
  for (const el of handles) {
    if ((await el.evaluate((e) => e.textContent)).includes(text)) return el.click();
  }
  throw new Error(`no ${selector} with text ${text}`);
}

// Chromium logs an answer of 404 or 422 as a console error; the ones this
// test provokes on purpose are taken off the harness's list of page errors.
function expected(t, from, status) {
  const mine = t.pageErrors.slice(from).filter((e) => e.includes(`status of ${status}`));
  t.pageErrors.splice(from, t.pageErrors.length - from,
    ...t.pageErrors.slice(from).filter((e) => !mine.includes(e)));
  return mine.length;
}

// Set a date input as the date picker would (typing dates depends on the locale).
async function setValue(page, selector, value) {
  await page.$eval(selector, (el, v) => {
    el.value = v;
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }, value);
}

export default async function (t) {
  // The browser asks for /favicon.ico (404) on its first page: let a page
  // without the console listener take it.
  const warm = await t.browser.createBrowserContext();
  await (await warm.newPage()).goto(`${t.url}/login`, { waitUntil: 'networkidle0' });
  await warm.close();

  const editor = await t.signIn('editor', '/requests');
  await t.drawn(editor);

  // ---- the list, empty then with a request assigned ----
  const stored = JSON.parse(t.run(['request', 'list', '--json']));
  if (stored.length === 0) {
    const empty = await t.text(editor, '.req-list');
    t.ok(empty.includes('No request is stored yet') && empty.includes('form below'),
         'an empty list says so and what to do', empty);
    await t.shot(editor, 'requests-empty');
  } else {
    t.note(`${stored.length} requests stored by earlier tests: the empty state is not seen`);
  }
  t.run(['request', 'add', resolve('corpus/tors/2024-09-guatemala.json')]);
  const best = JSON.parse(t.run(['match', '2024-09', '--json', '--shortlist', '0', '--teams', '1'])).teams[0].members;
  t.run(['assign', '2024-09', ...best]);
  await t.go(editor, '/requests');
  const row = await editor.$$eval('table.requests tbody tr', (trs) =>
    trs.map((tr) => [...tr.cells].map((c) => c.textContent.trim())).find((r) => r[0] === '2024-09'));
  t.ok(row && row[2].includes('Guatemala') && row[3].includes('2027') && row[4] === '3' && row[5] === 'assigned',
       'the list shows action, country name, window, team size and that a team is assigned', row);
  t.ok(await editor.$('table.requests a[href="/requests/2024-09"]') !== null, 'the action links to the request');
  await t.axe(editor, 'the requests list');

  // ---- a bad form: no title, the window backwards ----
  await editor.type('#tor-action', ACTION);
  await setValue(editor, '#tor-from', '2027-05-14');
  await setValue(editor, '#tor-to', '2027-05-03');
  const errorsBefore = t.pageErrors.length;
  await editor.click('.tor-form button[type="submit"]');
  await editor.waitForSelector('#tor-problems');
  const problems = await t.text(editor, '#tor-problems');
  t.ok(problems.includes('Title: required') && problems.includes('Partner country: required') &&
       problems.includes('To: ends before'),
       'a bad form lists its problems as label: problem, in the form\'s words', problems);
  t.ok(problems.includes('The request has errors:') && !problems.includes('body') && !problems.includes('1 of 1'),
       'the headline says the request has errors, not the service\'s summary', problems);
  const marked = await editor.evaluate(() => ['#tor-title', '#tor-to', '#tor-country'].map((s) => {
    const el = document.querySelector(s);
    const said = (el.getAttribute('aria-describedby') || '').split(' ')
      .map((id) => document.getElementById(id)).filter(Boolean).map((e) => e.textContent).join(' ');
    return { invalid: el.getAttribute('aria-invalid'), said };
  }));
  t.ok(marked[0].invalid === 'true' && marked[0].said.includes('required'), 'the title is marked and its problem tied to it', marked[0]);
  t.ok(marked[1].invalid === 'true' && marked[1].said.includes('ends before'), 'the end date is marked and its problem tied to it', marked[1]);
  t.ok(await editor.evaluate(() => document.activeElement.id === 'tor-problems' &&
                                   document.activeElement.getAttribute('role') === 'alert'),
       'the problems take the focus and are announced (role alert)');
  t.ok(await editor.evaluate(() => fetch('/api/requests/2027-05').then((r) => r.status)) === 404,
       'nothing was stored');
  t.ok(expected(t, errorsBefore, 422) === 1 && expected(t, errorsBefore, 404) === 1,
       'the service refused the ToR with 422 (and the request is not found: 404)');
  await t.axe(editor, 'the form with its problems');
  await editor.$eval('#tor-problems', (el) => el.scrollIntoView({ block: 'center' }));
  await t.shot(editor, 'requests-form-errors');

  // ---- the form, written as an officer would ----
  await editor.type('#tor-title', 'Modernising unemployment insurance');
  await editor.click('#tor-country');
  await editor.type('#tor-country', 'Maroc');
  await editor.waitForSelector('#tor-country-opt-MA');
  t.eq(await editor.$eval('#tor-country', (el) => el.getAttribute('aria-activedescendant')), 'tor-country-opt-MA',
       'typing a French country name offers the country first');
  await editor.keyboard.press('Enter');
  t.eq(await editor.$eval('#tor-country', (el) => el.value), 'Morocco', 'Enter picks it: its name shows in English');
  await editor.type('#tor-institution', 'Caisse nationale de sécurité sociale');
  await editor.type('#tor-description', 'The CNSS wants to review its unemployment insurance (IPE) and the services that return jobseekers to work.');

  await editor.click('input[name="tor-label-language"][value="fr"]');
  t.ok((await t.text(editor, 'label[for="tor-fields-A_70"]')).includes('Chômage'), 'the labels switch to French');
  await editor.type('#tor-fields-filter', 'chomage');
  await editor.waitForFunction(() => !document.querySelector('#tor-fields-A_70').closest('li').hidden &&
                                     document.querySelector('#tor-fields-E_10').closest('li').hidden);
  t.ok((await t.text(editor, '#tor-fields-status')).includes('match'), 'the filter says how many codes match');
  await editor.click('#tor-fields-A_70');
  await editor.click('button[aria-controls="tor-competences-1-sub"]');
  t.eq(await editor.$eval('button[aria-controls="tor-competences-1-sub"]', (b) => b.getAttribute('aria-expanded')), 'true',
       'a group of the tree opens, and says so');
  await editor.click('#tor-competences-1_2');
  const chips = await editor.$$eval('.chosen .chip', (els) => els.map((e) => e.textContent));
  t.ok(chips.length === 2 && chips[0].includes('A.70') && chips[1].includes('1.2'), 'the chosen codes are listed as chips', chips);
  t.ok(await editor.$('.chosen .chip button[aria-label^="Remove A.70"]') !== null, 'each chip has a labelled remove button');

  await clickText(editor, '.tor-form button', 'Add a language');
  const lang = await editor.$eval('.lang-row select', (s) => s.id);
  t.eq(await editor.evaluate(() => document.activeElement.tagName), 'SELECT', 'a new language row takes the focus');
  await editor.select(`#${lang}`, 'fr');
  await editor.select(`#${lang.replace(/-code$/, '-level')}`, 'C1');
  await editor.click('#tor-team_size', { count: 3 });
  await editor.type('#tor-team_size', '3');
  await setValue(editor, '#tor-from', '2027-05-03');
  await setValue(editor, '#tor-to', '2027-05-14');
  await editor.click('#tor-rule-min_eu_members', { count: 3 });
  await editor.type('#tor-rule-min_eu_members', '2');
  t.eq(await editor.$eval('#tor-rule-exclude_nationalities', (el) => el.value), 'MA',
       'the excluded nationalities start as the partner country, the default');
  t.ok((await t.text(editor, '.rules-changed')).includes('min_eu_members = 2'), 'the form says which rules differ from their defaults');

  await clickText(editor, '.tor-form button', 'Preview teams');
  await editor.waitForSelector('.tor-preview h3');
  const previewRows = await editor.$$eval('.tor-preview table tbody tr', (trs) => trs.length);
  t.ok(previewRows === 5 && (await t.text(editor, '.tor-preview')).includes('Best team'),
       'Preview teams shows the top 5 and the best team without storing', previewRows);
  await t.axe(editor, 'the filled form with its preview');
  await t.shot(editor, 'requests-form');

  await Promise.all([editor.waitForNavigation(), editor.click('.tor-form button[type="submit"]')]);
  t.eq(new URL(editor.url()).pathname, `/requests/${ACTION}`, 'storing leads to the request\'s page');
  const saved = await editor.evaluate((a) => fetch(`/api/requests/${a}`).then((r) => r.json()), ACTION);
  const tor = saved.tor || {};
  t.ok(tor.title === 'Modernising unemployment insurance' && tor.country === 'MA' && saved.country === 'MA',
       'the API stored the title and the country picked', tor);
  t.ok(JSON.stringify(tor.fields) === '["A.70"]' && JSON.stringify(tor.competences) === '["1.2"]',
       'the API stored the field and the competence picked in the tree', [tor.fields, tor.competences]);
  t.ok(JSON.stringify(tor.languages) === '[{"code":"fr","level":"C1"}]', 'the API stored the language and its level', tor.languages);
  t.ok(tor.team_size === 3 && tor.from === '2027-05-03' && tor.to === '2027-05-14', 'the API stored team size and window', tor);
  t.ok(JSON.stringify(tor.rules) === '{"min_eu_members":2}', 'only the rule that differs from its default was sent', tor.rules);

  await t.go(editor, '/requests');
  const listed = await editor.$$eval('table.requests tbody tr', (trs) =>
    trs.map((tr) => [...tr.cells].map((c) => c.textContent.trim())).find((r) => r[0] === '2027-05'));
  t.ok(listed && listed[1] === 'Modernising unemployment insurance' && listed[2].includes('Morocco') && listed[5].startsWith('open'),
       'the list shows the new request, open', listed);
  await t.shot(editor, 'requests-list');

  // ---- a preview that fails: said so; no action id needed ----
  let logged = t.pageErrors.length;
  await clickText(editor, '.tor-form button', 'Preview teams');
  await editor.waitForSelector('#tor-problems');
  await editor.waitForFunction(() => (document.getElementById('announce')?.textContent || '').includes('Preview failed'));
  const failed = await t.text(editor, '#tor-problems');
  t.ok((await t.text(editor, '.tor-preview')).includes('Preview failed') && !(await t.text(editor, '#announce')).includes('ready'),
       'a failed preview says so, in the page and the live region', await t.text(editor, '#announce'));
  t.ok(failed.includes('Title: required') && !failed.includes('Action'),
       'a preview needs no action id: only the title and country are asked for', failed);
  t.eq(expected(t, logged, 422), 1, 'the service refused the preview with 422');

  // ---- a preview whose best team holds an expert outside the top 5: named ----
  const probe = await editor.evaluate(async () => {
    const post = (tor) => fetch('/api/match?shortlist=5&teams=1', { method: 'POST', headers: { 'Content-Type': 'application/json' },
                                                                     body: JSON.stringify(tor) }).then((r) => r.json());
    const tor = { action: 'probe', title: 'Pension reform of the social security institute', country: 'MA' };
    const far = (await (await fetch('/api/search?q=pension&limit=40')).json()).results.slice(20);
    for (const r of far) {
      const a = await post({ ...tor, rules: { require: [r.id] } });
      if (a.teams.length && a.teams[0].members.includes(r.id) && !a.shortlist.some((s) => s.id === r.id)) return { id: r.id, name: r.name };
    }
    return null;
  });
  if (t.ok(probe !== null, 'an expert outside the top 5 who can be seated is found', probe)) {
    await editor.type('#tor-title', 'Pension reform of the social security institute');
    await editor.click('#tor-country');
    await editor.type('#tor-country', 'Morocco');
    await editor.waitForSelector('#tor-country-opt-MA');
    await editor.keyboard.press('Enter');
    await editor.type('#tor-rule-require', probe.id);
    await clickText(editor, '.tor-form button', 'Preview teams');
    await editor.waitForSelector('.tor-preview .best-team');
    const team = await editor.$$eval('.tor-preview .best-team li', (lis) => lis.map((li) => li.textContent));
    const seated = team.find((m) => m.includes(probe.id)) || '';
    t.ok(seated.includes(probe.name) && team.every((m) => !/^(\S+) \1$/.test(m.trim())),
         'every member of the previewed team is named, also one outside the top 5', team);
    await editor.waitForFunction(() => (document.getElementById('announce')?.textContent || '').includes('Preview ready'));
    t.ok(true, 'the live region says the preview is ready');

    // An id typed in another case than the roster's: taken, and said so.
    const other = probe.id === 'EXP-00001' ? 'EXP-00002' : 'EXP-00001';
    await editor.type('#tor-rule-exclude', other.toLowerCase());
    await clickText(editor, '.tor-form button', 'Preview teams');
    await editor.waitForSelector('.tor-preview .preview-warnings');
    const warned = await t.text(editor, '.tor-preview .preview-warnings');
    t.ok(warned.includes(`'${other.toLowerCase()}' taken as ${other}`),
         'the preview says an id typed in another case was taken as the roster\'s', warned);
    await setValue(editor, '#tor-rule-exclude', '');
  }

  // ---- an action already stored: refused, not replaced ----
  logged = t.pageErrors.length;
  await editor.type('#tor-action', '2024-09');
  t.ok((await t.text(editor, '#tor-action-hint')).includes('already stored'), 'typing a stored action says so at once');
  await editor.click('.tor-form button[type="submit"]');
  await editor.waitForSelector('#tor-problems');
  const refusal = await t.text(editor, '#tor-problems');
  t.ok(refusal.includes('Request 2024-09 is already stored: choose another action id, or open it'),
       'storing under an action already stored is refused', refusal);
  t.ok(await editor.$('#tor-problems a[href="/requests/2024-09"]') !== null, 'with a link to open the stored request');
  t.ok(await editor.$eval('#tor-action', (el) => el.getAttribute('aria-invalid') === 'true' &&
    (el.getAttribute('aria-describedby') || '').split(' ').some((id) => (document.getElementById(id)?.textContent || '').includes('already stored'))),
       'the refusal is tied to the Action field');
  const kept = JSON.parse(t.run(['request', 'show', '2024-09', '--json']));
  t.ok(kept.status === 'assigned' && kept.tor.country === 'GT', 'the stored request and its team are kept', kept.status);
  t.eq(t.pageErrors.length, logged, 'nothing was sent to be stored');
  await t.axe(editor, 'the form refusing a stored action');
  await t.shot(editor, 'requests-form-stored-action');

  // ---- a viewer: the list, no form ----
  const viewer = await t.signIn('viewer', '/requests');
  await t.drawn(viewer);
  t.ok((await t.text(viewer, 'table.requests')).includes('2027-05'), 'a viewer sees the list');
  t.ok(await viewer.$('form') === null || await viewer.$('.tor-form') === null, 'a viewer has no form to store a request');
  t.ok(!(await t.text(viewer, 'main')).includes('Write a new request'), 'nor any link to one');
  await t.axe(viewer, 'the requests list of a viewer');
  await t.shot(viewer, 'requests-viewer');
  await viewer.browserContext().close();

  // ---- the print view: an assigned team ----
  await t.go(editor, '/requests/2024-09/print');
  const doc = await t.text(editor, '.print-doc');
  t.ok(doc.includes('L.40') && doc.includes('Rights Of Disabled People') && doc.includes('2.1') &&
       doc.includes('Legislation & regulation making and development'), 'the print view shows codes with their labels');
  t.ok((await t.text(editor, '#doc-team')) === 'The assigned team', 'the print view proposes the assigned team');
  const verdicts = await editor.$$eval('table.verdicts tbody tr', (trs) => trs.map((tr) => tr.cells[0].textContent + ' ' + tr.cells[1].textContent));
  t.ok(verdicts.length >= 10 && verdicts.some((v) => v.startsWith('Triangular cooperation triangular')) && verdicts.every((v) => /pass|warn|fail/.test(v)),
       'the verdicts are given rule by rule', verdicts);
  t.ok(verdicts.some((v) => v.startsWith('Excluded nationalities exclude_nationalities')) &&
       verdicts.some((v) => v.startsWith('Mission days in the last 12 months max_load_days')),
       'each rule is named in words first, its key after', verdicts);
  const members = await editor.$$eval('.member', (els) => els.map((e) => e.textContent));
  t.ok(members.length === 3 && members.every((m) => m.includes('Nationality') && m.includes('Sector') && m.includes('Languages')),
       'each member shows nationality, sector, languages', members.length);
  t.ok(best.every((id) => members.some((m) => m.includes(id))), 'the members are the team assigned', best);
  t.ok(await editor.$$eval('table.shortlist tbody tr', (trs) => trs.length) > 0, 'the shortlist follows');
  await t.axe(editor, 'the print view');
  await t.shot(editor, 'print-view');

  // The CSV, as the browser downloads it.
  const dir = mkdtempSync(join(tmpdir(), 'roster-csv-'));
  const cdp = await editor.createCDPSession();
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: dir,
                                                  browserContextId: editor.browserContext().id });
  await clickText(editor, '.print-doc button', 'Download CSV');
  let file = null;
  for (let i = 0; i < 50 && !file; i++) {
    await new Promise((done) => setTimeout(done, 100));
    file = readdirSync(dir).find((f) => f.endsWith('.csv'));
  }
  t.eq(file, 'proposal-2024-09.csv', 'Download CSV saves the proposal');
  const bytes = file ? readFileSync(join(dir, file)) : Buffer.alloc(0);
  t.ok(bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf,
       'the CSV starts with a UTF-8 byte-order mark (spreadsheets read accents right)', [...bytes.subarray(0, 3)]);
  const lines = bytes.toString('utf8').replace(/^\ufeff/, '').trim().split('\r\n');
  rmSync(dir, { recursive: true, force: true });
  t.eq(lines[0], 'id,name,nationality,score,in_team,reasons', 'the CSV has its header');
  const inTeam = lines.slice(1).filter((l) => l.split(',')[4] === 'yes').map((l) => l.split(',')[0]);
  t.ok(JSON.stringify([...inTeam].sort()) === JSON.stringify([...best].sort()), 'the CSV holds the team, marked in_team', inTeam);

  // Print media: no app header, no buttons; an A4 PDF.
  await editor.emulateMediaType('print');
  const hidden = await editor.evaluate(() => {
    const shown = (el) => getComputedStyle(el).display !== 'none' && el.getClientRects().length > 0;
    return { header: shown(document.querySelector('header.top')),
             buttons: [...document.querySelectorAll('main button, main .button')].filter(shown).length,
             color: getComputedStyle(document.querySelector('.print-doc h1')).color };
  });
  t.ok(!hidden.header && hidden.buttons === 0, 'printing hides the app\'s header and the buttons', hidden);
  t.eq(hidden.color, 'rgb(0, 0, 0)', 'printing is black on white');
  await t.shot(editor, 'print-media');
  await editor.pdf({ path: PDF, format: 'A4', printBackground: false, preferCSSPageSize: true });
  const pages = (readFileSync(PDF, 'latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  t.ok(statSync(PDF).size > 10000 && pages >= 2 && pages <= 5, `the proposal prints to an A4 PDF of ${pages} pages (${PDF})`);
  await editor.emulateMediaType(null);

  // The request written in the form: no team assigned, the best proposed.
  await t.go(editor, `/requests/${ACTION}/print`);
  t.ok((await t.text(editor, '#doc-team')) === 'The proposed team' &&
       (await t.text(editor, '.print-doc')).includes('A.70'), 'without an assigned team, the best team of the match is proposed');
  const ruleFacts = await editor.$$eval('.print-doc dl.doc-facts dt', (dts) =>
    (dts.find((dt) => dt.textContent === 'Rules') || { nextElementSibling: { textContent: '' } }).nextElementSibling.textContent);
  t.ok(ruleFacts.startsWith('Nationals of EU member states min_eu_members: 2'),
       'the rules the request changed are named in words, the key after', ruleFacts);

  // An unknown action: said so, with the way back, and no failed request.
  const before404 = t.pageErrors.length;
  await t.go(editor, '/requests/NOPE-1/print');
  t.eq(await t.text(editor, 'h1'), 'No such request', 'the print view of an unknown action says there is no such request');
  t.ok(await editor.$('main a[href="/requests"]') !== null && !(await t.text(editor, 'main')).includes('went wrong'),
       'with a link to the requests, not "Something went wrong"');
  t.eq(t.pageErrors.length, before404, 'and without a failed request in the console');
  await t.shot(editor, 'print-unknown');
  await editor.browserContext().close();
}
