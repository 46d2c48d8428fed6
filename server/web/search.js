// The SEARCH page (/search?q=…&page=N): the query box with prefix
// completion (an ARIA 1.2 combobox), the results twenty a page with their
// pagination, the facet panels whose chips add or lift filter terms, a
// query error with the parser's suggestion, and what to lift when nothing
// matches. The address holds the whole state (q, page): every state can be
// bookmarked, and back/forward redraw it.
import {
  api, h, fill, setTitle, announce, errorBox, number, counted, taxonomy,
  fieldLabel, countryName, languageName, codeWithLabel, SECTORS, GENDERS, sectorName, genderName,
} from './app.js';

const PAGE_SIZE = 20;
const FACET_TOP = 8;
const MAX_OPTIONS = 50;
const FORGOTTEN_KEY = 'roster.forgotten';

const LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'native'];

const PREFIXES = [
  ['field', 'field of expertise, e.g. field:E.10'],
  ['comp', 'horizontal competence, e.g. comp:2.1'],
  ['lang', 'language, at or above a level: lang:fr>=C1'],
  ['nat', 'nationality, e.g. nat:ES'],
  ['country', 'country of missions or work, e.g. country:SN'],
  ['sector', 'status, e.g. sector:public'],
  ['gender', 'F, M or X'],
  ['avail', 'available over dates, e.g. avail:2027-03'],
  ['id', 'expert id, e.g. id:EXP-00042'],
];

// The facets of the answer, in the order of the panels: the answer's key,
// the prefix of the term a chip adds, the panel's heading.
const FACETS = [
  ['nationality', 'nat', 'Nationality'],
  ['language', 'lang', 'Language'],
  ['field', 'field', 'Field'],
  ['sector', 'sector', 'Sector'],
  ['gender', 'gender', 'Gender'],
];

const OPERATORS = new Set(['AND', 'OR', 'NOT']);

// ---- the query as tokens ----

// The query's tokens with their place: words, prefix terms (a quoted value
// stays in its token), parentheses on their own, operators.
function tokenize(q) {
  const tokens = [];
  let i = 0;
  while (i < q.length) {
    if (/\s/.test(q[i])) { i++; continue; }
    if (q[i] === '(' || q[i] === ')') { tokens.push({ text: q[i], start: i, end: i + 1 }); i++; continue; }
    const start = i;
    let quoted = false;
    while (i < q.length && (quoted || !/[\s()]/.test(q[i]))) {
      if (q[i] === '"') quoted = !quoted;
      i++;
    }
    tokens.push({ text: q.slice(start, i), start, end: i });
  }
  let depth = 0;
  tokens.forEach((t, k) => {
    if (t.text === '(') depth++;
    t.depth = t.text === ')' ? depth - 1 : depth;
    if (t.text === ')') depth = Math.max(0, depth - 1);
    t.operator = OPERATORS.has(t.text);
    t.negated = t.text.startsWith('-') && t.text.length > 1 || (k > 0 && tokens[k - 1].text === 'NOT');
  });
  return tokens;
}

// The terms of the query's top level that can be lifted one by one.
function topTerms(tokens) {
  return tokens.filter((t) => t.depth === 0 && !t.operator && t.text !== '(' && t.text !== ')');
}

// The query without token `t` (and the NOT before it, and the AND/OR that
// joined it to its neighbour).
function without(q, tokens, t) {
  const k = tokens.indexOf(t);
  let from = k;
  let to = k;
  if (from > 0 && tokens[from - 1].text === 'NOT') from--;
  if (from > 0 && /^(AND|OR)$/.test(tokens[from - 1].text)) from--;
  else if (to + 1 < tokens.length && /^(AND|OR)$/.test(tokens[to + 1].text)) to++;
  const cut = q.slice(0, tokens[from].start) + ' ' + q.slice(tokens[to].end);
  return cut.replace(/\s+/g, ' ').trim();
}

