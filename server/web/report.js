// The REPORT page, /report?since=…: the diversity of the roster and of its
// mission days over a period chosen in a form whose state is the address
// (no since: the last 12 months; since=YYYY-MM-DD; since=all). It owns the
// headline numbers, the charts by nationality (share of days against share
// of the roster, over-represented ones marked), gender and sector, and the
// concentration of days by nationality over the last eight half-years.
// Every chart is SVG drawn here, with role="img", a full aria-label and a
// table under it holding the same numbers.
import { api, h, fill, setTitle, announce, errorBox, number, percent } from './app.js';

const SVG = 'http://www.w3.org/2000/svg';
const TOP = 15; // nationalities drawn; the rest are in the table under "Show all"

// ---- the period: the address's since= ----

// 'recent' (the service's default), 'all', or a date YYYY-MM[-DD].
function periodOf(since) {
  if (!since) return { preset: 'recent', date: '' };
  if (since === 'all') return { preset: 'all', date: '' };
  return { preset: 'since', date: /^\d{4}-\d{2}$/.test(since) ? `${since}-01` : since };
}

function periodForm(since, onChange) {
  const current = periodOf(since);
  const radio = (value, label) => h('label', { class: 'choice' },
    h('input', { type: 'radio', name: 'preset', value, checked: current.preset === value }),
    ' ', label);
  const date = h('input', { type: 'date', id: 'report-since', name: 'since', value: current.date,
                            'aria-describedby': 'report-since-hint' });
  const form = h('form', { class: 'report-period', action: '/report', method: 'get' },
    h('fieldset', null,
      h('legend', null, 'Period'),
      h('div', { class: 'row' },
        radio('recent', 'Last 12 months'),
        radio('since', 'Since a date'),
        h('div', { class: 'field' },
          h('label', { for: 'report-since' }, 'Missions starting on or after'),
          date),
        radio('all', 'All missions on record'),
        h('button', { type: 'submit' }, 'Show the report')),
      h('p', { class: 'hint', id: 'report-since-hint' },
        'Last 12 months: missions that started in the 12 calendar months before this one, ',
        'and missions assigned from then on, planned ones too.')));
  const preset = () => form.querySelector('input[name="preset"]:checked').value;
  // Typing a date picks "Since a date".
  date.addEventListener('input', () => {
    date.setCustomValidity('');
    form.querySelector('input[value="since"]').checked = true;
  });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const p = preset();
    if (p === 'since' && !date.value) {
      date.setCustomValidity('Give the first day of the period.');
      date.reportValidity();
      return;
    }
    onChange(p === 'recent' ? '' : p === 'all' ? 'all' : date.value);
  });
  form.setPeriod = (s) => {
    const p = periodOf(s);
    form.querySelector(`input[value="${p.preset}"]`).checked = true;
    date.value = p.date;
  };
  return form;
}

