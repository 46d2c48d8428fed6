// The SEARCH page: a search by code with labels, facet chips that add and
// lift filters (counts and address following), back and forward, a query
// error with its suggestion applied, zero results with what to lift, the
// completion combobox by keyboard, pagination, the long facet lists
// collapsed, a page past the last; Escape that never empties the box; the
// "Skip to results" link; on a narrow screen the results first, the facets
// folded into one disclosure; axe and a screenshot of each state.

// The total the command line gives for a query.
function total(t, q) {
  return JSON.parse(t.run(['search', '--json', '--limit', '0', '--', q])).total;
}

// Run `act` and wait for the search it starts to be drawn: the "Searching…"
// gone, the network idle, and (when asked) the address changed.
async function settle(t, page, act, { urlChanges = true } = {}) {
  const before = page.url();
  await act();
  if (urlChanges) await page.waitForFunction((b) => location.href !== b, {}, before);
  await page.waitForNetworkIdle({ idleTime: 100 });
  await t.drawn(page);
}

const heading = (page) => page.$eval('#results-title', (el) => el.textContent.trim());
const query = (page) => page.$eval('#q', (el) => el.value);
const addressQuery = (page) => new URL(page.url()).searchParams.get('q');
const resultIds = (page) => page.$$eval('.results-list > li .result-id', (els) => els.map((e) => e.textContent));
const facetText = (page, key) => page.$eval(`#facet-${key}`, (el) => el.textContent.replace(/\s+/g, ' '));
const pressed = (page, term) => page.$eval(`.chip[data-term="${term}"]`, (el) => el.getAttribute('aria-pressed'))
  .catch(() => null);
// Chromium logs an answer of 400 or 404 as a console error; where the test
// provokes one on purpose (a query error), it is taken off the list of page
// errors the harness checks at the end, and only that one.
function expected(t, from, status) {
  const mine = t.pageErrors.slice(from).filter((e) => e.includes(`status of ${status}`));
  t.pageErrors.splice(from, t.pageErrors.length - from,
    ...t.pageErrors.slice(from).filter((e) => !mine.includes(e)));
  return mine.length;
}

// The browser asks for /favicon.ico once, on its first page; the service
// has none (404). A page opened without the harness's console listener
// takes that request, so it is not counted against the search page.
async function warmUp(t) {
  const context = await t.browser.createBrowserContext();
  await (await context.newPage()).goto(`${t.url}/login`, { waitUntil: 'networkidle0' });
  await context.close();
}

const experts = (n) => `${n.toLocaleString('en')} ${n === 1 ? 'expert' : 'experts'}`;

