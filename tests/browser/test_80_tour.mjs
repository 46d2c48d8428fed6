// Every page once, as an officer goes through them, with checks that hold
// at any roster size: so the same file runs on the tests' 1,000 experts and
// on a large roster (`BROWSER_EXPERTS=100000 node tests/browser/run.mjs
// tests/browser/test_80_tour.mjs`). Each page: drawn, no sideways overflow,
// axe, a screenshot (tour-*.png), and the time until it was usable.
import { readFileSync } from 'node:fs';

export default async function (t) {
  const tor = JSON.parse(readFileSync('corpus/tors/2019-27-haiti.json', 'utf8'));
  t.run(['request', 'add', '-'], JSON.stringify({ ...tor, action: 'TOUR-1' }));
  const page = await t.signIn('editor', '/search');
  const n = t.experts.toLocaleString('en');

  async function visit(path, name, check) {
    await t.go(page, path);
    await page.waitForFunction(() => performance.getEntriesByName('roster:drawn').length > 0);
    const ms = await page.evaluate(() => performance.getEntriesByName('roster:drawn')[0].startTime);
    t.note(`${path} usable after ${ms.toFixed(0)} ms at ${n} experts`);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
    t.ok(!wide, `${name}: nothing overflows sideways at ${n} experts`);
    if (check) await check();
    await t.axe(page, `${name} at ${n} experts`);
    await t.shot(page, `tour-${name}`);
  }

  await visit('/search', 'search', async () => {
    const total = await t.text(page, 'main');
    t.ok(total.includes(n), `the landing search counts all ${n} experts`);
    const chips = await page.$$eval('main button.chip', (b) => b.length);
    t.ok(chips > 0 && chips < 120, `facet lists are collapsed (${chips} chips shown)`);
    t.ok(/Show all \d+/.test(total), 'a long facet list offers to show all');
    t.ok(/Next/.test(total), 'results are paged');
  });
  await visit('/search?q=field:E.10%20lang:fr%3E%3DB2&page=2', 'search-page-2', async () => {
    const links = await page.$$eval('main a[href^="/experts/"]', (a) => a.length);
    t.ok(links > 0 && links <= 20, `page 2 shows at most 20 experts (${links})`);
  });
  const first = await page.$eval('main a[href^="/experts/"]', (a) => a.getAttribute('href'));
  await visit(first, 'expert', async () => {
    t.ok((await t.text(page, 'h1')).length > 0, 'the expert page names the expert');
  });
  await visit('/requests', 'requests', async () => {
    t.ok(await page.$('main form') !== null, 'the editor finds the request form');
  });
  await visit('/requests/TOUR-1', 'request', async () => {
    const cards = await page.$$eval('main .card', (c) => c.length);
    t.ok(cards >= 1, `the request page shows its teams (${cards} cards)`);
  });
  await visit('/requests/TOUR-1/print', 'print');
  await visit('/report', 'report', async () => {
    t.ok(await page.$('main svg') !== null, 'the report draws its charts');
  });
  await visit('/import', 'import', async () => {
    t.ok(await page.$('main input[type=file]') !== null, 'the import page takes a file');
  });
  await page.browserContext().close();
}