function day(iso) {
  return new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB',
    { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

function periodText(period) {
  if (period.since && period.until)
    return `Missions that started from ${day(period.since)} to ${day(period.until)}, ` +
           'and missions assigned from then on, planned ones too.';
  if (period.since) return `Missions starting on or after ${day(period.since)}, planned ones too.`;
  return 'Every mission on record.';
}

// ---- SVG ----

function svg(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, String(v));
  for (const c of children) if (c !== null && c !== undefined) el.append(c);
  return el;
}

function svgText(x, y, text, attrs) {
  return svg('text', { x, y, ...attrs }, String(text));
}

// A step for about `count` ticks up to max (a share, 0..1).
function tickStep(max, count) {
  for (const s of [0.01, 0.02, 0.05, 0.1, 0.2, 0.25]) if (max / s <= count) return s;
  return 0.5;
}

// The series of the bar charts, in the order drawn in each group.
const SERIES = {
  days: { name: 'Share of mission days', of: 'of days', cls: 's-days' },
  mobilised: { name: 'Share of experts mobilised', of: 'of mobilised', cls: 's-mobilised' },
  roster: { name: 'Share of the roster', of: 'of roster', cls: 's-roster' },
};

function legend(keys, extra) {
  return h('ul', { class: 'legend' },
    keys.map((k) => h('li', null, h('span', { class: `swatch ${SERIES[k].cls}` }), SERIES[k].name)),
    extra ? h('li', null, extra) : null);
}

// The width to draw a chart at in `box`: its own, within bounds.
function widthOf(box) {
  return Math.max(300, Math.min(900, box.clientWidth || 900));
}

// Grouped horizontal bars: one group per row, one bar per series.
// rows: [{label, values: {series: share}, mark: text or null}]. Narrower
// than 560, each row's label goes above its bars rather than beside them.
function barChart(rows, keys, summary, width) {
  const narrow = width < 560;
  const labelW = narrow ? 1 : 210, valueW = 125, barH = 14, gap = 3, pad = 14, axisH = 22;
  const labelH = narrow ? 18 : 0;
  const groupH = labelH + keys.length * barH + (keys.length - 1) * gap + pad;
  const height = axisH + rows.length * groupH;
  const plotW = width - labelW - valueW;
  const max = Math.max(0.01, ...rows.flatMap((r) => keys.map((k) => r.values[k])));
  const step = tickStep(max, 6);
  const top = Math.ceil(max / step - 1e-9) * step;
  const x = (v) => labelW + (plotW * v) / top;
  const chart = svg('svg', { class: 'chart', width, height, viewBox: `0 0 ${width} ${height}`,
                             role: 'img', 'aria-label': summary });
  for (let t = 0; t <= top + 1e-9; t += step) {
    chart.append(svg('line', { class: 'grid', x1: x(t), x2: x(t), y1: axisH - 4, y2: height }),
                 svgText(x(t), 12, percent(t),
                         { class: 'tick', 'text-anchor': narrow && t === 0 ? 'start' : 'middle' }));
  }
  rows.forEach((r, i) => {
    const y0 = axisH + i * groupH + pad / 2;
    const mid = y0 + (groupH - pad) / 2;
    const cls = r.mark ? 'label over' : 'label';
    if (narrow) {
      chart.append(svg('text', { x: 0, y: y0 + 12, class: cls }, r.label,
        r.mark ? svg('tspan', { class: 'mark' }, ` ${r.mark}`) : null));
    } else {
      chart.append(svgText(labelW - 10, r.mark ? mid - 3 : mid + 4, r.label,
                           { class: cls, 'text-anchor': 'end' }));
      if (r.mark)
        chart.append(svgText(labelW - 10, mid + 12, r.mark, { class: 'mark', 'text-anchor': 'end' }));
    }
    keys.forEach((k, j) => {
      const y = y0 + labelH + j * (barH + gap);
      const v = r.values[k];
      chart.append(svg('rect', { class: SERIES[k].cls, x: labelW, y, height: barH,
                                 width: Math.max(v > 0 ? 1 : 0, x(v) - labelW) }),
                   svgText(x(v) + 5, y + barH - 3, `${percent(v, 1)} ${SERIES[k].of}`,
                           { class: 'value' }));
    });
  });
  chart.append(svg('line', { class: 'axis', x1: labelW, x2: labelW, y1: axisH - 4, y2: height }));
  return chart;
}

// A table with a caption, in a scrolling region of its own for narrow screens.
function table(caption, head, rows, id) {
  return h('div', { class: 'figures', tabindex: '0', role: 'region', 'aria-label': caption },
    h('table', { id },
      h('caption', null, caption),
      h('thead', null, h('tr', null, head.map((c) =>
        h('th', { scope: 'col', class: c.num ? 'num' : null }, c.label)))),
      h('tbody', null, rows)));
}

function num(v) {
  return h('td', { class: 'num' }, v);
}

// ---- the sections of one period's report ----

function headline(r) {
  const c = r.concentration;
  const names = c.top2.map((k) => r.nationality.find((n) => n.key === k)?.label || k);
  return h('section', { 'aria-labelledby': 'h-numbers' },
    h('h2', { id: 'h-numbers' }, 'The period in numbers'),
    h('p', { class: 'period-text' }, periodText(r.period)),
    h('ul', { class: 'headline' },
      h('li', null, h('span', { class: 'big', 'data-n': 'experts' }, number(r.experts)),
        ' experts on the roster'),
      h('li', null, h('span', { class: 'big', 'data-n': 'mobilised' }, number(r.mobilised)),
        ' experts mobilised', r.experts ? ` (${percent(r.mobilised / r.experts, 1)} of the roster)` : ''),
      h('li', null, h('span', { class: 'big', 'data-n': 'missions' }, number(r.missions)), ' missions'),
      h('li', null, h('span', { class: 'big', 'data-n': 'days' }, number(r.days)), ' mission days'),
      r.days ? h('li', null, h('span', { class: 'big' }, percent(c.top2_share, 1)),
        ` of days to the top two (${names.join(' and ')})`) : null,
      r.days ? h('li', null, h('span', { class: 'big' }, number(c.hhi_10000)),
        ' Herfindahl index of days by nationality') : null));
}

function overMark(row) {
  return `▲ over-represented, ×${row.ratio.toFixed(2)}`;
}

function nationalitySection(r, width) {
  const hasDays = r.days > 0;
  const keys = hasDays ? ['days', 'roster'] : ['roster'];
  const over = new Map(r.over_represented.nationalities.map((o) => [o.key, o]));
  const shown = r.nationality.filter((n, i) => i < TOP || over.has(n.key));
  const rest = r.nationality.filter((n) => !shown.includes(n));
  const rows = shown.map((n) => ({
    label: n.label, mark: over.has(n.key) ? overMark(over.get(n.key)) : null,
    values: { days: n.days_share, roster: n.experts_share },
  }));
  if (rest.length) {
    const days = rest.reduce((s, n) => s + n.days, 0);
    const experts = rest.reduce((s, n) => s + n.experts, 0);
    rows.push({ label: `${number(rest.length)} other nationalities`, mark: null,
                values: { days: r.days ? days / r.days : 0, roster: r.experts ? experts / r.experts : 0 } });
  }
  const summary = `Bar chart by nationality, ${hasDays ? 'sorted by mission days' : 'sorted by experts'}: ` +
    rows.map((x) => `${x.label}: ${keys.map((k) => `${percent(x.values[k], 1)} ${SERIES[k].of}`).join(', ')}` +
                    (x.mark ? `, ${x.mark.slice(2)}` : '')).join('; ') + '.';
  const rule = r.over_represented;
  const overText = !hasDays ? null : over.size
    ? h('p', { class: 'over-list' }, h('span', { class: 'over' }, '▲ Over-represented: '),
        [...over.values()].map((o) => `${o.label} (${percent(o.days_share, 1)} of days, ` +
          `${percent(o.experts_share, 1)} of the roster)`).join('; '), '.')
    : h('p', { class: 'over-list' }, 'No nationality is over-represented in this period.');

  const tableRows = r.nationality.map((n) => h('tr', { hidden: shown.includes(n) ? null : true,
                                                      'data-key': n.key },
    h('th', { scope: 'row' }, n.label,
      over.has(n.key) ? h('span', { class: 'over' }, ' ', overMark(over.get(n.key))) : null),
    num(number(n.experts)), num(percent(n.experts_share, 1)), num(number(n.mobilised)),
    num(number(n.missions)), num(number(n.days)), num(percent(n.days_share, 1)),
    num(n.days ? n.days_to_roster.toFixed(2) : '–')));
  const tbl = table('Experts and mission days by nationality (first listed)', [
    { label: 'Nationality' }, { label: 'Experts', num: 1 }, { label: '% of roster', num: 1 },
    { label: 'Mobilised', num: 1 }, { label: 'Missions', num: 1 }, { label: 'Days', num: 1 },
    { label: '% of days', num: 1 }, { label: 'Days ÷ roster share', num: 1 }],
  tableRows, 'nationality-table');
  const toggle = rest.length ? h('button', {
    type: 'button', class: 'secondary', 'aria-controls': 'nationality-table', 'aria-expanded': 'false',
    onclick: () => {
      const all = toggle.getAttribute('aria-expanded') !== 'true';
      toggle.setAttribute('aria-expanded', String(all));
      toggle.textContent = all ? `Show the top ${shown.length} only` : `Show all ${number(r.nationality.length)} nationalities`;
      tableRows.forEach((tr, i) => { tr.hidden = !all && !shown.includes(r.nationality[i]); });
    },
  }, `Show all ${number(r.nationality.length)} nationalities`) : null;

  return h('section', { 'aria-labelledby': 'h-nationality', class: 'chart-section' },
    h('h2', { id: 'h-nationality' }, 'Nationality: share of mission days against share of the roster'),
    h('p', { class: 'hint' }, hasDays
      ? `The ${shown.length} nationalities with the most mission days, then the others together. ` +
        `Over-represented: a share of days above ${rule.ratio_above} times the share of the roster, ` +
        `on at least ${number(rule.min_days)} days (10 days and 2% of all days).`
      : 'Share of the roster of each nationality; no mission in the period.'),
    overText,
    legend(keys, hasDays ? h('span', null, h('span', { class: 'over' }, '▲'), ' over-represented') : null),
    h('div', { class: 'chart-box' }, barChart(rows, keys, summary, width)),
    tbl,
    toggle ? h('div', { class: 'actions' }, toggle) : null);
}

// Gender and sector: the shares of the roster, of the experts mobilised and
// of the days, side by side for each group.
function groupSection(id, title, what, list, r, width) {
  const keys = r.days ? ['roster', 'mobilised', 'days'] : ['roster'];
  const rows = list.map((g) => ({ label: g.label, mark: null,
    values: { roster: g.experts_share, mobilised: g.mobilised_share, days: g.days_share } }));
  const summary = `Bar chart by ${what}: ` + rows.map((x) =>
    `${x.label}: ${keys.map((k) => `${percent(x.values[k], 1)} ${SERIES[k].of}`).join(', ')}`).join('; ') + '.';
  const tbl = table(`Experts, experts mobilised and mission days by ${what}`, [
    { label: title }, { label: 'Experts', num: 1 }, { label: '% of roster', num: 1 },
    { label: 'Mobilised', num: 1 }, { label: '% of mobilised', num: 1 }, { label: 'Days', num: 1 },
    { label: '% of days', num: 1 }],
  list.map((g) => h('tr', null, h('th', { scope: 'row' }, g.label),
    num(number(g.experts)), num(percent(g.experts_share, 1)), num(number(g.mobilised)),
    num(r.mobilised ? percent(g.mobilised_share, 1) : '–'), num(number(g.days)),
    num(r.days ? percent(g.days_share, 1) : '–'))), `${id}-table`);
  return h('section', { 'aria-labelledby': `h-${id}`, class: 'chart-section' },
    h('h2', { id: `h-${id}` }, title),
    legend(keys),
    h('div', { class: 'chart-box' }, barChart(rows, keys, summary, width)),
    tbl);
}

async function drawReport(box, since) {
  if (since && since !== 'all' && !/^\d{4}-\d{2}(-\d{2})?$/.test(since)) {
    fill(box, h('div', { class: 'error', role: 'alert' },
      `The period in the address, since=${since}, is not a date: `,
      'choose a period above (the address takes YYYY-MM-DD, YYYY-MM or all).'));
    return null;
  }
  fill(box, h('p', { class: 'loading', role: 'status' }, 'Loading the report…'));
  // A period chosen while this one loads wins: this answer is then dropped.
  box.dataset.since = since;
  let r;
  try {
    r = await api('/api/report' + (since ? `?since=${encodeURIComponent(since)}` : ''));
  } catch (err) {
    if (box.dataset.since === since) fill(box, errorBox(err, 'The report cannot be made.'));
    return null;
  }
  if (box.dataset.since !== since) return null;
  const width = widthOf(box);
  fill(box,
    headline(r),
    r.missions ? null : h('p', { class: 'notice', role: 'status' },
      'No mission started in this period: the charts show the roster alone. ',
      'Choose an earlier date or all missions on record.'),
    nationalitySection(r, width),
    groupSection('gender', 'Gender', 'gender', r.gender, r, width),
    groupSection('sector', 'Sector', 'sector', r.sector, r, width));
  return r;
}

// ---- concentration over time ----

// The first month of each of the last `n` half-years up to the one holding
// `month` (YYYY-MM), oldest first: ['2023-01', '2023-07', ...].
function halfYears(month, n) {
  let y = Number(month.slice(0, 4));
  let h2 = Number(month.slice(5, 7)) > 6;
  const out = [];
  for (let i = 0; i < n; i++) {
    out.unshift(`${y}-${h2 ? '07' : '01'}`);
    if (!h2) y--;
    h2 = !h2;
  }
  return out;
}

const halfName = (start) => `${start.slice(0, 4)} ${start.slice(5) === '01' ? 'H1' : 'H2'}`;

// Per half-year, by difference of the reports since its start and since
// the next one's (missions counted by the day they start, whole): days by
// nationality, their top-2 share and Herfindahl index.
function windows(starts, reports) {
  return starts.map((start, i) => {
    const next = reports[i + 1];
    const later = new Map(next ? next.nationality.map((n) => [n.key, n.days]) : []);
    const days = reports[i].nationality
      .map((n) => ({ key: n.key, label: n.label, days: n.days - (later.get(n.key) || 0) }));
    if (days.some((d) => d.days < 0))
      throw new Error('The roster changed while the half-years were read: reload the page.');
    const total = days.reduce((s, d) => s + d.days, 0);
    const top = days.filter((d) => d.days > 0).sort((a, b) => b.days - a.days).slice(0, 2);
    return {
      start, name: halfName(start) + (next ? '' : ' (so far, planned missions too)'),
      short: halfName(start), missions: reports[i].missions - (next ? next.missions : 0), days: total,
      top, top2: total ? top.reduce((s, d) => s + d.days, 0) / total : null,
      hhi: total ? days.reduce((s, d) => s + (d.days / total) ** 2, 0) : null,
    };
  });
}

function trendChart(ws, summary, width) {
  const height = 250, left = 44, right = 10, topPad = 24, bottom = 40;
  const plotH = height - topPad - bottom;
  const stepX = (width - left - right) / ws.length;
  const x = (i) => left + stepX * (i + 0.5);
  const y = (v) => topPad + plotH * (1 - v);
  const chart = svg('svg', { class: 'chart trend', width, height, viewBox: `0 0 ${width} ${height}`,
                             role: 'img', 'aria-label': summary });
  for (const t of [0, 0.25, 0.5, 0.75, 1])
    chart.append(svg('line', { class: 'grid', x1: left, x2: width - right, y1: y(t), y2: y(t) }),
                 svgText(left - 6, y(t) + 4, percent(t), { class: 'tick', 'text-anchor': 'end' }));
  ws.forEach((w, i) => {
    chart.append(svgText(x(i), height - bottom + 18, stepX < 60 ? `’${w.short.slice(2)}` : w.short,
                         { class: 'tick', 'text-anchor': 'middle' }));
    if (!w.days)
      chart.append(svgText(x(i), y(0.5), 'no missions', { class: 'value', 'text-anchor': 'middle' }));
  });
  for (const [key, cls, marker] of [['top2', 'l-top2', 'circle'], ['hhi', 'l-hhi', 'rect']]) {
    let d = '';
    ws.forEach((w, i) => {
      if (w[key] === null) return;
      d += `${d && ws[i - 1] && ws[i - 1][key] !== null ? 'L' : 'M'}${x(i).toFixed(1)},${y(w[key]).toFixed(1)}`;
    });
    chart.append(svg('path', { class: `line ${cls}`, d }));
    ws.forEach((w, i) => {
      if (w[key] === null) return;
      chart.append(marker === 'circle'
        ? svg('circle', { class: `dot ${cls}`, cx: x(i), cy: y(w[key]), r: 4.5 })
        : svg('rect', { class: `dot ${cls}`, x: x(i) - 4, y: y(w[key]) - 4, width: 8, height: 8 }),
      svgText(x(i), y(w[key]) + (key === 'top2' ? -9 : 17), percent(w[key]),
              { class: 'value', 'text-anchor': 'middle' }));
    });
  }
  return chart;
}

async function drawTrend(box, recent) {
  fill(box, h('h2', { id: 'h-trend' }, 'Concentration of mission days by nationality, by half-year'),
    h('p', { class: 'loading', role: 'status' }, 'Reading the last eight half-years…'));
  let ws;
  try {
    // The service's today: its default period ends with the month before.
    const until = (recent || await api('/api/report')).period.until;
    const month = new Date(`${until}T00:00:00Z`);
    month.setUTCDate(month.getUTCDate() + 1);
    const starts = halfYears(month.toISOString().slice(0, 7), 8);
    const reports = await Promise.all(starts.map((s) => api(`/api/report?since=${s}`)));
    ws = windows(starts, reports);
  } catch (err) {
    fill(box, h('h2', { id: 'h-trend' }, 'Concentration of mission days by nationality, by half-year'),
      errorBox(err, 'The half-years cannot be read.'));
    return;
  }
  const summary = 'Line chart of the concentration of mission days by nationality per half-year: ' +
    ws.map((w) => w.days ? `${w.name}: top-2 share ${percent(w.top2)}, Herfindahl index ${percent(w.hhi)}`
                         : `${w.name}: no missions`).join('; ') + '.';
  fill(box,
    h('h2', { id: 'h-trend' }, 'Concentration of mission days by nationality, by half-year'),
    h('p', { class: 'hint' },
      'Missions count in the half-year they start in, whatever period is chosen above. ',
      'Top-2 share: the share of days going to the two nationalities with the most days. ',
      'Herfindahl index: the chance that two mission days picked at random went to experts of the same ',
      'nationality (shown also on the usual 0 to 10,000 scale); the lower, the more diverse.'),
    h('ul', { class: 'legend' },
      h('li', null, h('span', { class: 'swatch l-top2' }), '● Top-2 share of days'),
      h('li', null, h('span', { class: 'swatch l-hhi' }), '■ Herfindahl index')),
    h('div', { class: 'chart-box' }, trendChart(ws, summary, widthOf(box))),
    table('Missions, days, top-2 share and Herfindahl index by half-year', [
      { label: 'Half-year' }, { label: 'Missions', num: 1 }, { label: 'Days', num: 1 },
      { label: 'Top two nationalities' }, { label: 'Top-2 share', num: 1 },
      { label: 'Herfindahl index', num: 1 }],
    ws.map((w) => h('tr', null, h('th', { scope: 'row' }, w.name), num(number(w.missions)),
      num(number(w.days)), h('td', null, w.days ? w.top.map((d) => `${d.label} (${number(d.days)})`).join(', ') : 'no missions'),
      num(w.days ? percent(w.top2, 1) : '–'),
      num(w.days ? `${percent(w.hhi, 1)} (${number(Math.round(w.hhi * 10000))})` : '–'))),
    'trend-table'));
}

// ---- the page ----

export default async function reportPage(main, params, query) {
  setTitle('Report');
  let since = query.get('since') || '';
  const results = h('div', { class: 'report-results' });
  const trend = h('section', { class: 'chart-section trend', 'aria-labelledby': 'h-trend' });
  const show = async (s, push) => {
    since = s;
    if (push) history.pushState(null, '', '/report' + (s ? `?since=${encodeURIComponent(s)}` : ''));
    const r = await drawReport(results, s);
    if (r) announce(`Report drawn: ${number(r.missions)} missions, ${number(r.days)} days.`);
    return r;
  };
  const form = periodForm(since, (s) => show(s, true));
  fill(main, h('h1', null, 'Diversity report'), form, results, trend);
  window.addEventListener('popstate', () => {
    if (location.pathname !== '/report') return;
    const s = new URLSearchParams(location.search).get('since') || '';
    form.setPeriod(s);
    show(s, false);
  });
  const r = await show(since, false);
  await drawTrend(trend, r && !since ? r : null);
}
