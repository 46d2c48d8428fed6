// The web app's core: who is signed in, calls to the API, building DOM
// safely, the taxonomy's labels, and the router that draws the page the
// address names. Each page is a module of its own (search.js, expert.js,
// requests.js, request.js, print.js, report.js, import.js) whose default
// export draws into <main>; pages share only what this file exports.
//
// Text from the roster is only ever put into the page as text nodes (h()
// never parses HTML), so a name or a CV cannot inject markup.

export const me = {
  account: document.body.dataset.account,
  role: document.body.dataset.role,
  editor: document.body.dataset.role === 'editor',
};

// An answer of the API that is not a success: its status, message and the
// `line: field: problem` list when the content was refused.
export class ApiError extends Error {
  constructor(status, message, problems) {
    super(message);
    this.status = status;
    this.problems = problems || [];
  }
}

// Call the API: the parsed JSON, or an ApiError. A body that is not a
// string is sent as JSON. When the session has ended, the browser goes to
// the sign-in form, which brings it back here.
export async function api(path, { method = 'GET', body, type } = {}) {
  const init = { method, headers: {}, credentials: 'same-origin' };
  if (body !== undefined) {
    init.body = typeof body === 'string' || body instanceof Blob ? body : JSON.stringify(body);
    init.headers['Content-Type'] = type || 'application/json';
  }
  let res;
  try {
    res = await fetch(path, init);
  } catch {
    throw new ApiError(0, 'The service cannot be reached: is `roster serve` still running?');
  }
  if (res.status === 401) {
    location.assign('/login?next=' + encodeURIComponent(location.pathname + location.search));
    throw new ApiError(401, 'Your session has ended: sign in again.');
  }
  const text = await res.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    if (res.ok) return text;
  }
  if (!res.ok) {
    const msg = (data && data.error) || `${res.status} ${res.statusText}`;
    throw new ApiError(res.status, msg, data && data.problems);
  }
  return data;
}

// h('a', {href: '/x', class: 'c', onclick: f}, 'text', child, [more]):
// an element. Attributes whose value is null, undefined or false are left
// out; `true` sets an empty attribute. Children may be strings, numbers,
// nodes, arrays of them, or null (skipped).
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'value' || k === 'checked' || k === 'selected') el[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : String(c));
  }
}

// Replace everything in `el` by `children`.
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export function setTitle(title) {
  document.title = title ? `${title} — roster` : 'roster';
}

// A message for screen readers (and the polite live region people see).
export function announce(text) {
  let region = document.getElementById('announce');
  if (!region) {
    region = h('div', { id: 'announce', class: 'visually-hidden', 'aria-live': 'polite' });
    document.body.append(region);
  }
  region.textContent = '';
  setTimeout(() => { region.textContent = text; }, 50);
}

// An error box: the message, and the problems as a list when there are any.
// `message`: the error's message as nodes (links in it), else its text.
export function errorBox(err, title, message) {
  const problems = (err && err.problems) || [];
  return h('div', { class: 'error', role: 'alert' },
    title ? h('strong', null, title, ' ') : null,
    h('span', null, message || (err && err.message ? err.message : String(err))),
    problems.length ? h('ul', { class: 'problems' }, problems.map(problemItem)) : null);
}

// The warnings a ToR was read with (a match answer's problems): a notice,
// each warning with its field.
export function warningsBox(problems, className) {
  return h('div', { class: `notice ${className}`, role: 'status' },
    h('p', null, h('strong', null, 'The terms of reference were read with '
      + (problems.length === 1 ? 'a warning:' : 'warnings:'))),
    h('ul', null, problems.map((p) => h('li', null, h('code', null, p.field), ': ', p.problem))));
}

function problemItem(p) {
  if (typeof p === 'string') return h('li', null, p);
  const where = [p.line ? `line ${p.line}` : null, p.field].filter(Boolean).join(': ');
  return h('li', null, where ? h('code', null, where) : null, where ? ': ' : null, p.problem || '');
}

export function number(n) {
  return Number(n).toLocaleString('en');
}

// "1 expert", "2 experts", "1,000 experts".
export function counted(n, one, many = `${one}s`) {
  return `${number(n)} ${n === 1 ? one : many}`;
}

export function percent(share, digits = 0) {
  return `${(100 * share).toFixed(digits)}%`;
}

