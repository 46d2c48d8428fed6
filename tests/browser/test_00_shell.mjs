// The app's frame: sign-in, the bar with the account and its role, the
// address of a page kept across sign-in, the weight of the app's files.
export default async function (t) {
  const anon = await (await t.browser.createBrowserContext()).newPage();
  await anon.goto(t.url + '/search?q=field:E', { waitUntil: 'networkidle0' });
  t.ok(anon.url().includes('/login?next='), 'a page asked for without signing in leads to the sign-in form', anon.url());
  t.ok(await anon.$('label[for="token"]') !== null, 'the sign-in form labels its token field');
  await t.axe(anon, 'the sign-in page');
  await t.shot(anon, 'sign-in');
  await anon.type('#token', 'not-a-token');
  await Promise.all([anon.waitForNavigation(), anon.click('form button')]);
  t.ok((await t.text(anon, '[role="alert"]')).includes('Unknown token'), 'a wrong token is said so');
  await anon.browserContext().close();

  const page = await t.signIn('editor', '/search?q=field:E');
  await t.drawn(page);
  t.ok(new URL(page.url()).pathname === '/search', 'sign-in comes back to the address asked for', page.url());
  const bar = await t.text(page, 'header.top .account');
  t.ok(bar.includes('olga.editor') && bar.includes('editor'), 'the bar shows the account and its role', bar);

  // How soon pages are usable, from the start of navigation to drawn
  // (the app marks it), with the app's files in the browser's cache as an
  // officer's would be. Measured, not judged: speed is for make bench.
  for (const path of ['/search?q=field:E.10', '/search', '/report']) {
    const times = [];
    for (let i = 0; i < 5; i++) {
      await page.goto(t.url + path, { waitUntil: 'load' });
      await page.waitForFunction(() => performance.getEntriesByName('roster:drawn').length > 0);
      times.push(await page.evaluate(() => performance.getEntriesByName('roster:drawn')[0].startTime));
    }
    times.sort((a, b) => a - b);
    t.note(`${path} usable after ${times.map((x) => x.toFixed(0)).join(', ')} ms (median ${times[2].toFixed(0)})`);
  }

  // Every file of the app, by what the page loaded.
  const weights = await page.evaluate(async () => {
    const names = ['app.css', 'app.js', 'search.js', 'expert.js', 'requests.js', 'request.js',
                   'print.js', 'report.js', 'import.js'];
    const out = {};
    for (const n of names) {
      const r = await fetch('/assets/' + n);
      if (r.ok) out[n] = (await r.arrayBuffer()).byteLength;
    }
    return out;
  });
  const total = Object.values(weights).reduce((a, b) => a + b, 0);
  t.note(`app files: ${JSON.stringify(weights)}, ${total} bytes in all`);
  t.ok(total < 256 * 1024, `the app's files weigh ${total} bytes, well under 500 KB (at most 256 KB)`);
  await page.browserContext().close();
}
