// The IMPORT page (/import): a CSV with a bad record refused with its
// `line: field: problem` table and nothing stored; the same file with
// "Skip bad records" storing the good one; a JSON Lines file of two new
// experts imported and found by /api/search; a Europass CV and a JSON
// Resume, each one expert named by its file; a file dropped on the drop
// zone; a file of a type the roster does not read; the upload's progress on
// the whole roster re-imported; axe and screenshots. The experts it adds are
// forgotten at its end.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export default async function (t) {
  const count = () => Number(t.run(['stats']).match(/^experts:\s+(\d+)/m)[1]);
  const page = await t.signIn('editor', '/import');
  await t.drawn(page);
  const search = (q) => page.evaluate(async (query) =>
    (await fetch(`/api/search?q=${encodeURIComponent(query)}&limit=10`)).json(), q);
  const result = async () => {
    await page.waitForFunction(() => {
      const r = document.querySelector('.import-result');
      return r && r.children.length && !r.hasAttribute('aria-busy');
    });
    return t.text(page, '.import-result');
  };
  const importFile = async (path, skipBad) => {
    await page.evaluate(() => { document.querySelector('.import-result').replaceChildren(); });
    await (await page.$('input[type=file]')).uploadFile(path);
    if ((await page.$eval('#import-skip', (e) => e.checked)) !== skipBad) await page.click('#import-skip');
    await page.click('.import-form button[type=submit]');
    return result();
  };

  t.eq(await page.title(), 'Import — roster', 'the import page has its title');
  t.ok(await page.$('label[for="import-file"]') !== null && await page.$('label[for="import-skip"]') !== null,
       'the file input and the "Skip bad records" box are labelled');
  t.ok((await t.text(page, '#import-skip-hint')).includes('nothing'), '"Skip bad records" is explained');
  t.ok(await page.$('label[for="import-progress"]') !== null, 'the progress bar is labelled');
  await t.axe(page, 'the import form');
  await t.shot(page, 'import');

  // ---- a CSV with a bad record: refused, line by line, nothing stored ----
  const header = readFileSync('tests/fixtures/experts.csv', 'utf8').split('\n')[0];
  const bad = join(t.dir, 'web-bad.csv');
  writeFileSync(bad, `${header}\n` +
    'WEB-0001,Ana Quetzalbrook,F,Spain,ES,public,Ministerio de Trabajo,es:native;en:C1,E.10,2.1,' +
    'Pension reform specialist.,en,2020-01-01,\n' +
    'WEB-0002,Bruno Quetzalbrook,Q,Narnia,ES,public,Ministerio,es:native,E.10,2.1,Social security.,en,2020-01-01,\n');
  const before = count();
  const logged = t.pageErrors.length;
  let text = await importFile(bad, false);
  // Chromium logs the refusal asked for (422) as a failed resource: it is
  // this step's answer, not a fault of the page.
  const refusal = t.pageErrors.splice(logged);
  t.ok(refusal.every((e) => e.includes('status of 422')), 'the only message logged is the 422 asked for', refusal);
  t.ok(text.includes('Nothing was stored'), 'a file with a bad record: "Nothing was stored"', text);
  const rows = await page.$$eval('.import-result table tbody tr', (trs) =>
    trs.map((tr) => [...tr.cells].map((c) => c.textContent.trim())));
  t.ok(rows.some(([line, field, problem]) => line === '3' && field === 'gender' && problem.includes("'Q'")) &&
       rows.some(([line, field, problem]) => line === '3' && field === 'nationalities[0]' && problem.includes('Narnia')),
  'the problems are listed as line, field, problem', rows);
  t.ok(text.includes('Skip bad records'), 'the refusal points to "Skip bad records"');
  t.eq(count(), before, 'nothing was stored (stats)');
  t.eq((await search('Quetzalbrook')).total, 0, 'nothing was stored (search)');
  t.ok(await page.evaluate(() => document.activeElement.classList.contains('import-result')),
       'the focus moves to the answer');
  await t.axe(page, 'the import page with a refused file');
  await t.shot(page, 'import-refused');

  // ---- the same file, bad records skipped ----
  text = await importFile(bad, true);
  t.ok(text.includes('1 expert imported'), '"Skip bad records": "1 expert imported"', text);
  t.ok(text.includes('1 of 2 records skipped') && text.includes("'Q'"),
       'the skipped record is said, with its problems', text);
  t.ok(text.includes('This record was bad') && !text.includes('1 experts') && !/\b1 (records|problems)\b/.test(text),
       'one record, one expert: said in the singular', text);
  t.ok(await page.waitForFunction(() => (document.getElementById('announce')?.textContent || '') === '1 expert imported.')
    .then(() => true, () => false), 'the live region says "1 expert imported."');
  t.eq(count(), before + 1, 'the good record is stored');
  const found = await search('Quetzalbrook');
  t.ok(found.total === 1 && found.results[0].id === 'WEB-0001', 'the good record is found, the bad one not', found);
  await t.shot(page, 'import-skipped');

  // ---- JSON Lines with two new experts ----
  const good = join(t.dir, 'web-good.jsonl');
  const expert = (id, name, nat) => JSON.stringify({
    id, name, gender: 'F', nationalities: [nat], status: 'public', languages: [{ code: 'en', level: 'C1' }],
    fields: ['E.10'], competences: ['2.1'], summary: 'Zorvathian pension reform adviser.', cv_lang: 'en' });
  writeFileSync(good, `${expert('WEB-0101', 'Ines Zorvath', 'PT')}\n${expert('WEB-0102', 'Mira Zorvath', 'SI')}\n`);
  text = await importFile(good, false);
  t.ok(text.includes('2 experts imported') && text.includes('2 new, 0 updated'), '"2 experts imported", both new', text);
  t.ok(await page.$('.import-result a[href="/search"]') !== null, 'the answer links to search');
  const two = await search('Zorvath');
  t.eq(two.results.map((r) => r.id).sort().join(','), 'WEB-0101,WEB-0102', 'the two experts are found by /api/search');
  t.eq(count(), before + 3, 'the roster has them');
  await t.axe(page, 'the import page after an import');
  await t.shot(page, 'import-done');

  // ---- a file dropped on the drop zone ----
  await page.evaluate(() => {
    const line = JSON.stringify({ id: 'WEB-0201', name: 'Olek Dropwell', nationalities: ['PL'],
                                  languages: [{ code: 'pl', level: 'native' }], fields: ['E.10'] });
    const dt = new DataTransfer();
    dt.items.add(new File([line + '\n'], 'dropped.jsonl', { type: '' }));
    document.querySelector('.dropzone').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  t.ok((await t.text(page, '#import-chosen')).includes('dropped.jsonl'), 'a file dropped on the zone is chosen');
  await page.evaluate(() => { document.querySelector('.import-result').replaceChildren(); });
  await page.click('.import-form button[type=submit]');
  t.ok((await result()).includes('1 expert imported') && (await search('Dropwell')).total === 1,
       'the dropped file is imported');

  // ---- CVs as experts hold them: a Europass XML, a JSON Resume ----
  text = await importFile('tests/fixtures/cv/benedita-lobo.xml', false);
  t.ok(text.includes('1 expert imported'), 'a Europass CV is imported', text);
  t.ok((await search('id:benedita-lobo')).total === 1, 'its expert takes the file\'s name as id');
  text = await importFile('tests/fixtures/cv/tomas-arrieta.json', false);
  t.ok(text.includes('1 expert imported'), 'a JSON Resume is imported', text);
  t.ok((await search('id:tomas-arrieta')).total === 1, 'as the expert tomas-arrieta');
  t.ok(await page.waitForFunction(() => document.getElementById('import-chosen').textContent.includes('read as a JSON Resume'))
    .then(() => true, () => false), 'the chosen file is said to be read as a JSON Resume');
  await t.shot(page, 'import-cv');
  const badName = join(t.dir, 'CV of Ana.xml');
  writeFileSync(badName, readFileSync('tests/fixtures/cv/benedita-lobo.xml'));
  text = await importFile(badName, false);
  t.ok(text.includes('rename it') && text.includes('Nothing was sent'),
       'a CV whose file name is no id is not sent, and the page says why', text);

  // ---- a file the roster does not read: nothing is sent ----
  const sheet = join(t.dir, 'roster.xlsx');
  writeFileSync(sheet, 'PK not a sheet');
  await (await page.$('input[type=file]')).uploadFile(sheet);
  t.ok((await t.text(page, '#import-chosen')).includes('CSV UTF-8'), 'a spreadsheet is told to be saved as CSV');
  await page.evaluate(() => { document.querySelector('.import-result').replaceChildren(); });
  await page.click('.import-form button[type=submit]');
  t.ok((await result()).includes('nothing was sent'), 'and it is not sent');

  // ---- progress: the whole roster re-imported ----
  await page.evaluate(() => {
    window.seenProgress = [];
    new MutationObserver(() => {
      const box = document.querySelector('.upload-progress');
      if (!box.hidden) window.seenProgress.push(box.querySelector('label').textContent);
    }).observe(document.querySelector('.upload-progress'), { attributes: true, subtree: true, childList: true });
  });
  text = await importFile(join(t.dir, 'roster.jsonl'), false);
  t.ok(text.includes(`${t.experts.toLocaleString('en')} experts imported`) &&
       text.includes(`0 new, ${t.experts.toLocaleString('en')} updated`), 'the roster re-imported: all updated', text);
  const seen = await page.evaluate(() => window.seenProgress);
  t.ok(seen.some((s) => s.startsWith('Uploading roster.jsonl')), 'the upload shows its progress, labelled', seen.slice(0, 3));
  t.ok(await page.$eval('.upload-progress', (e) => e.hidden), 'the progress bar goes once the answer is in');
  await page.browserContext().close();

  // The roster as the other tests know it.
  t.run(['forget', 'WEB-0001', 'WEB-0101', 'WEB-0102', 'WEB-0201', 'benedita-lobo', 'tomas-arrieta']);
  t.eq(count(), before, 'the experts of this test are forgotten again');
}
