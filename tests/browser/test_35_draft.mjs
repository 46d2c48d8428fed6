// The requests form's first step, "Start from a document": a French request
// read by POST /api/draft fills the form (action, title, country, institution,
// description, codes, language, team size, window) and a review panel says
// each value, how sure, and the document's words it came from (as text, never
// markup); Preview runs on the drafted form; Store stores it, and the same
// document read again leaves the stored action out; a second document
// starts a new request (nothing of the first stays where it says nothing,
// and the review names what it does not say). A document that is not
// UTF-8 and an empty one are refused in words a person reads; keyboard only;
// axe and screenshots.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ACTION = '2027-04';

// A fictional request, as a partner administration might send it; its
// institution line carries markup that must stay text.
const REQUEST = `RÉPUBLIQUE DE CÔTE D'IVOIRE
Union – Discipline – Travail

Demande d'assistance technique n° ${ACTION}

Institution bénéficiaire : Ministère de l'Emploi et de la Protection Sociale <b>MEPS</b>, Abidjan

Objet : Renforcement des capacités de l'Inspection du Travail en matière de santé et sécurité au travail

Le Ministère souhaite accueillir deux experts européens pour accompagner l'Inspection du Travail dans la révision de ses procédures de contrôle des entreprises, la formation des inspecteurs à l'évaluation des risques professionnels et la mise en place d'un registre des accidents du travail.

La mission se déroulera à Abidjan du 8 au 26 février 2027. Les experts travailleront en français avec les équipes de la Direction Générale du Travail.
`;

// Chromium logs an answer of 4xx as a console error; the ones this test
// provokes on purpose are taken off the harness's list of page errors.
function expected(t, from, status) {
  const mine = t.pageErrors.slice(from).filter((e) => e.includes(`status of ${status}`));
  t.pageErrors.splice(from, t.pageErrors.length - from,
    ...t.pageErrors.slice(from).filter((e) => !mine.includes(e)));
  return mine.length;
}

// Choose a file in the document input, then press the button with the keyboard.
async function readDocument(page, path) {
  await (await page.$('#tor-document')).uploadFile(path);
  await page.focus('.draft-step button');
  await page.keyboard.press('Enter');
}

const value = (page, selector) => page.$eval(selector, (el) => el.value);