// The query with `term` added to what it asks.
function withTerm(q, tokens, term) {
  if (!q.trim()) return term;
  const or = tokens.some((t) => t.depth === 0 && t.text === 'OR');
  return or ? `(${q.trim()}) ${term}` : `${q.trim()} ${term}`;
}

// The query without every top-level occurrence of the term `text` (a word
// the query repeats is lifted at once).
function withoutAll(q, text) {
  const key = fold(text);
  let rest = q;
  for (;;) {
    const tokens = tokenize(rest);
    const t = topTerms(tokens).find((x) => fold(x.text) === key);
    if (!t) return rest;
    rest = without(rest, tokens, t);
  }
}

// The top-level terms of the query, each once (the first spelling).
function distinctTerms(tokens) {
  const seen = new Set();
  return topTerms(tokens).filter((t) => {
    const key = fold(t.text);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// The query asking for any of its free words instead of all of them
// (`w1 OR w2 OR …`, its filters and exclusions kept), when it has two
// words or more and no operator or group of its own; else null.
function anyOfWords(tokens) {
  if (tokens.some((t) => t.operator || t.text === '(' || t.text === ')')) return null;
  const terms = distinctTerms(tokens);
  const isWord = (t) => !t.negated && !/^[A-Za-z]+:/.test(t.text);
  const words = terms.filter(isWord).map((t) => t.text);
  if (words.length < 2) return null;
  const others = terms.filter((t) => !isWord(t)).map((t) => t.text);
  const any = words.join(' OR ');
  return others.length ? `(${any}) ${others.join(' ')}` : any;
}

// How many filter terms the query holds (exclusions included).
function filterCount(tokens) {
  return tokens.filter((t) => /^-?[A-Za-z]+:/.test(t.text)).length;
}

// Does the query rank its experts, that is, hold a word that is not a
// filter, an operator or an exclusion?
function ranks(tokens) {
  return tokens.some((t) => !t.operator && !t.negated && t.text !== '(' && t.text !== ')' &&
                            !/^[A-Za-z]+:/.test(t.text));
}

function fold(s) {
  return String(s).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function unquote(s) {
  return s.replace(/^"|"$/g, '');
}

// The code a term's value names in facet `prefix` (nat:spain is ES).
function valueCode(tax, prefix, value) {
  const v = unquote(value);
  if (prefix === 'lang') return v.split('>')[0].toLowerCase();
  if (prefix === 'nat' || prefix === 'country') {
    const up = v.toUpperCase();
    if (up === 'EL') return 'GR';
    if (up === 'UK') return 'GB';
    if (tax.byCountry.has(up)) return up;
    const f = fold(v);
    for (const c of tax.countries) {
      if (Object.values(c.names).some((n) => n.split(';').some((x) => fold(x) === f))) return c.code;
    }
    return up;
  }
  if (prefix === 'sector') return v.toLowerCase();
  return v.toUpperCase();
}

// The top-level, not negated term of the query that filters `prefix` on
// `code`, if any.
function findTerm(tax, tokens, prefix, code) {
  return topTerms(tokens).find((t) => {
    if (t.negated) return false;
    const m = t.text.match(/^([A-Za-z]+):(.+)$/);
    return m && m[1].toLowerCase() === prefix && valueCode(tax, prefix, m[2]) === code;
  });
}

// ---- labels ----

function facetLabel(tax, key, value) {
  if (key === 'nationality') return countryName(tax, value);
  if (key === 'language') return languageName(tax, value);
  if (key === 'field') return codeWithLabel(value, tax.byField.has(value) ? fieldLabel(tax, value) : '');
  if (key === 'sector') return sectorName(value);
  return genderName(value);
}

// ---- completion ----

// The completions of the token `t`: [{insert, code, label, depth}].
function completions(tax, facets, t) {
  const sign = t.text.startsWith('-') ? '-' : '';
  const body = t.text.slice(sign.length);
  const m = body.match(/^([A-Za-z]+):(.*)$/);
  if (!m) {
    if (!/^[A-Za-z]+$/.test(body) || OPERATORS.has(body)) return [];
    const b = body.toLowerCase();
    return PREFIXES.filter(([p]) => p.startsWith(b) && p !== b)
      .map(([p, about]) => ({ insert: `${sign}${p}:`, code: `${p}:`, label: about, prefix: true }));
  }
  const prefix = m[1].toLowerCase();
  const value = unquote(m[2]);
  const v = fold(value);
  const term = (code) => `${sign}${prefix}:${code}`;
  const byCount = (key) => {
    const counts = (facets && facets[key]) || {};
    return (a, b) => (counts[b.code] || 0) - (counts[a.code] || 0);
  };
  const coded = (list, label, key) => {
    const starts = list.filter((e) => e.code.toLowerCase().startsWith(v));
    const named = list.filter((e) => !starts.includes(e) && v && fold(label(e)).includes(v));
    if (key && !v) starts.sort(byCount(key));
    return [...starts, ...named];
  };
  switch (prefix) {
    case 'field':
    case 'comp': {
      const list = prefix === 'field' ? tax.fields : tax.competences;
      const label = (e) => e.labels.en;
      return coded(list, label).map((e) => ({
        insert: term(e.code), code: e.code, label: label(e), depth: e.code.split('.').length - 1,
      }));
    }
    case 'nat':
    case 'country': {
      const names = (e) => Object.values(e.names).join(';');
      const list = coded(tax.countries, names, 'nationality');
      return list.map((e) => ({ insert: term(e.code), code: e.code, label: e.names.en }));
    }
    case 'lang': {
      const [code, ...rest] = value.split('>');
      const tail = rest.length ? '>' + rest.join('>') : '';
      if (tax.byLanguage.has(code.toLowerCase()) && (tail === '' || /^>=?[A-Za-z0-9]*$/.test(tail))) {
        const c = code.toLowerCase();
        const partial = tail.replace(/^>=?/, '').toLowerCase();
        const name = languageName(tax, c);
        return LEVELS.filter((l) => l.toLowerCase().startsWith(partial)).map((l) => ({
          insert: term(`${c}>=${l}`), code: `${c}>=${l}`,
          label: l === 'native' ? `${name}, native speakers` : `${name} at ${l} or above`,
        }));
      }
      const list = coded(tax.languages, (e) => e.names.en, 'language');
      return list.map((e) => ({ insert: term(e.code), code: e.code, label: e.names.en }));
    }
    case 'sector':
      return Object.entries(SECTORS).filter(([k, w]) => k.startsWith(v) || fold(w).includes(v))
        .map(([k, w]) => ({ insert: term(k), code: k, label: w }));
    case 'gender':
      return Object.entries(GENDERS).filter(([k, w]) => k.toLowerCase().startsWith(v) || fold(w).startsWith(v))
        .map(([k, w]) => ({ insert: term(k), code: k, label: w }));
    default:
      return [];
  }
}

// The query box as a combobox: the listbox under it offers completions of
// the token at the caret; arrows move, Enter or Tab accept, Escape closes
// (and never empties the box).
function combobox(input, listbox, tax, facetsNow) {
  let options = [];
  let active = -1;
  let token = null;

  const open = () => input.getAttribute('aria-expanded') === 'true';
  const close = () => {
    options = [];
    active = -1;
    listbox.hidden = true;
    listbox.replaceChildren();
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  };
  const mark = () => {
    listbox.querySelectorAll('[role="option"]').forEach((li, k) => {
      li.setAttribute('aria-selected', k === active ? 'true' : 'false');
      if (k === active) li.scrollIntoView({ block: 'nearest' });
    });
    if (active >= 0) input.setAttribute('aria-activedescendant', `q-option-${active}`);
    else input.removeAttribute('aria-activedescendant');
  };
  const accept = (k) => {
    const o = options[k];
    const q = input.value;
    input.value = q.slice(0, token.start) + o.insert + q.slice(token.end);
    const caret = token.start + o.insert.length;
    input.setSelectionRange(caret, caret);
    close();
    if (o.prefix) update();
  };
  const update = () => {
    const caret = input.selectionStart;
    token = tokenize(input.value).find((t) => t.start < caret && caret <= t.end && t.text !== ')' && t.text !== '(');
    const found = token ? completions(tax, facetsNow(), token).slice(0, MAX_OPTIONS) : [];
    if (!found.length) { close(); return; }
    options = found;
    active = -1;
    fill(listbox, options.map((o, k) => h('li', {
      id: `q-option-${k}`, role: 'option', 'aria-selected': 'false',
      class: o.depth ? `depth-${Math.min(o.depth, 3)}` : null,
      onmousedown: (e) => { e.preventDefault(); accept(k); },
    }, h('code', null, o.code), ' ', h('span', { class: 'option-label' }, o.label))));
    listbox.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    mark();
  };

  input.addEventListener('input', update);
  input.addEventListener('blur', close);
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!open()) update();
      if (!options.length) return;
      e.preventDefault();
      const n = options.length;
      active = e.key === 'ArrowDown' ? (active + 1) % n : (active <= 0 ? n - 1 : active - 1);
      mark();
    } else if ((e.key === 'Enter' || e.key === 'Tab') && open() && active >= 0) {
      e.preventDefault();
      accept(active);
    } else if (e.key === 'Escape') {
      // Escape closes the list; it never clears the query (the default of
      // a search box), open list or not.
      e.preventDefault();
      if (open()) close();
    } else if (e.key === 'Enter') {
      close();
    }
  });
  return { close };
}