// A download made in the page (CSV, JSON).
export function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// One CSV line per row, quoted where needed (RFC 4180).
export function csv(rows) {
  const cell = (v) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

// ---- the taxonomy: codes and their labels ----

let taxonomyPromise = null;

// The taxonomy of /api/taxonomy with lookup maps: byField, byCompetence,
// byCountry, byLanguage (code → entry). Fetched once per page.
export function taxonomy() {
  if (!taxonomyPromise) {
    taxonomyPromise = api('/api/taxonomy').then((t) => {
      const index = (list) => new Map(list.map((e) => [e.code, e]));
      return { ...t, byField: index(t.fields), byCompetence: index(t.competences),
               byCountry: index(t.countries), byLanguage: index(t.languages) };
    });
    taxonomyPromise.catch(() => { taxonomyPromise = null; });
  }
  return taxonomyPromise;
}

// The English label of a field code, of a competence, a country's or a
// language's name; the code itself when the taxonomy does not know it.
export function fieldLabel(tax, code) {
  return english(tax.byField, code, 'labels');
}
export function competenceLabel(tax, code) {
  return english(tax.byCompetence, code, 'labels');
}
export function countryName(tax, code) {
  return english(tax.byCountry, code, 'names');
}
export function languageName(tax, code) {
  return english(tax.byLanguage, code, 'names');
}
function english(map, code, key) {
  const e = map.get(code);
  return e ? e[key].en : code;
}

// The words for an expert's status (the record's `status`, search's
// `sector`) and gender codes; the code itself when unknown.
export const SECTORS = Object.freeze({
  public: 'Public sector',
  retired_public: 'Retired public servant',
  mandated_body: 'Mandated body',
  social_partner: 'Social partner',
  academic: 'Academic',
  private: 'Private sector',
  international_org: 'International organisation',
});
export const GENDERS = Object.freeze({ F: 'Female', M: 'Male', X: 'Not stated' });
export function sectorName(code) {
  return SECTORS[code] || code;
}
export function genderName(code) {
  return GENDERS[code] || code;
}

// The rules of a ToR in words, in the order `roster check` gives them.
export const RULE_NAMES = Object.freeze({
  team_size: 'Team size',
  exclude: 'Excluded experts',
  require: 'Required experts',
  available: 'Available over the window',
  exclude_nationalities: 'Excluded nationalities',
  max_load_days: 'Mission days in the last 12 months',
  languages_covered: 'Working languages covered',
  min_nationalities: 'Enough nationalities',
  max_same_nationality: 'Members of one nationality',
  min_eu_members: 'Nationals of EU member states',
  prefer_public: 'Public expertise',
  gender_balance: 'Gender balance',
  triangular: 'Triangular cooperation',
  portfolio_balance: 'Portfolio balance',
});

// Draw "No such request" when `action` is not in `list` (GET
// /api/requests), with a link to the one differing only in case; true when
// drawn. Looking in the list first says so without a failed request. `tail`
// is what follows the action in the page's address ('' or '/print').
export function drawUnknownRequest(main, list, action, tail) {
  if (list.some((r) => r.action === action)) return false;
  const near = list.find((r) => r.action.toLowerCase() === action.toLowerCase());
  setTitle('No such request');
  fill(main,
    h('h1', null, 'No such request'),
    h('p', null, 'No request is stored under the action ', h('code', null, action), '.'),
    near ? h('p', null, 'Did you mean ',
      h('a', { href: `/requests/${encodeURIComponent(near.action)}${tail}` }, near.action), '?') : null,
    h('p', null, h('a', { href: '/requests' }, 'All requests')));
  return true;
}

// A code with its label, for lists: <code>E.10</code> Social security.
export function codeWithLabel(code, label) {
  return h('span', { class: 'coded' }, h('code', null, code), ' ', label);
}

// ---- the router ----

const pages = [
  [/^\/search$/, './search.js'],
  [/^\/experts\/([^/]+)$/, './expert.js'],
  [/^\/requests$/, './requests.js'],
  [/^\/requests\/([^/]+)\/print$/, './print.js'],
  [/^\/requests\/([^/]+)$/, './request.js'],
  [/^\/report$/, './report.js'],
  [/^\/import$/, './import.js'],
];

function markCurrent() {
  for (const a of document.querySelectorAll('header.top nav a')) {
    const here = location.pathname === a.pathname ||
                 location.pathname.startsWith(a.pathname + '/');
    if (here) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

async function route() {
  const main = document.getElementById('main');
  markCurrent();
  for (const [pattern, module] of pages) {
    const m = location.pathname.match(pattern);
    if (!m) continue;
    const params = m.slice(1).map(decodeURIComponent);
    try {
      const page = await import(module);
      await page.default(main, params, new URLSearchParams(location.search));
      // When the page was first usable, from the start of navigation (the
      // browser tests and docs/measurements.md read it).
      performance.mark('roster:drawn');
    } catch (err) {
      console.error(err);
      fill(main, h('h1', null, 'Something went wrong'), errorBox(err));
    }
    return;
  }
  setTitle('Not found');
  fill(main, h('h1', null, 'No such page'), h('p', null, h('a', { href: '/search' }, 'Search the roster')));
}

if (!me.editor) document.querySelectorAll('.editor-only').forEach((el) => el.remove());
route();
