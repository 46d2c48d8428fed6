// The REPORT page (/report): headline numbers and charts that agree with
// /api/report, over-represented nationalities marked in text, the period
// in the address and its form, "Show all" nationalities, the half-years of
// concentration, the empty state, a bad period, axe and screenshots.
export default async function (t) {
  const page = await t.signIn('viewer', '/report');
  await t.drawn(page);
  const apiReport = (since) => page.evaluate(async (s) =>
    (await fetch('/api/report' + (s ? `?since=${s}` : ''))).json(), since);
  const headline = () => page.$$eval('[data-n]', (els) =>
    Object.fromEntries(els.map((e) => [e.dataset.n, Number(e.textContent.replace(/,/g, ''))])));
  const pct = (share) => `${(100 * share).toFixed(1)}%`;

  // ---- the default period: the last 12 months ----
  const r = await apiReport('');
  t.eq(await page.title(), 'Report — roster', 'the report has its title');
  t.eq(await page.$$eval('h1', (els) => els.length), 1, 'the report has one h1');
  const n = await headline();
  t.ok(n.experts === r.experts && n.mobilised === r.mobilised && n.missions === r.missions &&
       n.days === r.days, 'the headline numbers are those of /api/report', { page: n, api: r });
  t.ok(r.missions > 0, `the default period has missions (${r.missions}, ${r.days} days)`);
  t.ok((await t.text(page, '.period-text')).includes(r.period.since.slice(0, 4)),
       'the period is said in words', await t.text(page, '.period-text'));
  const charts = await page.$$eval('svg.chart', (els) => els.map((e) => ({
    role: e.getAttribute('role'), label: e.getAttribute('aria-label') || '',
    bars: e.querySelectorAll('rect').length })));
  t.eq(charts.length, 4, 'four charts: nationality, gender, sector, concentration by half-year');
  t.ok(charts.every((c) => c.role === 'img' && c.label.length > 40),
       'every chart is an image with a full text label', charts.map((c) => c.label.slice(0, 60)));
  t.eq(await page.$$eval('section.chart-section table', (els) => els.length), 4,
       'every chart has its table');

  // The nationality chart: days of the top nationalities, by name.
  const natLabel = charts[0].label;
  const top = r.nationality.slice(0, 15);
  const missing = top.filter((x) => !natLabel.includes(`${x.label}: ${pct(x.days_share)} of days, ` +
                                                      `${pct(x.experts_share)} of roster`));
  t.ok(missing.length === 0, "the nationality chart's shares of days and of the roster are the API's, by name",
       missing.map((x) => x.label));
  t.ok(!/\b[A-Z]{2}:/.test(natLabel), 'the nationality chart names countries, not codes');
  const drawn = await page.$$eval('#h-nationality ~ .chart-box svg text.label', (els) => els.map((e) => e.textContent));
  t.eq(drawn.slice(0, 15).join('|'), top.map((x) => x.label).join('|'),
       'the nationality chart is sorted by days');
  t.eq(drawn.length, 16, 'fifteen nationalities drawn, the others together in one bar');
  const tableDays = await page.$$eval('#nationality-table tbody tr', (trs) => trs.map((tr) =>
    [tr.dataset.key, Number(tr.cells[5].textContent.replace(/,/g, ''))]));
  t.ok(tableDays.length === r.nationality.length &&
       tableDays.every(([k, d], i) => k === r.nationality[i].key && d === r.nationality[i].days),
       "the nationality table's days are the API's, for every nationality");

  // Over-represented: text and a symbol, in the chart and in the table.
  const over = r.over_represented.nationalities;
  t.ok(over.length > 0, `the default period has over-represented nationalities (${over.map((o) => o.key)})`);
  const marks = await page.$$eval('#h-nationality ~ .chart-box svg text.mark', (els) => els.map((e) => e.textContent));
  t.ok(marks.length === over.length && marks.every((m) => m.startsWith('▲ over-represented')),
       'each over-represented nationality is marked "▲ over-represented" in the chart', marks);
  for (const o of over) {
    const row = await t.text(page, `#nationality-table tr[data-key="${o.key}"] th`);
    t.ok(row.includes(o.label) && row.includes('▲ over-represented') && row.includes(o.ratio.toFixed(2)),
         `${o.label} is marked over-represented in the table, with its ratio`, row);
  }
  const overText = await t.text(page, '.over-list');
  t.ok(over.every((o) => overText.includes(o.label)), 'the over-represented are listed in a sentence', overText);
  const notOver = r.nationality.find((x) => x.days_to_roster > 1.25 && !over.some((o) => o.key === x.key));
  if (notOver) {
    const row = await t.text(page, `#nationality-table tr[data-key="${notOver.key}"] th`);
    t.ok(!row.includes('over-represented'),
         `${notOver.label}, above the ratio on too few days, is not marked`, row);
  }

  // Gender and sector: the shares of the roster, of the mobilised, of days.
  const gender = charts[1].label;
  t.ok(r.gender.every((g) => gender.includes(`${g.label}: ${pct(g.experts_share)} of roster, ` +
                                            `${pct(g.mobilised_share)} of mobilised, ${pct(g.days_share)} of days`)),
       'the gender chart shows the shares of the roster, of the mobilised and of days', gender);
  t.ok(r.sector.every((g) => charts[2].label.includes(`${g.label}: ${pct(g.experts_share)} of roster`)),
       'the sector chart shows every sector');

  // "Show all": every nationality in the table.
  const visible = () => page.$$eval('#nationality-table tbody tr', (trs) => trs.filter((tr) => !tr.hidden).length);
  t.eq(await visible(), 15, 'the table shows the top 15 at first');
  await page.click('button[aria-controls="nationality-table"]');
  t.eq(await visible(), r.nationality.length, `"Show all" shows the ${r.nationality.length} nationalities`);
  t.eq(await page.$eval('button[aria-controls="nationality-table"]', (b) => b.getAttribute('aria-expanded')),
       'true', 'the toggle says it is expanded');
  await page.click('button[aria-controls="nationality-table"]');

  // Concentration by half-year: eight windows whose days add up.
  const trend = await page.$$eval('#trend-table tbody tr', (trs) => trs.map((tr) => ({
    name: tr.cells[0].textContent, days: Number(tr.cells[2].textContent.replace(/,/g, '')),
    top2: tr.cells[4].textContent })));
  t.eq(trend.length, 8, 'the concentration is shown for eight half-years');
  const startOf = (name) => `${name.slice(0, 4)}-${name.slice(6, 7) === '1' ? '01' : '07'}`;
  const since = startOf(trend[0].name);
  const all = await apiReport(since);
  t.eq(trend.reduce((s, w) => s + w.days, 0), all.days,
       `the half-years' days add up to the report since ${since}`);
  const last = await apiReport(startOf(trend[7].name));
  t.eq(trend[7].top2, last.days ? pct(last.concentration.top2_share) : '–',
       "the last half-year's top-2 share is the report's since its start");
  await t.axe(page, 'the report (last 12 months)');
  await t.shot(page, 'report');

  // ---- another period, by the form: the numbers and the address change ----
  await page.$eval('#report-since', (el) => {
    el.value = '2024-01-01';
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  t.ok(await page.$eval('input[name="preset"][value="since"]', (e) => e.checked),
       'giving a date picks "Since a date"');
  await page.click('.report-period button[type="submit"]');
  await t.drawn(page);
  t.eq(new URL(page.url()).search, '?since=2024-01-01', 'the period is in the address');
  const r24 = await apiReport('2024-01-01');
  const n24 = await headline();
  t.ok(n24.missions === r24.missions && n24.days === r24.days && n24.days !== n.days,
       `the numbers change with the period (${n.days} → ${n24.days} days)`, n24);
  t.ok((await page.$eval('svg.chart', (e) => e.getAttribute('aria-label')))
    .includes(`${r24.nationality[0].label}: ${pct(r24.nationality[0].days_share)} of days`),
  'the nationality chart follows the period');
  await t.shot(page, 'report-since-2024');

  await page.click('input[name="preset"][value="all"]');
  await page.click('.report-period button[type="submit"]');
  await t.drawn(page);
  t.eq(new URL(page.url()).search, '?since=all', '"All missions on record" is since=all in the address');
  t.eq((await headline()).missions, (await apiReport('all')).missions, 'all missions on record are counted');

  await page.goBack();
  await page.waitForFunction(() => location.search === '?since=2024-01-01');
  await t.drawn(page);
  t.eq((await headline()).days, r24.days, 'going back shows the period before');
  t.eq(await page.$eval('#report-since', (e) => e.value), '2024-01-01', 'and the form says it');

  // An address opened as it is, with a month.
  await t.go(page, '/report?since=2024-01');
  t.eq((await headline()).days, r24.days, 'an address with since=YYYY-MM opens that period');
  t.eq(await page.$eval('#report-since', (e) => e.value), '2024-01-01', 'its form shows the first day');

  // ---- no missions in the period ----
  await t.go(page, '/report?since=2030-01-01');
  const empty = await headline();
  t.ok(empty.missions === 0 && empty.days === 0 && empty.experts === r.experts,
       'a period without missions: no missions, no days, the roster all the same', empty);
  t.ok((await t.text(page, '.notice')).includes('No mission started in this period'),
       'a period without missions says so');
  t.ok(await page.$$eval('svg.chart .s-days', (els) => els.length) === 0,
       'without missions the charts show the roster alone');
  await t.axe(page, 'the report of a period without missions');
  await t.shot(page, 'report-empty');

  // ---- a period the service refuses ----
  await t.go(page, '/report?since=last-year');
  const alert = await t.text(page, '.report-results [role="alert"]');
  t.ok(alert.includes('since=last-year') && (await page.$('.report-period')) !== null,
       'a period that is not a date is refused with the reason, and the form stays', alert);

  // ---- a narrow screen ----
  await page.setViewport({ width: 420, height: 900 });
  await t.go(page, '/report');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  t.ok(overflow <= 0, 'on a narrow screen the page does not scroll sideways', overflow);
  await t.shot(page, 'report-narrow');
  await page.browserContext().close();
}