export default async function (t) {
  await warmUp(t);
  const page = await t.signIn('viewer', '/search?q=field%3AE.10');
  await t.drawn(page);

  // ---- a search by code ----
  const e10 = total(t, 'field:E.10');
  t.ok((await heading(page)).startsWith(experts(e10)), `field:E.10 finds ${e10} experts, as the command line does`, await heading(page));
  t.eq(await query(page), 'field:E.10', 'the query box holds the query of the address');
  const first = await page.$eval('.results-list > li', (li) => ({
    link: li.querySelector('h3 a').getAttribute('href'),
    dt: [...li.querySelectorAll('dt')].map((d) => d.textContent),
    codes: [...li.querySelectorAll('.codes .coded')].map((c) => c.textContent),
    score: Boolean(li.querySelector('.score')),
  }));
  t.ok(/^\/experts\/EXP-\d+$/.test(first.link), 'a result links to its expert page', first.link);
  t.ok(first.codes.length > 0 && first.codes.every((c) => c.startsWith('E.10')),
    'a result shows the codes that answer the query', first.codes);
  t.ok(first.codes.some((c) => /^E\.10(\.\d+)? \S/.test(c)), 'the codes come with their labels', first.codes);
  t.ok(['Nationality', 'Languages', 'Sector'].every((d) => first.dt.some((x) => x.startsWith(d))),
    'a result shows nationality, languages and sector', first.dt);
  t.ok(!first.score, 'a query of filters only shows no score');
  const langs = await page.$eval('.results-list > li dd.wide', (el) => el.textContent);
  t.ok(/[A-Z][a-z]+ \((A1|A2|B1|B2|C1|C2|native)\)/.test(langs), 'languages are named, with their levels', langs);
  t.ok(await page.$eval('main', (m) => m.scrollWidth <= m.clientWidth), 'nothing overflows the page sideways');
  await t.axe(page, 'the search page (field:E.10)');
  await t.shot(page, 'search');

  // ---- "Skip to results": from the query box, past the facets ----
  const order = await page.evaluate(() => {
    const skip = document.querySelector('.skip-results');
    const before = (a, b) => Boolean(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
    return skip && { first: before(skip, document.querySelector('.facet .chip')),
                     results: before(document.querySelector('.facet .chip'), document.querySelector('.results-list')),
                     hidden: skip.getBoundingClientRect().width <= 1 };
  });
  t.ok(order && order.first && order.results && order.hidden,
    'a "Skip to results" link, out of sight, comes before the facet chips (the results after them)', order);
  await page.focus('#q');
  let tabs = 0;
  while (tabs < 10 && !(await page.evaluate(() => document.activeElement.classList.contains('skip-results')))) {
    await page.keyboard.press('Tab');
    tabs++;
  }
  t.ok(tabs <= 3, `the link is a few Tabs from the query box (${tabs})`, tabs);
  t.ok(await page.$eval('.skip-results', (a) => a.getBoundingClientRect().width > 20 && a.textContent === 'Skip to results'),
    'it shows when it has the focus');
  await t.shot(page, 'search-skip');
  const hrefBefore = page.url();
  await page.keyboard.press('Enter');
  t.ok(await page.$eval('#results-title', (el) => el === document.activeElement) && page.url() === hrefBefore,
    'Enter on it moves the focus to the results heading, the address unchanged');
  await page.keyboard.press('Tab');
  t.ok(await page.evaluate(() => document.activeElement === document.querySelector('.results-list > li h3 a')),
    'the next Tab reaches the first result');

  // ---- a facet chip adds its filter, again lifts it ----
  const withFr = total(t, 'field:E.10 nat:FR');
  const langBefore = await facetText(page, 'language');
  t.eq(await pressed(page, 'nat:FR'), 'false', 'the France chip is not pressed before');
  await settle(t, page, () => page.click('.chip[data-term="nat:FR"]'));
  t.ok((await heading(page)).startsWith(experts(withFr)), `the France chip narrows to ${withFr} experts`, await heading(page));
  t.eq(await query(page), 'field:E.10 nat:FR', 'the chip put its term in the query box');
  t.eq(addressQuery(page), 'field:E.10 nat:FR', 'the address holds the new query');
  t.eq(await pressed(page, 'nat:FR'), 'true', 'the France chip is pressed');
  t.ok((await facetText(page, 'language')) !== langBefore, 'the language counts follow the filter');
  t.ok(await page.$eval('.chip[data-term="nat:FR"]', (el) => el === document.activeElement),
    'the focus stays on the chip pressed');
  await t.axe(page, 'the search page with a facet chip pressed');
  await t.shot(page, 'search-facet');
  await settle(t, page, () => page.keyboard.press('Enter'));
  t.ok((await heading(page)).startsWith(experts(e10)), 'pressing the chip again lifts the filter', await heading(page));
  t.eq(addressQuery(page), 'field:E.10', 'the address is back to the query without it');
  t.eq(await pressed(page, 'nat:FR'), 'false', 'the France chip is no longer pressed');

  // ---- back and forward ----
  await settle(t, page, () => page.goBack());
  t.eq(await query(page), 'field:E.10 nat:FR', 'Back brings the filtered query back in the box');
  t.ok((await heading(page)).startsWith(experts(withFr)), 'and its results', await heading(page));
  await settle(t, page, () => page.goForward());
  t.ok((await heading(page)).startsWith(experts(e10)), 'Forward goes to the later state again', await heading(page));

  // ---- a query error and its suggestion ----
  await page.click('#q', { clickCount: 3 });
  await page.keyboard.press('Backspace');
  await page.type('#q', 'feild:E.10');
  const errorsBefore = t.pageErrors.length;
  await settle(t, page, () => page.keyboard.press('Enter'));
  t.eq(expected(t, errorsBefore, 400), 1, 'the service answered the query error with a 400');
  const alert = await t.text(page, '.query-problem [role="alert"]');
  t.ok(alert.includes("unknown prefix 'feild:'") && alert.includes("did you mean 'field:'"),
    "a query error shows the parser's message as an alert", alert);
  t.eq(await page.$eval('#q', (el) => el.getAttribute('aria-invalid')), 'true', 'the query box is marked invalid');
  t.eq(await t.text(page, '.apply-fix'), 'field:E.10', 'the suggestion is offered as the corrected query');
  await t.axe(page, 'the search page with a query error');
  await t.shot(page, 'search-error');
  await settle(t, page, () => page.click('.apply-fix'));
  t.eq(await query(page), 'field:E.10', 'applying the suggestion puts the corrected query in the box');
  t.ok((await heading(page)).startsWith(experts(e10)) && !(await page.$('.query-problem [role="alert"]')),
    'and searches it, the error gone', await heading(page));

  // ---- zero results, and what to lift ----
  const candidates = ['field:E.10 nat:IT sector:academic gender:X', 'field:E.10 nat:DE gender:X',
    'field:E.10 nat:LU gender:X'];
  const liftable = (q) => q.split(' ').some((x) => total(t, q.split(' ').filter((y) => y !== x).join(' ')) > 0);
  const zero = candidates.find((q) => total(t, q) === 0 && liftable(q));
  t.ok(zero !== undefined, 'a query with no result is at hand', candidates);
  await settle(t, page, () => page.goto(`${t.url}/search?q=${encodeURIComponent(zero)}`, { waitUntil: 'networkidle0' }));
  t.ok((await heading(page)).startsWith('0 experts'), 'zero results are said', await heading(page));
  const lifts = await page.$$eval('.lifts li', (lis) => lis.map((li) => ({
    term: li.querySelector('code').textContent, text: li.textContent, link: Boolean(li.querySelector('a')),
  })));
  const terms = zero.split(' ');
  t.eq(lifts.length, terms.length, 'each term of the query is offered to lift');
  const wrong = lifts.filter((l) => {
    const n = total(t, terms.filter((x) => x !== l.term).join(' '));
    return !l.text.includes(n ? experts(n) : 'still none') || l.link !== (n > 0);
  });
  t.ok(wrong.length === 0, 'each says how many experts lifting it gives, as a link when some', wrong);
  await t.axe(page, 'the search page with no result');
  await t.shot(page, 'search-zero');
  const best = lifts[0];
  await settle(t, page, () => page.click('.lifts li a'));
  t.ok(!(await query(page)).includes(best.term) && !(await heading(page)).startsWith('0 '),
    'following a lift link removes that term and finds experts', await query(page));

  // Free words, one repeated: each offered once, and lifting it lifts
  // every occurrence.
  const word = ['pension', 'security', 'social'].find((w) => total(t, w) > 0);
  const repeated = `${word} ${word} xqzv`;
  await settle(t, page, () => page.goto(`${t.url}/search?q=${encodeURIComponent(repeated)}`, { waitUntil: 'networkidle0' }));
  const liftsRepeated = await page.$$eval('.lifts li', (lis) => lis.map((li) => li.textContent));
  t.ok(liftsRepeated.length === 2 && liftsRepeated.includes(`Without xqzv: ${experts(total(t, `${word} ${word}`))}`),
    'a repeated word is offered to lift once', liftsRepeated);
  t.ok(liftsRepeated.some((l) => l === `Without ${word}: still none`), 'lifting it lifts each of its occurrences', liftsRepeated);
  // Several words, none of which lifted finds anyone: said once, and the
  // words joined with OR offered instead.
  const words = `${word} xqzv xqzv qwzy`;
  const anyQuery = `${word} OR xqzv OR qwzy`;
  t.ok(total(t, words) === 0 && total(t, anyQuery) > 0, 'a query of words, none of which can be lifted, is at hand', words);
  await settle(t, page, () => page.goto(`${t.url}/search?q=${encodeURIComponent(words)}`, { waitUntil: 'networkidle0' }));
  const help = await page.$eval('.results-body', (el) => ({
    text: el.textContent, lifts: el.querySelectorAll('.lifts li').length,
    codes: [...el.querySelectorAll('.lift-none code')].map((c) => c.textContent),
    any: el.querySelector('a.any-words')?.textContent,
  }));
  t.ok(help.lifts === 0 && (help.text.match(/still finds none/g) || []).length === 1 && !help.text.includes('Without'),
    'that lifting any one term finds none is said once, not term by term', help.text);
  t.eq(help.codes.join(' '), `${word} xqzv qwzy`, 'it names each term once');
  t.eq(help.any, anyQuery, 'it offers the words joined with OR');
  await t.axe(page, 'the search page with no result and words to join with OR');
  await t.shot(page, 'search-zero-words');
  await settle(t, page, () => page.click('a.any-words'));
  t.eq(await query(page), anyQuery, 'following it searches any of the words');
  t.ok((await heading(page)).startsWith(experts(total(t, anyQuery))), 'and finds their experts', await heading(page));

  // ---- completion ----
  await page.click('#q', { clickCount: 3 });
  await page.keyboard.press('Backspace');
  await page.type('#q', 'field:E.1');
  await page.waitForSelector('#q-options:not([hidden]) [role="option"]');
  const options = await page.$$eval('#q-options [role="option"]', (os) => os.map((o) => o.textContent));
  t.ok(options.length > 0 && options.every((o) => o.startsWith('E.1')), 'typing field:E.1 offers the E.1… codes', options);
  t.ok(options.includes('E.10 Social Security'), 'with their English labels', options);
  t.eq(await page.$eval('#q', (el) => el.getAttribute('aria-expanded')), 'true', 'the combobox says it is expanded');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const active = await page.$eval('#q', (el) => {
    const o = document.getElementById(el.getAttribute('aria-activedescendant'));
    return o && { code: o.querySelector('code').textContent, selected: o.getAttribute('aria-selected') };
  });
  t.ok(active && active.selected === 'true', 'arrow keys move the active option (aria-activedescendant)', active);
  await t.axe(page, 'the search page with the completion open');
  await t.shot(page, 'search-completion');
  await page.keyboard.press('Enter');
  t.eq(await query(page), `field:${active.code}`, 'Enter accepts the active option into the box');
  t.eq(await page.$eval('#q', (el) => el.getAttribute('aria-expanded')), 'false', 'and closes the list');
  t.ok(new URL(page.url()).searchParams.get('q') !== `field:${active.code}`, 'accepting does not search yet');
  await page.type('#q', ' la');
  await page.waitForSelector('#q-options:not([hidden]) [role="option"]');
  t.eq(await page.$eval('#q-options [role="option"] code', (el) => el.textContent), 'lang:',
    'a bare word offers the prefixes it starts');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Tab');
  await page.type('#q', 'fr');
  await page.waitForFunction(() => document.querySelector('#q-options code')?.textContent.startsWith('fr>='));
  const levels = await page.$$eval('#q-options [role="option"] code', (os) => os.map((o) => o.textContent));
  t.ok(levels.includes('fr>=C1'), 'after lang:fr the levels are offered', levels);
  const typed = await query(page);
  await page.keyboard.press('Escape');
  t.ok(await page.$eval('#q-options', (el) => el.hidden), 'Escape closes the list');
  t.eq(await query(page), typed, 'and leaves the query as it was');
  await page.keyboard.press('Escape');
  t.eq(await query(page), typed, 'Escape with no list open does not empty the query box either');
  await settle(t, page, () => page.keyboard.press('Enter'));
  const combined = total(t, `field:${active.code} lang:fr`);
  t.ok((await heading(page)).startsWith(experts(combined)), 'Enter with the list closed searches', await heading(page));

  // ---- the landing page, long facets, pagination ----
  await settle(t, page, () => page.goto(`${t.url}/search`, { waitUntil: 'networkidle0' }));
  const all = total(t, '');
  t.ok((await heading(page)).startsWith(experts(all)), 'the empty query lists every expert', await heading(page));
  const nat = await page.$$eval('#facet-nationality .chip', (cs) => cs.length);
  t.ok(nat <= 8, 'a long facet shows its top values only', nat);
  await page.click('#facet-nationality ~ .facet-toggle');
  const natAll = await page.$$eval('#facet-nationality .chip', (cs) => cs.length);
  t.ok(natAll > 8 && (await page.$eval('#facet-nationality ~ .facet-toggle', (b) => b.getAttribute('aria-expanded'))) === 'true',
    '"Show all" lists every value', natAll);
  await page.click('#facet-nationality ~ .facet-toggle');
  const ids1 = await resultIds(page);
  t.eq(ids1.length, 20, 'twenty experts a page');
  await settle(t, page, () => page.click('.pager-next'));
  t.eq(new URL(page.url()).searchParams.get('page'), '2', 'Next goes to page=2 in the address');
  const ids2 = await resultIds(page);
  t.ok(ids2.length === 20 && ids2.every((id) => !ids1.includes(id)), 'page 2 shows other experts', ids2);
  t.eq(await t.text(page, '.pager a[aria-current="page"]'), '2', 'the pager marks page 2 as current');
  t.ok(await page.$eval('#results-title', (el) => el === document.activeElement), 'the focus moves to the results');
  t.eq(await page.$eval('.results-list', (ol) => ol.getAttribute('start')), '21', 'the list counts on from 21');
  await t.axe(page, 'page 2 of every expert');
  await t.shot(page, 'search-page-2');
  await settle(t, page, () => page.click('.pager a[aria-label="Page 1"]'));
  t.ok(new URL(page.url()).searchParams.get('page') === null &&
    JSON.stringify(await resultIds(page)) === JSON.stringify(ids1), 'page 1 again shows the first experts');

  // ---- a page past the last ----
  const lastPage = Math.ceil(all / 20);
  await settle(t, page, () => page.goto(`${t.url}/search?page=999`, { waitUntil: 'networkidle0' }));
  t.ok(!(await heading(page)).includes('999') && (await heading(page)).startsWith(experts(all)),
    'past the last page, the heading does not say "page 999 of …"', await heading(page));
  const noPage = await t.text(page, '.results-body');
  t.ok(noPage.includes(`There is no page 999: the results have ${lastPage} pages`),
    'it says there is no such page and how many there are', noPage);
  await t.shot(page, 'search-past-last');
  await settle(t, page, () => page.click('.results-body a.last-page'));
  t.eq(new URL(page.url()).searchParams.get('page'), String(lastPage), 'its link goes to the last page');
  t.ok((await heading(page)).includes(`page ${lastPage} of ${lastPage}`) && (await resultIds(page)).length > 0,
    'which shows its experts', await heading(page));

  // ---- a narrow screen: the results first, the facets folded ----
  await page.setViewport({ width: 390, height: 800 });
  await settle(t, page, () => page.goto(`${t.url}/search?q=${encodeURIComponent('field:E.10 nat:FR')}`, { waitUntil: 'networkidle0' }));
  const narrow = await page.evaluate(() => {
    const toggle = document.querySelector('.refine-toggle');
    const chip = document.querySelector('.facet .chip');
    return {
      toggle: toggle && toggle.getBoundingClientRect().height > 0 ? toggle.textContent : null,
      expanded: toggle && toggle.getAttribute('aria-expanded'),
      chips: chip ? chip.getBoundingClientRect().height : -1,
      firstResult: document.querySelector('.results-list > li').getBoundingClientRect().top,
      overflow: document.documentElement.scrollWidth > innerWidth,
    };
  });
  t.eq(narrow.toggle, 'Refine (2 filters)', 'on a narrow screen the facets fold into "Refine (N filters)"');
  t.ok(narrow.expanded === 'false' && narrow.chips === 0, 'closed at first, its chips out of sight and out of the Tab order', narrow);
  t.ok(narrow.firstResult < 600 && !narrow.overflow, 'so the first result is above the fold', narrow);
  await t.axe(page, 'the search page on a narrow screen');
  await t.shot(page, 'search-narrow');
  await page.click('.refine-toggle');
  t.ok(await page.$eval('.refine-toggle', (b) => b.getAttribute('aria-expanded')) === 'true' &&
    await page.$eval('.chip[data-term="nat:FR"]', (c) => c.getBoundingClientRect().height > 0 && c.getAttribute('aria-pressed') === 'true'),
    'opening it shows the facets, the filters on pressed');
  await settle(t, page, () => page.click('.chip[data-term="nat:FR"]'));
  t.eq(await page.$eval('.refine-toggle', (b) => b.textContent), 'Refine (1 filter)', 'lifting a filter updates the count');
  t.ok(await page.$eval('.refine-toggle', (b) => b.getAttribute('aria-expanded')) === 'true' &&
    await page.$eval('.chip[data-term="nat:FR"]', (c) => c === document.activeElement),
    'the facets stay open, the focus on the chip');
  await t.axe(page, 'the search page on a narrow screen, the facets open');
  await t.shot(page, 'search-narrow-open');

  await page.browserContext().close();
}