export default async function (t) {
  const dir = mkdtempSync(join(tmpdir(), 'roster-draft-'));
  const good = join(dir, 'demande-ci.txt');
  const latin1 = join(dir, 'ancien-format.txt');
  const empty = join(dir, 'vide.md');
  const sparse = join(dir, 'note-togo.txt');
  writeFileSync(sparse, 'Objet : Appui à la réforme des retraites au Togo\n\nLe ministère demande un appui.\n');
  writeFileSync(good, REQUEST);
  writeFileSync(latin1, Buffer.from('Demande de la R\xe9publique de C\xf4te d\'Ivoire\n', 'latin1'));
  writeFileSync(empty, '');

  // The browser asks for /favicon.ico (404) on its first page: let a page
  // without the console listener take it.
  const warm = await t.browser.createBrowserContext();
  await (await warm.newPage()).goto(`${t.url}/login`, { waitUntil: 'networkidle0' });
  await warm.close();

  const editor = await t.signIn('editor', '/requests');
  await t.drawn(editor);
  const step = await t.text(editor, '.draft-step');
  t.ok(step.includes('Start from a document') && step.includes('.pdf, .docx or .odt') && step.includes('nothing is stored'),
       'the form starts with the document step, its formats and that nothing is stored', step);
  t.eq(await editor.$eval('#tor-document', (el) => el.accept), '.txt,.md,.pdf,.docx,.odt',
       'the file input offers the five document formats');

  // ---- a French request read into the form ----
  await readDocument(editor, good);
  await editor.waitForSelector('#draft-review-heading');
  t.eq(await editor.evaluate(() => document.activeElement.id), 'draft-review-heading',
       'the review panel takes the focus');
  const heading = await t.text(editor, '#draft-review-heading');
  t.eq(heading, 'Drafted from demande-ci.txt (text, French)', 'the panel names the file, its format and language');
  t.eq(await value(editor, '#tor-action'), ACTION, 'the action is filled');
  t.ok((await value(editor, '#tor-title')).startsWith("Renforcement des capacités de l'Inspection du Travail"),
       'the title is filled', await value(editor, '#tor-title'));
  t.ok((await t.text(editor, '#tor-country-chosen')).includes('(CI), a partner country'),
       'the country picker has chosen Côte d\'Ivoire', await t.text(editor, '#tor-country-chosen'));
  t.eq(await value(editor, '#tor-rule-exclude_nationalities'), 'CI',
       'the excluded nationalities follow the drafted country');
  t.ok((await value(editor, '#tor-institution')).includes("Ministère de l'Emploi"), 'the partner institution is filled');
  t.ok((await value(editor, '#tor-description')).includes('deux experts européens'),
       'the description holds the document\'s text');
  t.eq(await value(editor, '#tor-team_size'), '2', 'the team size is filled: "deux experts"');
  t.eq(await value(editor, '#tor-from'), '2027-02-08', 'from is filled: "du 8 au 26 février 2027"');
  t.eq(await value(editor, '#tor-to'), '2027-02-26', 'to is filled');
  const langs = await editor.$$eval('.lang-row', (rows) => rows.map((r) => r.querySelectorAll('select')[0].value +
                                                                        ' ' + r.querySelectorAll('select')[1].value));
  t.eq(JSON.stringify(langs), '["fr B2"]', 'one working language row: French at B2');

  // Every drafted code is chosen, its chip drawn and its box shown in the tree.
  const codes = await editor.$$eval('.draft-values tbody tr', (trs) => trs
    .filter((tr) => /Fields of expertise|Competences/.test(tr.cells[0].textContent))
    .map((tr) => tr.querySelector('td code').textContent));
  const chips = await editor.$$eval('.chosen .chip code', (els) => els.map((e) => e.textContent));
  const shown = await editor.evaluate((list) => list.every((c) => {
    const box = document.querySelector(`input[type=checkbox][value="${c}"]`);
    return box && box.checked && box.offsetParent !== null;
  }), codes);
  t.ok(codes.length > 0 && codes.every((c) => chips.includes(c)) && chips.length === codes.length && shown,
       'the drafted codes are chosen: chips drawn, boxes ticked and shown in the tree', { codes, chips, shown });

  // The review: value, confidence in words, the words quoted.
  const review = await editor.$$eval('.draft-values tbody tr', (trs) =>
    Object.fromEntries(trs.map((tr) => [tr.cells[0].textContent, [...tr.cells].slice(1).map((c) => c.textContent)])));
  t.ok(review['Partner country'] && review['Partner country'][1].startsWith('high') &&
       review['Partner country'][2].includes("CÔTE D'IVOIRE"),
       'the country: high confidence, and the words it was read from', review['Partner country']);
  t.ok(review['Team size'] && review['Team size'][0] === '2' && /^(high|medium|low)/.test(review['Team size'][1]) &&
       review['Team size'][2].includes('deux experts'), 'the team size: its confidence and "deux experts" quoted',
       review['Team size']);
  t.ok(review.From && review.From[0] === '8 Feb 2027' && review.To[0] === '26 Feb 2027' &&
       review.From[2].includes('du 8 au 26 février 2027'), 'the window: its dates and the words quoted',
       [review.From, review.To]);
  const institution = review['Partner institution'] || [];
  t.ok(institution[2] && institution[2].includes('<b>MEPS</b>') &&
       await editor.$('.draft-review b, .draft-review q b') === null,
       'markup in the document is shown as text, never made into elements', institution);
  t.ok(await editor.$eval('.draft-review q.evidence', (q) => q.lang) === 'fr',
       'quoted words are marked as French for screen readers');
  const panel = await t.text(editor, '.draft-review');
  t.ok(panel.includes('Nothing is stored until you press Store request'), 'the panel says nothing is stored yet', panel);
  t.ok(!panel.includes('Not found in the document'), 'a document that says everything leaves nothing missing', panel);
  t.ok(await editor.evaluate((a) => fetch('/api/requests').then((r) => r.json())
    .then((list) => !list.some((r) => r.action === a)), ACTION), 'reading the document stored nothing');
  await t.axe(editor, 'the form drafted from a document');
  t.eq(t.axeLog.at(-1).violations.length, 0, 'axe finds no violation at all on the drafted form');
  await editor.$eval('.draft-review', (el) => el.scrollIntoView({ block: 'start' }));
  await t.shot(editor, 'requests-draft');

  // ---- Preview on the drafted form, then Store ----
  const previewButton = await editor.evaluateHandle(() => [...document.querySelectorAll('.tor-form button')]
    .find((b) => b.textContent === 'Preview teams'));
  await previewButton.click();
  await editor.waitForSelector('.tor-preview h3');
  t.eq(await t.text(editor, '.tor-preview h3'), 'Preview: not stored', 'Preview runs on the drafted form');
  t.ok(await editor.$('.tor-preview .best-team, .tor-preview .notice') !== null &&
       await editor.$$eval('.preview-shortlist tbody tr', (trs) => trs.length) > 0,
       'the preview shows a team (or why none) and the shortlist');
  await t.shot(editor, 'requests-draft-preview');
  await Promise.all([editor.waitForNavigation({ waitUntil: 'networkidle0' }),
                     editor.click('.tor-form button[type="submit"]')]);
  t.eq(new URL(editor.url()).pathname, `/requests/${ACTION}`, 'Store stores the drafted request and opens it');
  const saved = JSON.parse(t.run(['request', 'show', ACTION, '--json'])).tor;
  t.ok(saved.country === 'CI' && saved.team_size === 2 && saved.from === '2027-02-08' && saved.to === '2027-02-26',
       'the stored request is the drafted one', saved);

  // ---- the same document again: its action is stored, so left out ----
  await t.go(editor, '/requests');
  await readDocument(editor, good);
  await editor.waitForSelector('#draft-review-heading');
  t.eq(await value(editor, '#tor-action'), '', 'an action already stored is not put in the form');
  const again = await t.text(editor, '.draft-review .draft-warning');
  t.ok(again.includes(`Request ${ACTION} is already stored`) && again.includes('not put in the form'),
       'the panel says the action is already stored', again);
  t.ok((await t.text(editor, '#tor-action-hint')).includes('Its id'), 'the action\'s hint still says what an id is');

  // ---- a short document: a new request, what it does not say is named, and reached ----
  // The form holds the first document's values; the officer changes the
  // team size and types an assistance type (no draft fills it).
  await editor.$eval('#tor-team_size', (el) => { el.value = '4'; el.dispatchEvent(new Event('input')); });
  await editor.type('#tor-assistance', 'A.02');
  await readDocument(editor, sparse);
  await editor.waitForFunction(() => /Drafted from note-togo.txt/.test(
    (document.getElementById('draft-review-heading') || {}).textContent || ''));
  const fresh = {
    title: await value(editor, '#tor-title'),
    institution: await value(editor, '#tor-institution'),
    from: await value(editor, '#tor-from'),
    to: await value(editor, '#tor-to'),
    team: await value(editor, '#tor-team_size'),
    description: await value(editor, '#tor-description'),
  };
  t.ok(fresh.title.startsWith('Appui à la réforme des retraites') && fresh.institution === '' &&
       fresh.from === '' && fresh.to === '' && !fresh.description.includes('deux experts'),
       'a second document starts a new request: the first one\'s institution, window and text are gone', fresh);
  t.eq(fresh.team, '2', 'the team size the document does not give is back at its default, not 4');
  t.ok((await t.text(editor, '#tor-country-chosen')).includes('(TG)') &&
       await value(editor, '#tor-rule-exclude_nationalities') === 'TG',
       'the country is the second document\'s, and the excluded nationalities follow it');
  const sparseCodes = await editor.$$eval('.draft-values tbody tr', (trs) => trs
    .filter((tr) => /Fields of expertise|Competences/.test(tr.cells[0].textContent))
    .map((tr) => tr.querySelector('td code').textContent));
  const sparseChips = await editor.$$eval('.chosen .chip code', (els) => els.map((e) => e.textContent));
  t.ok(JSON.stringify([...sparseChips].sort()) === JSON.stringify([...sparseCodes].sort()),
       'the codes chosen are the second draft\'s alone', { sparseCodes, sparseChips });
  t.eq(await editor.$$eval('.lang-row', (r) => r.length), 1, 'one working language row, the second draft\'s');
  t.eq(await value(editor, '#tor-assistance'), 'A.02', 'what no draft fills (the assistance type) is kept');
  const sparsePanel = await t.text(editor, '.draft-review');
  t.ok(/Not found in the document: .*Team size.*From.*To/.test(sparsePanel),
       'what was not found is named by the form\'s labels', sparsePanel);
  const link = await editor.$eval('.draft-missing a', (a) => [a.textContent, a.getAttribute('href')]);
  await editor.click('.draft-missing a');
  t.eq(`#${await editor.evaluate(() => document.activeElement.id)}`, link[1],
       `a missing value's name ("${link[0]}") takes the focus to its control`);

  // ---- documents that cannot be read ----
  const before = t.pageErrors.length;
  await readDocument(editor, latin1);
  await editor.waitForSelector('#tor-document-error');
  const refused = await t.text(editor, '#tor-document-error');
  t.ok(refused.includes('The document was not read.') && refused.includes('ancien-format.txt: not valid UTF-8 at byte offset 15: save it as UTF-8'),
       'a document that is not UTF-8: the service\'s message is shown', refused);
  t.ok(refused.includes('fill in the form below by hand'), 'the officer is told what to do instead', refused);
  t.ok(await editor.evaluate(() => {
    const input = document.activeElement;
    return input.id === 'tor-document' && input.getAttribute('aria-invalid') === 'true' &&
           input.getAttribute('aria-describedby').split(' ').includes('tor-document-error') &&
           document.getElementById('tor-document-error').getAttribute('role') === 'alert';
  }), 'the error is announced (role alert), tied to the file input, which takes the focus');
  t.eq(expected(t, before, 422), 1, 'the service refused it with 422');
  t.ok((await value(editor, '#tor-title')).startsWith('Appui à la réforme'), 'a refused document leaves the form as it was');
  await t.axe(editor, 'the form with a document refused');
  t.eq(t.axeLog.at(-1).violations.length, 0, 'axe finds no violation at all with the document refused');
  await editor.$eval('.draft-step', (el) => el.scrollIntoView({ block: 'start' }));
  await t.shot(editor, 'requests-draft-refused');

  await readDocument(editor, empty);
  await editor.waitForFunction(() => (document.getElementById('tor-document-error') || {}).textContent
    ?.includes('vide.md is empty'));
  t.ok((await t.text(editor, '#tor-document-error')).includes('choose the document the partner sent'),
       'an empty document is refused in words', await t.text(editor, '#tor-document-error'));

  await editor.close();
  rmSync(dir, { recursive: true, force: true });
}