// ---- the page ----

let popstateBound = false;

export default async function draw(main) {
  setTitle('Search');
  const tax = await taxonomy();

  const forgotten = sessionStorage.getItem(FORGOTTEN_KEY);
  sessionStorage.removeItem(FORGOTTEN_KEY);

  const state = { q: '', page: 1, facets: null, seq: 0, expanded: new Set(), refineOpen: false };

  const input = h('input', {
    id: 'q', type: 'search', name: 'q', role: 'combobox', autocomplete: 'off', spellcheck: 'false',
    'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': 'q-options',
    'aria-describedby': 'q-hint',
  });
  const listbox = h('ul', { id: 'q-options', role: 'listbox', 'aria-label': 'Completions', class: 'completions', hidden: true });
  const problem = h('div', { id: 'q-problem', class: 'query-problem' });
  const warnings = h('div', { class: 'query-warnings' });
  const facetsBox = h('div', { class: 'facets', id: 'facets-body' });
  const resultsHead = h('h2', { id: 'results-title', tabindex: '-1' });
  const resultsBody = h('div', { class: 'results-body' });
  const status = h('p', { class: 'loading' }, 'Searching…');
  const results = h('section', { class: 'results', 'aria-labelledby': 'results-title' },
    resultsHead, status, resultsBody);

  const box = combobox(input, listbox, tax, () => state.facets);
  // The facet panels come first (the left column of a wide screen), after
  // a link that skips them to the results. On a narrow screen they fold
  // into one disclosure, closed at first, so the results come up at once:
  // its button stands for the heading there (the CSS shows one or the
  // other), and says how many filters the query holds.
  const refineCount = h('span', { class: 'refine-count' });
  const refineToggle = h('button', {
    type: 'button', class: 'refine-toggle', 'aria-expanded': 'false', 'aria-controls': 'facets-body',
    onclick: () => setRefineOpen(!state.refineOpen),
  }, 'Refine ', refineCount);
  const facetPanels = h('aside', { class: 'facet-panels', 'aria-labelledby': 'facets-title' },
    h('a', { href: '#results-title', class: 'skip-results', onclick: (e) => {
      if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      resultsHead.focus();
    } }, 'Skip to results'),
    h('h2', { id: 'facets-title' }, h('span', { class: 'refine-title' }, 'Refine'), refineToggle),
    facetsBox);
  const columns = h('div', { class: 'columns search-columns' }, facetPanels, results);

  function setRefineOpen(open) {
    state.refineOpen = open;
    facetPanels.classList.toggle('open', open);
    refineToggle.setAttribute('aria-expanded', open ? 'true' : 'false');
  }

  const form = h('form', { class: 'search-form', role: 'search', onsubmit: (e) => {
    e.preventDefault();
    box.close();
    go(input.value.trim(), 1, true);
  } },
  h('label', { for: 'q' }, 'Search the roster'),
  h('div', { class: 'search-row' },
    h('div', { class: 'combo' }, input, listbox),
    h('button', { type: 'submit' }, 'Search')),
  h('p', { id: 'q-hint', class: 'hint' },
    'Words, and filters: ', h('code', null, 'field:E.10'), ', ', h('code', null, 'comp:2.1'), ', ',
    h('code', null, 'lang:fr>=C1'), ', ', h('code', null, 'nat:ES'), ', ', h('code', null, 'country:SN'), ', ',
    h('code', null, 'sector:public'), ', ', h('code', null, 'gender:F'), ', ', h('code', null, 'avail:2027-03'),
    '; combined with AND, OR, NOT, and -term to exclude.'));

  fill(main, h('div', { class: 'search-page' },
    h('h1', null, 'Search experts'),
    forgotten ? h('div', { class: 'success', role: 'status' },
      h('strong', null, forgotten), ' has been forgotten: the record, its index entries and missions are erased; the audit trail keeps only the id.') : null,
    form, problem, warnings,
    columns));

  // The address of a state; page 1 is left out.
  function address(q, page) {
    const p = new URLSearchParams();
    if (q) p.set('q', q);
    if (page > 1) p.set('page', String(page));
    const s = p.toString();
    return '/search' + (s ? '?' + s : '');
  }

  function go(q, page, push) {
    const to = address(q, page);
    if (push && to !== location.pathname + location.search) history.pushState(null, '', to);
    input.value = q;
    return load(q, page);
  }

  // A link to a state of the page, followed without reloading it.
  // With focusResults, the results' heading takes the focus after it (a
  // page of results), else the query box does.
  function stateLink(q, page, { focusResults, ...props }, ...children) {
    return h('a', { ...props, href: address(q, page), onclick: (e) => {
      if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      go(q, page, true).then(() => (focusResults ? resultsHead : input).focus());
    } }, ...children);
  }

  async function load(q, page) {
    const seq = ++state.seq;
    state.q = q;
    state.page = page;
    setTitle(q ? `${q} — search` : 'Search');
    results.setAttribute('aria-busy', 'true');
    if (!status.isConnected) results.insertBefore(status, resultsBody);
    const params = new URLSearchParams({ q, limit: String(PAGE_SIZE), facets: '1' });
    if (page > 1) params.set('offset', String((page - 1) * PAGE_SIZE));
    let data;
    let lifts = null;
    try {
      data = await api('/api/search?' + params);
      if (data.total === 0 && q) lifts = await liftCounts(q);
    } catch (err) {
      if (seq !== state.seq) return;
      showFailure(q, err);
      return;
    }
    if (seq !== state.seq) return;
    showAnswer(q, page, data, lifts);
  }

  function done() {
    results.removeAttribute('aria-busy');
    status.remove();
  }

  // What to lift when nothing matches: for each top-level term (each
  // once), the total of the query without it ({lifts}); when none of these
  // finds anyone and the query has several words, the query asking for any
  // of them, with its total ({any}).
  async function liftCounts(q) {
    const tokens = tokenize(q);
    const count = async (query) => {
      try {
        return (await api('/api/search?' + new URLSearchParams({ q: query, limit: '0' }))).total;
      } catch {
        return null;
      }
    };
    const out = await Promise.all(distinctTerms(tokens).slice(0, 12).map(async (t) => {
      const rest = withoutAll(q, t.text);
      const total = await count(rest);
      return total === null ? null : { term: t.text, rest, total };
    }));
    const lifts = out.filter(Boolean).sort((a, b) => b.total - a.total);
    let any = null;
    const joined = anyOfWords(tokens);
    if (joined && lifts.length && lifts.every((l) => l.total === 0)) {
      const total = await count(joined);
      if (total !== null) any = { q: joined, total };
    }
    return { lifts, any };
  }

  function showFailure(q, err) {
    done();
    state.facets = null;
    fill(warnings);
    fill(facetsBox);
    fill(resultsBody);
    if (err.status === 400) {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', 'q-problem q-hint');
      columns.hidden = true;
      const fix = suggestion(q, err.message);
      fill(problem, h('div', { class: 'error', role: 'alert' },
        h('strong', null, 'The query cannot be read: '), err.message,
        fix ? h('p', { class: 'fix' }, 'Search ', stateLink(fix, 1, { class: 'apply-fix' }, h('code', null, fix)), ' instead?') : null));
      announce(`The query cannot be read: ${err.message}`);
    } else {
      fill(problem);
      columns.hidden = false;
      fill(resultsHead, 'Results');
      fill(resultsBody, errorBox(err, 'The search failed.'));
    }
  }

  function showAnswer(q, page, data, lifts) {
    const tokens = tokenize(q);
    input.removeAttribute('aria-invalid');
    input.setAttribute('aria-describedby', 'q-hint');
    fill(problem);
    columns.hidden = false;
    fill(warnings, (data.warnings || []).length
      ? h('div', { class: 'notice', role: 'status' }, h('strong', null, 'Note: '),
        data.warnings.length === 1 ? data.warnings[0] : h('ul', null, data.warnings.map((w) => h('li', null, w))))
      : null);

    const focused = document.activeElement && document.activeElement.dataset
      ? document.activeElement.dataset.focusKey : null;
    state.facets = data.facets || null;
    const filters = filterCount(tokens);
    fill(refineCount, `(${counted(filters, 'filter')})`);
    drawFacets(q, tokens, data.facets || {});
    drawResults(q, page, tokens, data, lifts);
    done();
    if (focused) {
      const again = main.querySelector(`[data-focus-key="${CSS.escape(focused)}"]`);
      if (again) again.focus();
    }
    const pages = Math.max(1, Math.ceil(data.total / PAGE_SIZE));
    announce(`${counted(data.total, 'expert')}${pages > 1 && page <= pages ? `, page ${page} of ${pages}` : ''}`);
  }

  function drawFacets(q, tokens, facets) {
    fill(facetsBox, FACETS.map(([key, prefix, title]) => {
      const counts = new Map(Object.entries(facets[key] || {}));
      // A value the query filters on stays listed, to be lifted, even if
      // the roster has none of it.
      for (const t of topTerms(tokens)) {
        const m = !t.negated && t.text.match(/^([A-Za-z]+):(.+)$/);
        if (m && m[1].toLowerCase() === prefix && prefix !== 'field') {
          const code = valueCode(tax, prefix, m[2]);
          if (!counts.has(code)) counts.set(code, 0);
        } else if (m && prefix === 'field' && m[1].toLowerCase() === 'field' && /^[A-Za-z]$/.test(m[2])) {
          const code = m[2].toUpperCase();
          if (!counts.has(code)) counts.set(code, 0);
        }
      }
      const values = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      const id = `facet-${key}`;
      const expanded = state.expanded.has(key);
      const items = values.map(([value, count], k) => {
        const pressed = Boolean(findTerm(tax, tokens, prefix, value));
        if (!expanded && k >= FACET_TOP && !pressed) return null;
        return h('li', null, h('button', {
          type: 'button', class: 'chip', 'aria-pressed': pressed ? 'true' : 'false',
          'data-focus-key': `${key}:${value}`, 'data-term': `${prefix}:${value}`,
          onclick: () => {
            const now = tokenize(state.q);
            const t = findTerm(tax, now, prefix, value);
            go(t ? without(state.q, now, t) : withTerm(state.q, now, `${prefix}:${value}`), 1, true);
          },
        }, h('span', { class: 'chip-label' }, facetLabel(tax, key, value)),
        h('span', { class: 'count' }, number(count), h('span', { class: 'visually-hidden' }, count === 1 ? ' expert' : ' experts'))));
      });
      return h('section', { class: 'facet', 'aria-labelledby': `${id}-title` },
        h('h3', { id: `${id}-title` }, title),
        values.length ? h('ul', { class: 'chips', id }, items) : h('p', { class: 'muted' }, 'None'),
        values.length > FACET_TOP ? h('button', {
          type: 'button', class: 'link facet-toggle', 'aria-expanded': expanded ? 'true' : 'false',
          'aria-controls': id, 'data-focus-key': `toggle:${key}`,
          onclick: () => {
            if (expanded) state.expanded.delete(key); else state.expanded.add(key);
            drawFacets(state.q, tokenize(state.q), facets);
            const again = facetsBox.querySelector(`[data-focus-key="toggle:${key}"]`);
            if (again) again.focus();
          },
        }, expanded ? 'Show fewer' : `Show all ${number(values.length)}`) : null);
    }));
  }

  function drawResults(q, page, tokens, data, lifts) {
    const pages = Math.max(1, Math.ceil(data.total / PAGE_SIZE));
    fill(resultsHead, counted(data.total, 'expert'),
      pages > 1 && page <= pages ? h('span', { class: 'muted page-of' }, ` · page ${number(page)} of ${number(pages)}`) : null);
    if (data.total === 0) {
      fill(resultsBody, h('p', null, q ? 'No expert matches this query.' : 'The roster has no experts yet.'),
        lifts ? liftHelp(lifts) : null);
      return;
    }
    if (!data.results.length) {
      fill(resultsBody, h('p', { class: 'no-such-page' },
        `There is no page ${number(page)}: the results have ${pages === 1 ? 'one page' : `${number(pages)} pages`}. `,
        stateLink(q, pages, { focusResults: true, class: 'last-page' },
          pages === 1 ? 'Go to the results' : `Go to the last page (${number(pages)})`), '.'));
      return;
    }
    const scored = ranks(tokens);
    fill(resultsBody,
      h('ol', { class: 'results-list', start: String((page - 1) * PAGE_SIZE + 1) },
        data.results.map((r) => resultItem(r, scored))),
      pages > 1 ? pager(q, page, pages) : null);
  }

  // What to lift of a query that finds no one: each term whose lifting
  // finds experts, as a link; when lifting any one term finds none, that
  // said once, and the query asking for any of its words offered instead.
  function liftHelp({ lifts, any }) {
    if (!lifts.length) return null;
    const terms = (list) => list.map((l, k) => [k ? ', ' : null, h('code', null, l.term)]);
    if (lifts.every((l) => l.total === 0)) {
      return [
        h('p', { class: 'lift-none' }, lifts.length === 1
          ? ['Without ', terms(lifts), ' it still finds none.']
          : ['Lifting any one of its terms (', terms(lifts), ') still finds none.']),
        any ? h('p', { class: 'lift-any' }, any.total > 0
          ? ['Search for any of the words instead: ',
            stateLink(any.q, 1, { class: 'any-words' }, h('code', null, any.q)), ` (${counted(any.total, 'expert')}).`]
          : ['Any of the words (', h('code', null, any.q), ') finds none either.']) : null,
      ];
    }
    return [
      h('p', null, 'Lift one of its terms:'),
      h('ul', { class: 'lifts' }, lifts.map((l) => h('li', null,
        l.total > 0
          ? stateLink(l.rest, 1, { class: 'lift' }, 'Without ', h('code', null, l.term))
          : h('span', null, 'Without ', h('code', null, l.term)),
        ': ', l.total > 0 ? counted(l.total, 'expert') : 'still none'))),
    ];
  }

  function resultItem(r, scored) {
    const codes = (r.matching_fields && r.matching_fields.length) ? r.matching_fields : (r.fields || []);
    return h('li', { class: 'card result' },
      h('div', { class: 'result-head' },
        h('h3', null, h('a', { href: `/experts/${encodeURIComponent(r.id)}` }, r.name)),
        h('span', { class: 'muted result-id' }, r.id),
        scored ? h('span', { class: 'score' }, 'score ', Number(r.score).toFixed(1)) : null),
      h('dl', { class: 'facts' },
        h('dt', null, (r.nationalities || []).length > 1 ? 'Nationalities' : 'Nationality'),
        h('dd', null, (r.nationalities || []).map((c) => countryName(tax, c)).join(', ') || '—'),
        h('dt', null, 'Sector'),
        h('dd', null, r.sector ? sectorName(r.sector) : '—'),
        h('dt', null, 'Languages'),
        h('dd', { class: 'wide' }, (r.languages || []).map((l) => `${languageName(tax, l.code)} (${l.level})`).join(', ') || '—'),
        h('dt', null, r.matching_fields && r.matching_fields.length ? 'Matching fields' : 'Fields'),
        h('dd', { class: 'wide' }, codes.length
          ? h('ul', { class: 'codes' }, codes.map((c) => h('li', null, codeWithLabel(c, fieldLabel(tax, c)))))
          : '—')));
  }

  // Previous, the page numbers around this one (and the first and last),
  // Next.
  function pager(q, page, pages) {
    const shown = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])]
      .filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b);
    const items = [];
    items.push(h('li', null, page > 1
      ? stateLink(q, page - 1, { rel: 'prev', focusResults: true, class: 'pager-prev' }, 'Previous')
      : h('span', { class: 'disabled' }, 'Previous')));
    shown.forEach((p, k) => {
      if (k > 0 && p - shown[k - 1] > 1) items.push(h('li', { class: 'gap', 'aria-hidden': 'true' }, '…'));
      items.push(h('li', null, stateLink(q, p, {
        'aria-current': p === page ? 'page' : null, focusResults: true,
        'aria-label': `Page ${p}`,
      }, number(p))));
    });
    items.push(h('li', null, page < pages
      ? stateLink(q, page + 1, { rel: 'next', focusResults: true, class: 'pager-next' }, 'Next')
      : h('span', { class: 'disabled' }, 'Next')));
    return h('nav', { class: 'pager', 'aria-label': 'Pages of results' }, h('ul', null, items));
  }

  if (!popstateBound) {
    popstateBound = true;
    window.addEventListener('popstate', () => {
      if (location.pathname !== '/search') return;
      const p = new URLSearchParams(location.search);
      box.close();
      go(p.get('q') || '', pageOf(p), false);
    });
  }

  const p = new URLSearchParams(location.search);
  await go(p.get('q') || '', pageOf(p), false);
}

function pageOf(params) {
  const n = Number(params.get('page'));
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

// The query with the parser's suggestion applied: the quoted word the
// error names replaced by the one it suggests. Null when there is none.
function suggestion(q, message) {
  const m = message.match(/'([^']+)'[^']*did you mean '([^']+)'/);
  if (!m) return null;
  const [, bad, good] = m;
  const i = q.toLowerCase().indexOf(bad.toLowerCase());
  if (i < 0) return null;
  return q.slice(0, i) + good + q.slice(i + bad.length);
}
