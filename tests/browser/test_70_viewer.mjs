// A viewer finds no editor action anywhere: no Import in the bar, /import
// says it needs an editor, and the expert page (no Forget, no Export), the
// requests page (no form for a new request) and a request's page (no Assign)
// offer none. Controls are found by their visible text, so the check holds
// whatever the pages' markup. Screenshots of each.
import { resolve } from 'node:path';

// Buttons and links of <main> whose text or label names an editor action.
async function editorActions(page) {
  return page.$$eval('main button, main a, main [role="button"], main input[type="submit"]', (els) =>
    els.map((e) => (e.textContent || e.value || e.getAttribute('aria-label') || '').trim())
      .filter((s) => /\b(forget|export|assign|new request|store|save|import|delete|upload)\b/i.test(s)));
}

// The page of a module that exists: drawn with its h1, not the router's
// "Something went wrong" (a module not written yet is said, not failed).
async function drawnPage(t, page, path, module) {
  const there = await page.evaluate(async (m) => (await fetch(`/assets/${m}`)).ok, module);
  if (!there) {
    t.note(`${module} is not served yet: ${path} not checked`);
    return false;
  }
  await t.go(page, path);
  const h1 = await t.text(page, 'main h1');
  t.ok(h1 && h1 !== 'Something went wrong', `${path} is drawn for a viewer`, h1);
  return true;
}

export default async function (t) {
  const none = (found, what) => t.ok(found.length === 0, what, found);
  const page = await t.signIn('viewer', '/search');
  await t.drawn(page);
  const nav = await page.$$eval('header.top nav a', (as) => as.map((a) => a.textContent.trim()));
  t.ok(nav.includes('Search') && nav.includes('Report') && !nav.includes('Import'),
       'the bar of a viewer has no Import link', nav);
  t.ok(await page.$('a[href="/import"]') === null, 'no link to /import anywhere on the page');

  await t.go(page, '/import');
  t.ok((await t.text(page, 'main')).includes('Importing needs an editor account'),
       '/import tells a viewer that importing needs an editor account');
  t.ok(await page.$('main form') === null && await page.$('input[type=file]') === null,
       '/import has no form for a viewer');
  none(await editorActions(page), '/import offers a viewer no action');
  await t.axe(page, '/import for a viewer');
  await t.shot(page, 'viewer-import');

  // An expert's page.
  const first = await page.evaluate(async () =>
    (await (await fetch('/api/search?q=&limit=1')).json()).results[0].id);
  if (await drawnPage(t, page, `/experts/${encodeURIComponent(first)}`, 'expert.js')) {
    none(await editorActions(page), 'the expert page has no Forget or Export for a viewer');
    await t.shot(page, 'viewer-expert');
  }

  // The requests: one stored (by the command line) when there is none.
  let requests = await page.evaluate(async () => (await fetch('/api/requests')).json());
  const list = (r) => (Array.isArray(r) ? r : r.requests || []);
  if (!list(requests).length) {
    t.run(['request', 'add', resolve('tests/fixtures/tors/haiti.json')]);
    requests = await page.evaluate(async () => (await fetch('/api/requests')).json());
  }
  if (await drawnPage(t, page, '/requests', 'requests.js')) {
    none(await editorActions(page), 'the requests page has no New request or Store for a viewer');
    t.ok(await page.$('main textarea') === null && await page.$('main input[type=file]') === null,
         'the requests page has no form for a new request');
    await t.shot(page, 'viewer-requests');
  }
  const action = list(requests)[0].action;
  if (await drawnPage(t, page, `/requests/${encodeURIComponent(action)}`, 'request.js')) {
    none(await editorActions(page), 'a request\'s page has no Assign for a viewer');
    await t.shot(page, 'viewer-request');
  }

  // The same check finds the editor's actions where an editor is signed in,
  // so its silence above means something.
  const editor = await t.signIn('editor', `/experts/${encodeURIComponent(first)}`);
  await t.drawn(editor);
  const found = await editorActions(editor);
  t.ok(found.length > 0, "the check sees an editor's actions on the expert page", found);
  await editor.browserContext().close();

  // The report is a viewer's page too.
  await t.go(page, '/report');
  none(await editorActions(page), 'the report offers a viewer no editor action');
  await page.browserContext().close();
}
