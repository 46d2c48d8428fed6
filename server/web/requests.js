// The requests page, /requests: the list of stored requests (every account)
// and, for an editor only, the form that writes new terms of reference (a
// ToR, docs/matching.md): the request itself, a country picker searched in
// four languages, field and competence pickers over the taxonomy's tree,
// working languages with levels, team size and window, and every rule with
// its default shown (only the rules that differ are sent). "Store request"
// sends POST /api/requests and goes to /requests/ACTION (never over a
// request already stored: the form writes new ones); "Preview teams" sends
// the same ToR to POST /api/match without storing it (an action id is not
// needed for that). Problems of a refused ToR are listed and tied to their
// fields, named by the form's labels.
//
// The form's first step reads a request document (.txt, .md, .pdf, .docx,
// .odt) with POST /api/draft and fills the form with what it found, after
// emptying what a draft fills (a document starts a new request); a review
// panel above the fields says, for each value, how sure the reading is and
// the document's words it came from, and names what was not found.
// Nothing is stored until the officer presses "Store request".
import { me, api, h, fill, setTitle, announce, errorBox, warningsBox, taxonomy, countryName,
         languageName, fieldLabel, competenceLabel, codeWithLabel, number } from './app.js';

const LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'];
const LABEL_LANGUAGES = [['en', 'English'], ['fr', 'Français'], ['es', 'Español'], ['pt', 'Português']];
const COMMON_LANGUAGES = ['en', 'fr', 'es', 'pt', 'ar', 'ru'];
const DOCUMENT_TYPES = '.txt,.md,.pdf,.docx,.odt';
// The words for a document's format as POST /api/draft names it.
const DOCUMENT_FORMATS = { text: 'text', markdown: 'Markdown', pdf: 'PDF', docx: 'Word', odt: 'OpenDocument' };

export default async function drawRequests(main) {
  setTitle('Requests');
  const [tax, list] = await Promise.all([taxonomy(), api('/api/requests')]);
  fill(main,
    h('h1', null, 'Requests'),
    me.editor && list.length ? h('p', { class: 'no-print' }, h('a', { href: '#new-request-heading' }, 'Write a new request')) : null,
    requestList(tax, list),
    me.editor ? requestForm(tax, list) : null);
}

// ---- the list ----

function requestList(tax, list) {
  const heading = h('h2', { id: 'stored-heading' }, 'Stored requests');
  if (!list.length) {
    return h('section', { class: 'req-list', 'aria-labelledby': 'stored-heading' }, heading,
      h('div', { class: 'notice empty-state' },
        h('p', null, h('strong', null, 'No request is stored yet.')),
        h('p', null, me.editor
          ? 'Write the terms of reference a partner country sent in the form below, or store ToR files with '
          : 'An editor stores the terms of reference partner countries send, in this page or with ',
        h('code', null, 'roster request add TOR.json'), '.')));
  }
  const open = list.filter((r) => r.status !== 'assigned').length;
  return h('section', { class: 'req-list', 'aria-labelledby': 'stored-heading' }, heading,
    h('p', { class: 'muted' }, `${number(list.length)} stored, ${number(open)} without an assigned team.`),
    h('div', { class: 'table-scroll' },
      h('table', { class: 'requests', 'aria-labelledby': 'stored-heading' },
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, 'Action'), h('th', { scope: 'col' }, 'Title'),
          h('th', { scope: 'col' }, 'Country'), h('th', { scope: 'col' }, 'Window'),
          h('th', { scope: 'col', class: 'num nowrap' }, 'Team size'), h('th', { scope: 'col' }, 'Team'))),
        h('tbody', null, list.map((r) => h('tr', null,
          h('td', { class: 'nowrap' }, h('a', { href: `/requests/${encodeURIComponent(r.action)}` }, r.action)),
          h('td', { class: 'wrap-anywhere' }, r.title || h('span', { class: 'muted' }, 'untitled')),
          h('td', null, countryName(tax, r.country), ' ', h('code', { class: 'muted' }, r.country)),
          h('td', { class: 'nowrap' }, windowText(r.from, r.to)),
          h('td', { class: 'num' }, r.team_size),
          h('td', null, r.status === 'assigned'
            ? h('span', { class: 'badge pass' }, 'assigned')
            : h('span', { class: 'muted' }, 'open'))))))));
}

function windowText(from, to) {
  if (!from && !to) return h('span', { class: 'muted' }, 'no dates');
  return `${dateText(from)} – ${dateText(to)}`;
}

function dateText(iso) {
  if (!iso) return '?';
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? iso
    : d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

// ---- text matching: case and accents folded ----

function fold(s) {
  return String(s).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

// The names of a country in the four languages, each alternative apart
// ("Zimbabué;Zimbábue" is two names).
function countryNames(c) {
  return [...new Set(Object.values(c.names).flatMap((n) => n.split(';')).map((n) => n.trim()).filter(Boolean))];
}

function firstName(n) {
  return n.split(';')[0];
}

// ---- the form ----

// One form's controls and what ties a problem's `field` to one of them.
function requestForm(tax, list) {
  let stored = new Set(list.map((r) => r.action));
  const targets = new Map(); // problem field → {control, host}
  const form = h('form', { class: 'tor-form', novalidate: true, 'aria-labelledby': 'new-request-heading' });
  const summary = h('div', { class: 'tor-summary' });
  const preview = h('div', { class: 'tor-preview', id: 'tor-preview' });

  // A labelled control with its hint; problems are added under it.
  function field(key, id, label, control, hint) {
    const hintEl = hint ? h('span', { class: 'hint', id: `${id}-hint` }, hint) : null;
    if (hintEl) control.setAttribute('aria-describedby', hintEl.id);
    const host = h('div', { class: 'field' },
      h('label', { for: id }, label), hintEl, control);
    targets.set(key, { control, host });
    return host;
  }
  function input(id, props = {}) {
    return h('input', { id, name: id, type: 'text', autocomplete: 'off', ...props });
  }

  // -- the request --
  const action = input('tor-action', { class: 'short', spellcheck: 'false' });
  const actionHint = 'Its id: letters, digits, . _ - (as 2027-04). ';
  const title = input('tor-title', { class: 'wide' });
  const institution = input('tor-institution', { class: 'wide' });
  const assistance = input('tor-assistance', { class: 'short', spellcheck: 'false' });
  const description = h('textarea', { id: 'tor-description', name: 'tor-description', rows: 6, class: 'wide' });
  const actionField = field('action', 'tor-action', 'Action', action, actionHint);
  const actionHintEl = actionField.querySelector('.hint');
  const showActionHint = () => {
    const v = action.value.trim();
    fill(actionHintEl, actionHint, stored.has(v) ? alreadyStored(v) : null);
  };
  action.addEventListener('input', showActionHint);
  const rules = ruleControls(targets);
  const country = countryPicker(tax, targets, () => rules.sync({ country: country.code() }));

  // -- fields, competences and the language of their labels --
  const fields = treePicker(tax.fields, {
    key: 'fields', legend: 'Fields of expertise', noun: 'fields',
    none: 'None chosen: the likeliest fields are inferred from the title and description.',
  });
  const competences = treePicker(tax.competences, {
    key: 'competences', legend: 'Competences', noun: 'competences', none: 'None chosen.',
  });
  targets.set('fields', { control: fields.focusTarget, host: fields.element });
  targets.set('competences', { control: competences.focusTarget, host: competences.element });
  const labelSwitch = h('fieldset', { class: 'label-language' },
    h('legend', null, 'Labels in'),
    LABEL_LANGUAGES.map(([code, name]) => h('label', { class: 'inline', lang: code },
      h('input', { type: 'radio', name: 'tor-label-language', value: code, checked: code === 'en',
                   onchange: () => { fields.setLanguage(code); competences.setLanguage(code); } }),
      ' ', name)));

  // -- working languages --
  const languageRows = h('div', { class: 'lang-rows' });
  const rows = [];
  function addLanguageRow() {
    const row = languageRow(tax, rows.length + 1, (r) => {
      const i = rows.indexOf(r);
      rows.splice(i, 1);
      r.element.remove();
      rows.forEach((x, j) => x.renumber(j + 1));
      (rows[i] || rows[i - 1] || { focusTarget: addLanguage }).focusTarget.focus();
      announce(`Language removed; ${rows.length} left.`);
    });
    rows.push(row);
    languageRows.append(row.element);
    return row;
  }
  const addLanguage = h('button', { type: 'button', class: 'secondary',
                                    onclick: () => addLanguageRow().focusTarget.focus() }, 'Add a language');
  targets.set('languages', { control: addLanguage, host: languageRows });

  // -- team and window --
  const teamSize = input('tor-team_size', { type: 'number', min: 1, max: 6, value: '2', class: 'tiny', inputmode: 'numeric' });
  teamSize.addEventListener('input', () => rules.sync({ teamSize: Number(teamSize.value) || 2 }));
  const from = input('tor-from', { type: 'date' });
  const to = input('tor-to', { type: 'date' });

  // -- the first step: a request document read into the form --
  const documentInput = h('input', { type: 'file', id: 'tor-document', name: 'tor-document',
                                     accept: DOCUMENT_TYPES, 'aria-describedby': 'tor-document-hint' });
  const readButton = h('button', { type: 'button', class: 'secondary' }, 'Read the document');
  const readError = h('div');
  const review = h('div');

  function readFailed(message) {
    fill(readError, h('div', { class: 'error', role: 'alert', id: 'tor-document-error' },
      h('strong', null, 'The document was not read.'), ' ', message));
    documentInput.setAttribute('aria-invalid', 'true');
    documentInput.setAttribute('aria-describedby', 'tor-document-hint tor-document-error');
    documentInput.focus();
  }

  readButton.addEventListener('click', () => {
    readError.replaceChildren();
    documentInput.removeAttribute('aria-invalid');
    documentInput.setAttribute('aria-describedby', 'tor-document-hint');
    const file = documentInput.files[0];
    if (!file) {
      readFailed('Choose the request document first.');
      return;
    }
    if (!file.size) {
      readFailed(`${file.name} is empty: choose the document the partner sent.`);
      return;
    }
    busy(readButton, 'Reading…', async () => {
      announce(`Reading ${file.name}…`);
      try {
        const draft = await api(`/api/draft?name=${encodeURIComponent(file.name)}`,
                                { method: 'POST', body: file, type: file.type || 'application/octet-stream' });
        applyDraft(draft);
      } catch (err) {
        readFailed(err.status === 0
          ? 'The upload was cut off: the service cannot be reached, or it refused the file ' +
            '(a file over its size limit is refused before it is all sent).'
          : err.status === 422
            ? `${err.message} Read another copy of the document, or fill in the form below by hand.`
            : err.message || String(err));
      }
    });
  });

  // Empty every control a draft can fill, as a new form has it: a
  // document starts a new request, so nothing of an earlier document (or
  // typed for it) stays where this one says nothing. The assistance type
  // and the rules, which no draft fills, are left as they are.
  function clearDraftable() {
    for (const el of [action, title, institution, description, from, to]) el.value = '';
    country.clear();
    fields.set([]);
    competences.set([]);
    for (const r of rows.splice(0)) r.element.remove();
    teamSize.value = '2';
    rules.sync({ teamSize: 2 });
  }

  // Fill the form with what the draft found, from empty: what it did not
  // find stays empty (or at its default), and the review panel names it.
  // An action already stored is not put in the form.
  function applyDraft(d) {
    clearProblems();
    preview.replaceChildren();
    clearDraftable();
    const actionStored = Boolean(d.action) && stored.has(d.action);
    if (d.action && !actionStored) action.value = d.action;
    showActionHint();
    if (d.title) title.value = d.title;
    if (d.country) country.set(d.country);
    if (d.partner_institution) institution.value = d.partner_institution;
    if (d.description) description.value = d.description;
    if (d.fields) fields.set(d.fields);
    if (d.competences) competences.set(d.competences);
    for (const l of d.languages || []) addLanguageRow().set(l);
    if (d.team_size) {
      teamSize.value = String(d.team_size);
      rules.sync({ teamSize: d.team_size });
    }
    if (d.from) from.value = d.from;
    if (d.to) to.value = d.to;
    fill(review, draftReview(tax, d, actionStored, targetOf));
    review.querySelector('h3').focus();
    const missing = d.missing || [];
    announce(`Drafted from ${d.document.name}: the form is filled with what the document says` +
             (missing.length ? `; not found: ${missing.map((k) => FIELD_LABELS[k] || k).join(', ')}` : '') +
             '. Review it; nothing is stored until you press Store request.');
  }

  // The ToR the form says. Empty texts are left out (the service says
  // which are required); the rules only where they differ from the default.
  function tor() {
    const t = {};
    const text = (k, el) => { const v = el.value.trim(); if (v) t[k] = v; };
    text('action', action);
    text('title', title);
    const c = country.value();
    if (c) t.country = c;
    text('partner_institution', institution);
    text('assistance_type', assistance);
    text('description', description);
    if (fields.chosen.size) t.fields = [...fields.chosen];
    if (competences.chosen.size) t.competences = [...competences.chosen];
    if (rows.length) t.languages = rows.map((r) => r.value());
    const size = teamSize.value.trim();
    if (size) t.team_size = /^\d+$/.test(size) ? Number(size) : size;
    text('from', from);
    text('to', to);
    const r = rules.changed();
    if (Object.keys(r).length) t.rules = r;
    return t;
  }

  // -- problems: listed above the buttons, each tied to its field --
  function clearProblems() {
    for (const el of form.querySelectorAll('.field-error')) el.remove();
    for (const el of form.querySelectorAll('[aria-invalid]')) {
      el.removeAttribute('aria-invalid');
      const ids = (el.getAttribute('aria-describedby') || '').split(' ').filter((x) => x && !x.endsWith('-error'));
      if (ids.length) el.setAttribute('aria-describedby', ids.join(' '));
      else el.removeAttribute('aria-describedby');
    }
    summary.replaceChildren();
  }

  function targetOf(fieldName) {
    const all = new Map(targets);
    rows.forEach((r, i) => {
      all.set(`languages[${i}]`, r.targets.code);
      all.set(`languages[${i}].code`, r.targets.code);
      all.set(`languages[${i}].level`, r.targets.level);
    });
    let k = fieldName || '';
    while (k) {
      if (all.has(k)) return all.get(k);
      const shorter = k.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
      if (shorter === k) break;
      k = shorter;
    }
    return null;
  }

  function showProblems(err, what) {
    clearProblems();
    const problems = err.problems || [];
    if (!problems.length) {
      summary.append(errorBox({ message: officerMessage(err.message || String(err)) }, what));
      return;
    }
    const items = problems.map((p, i) => {
      const target = typeof p === 'string' ? null : targetOf(p.field);
      // A problem's words, made anew for each place they are shown.
      const text = () => (typeof p === 'string' ? p : p.nodes ? p.nodes() : p.problem);
      const warning = p.severity === 'warning';
      if (target) {
        const errId = `${target.control.id}-${i}-error`;
        target.host.append(h('p', { class: `field-error${warning ? ' warning' : ''}`, id: errId },
          warning ? 'Warning: ' : '', text()));
        const ids = (target.control.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
        target.control.setAttribute('aria-describedby', [...ids, errId].join(' '));
        if (!warning) target.control.setAttribute('aria-invalid', 'true');
      }
      const label = typeof p === 'string' ? null : fieldLabelOf(p.field);
      const where = typeof p === 'string' ? null
        : label ? h('span', { class: 'problem-field' }, label) : h('code', null, p.field || 'request');
      return h('li', { class: warning ? 'warning' : null },
        target ? h('a', { href: `#${target.control.id}`, onclick: (e) => { e.preventDefault(); target.control.focus(); } }, where)
               : where,
        where ? ': ' : null, text(), warning ? ' (warning)' : null);
    });
    const errors = problems.filter((p) => p.severity !== 'warning').length;
    const box = h('div', { class: 'error', role: 'alert', tabindex: '-1', id: 'tor-problems' },
      h('strong', null, what), ' ',
      h('span', null, errors ? 'The request has errors:' : 'The request has warnings:'),
      h('ul', { class: 'problems' }, items));
    summary.append(box);
    box.focus();
  }

  // -- the buttons --
  const store = h('button', { type: 'submit' }, 'Store request');
  const previewButton = h('button', { type: 'button', class: 'secondary' }, 'Preview teams');

  async function busy(button, label, work) {
    const was = button.textContent;
    button.disabled = true;
    button.textContent = label;
    try {
      await work();
    } finally {
      button.disabled = false;
      button.textContent = was;
    }
  }

  // The form writes new requests: an action already stored is refused
  // here (the API would replace that request, and any team assigned to it
  // would no longer match it). The list is asked again, as another
  // officer may have stored one since the page was drawn.
  async function refuseStored(body) {
    if (!body.action) return false;
    try {
      stored = new Set((await api('/api/requests')).map((r) => r.action));
    } catch {
      // The list drawn with the page says it, then.
    }
    showActionHint();
    if (!stored.has(body.action)) return false;
    showProblems({ problems: [{ field: 'action', severity: 'error',
                                nodes: () => alreadyStored(body.action) }] },
                 'The request was not stored.');
    return true;
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    busy(store, 'Storing…', async () => {
      const body = tor();
      if (await refuseStored(body)) return;
      try {
        const saved = await api('/api/requests', { method: 'POST', body });
        location.assign(`/requests/${encodeURIComponent(saved.action)}`);
      } catch (err) {
        showProblems(err, 'The request was not stored.');
      }
    });
  });

  // The preview is not stored: an action id is not needed for it, so a
  // placeholder stands in for one not typed yet.
  previewButton.addEventListener('click', () => busy(previewButton, 'Matching…', async () => {
    const body = tor();
    if (!body.action) body.action = 'preview';
    try {
      const answer = await api('/api/match?shortlist=5&teams=1', { method: 'POST', body });
      const names = await namesOf(answer);
      clearProblems();
      fill(preview, previewOf(tax, answer, names));
      announce(answer.teams.length ? 'Preview ready: the best team and the top of the shortlist.'
                                   : 'Preview ready: no team is possible.');
      preview.querySelector('h3').focus();
    } catch (err) {
      const problems = (err && err.problems) || [];
      fill(preview, h('p', { class: 'notice preview-failed' }, h('strong', null, 'Preview failed: '),
        problems.length ? 'the request has errors, listed above.' : officerMessage(err.message || String(err))));
      announce(problems.length ? 'Preview failed: the request has errors.'
                               : `Preview failed: ${officerMessage(err.message || String(err))}`);
      showProblems(err, 'No preview.');
    }
  }));

  return h('section', { class: 'new-request', 'aria-labelledby': 'new-request-heading' },
    h('h2', { id: 'new-request-heading', tabindex: '-1' }, 'Write a new request'),
    h('p', { class: 'hint' }, 'The terms of reference a partner country sent. Only the title, the action and the country are required; the rules start at their defaults.'),
    fill(form,
      h('fieldset', { class: 'draft-step' }, h('legend', null, 'Start from a document'),
        h('div', { class: 'field' },
          h('label', { for: 'tor-document' }, 'The request document'),
          h('span', { class: 'hint', id: 'tor-document-hint' },
            'The terms of reference as the partner sent them: .txt, .md, .pdf, .docx or .odt. ' +
            'Reading it fills the form below; nothing is stored.'),
          documentInput),
        h('div', { class: 'actions' }, readButton),
        readError),
      review,
      h('fieldset', null, h('legend', null, 'The request'),
        h('div', { class: 'row' }, actionField,
          field('assistance_type', 'tor-assistance', 'Assistance type', assistance, 'A code such as A.02, B.01.'),
        ),
        field('title', 'tor-title', 'Title', title),
        country.element,
        field('partner_institution', 'tor-institution', 'Partner institution', institution),
        field('description', 'tor-description', 'Description', description,
          'What the partner asks for, in its own words: its words find the candidates.')),
      h('fieldset', { class: 'codes' }, h('legend', null, 'Fields and competences asked'),
        labelSwitch, h('div', { class: 'pickers' }, fields.element, competences.element)),
      h('fieldset', null, h('legend', null, 'Working languages'),
        h('p', { class: 'hint', id: 'tor-languages-hint' },
          'Each with the lowest level a member must have. None: the language is inferred from the description and the country.'),
        languageRows, addLanguage),
      h('fieldset', null, h('legend', null, 'Team and window'),
        h('div', { class: 'row' },
          field('team_size', 'tor-team_size', 'Team size', teamSize, '1 to 6 seats; default: 2.'),
          field('from', 'tor-from', 'From', from, 'First day of the mission.'),
          field('to', 'tor-to', 'To', to, 'Last day.'))),
      rules.element,
      summary,
      h('div', { class: 'actions' }, store, previewButton,
        h('span', { class: 'hint' }, 'Preview runs the match on this form without storing it.'))),
    preview);
}

// "Request X is already stored: choose another action id, or open it."
function alreadyStored(action) {
  return [`Request ${action} is already stored: choose another action id, or `,
          h('a', { href: `/requests/${encodeURIComponent(action)}` }, 'open it'), '.'];
}

// ---- the review of a draft: what the document says, how sure, and why ----

// The order the form asks in; fields and competences have a row per code.
const DRAFT_KEYS = ['action', 'title', 'country', 'partner_institution', 'fields', 'competences',
                    'languages', 'team_size', 'from', 'to'];

function confidenceWords(c) {
  const [word, tone] = c >= 0.8 ? ['high', 'pass'] : c >= 0.5 ? ['medium', 'warn'] : ['low', 'fail'];
  return h('span', { class: `confidence ${tone}` }, word, h('span', { class: 'muted' }, ` (${c.toFixed(1)})`));
}

// The panel that says what a draft (POST /api/draft) found: each value, how
// sure, and the document's words it was read from (document text: text
// nodes only), then what was not found. `target(key)` is the form's control
// of a ToR key, as problems are tied to it.
function draftReview(tax, d, actionStored, target) {
  const doc = d.document;
  const lang = doc.language || null;
  const format = DOCUMENT_FORMATS[doc.format] || doc.format;
  const evidence = d.evidence || {};
  const confidence = d.confidence || {};
  const goTo = (key) => {
    const t = target(key === 'languages' ? 'languages[0]' : key);
    const label = FIELD_LABELS[key];
    return t ? h('a', { href: `#${t.control.id}`, onclick: (e) => { e.preventDefault(); t.control.focus(); } }, label)
             : label;
  };
  const quote = (key, text) => (key === 'languages'
    ? h('span', null, text)
    : h('q', { lang, class: 'evidence' }, text));
  const row = (key, value, c, ev) => h('tr', null,
    h('th', { scope: 'row' }, goTo(key)),
    h('td', null, value),
    h('td', { class: 'nowrap' }, typeof c === 'number' ? confidenceWords(c) : h('span', { class: 'muted' }, 'not said')),
    h('td', null, ev ? quote(key, ev) : h('span', { class: 'muted' }, 'no words quoted')));
  const rows = [];
  for (const key of DRAFT_KEYS) {
    const v = d[key];
    if (v === undefined) continue;
    if (key === 'fields' || key === 'competences') {
      const labelOf = key === 'fields' ? fieldLabel : competenceLabel;
      for (const code of v) {
        rows.push(row(key, codeWithLabel(code, labelOf(tax, code)),
                      (confidence[key] || {})[code], (evidence[key] || {})[code]));
      }
      continue;
    }
    const value = key === 'action'
      ? [h('code', null, v), actionStored ? h('p', { class: 'draft-warning' }, alreadyStored(v), ' It is not put in the form.') : null]
      : key === 'country' ? [countryName(tax, v), ' ', h('code', { class: 'muted' }, v)]
        : key === 'languages' ? v.map((l) => `${languageName(tax, l.code)} ${l.level}`).join(', ')
          : key === 'from' || key === 'to' ? dateText(v)
            : key === 'team_size' ? String(v)
              : h('span', { lang }, v);
    rows.push(row(key, value, confidence[key], evidence[key]));
  }
  const missing = d.missing || [];
  const heading = `Drafted from ${doc.name} (${format}, ${lang ? languageName(tax, lang) : 'language unclear'})`;
  return h('section', { class: 'draft-review card', 'aria-labelledby': 'draft-review-heading' },
    h('h3', { id: 'draft-review-heading', tabindex: '-1' }, heading),
    h('p', { class: 'draft-note' }, h('strong', null, 'Nothing is stored until you press Store request. '),
      'Check each value against the words it was read from, correct the form below, then store the request or preview its teams.'),
    rows.length
      ? h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': 'What the document says' },
          h('table', { class: 'draft-values' },
            h('caption', null, 'What the document says'),
            h('thead', null, h('tr', null,
              h('th', { scope: 'col' }, 'In the form'), h('th', { scope: 'col' }, 'Value'),
              h('th', { scope: 'col' }, 'Confidence'), h('th', { scope: 'col' }, 'Read from'))),
            h('tbody', null, rows)))
      : h('p', null, 'No value of the request was found in the document.'),
    d.description ? h('p', null, goTo('description'), `: the document's text (${number(doc.characters)} characters).`) : null,
    missing.length
      ? h('p', { class: 'draft-missing' }, h('strong', null, 'Not found in the document: '),
          missing.map((k, i) => [i ? ', ' : '', FIELD_LABELS[k] ? goTo(k) : k]),
          '. Fill them in below if the request needs them.')
      : null,
    d.codes_missing ? h('p', { class: 'hint' }, `No field or competence was drafted: ${d.codes_missing}.`) : null);
}

// ---- problems in the form's words ----

const FIELD_LABELS = {
  action: 'Action', title: 'Title', country: 'Partner country',
  partner_institution: 'Partner institution', assistance_type: 'Assistance type',
  description: 'Description', fields: 'Fields of expertise', competences: 'Competences',
  languages: 'Working languages', team_size: 'Team size', from: 'From', to: 'To', rules: 'Rules',
};

// The label of the form's control a problem's field path names
// (languages[1].level → "Lowest level of language 2"), or null.
function fieldLabelOf(path) {
  if (!path) return null;
  const lang = path.match(/^languages\[(\d+)\](?:\.(code|level))?/);
  if (lang) {
    const n = Number(lang[1]) + 1;
    return lang[2] === 'level' ? `Lowest level of language ${n}` : `Language ${n}`;
  }
  const rule = path.match(/^rules\.([A-Za-z_]+)/);
  if (rule) {
    const r = RULES.find((x) => x.key === rule[1]);
    return r ? r.label : null;
  }
  let k = path;
  while (k) {
    if (Object.hasOwn(FIELD_LABELS, k)) return FIELD_LABELS[k];
    const shorter = k.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
    if (shorter === k) break;
    k = shorter;
  }
  return null;
}

// The service's message in the form's words: "body: action: required" is
// "Action: required"; its summary of a refused ToR is said by the list.
function officerMessage(message) {
  const m = String(message).replace(/^body: /, '');
  if (/^the terms of reference have errors$|^\d+ of \d+ requests? not valid/.test(m)) return 'The request has errors.';
  const at = m.match(/^([A-Za-z_][\w.[\]]*): (.*)$/);
  const label = at && fieldLabelOf(at[1]);
  return label ? `${label}: ${at[2]}` : m.charAt(0).toUpperCase() + m.slice(1);
}

// The names of the experts a preview shows: the shortlist names its own;
// a member of the best team outside it is looked for by id (`id:A id:B`
// is A or B). An id that cannot be looked up stays an id.
async function namesOf(answer) {
  const names = new Map(answer.shortlist.map((s) => [s.id, s.name]));
  const members = answer.teams.length ? answer.teams[0].members : [];
  const missing = [...new Set(members)].filter((id) => !names.has(id));
  if (!missing.length) return names;
  const q = missing.map((id) => (/^[\w.-]+$/.test(id) ? `id:${id}` : `id:"${id.replace(/"/g, '')}"`)).join(' ');
  try {
    const found = await api(`/api/search?q=${encodeURIComponent(q)}&limit=${missing.length}`);
    for (const r of found.results) names.set(r.id, r.name);
  } catch {
    // Named by their ids, then.
  }
  return names;
}

// ---- the country: a combobox over the taxonomy's countries ----

function countryPicker(tax, targets, onPick) {
  const entries = tax.countries.map((c) => ({ c, names: countryNames(c), folded: countryNames(c).map(fold) }))
    .sort((a, b) => (b.c.partner - a.c.partner) || firstName(a.c.names.en).localeCompare(firstName(b.c.names.en)));
  const input = h('input', { id: 'tor-country', type: 'text', role: 'combobox', autocomplete: 'off',
                             'aria-autocomplete': 'list', 'aria-expanded': 'false',
                             'aria-controls': 'tor-country-list', spellcheck: 'false' });
  const listbox = h('ul', { id: 'tor-country-list', role: 'listbox', 'aria-label': 'Countries', class: 'tor-combo-list', hidden: true });
  const chosenLine = h('span', { class: 'hint', id: 'tor-country-chosen', 'aria-live': 'polite' });
  const hint = h('span', { class: 'hint', id: 'tor-country-hint' },
    'Type a name in English, French, Spanish or Portuguese, or a code; partner countries come first.');
  input.setAttribute('aria-describedby', 'tor-country-hint tor-country-chosen');
  let chosen = null;
  let shown = [];
  let active = -1;

  function display(c) {
    return firstName(c.names.en);
  }

  function matches(q) {
    if (!q) return entries;
    const out = [];
    for (const e of entries) {
      const i = e.folded.findIndex((n) => n.includes(q));
      if (e.c.code.toLowerCase() === q || i >= 0) {
        const prefix = e.c.code.toLowerCase() === q || e.folded.some((n) => n.startsWith(q));
        out.push({ ...e, alt: i >= 0 && e.folded[i] !== fold(display(e.c)) ? e.names[i] : null, prefix });
      }
    }
    return out.sort((a, b) => (b.c.partner - a.c.partner) || (b.prefix - a.prefix));
  }

  function open(q) {
    shown = matches(q);
    active = shown.length ? 0 : -1;
    listbox.replaceChildren(...(shown.length ? shown.map((e, i) => h('li', {
      role: 'option', id: `tor-country-opt-${e.c.code}`, 'aria-selected': String(i === active),
      class: e.c.partner ? 'partner' : 'other',
      onmousedown: (ev) => ev.preventDefault(),
      onclick: () => pick(e.c),
    }, display(e.c), e.alt ? h('span', { class: 'muted' }, ` (${e.alt})`) : null, ' ',
      h('code', null, e.c.code), e.c.partner ? null : h('span', { class: 'muted' }, ' · not a partner country')))
      : [h('li', { role: 'option', 'aria-disabled': 'true', 'aria-selected': 'false', class: 'none' }, 'No country matches.')]));
    listbox.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    setActive(active);
  }

  function close() {
    listbox.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  }

  function setActive(i) {
    const options = listbox.querySelectorAll('[role="option"]:not([aria-disabled])');
    options.forEach((o, j) => o.setAttribute('aria-selected', String(j === i)));
    active = i;
    if (i >= 0 && options[i]) {
      input.setAttribute('aria-activedescendant', options[i].id);
      options[i].scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  function pick(c) {
    chosen = c;
    input.value = display(c);
    chosenLine.textContent = `Chosen: ${display(c)} (${c.code})${c.partner ? ', a partner country' : ', not a partner country'}.`;
    close();
    onPick();
  }

  input.addEventListener('input', () => {
    if (chosen && input.value !== display(chosen)) {
      chosen = null;
      chosenLine.textContent = '';
      onPick();
    }
    open(fold(input.value));
  });
  input.addEventListener('click', () => { if (listbox.hidden) open(fold(input.value)); });
  input.addEventListener('blur', () => {
    close();
    if (chosen) return;
    const q = fold(input.value);
    const exact = q && entries.find((e) => e.c.code.toLowerCase() === q || e.folded.includes(q));
    if (exact) pick(exact.c);
  });
  input.addEventListener('keydown', (e) => {
    const n = listbox.querySelectorAll('[role="option"]:not([aria-disabled])').length;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (listbox.hidden) { open(fold(input.value)); return; }
      if (!n) return;
      setActive(e.key === 'ArrowDown' ? (active + 1) % n : (active - 1 + n) % n);
    } else if (e.key === 'Enter') {
      if (!listbox.hidden && active >= 0 && shown[active]) {
        e.preventDefault();
        pick(shown[active].c);
      }
    } else if (e.key === 'Escape') {
      if (!listbox.hidden) { e.preventDefault(); close(); }
    }
  });

  const element = h('div', { class: 'field tor-combo' },
    h('label', { for: 'tor-country' }, 'Partner country'), hint, input, listbox, chosenLine);
  targets.set('country', { control: input, host: element });
  return {
    element,
    code: () => (chosen ? chosen.code : ''),
    value: () => (chosen ? chosen.code : input.value.trim()),
    // Pick the country of this code, as choosing it in the list does (a
    // code the taxonomy does not have changes nothing).
    set(code) {
      const e = entries.find((x) => x.c.code === code);
      if (e) pick(e.c);
    },
    // No country, as the form starts.
    clear() {
      chosen = null;
      input.value = '';
      chosenLine.textContent = '';
      close();
      onPick();
    },
  };
}

// ---- fields and competences: a tree of checkboxes ----

// The tree of a taxonomy list (letter → code → sub-code): a code whose
// parent is not in the taxonomy hangs from its nearest listed ancestor.
function treeOf(entries) {
  const byCode = new Map(entries.map((e) => [e.code, { entry: e, children: [], parent: null }]));
  const roots = [];
  for (const node of byCode.values()) {
    let p = node.entry.parent;
    while (p && !byCode.has(p)) p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '';
    node.parent = p ? byCode.get(p) : null;
    (node.parent ? node.parent.children : roots).push(node);
  }
  return { roots, nodes: [...byCode.values()] };
}

function treePicker(entries, { key, legend, noun, none }) {
  const { roots, nodes } = treeOf(entries);
  const chosen = new Set();
  let language = 'en';
  const slug = (code) => code.replace(/[^A-Za-z0-9]/g, '_');
  const label = (node) => node.entry.labels[language] || node.entry.labels.en;

  const filter = h('input', { type: 'search', id: `tor-${key}-filter`, autocomplete: 'off',
                              'aria-describedby': `tor-${key}-status` });
  const status = h('p', { class: 'hint tree-status', id: `tor-${key}-status`, role: 'status' },
    `${nodes.length} ${noun}; open a group with its arrow.`);
  const chips = h('ul', { class: 'chips chosen', 'aria-label': `${legend} chosen` });
  const noneLine = h('p', { class: 'hint' }, none);

  function drawNode(node) {
    const code = node.entry.code;
    const id = `tor-${key}-${slug(code)}`;
    node.label = h('span', { lang: language }, label(node));
    node.box = h('input', { type: 'checkbox', id, value: code, onchange: () => {
      if (node.box.checked) chosen.add(code); else chosen.delete(code);
      drawChips();
    } });
    node.expanded = false;
    if (node.children.length) {
      node.sub = h('ul', { id: `${id}-sub`, hidden: true }, node.children.map(drawNode));
      node.toggle = h('button', { type: 'button', class: 'twisty', 'aria-expanded': 'false',
                                  'aria-controls': node.sub.id, 'aria-label': `Sub-codes of ${code}`,
                                  onclick: () => {
                                    node.expanded = node.sub.hidden;
                                    show(node, node.expanded);
                                  } });
    }
    node.li = h('li', null,
      h('div', { class: 'tree-row' },
        node.toggle || h('span', { class: 'twisty-space', 'aria-hidden': 'true' }),
        node.box, h('label', { for: id }, h('code', null, code), ' ', node.label)),
      node.sub || null);
    return node.li;
  }

  function show(node, open) {
    node.sub.hidden = !open;
    node.toggle.setAttribute('aria-expanded', String(open));
  }

  const tree = h('ul', { class: 'tree' }, roots.map(drawNode));

  function applyFilter() {
    const q = fold(filter.value);
    if (!q) {
      for (const n of nodes) {
        n.li.hidden = false;
        if (n.sub) show(n, n.expanded);
      }
      status.textContent = `${nodes.length} ${noun}; open a group with its arrow.`;
      return;
    }
    let count = 0;
    const visit = (n) => {
      const self = n.entry.code.toLowerCase().startsWith(q) ||
                   Object.values(n.entry.labels).some((l) => fold(l).includes(q));
      if (self) count++;
      const below = n.children.map(visit).some(Boolean);
      n.li.hidden = !(self || below);
      if (n.sub) show(n, below || n.expanded);
      return self || below;
    };
    roots.forEach(visit);
    const one = noun.replace(/s$/, '');
    status.textContent = count === 0 ? `No ${one} matches “${filter.value.trim()}”.`
      : count === 1 ? `1 ${one} matches “${filter.value.trim()}”.`
        : `${count} ${noun} match “${filter.value.trim()}”.`;
  }
  filter.addEventListener('input', applyFilter);

  function drawChips() {
    const list = nodes.filter((n) => chosen.has(n.entry.code));
    noneLine.hidden = list.length > 0;
    chips.replaceChildren(...list.map((n, i) => h('li', null,
      h('span', { class: 'chip' },
        h('code', null, n.entry.code), h('span', { lang: language }, label(n)),
        h('button', { type: 'button', class: 'chip-remove', 'aria-label': `Remove ${n.entry.code} ${label(n)}`,
                      onclick: () => {
                        n.box.checked = false;
                        chosen.delete(n.entry.code);
                        drawChips();
                        const buttons = chips.querySelectorAll('button');
                        (buttons[i] || buttons[i - 1] || filter).focus();
                        announce(`${n.entry.code} removed.`);
                      } }, '×')))));
  }
  drawChips();

  const element = h('fieldset', { class: 'tree-picker' },
    h('legend', null, legend),
    h('div', { class: 'chosen-block' }, h('p', { class: 'chosen-title' }, 'Chosen'), chips, noneLine),
    h('div', { class: 'field' },
      h('label', { for: filter.id }, `Filter ${noun}`, ' ', h('span', { class: 'hint' }, '(a code, or words in any of the four languages)')),
      filter, status),
    tree);

  return {
    element,
    chosen,
    focusTarget: filter,
    setLanguage(lang) {
      language = lang;
      for (const n of nodes) {
        n.label.textContent = label(n);
        n.label.lang = lang;
      }
      drawChips();
      if (filter.value) applyFilter();
    },
    // Choose exactly these codes (those the taxonomy has), their groups
    // opened so that each shows in the tree, and redraw the chips.
    set(codes) {
      chosen.clear();
      for (const n of nodes) {
        n.box.checked = codes.includes(n.entry.code);
        if (n.box.checked) chosen.add(n.entry.code);
      }
      for (const n of nodes) {
        if (!n.box.checked) continue;
        for (let p = n.parent; p; p = p.parent) {
          p.expanded = true;
          show(p, true);
        }
      }
      drawChips();
    },
  };
}

// ---- working languages: rows of a language and its level ----

let languageRowsMade = 0;

function languageRow(tax, n, onRemove) {
  const uid = `tor-lang-${++languageRowsMade}`;
  let index = n;
  const byName = [...tax.languages].sort((a, b) => a.names.en.localeCompare(b.names.en));
  const option = (l) => h('option', { value: l.code }, `${firstName(l.names.en)} (${l.code})`);
  const code = h('select', { id: `${uid}-code` },
    h('option', { value: '' }, 'Choose a language'),
    h('optgroup', { label: 'Usual working languages' },
      COMMON_LANGUAGES.filter((c) => tax.byLanguage.has(c)).map((c) => option(tax.byLanguage.get(c)))),
    h('optgroup', { label: 'All languages' }, byName.map(option)));
  const level = h('select', { id: `${uid}-level` }, LEVELS.map((l) => h('option', { value: l, selected: l === 'B2' }, l)));
  const codeLabel = h('label', { for: code.id });
  const levelLabel = h('label', { for: level.id });
  const remove = h('button', { type: 'button', class: 'secondary lang-remove' });
  const codeHost = h('div', { class: 'field' }, codeLabel, code);
  const levelHost = h('div', { class: 'field' }, levelLabel, level);
  const row = {
    element: h('div', { class: 'row lang-row' }, codeHost, levelHost, remove),
    focusTarget: code,
    targets: { code: { control: code, host: codeHost }, level: { control: level, host: levelHost } },
    value: () => ({ code: code.value, level: level.value }),
    set(l) {
      code.value = l.code;
      if (LEVELS.includes(l.level)) level.value = l.level;
      row.renumber(index);
    },
    renumber(i) {
      index = i;
      codeLabel.textContent = `Language ${i}`;
      levelLabel.textContent = `Lowest level of language ${i}`;
      const name = code.value ? languageName(tax, code.value) : `language ${i}`;
      remove.textContent = 'Remove';
      remove.setAttribute('aria-label', `Remove ${name}`);
    },
  };
  code.addEventListener('change', () => row.renumber(index));
  remove.addEventListener('click', () => onRemove(row));
  row.renumber(n);
  return row;
}

// ---- the rules: each with its default; only the changed ones are sent ----

const RULES = [
  { key: 'min_nationalities', kind: 'number', hard: true, min: 1, max: 6, label: 'Fewest nationalities in the team',
    hint: 'Default: 2 (1 for a team of one); a dual national counts for whichever helps.' },
  { key: 'max_same_nationality', kind: 'number', hard: true, min: 1, max: 6, default: 1,
    label: 'Most members holding one nationality', hint: 'Default: 1.' },
  { key: 'min_eu_members', kind: 'number', hard: true, min: 0, max: 6, default: 1,
    label: 'Fewest nationals of an EU member state', hint: 'Default: 1.' },
  { key: 'max_load_days', kind: 'number', hard: true, min: 0, max: 366, default: null,
    label: 'Most mission days per expert in the 12 months before', hint: 'Default: no limit (leave empty).' },
  { key: 'exclude_nationalities', kind: 'countries', hard: true, label: 'Nationalities never proposed',
    hint: 'Codes or names, separated by commas. Default: the partner country (its nationals are the beneficiary). Empty: no nationality excluded.' },
  { key: 'exclude', kind: 'ids', hard: true, label: 'Experts never proposed (conflict of interest)',
    hint: 'Expert ids, separated by commas or spaces. Default: none.' },
  { key: 'require', kind: 'ids', hard: true, label: 'Experts seated in every team',
    hint: 'Expert ids, separated by commas or spaces. Default: none.' },
  { key: 'available', kind: 'bool', hard: true, default: true,
    label: 'Every member available over the whole window', hint: 'Default: on.' },
  { key: 'languages_covered', kind: 'bool', hard: true, default: true,
    label: 'Each working language met by a member at its level', hint: 'Default: on.' },
  { key: 'prefer_public', kind: 'bool', default: true,
    label: 'Prefer public expertise (administrations, retired public servants, mandated bodies)', hint: 'Default: on.' },
  { key: 'gender_balance', kind: 'bool', default: true, label: 'Prefer a gender-balanced team', hint: 'Default: on.' },
  { key: 'portfolio_balance', kind: 'bool', default: true,
    label: 'Weigh against over-represented nationalities in recent missions', hint: 'Default: on.' },
  { key: 'triangular', kind: 'bool', default: false,
    label: 'Prefer an expert from a partner country (triangular cooperation)', hint: 'Default: off.' },
];

function ruleControls(targets) {
  const context = { country: '', teamSize: 2 };
  const defaults = {
    exclude_nationalities: () => (context.country ? [context.country] : []),
    min_nationalities: () => (context.teamSize >= 2 ? 2 : 1),
  };
  const list = (s) => s.split(/[\s,;]+/).map((x) => x.trim()).filter(Boolean);
  const changedLine = h('p', { class: 'hint rules-changed', role: 'status' });
  const controls = RULES.map((rule) => {
    const id = `tor-rule-${rule.key}`;
    const name = h('code', null, rule.key);
    let control;
    let host;
    const hint = h('span', { class: 'hint', id: `${id}-hint` }, rule.hint);
    if (rule.kind === 'bool') {
      control = h('input', { type: 'checkbox', id, checked: rule.default, 'aria-describedby': hint.id });
      host = h('div', { class: 'rule check' }, control,
        h('div', null, h('label', { for: id }, rule.label, ' ', name), ' ', hint));
    } else {
      control = h('input', {
        id, 'aria-describedby': hint.id, autocomplete: 'off', spellcheck: 'false',
        ...(rule.kind === 'number'
          ? { type: 'number', min: rule.min, max: rule.max, class: 'tiny', inputmode: 'numeric',
              value: rule.default === null || rule.default === undefined ? '' : String(rule.default) }
          : { type: 'text', class: 'wide' }),
      });
      host = h('div', { class: 'rule field' }, h('label', { for: id }, rule.label, ' ', name), hint, control);
    }
    // Controls whose default follows the form (the partner country, the
    // team size) keep following it until someone edits them.
    if (defaults[rule.key]) control.dataset.follow = 'yes';
    control.addEventListener('input', () => { delete control.dataset.follow; refresh(); });
    control.addEventListener('change', refresh);
    targets.set(`rules.${rule.key}`, { control, host });
    return { rule, control, host };
  });

  // The value of a rule as the ToR would hold it, and its default.
  function read({ rule, control }) {
    if (rule.kind === 'bool') return control.checked;
    const v = control.value.trim();
    if (rule.kind === 'number') return v === '' ? null : (/^-?\d+$/.test(v) ? Number(v) : v);
    if (rule.kind === 'countries') return list(v).map((x) => (/^[a-z]{2}$/i.test(x) ? x.toUpperCase() : x));
    return list(v);
  }
  function defaultOf(rule) {
    if (defaults[rule.key]) return defaults[rule.key]();
    if (rule.kind === 'ids') return [];
    return rule.default;
  }
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

  function changed() {
    const out = {};
    for (const c of controls) {
      const v = read(c);
      const d = defaultOf(c.rule);
      if (c.rule.kind === 'number' && v === null) continue;
      if (!same(v, d)) out[c.rule.key] = v;
    }
    return out;
  }

  function refresh() {
    const diff = changed();
    for (const c of controls) c.host.classList.toggle('changed', c.rule.key in diff);
    const keys = Object.keys(diff);
    changedLine.textContent = keys.length
      ? `Changed from the defaults, and sent: ${keys.map((k) => `${k} = ${JSON.stringify(diff[k])}`).join('; ')}.`
      : 'Every rule at its default: no rule is sent.';
  }

  function sync(update) {
    Object.assign(context, update);
    for (const c of controls) {
      if (c.control.dataset.follow !== 'yes') continue;
      const d = defaultOf(c.rule);
      c.control.value = Array.isArray(d) ? d.join(', ') : String(d);
    }
    refresh();
  }
  sync({});

  const hard = controls.filter((c) => c.rule.hard).map((c) => c.host);
  const soft = controls.filter((c) => !c.rule.hard).map((c) => c.host);
  const element = h('fieldset', { class: 'rules' },
    h('legend', null, 'Rules'),
    h('p', { class: 'hint' }, 'Each starts at its default, shown under it. ', changedLine),
    h('fieldset', null, h('legend', null, 'Hard rules: every team keeps them'), h('div', { class: 'rules-grid' }, hard)),
    h('fieldset', null, h('legend', null, 'Preferences: soft rules that weigh on the score'), h('div', { class: 'rules-grid' }, soft)));
  return { element, changed, sync };
}

// ---- the preview: the best team and the top of the shortlist ----

function previewOf(tax, answer, names) {
  const best = answer.teams[0];
  const inferred = answer.inferred || { fields: [], languages: [] };
  const verdicts = best ? best.rules : [];
  const failed = verdicts.filter((r) => r.status === 'fail');
  const warned = verdicts.filter((r) => r.status === 'warn');
  return [
    h('h3', { tabindex: '-1' }, 'Preview: not stored'),
    answer.problems && answer.problems.length ? warningsBox(answer.problems, 'preview-warnings') : null,
    h('p', { class: 'muted' }, `${number(answer.candidates_considered)} candidates considered.`,
      inferred.fields.length ? [' Fields inferred from the text: ',
        inferred.fields.map((c, i) => [i ? ', ' : '', codeWithLabel(c, fieldLabel(tax, c))])] : null,
      inferred.languages.length ? [' Languages inferred: ',
        inferred.languages.map((l) => `${languageName(tax, l.code)} ${l.level}`).join(', '), '.'] : null),
    best
      ? h('div', { class: 'card best-team' },
          h('h4', null, 'Best team'),
          h('ul', { class: 'plain' }, best.members.map((id) => h('li', null,
            h('a', { href: `/experts/${encodeURIComponent(id)}` }, names.get(id) || id), ' ',
            h('code', { class: 'muted nowrap' }, id)))),
          h('p', null, `Score ${best.score.toFixed(3)}; `,
            failed.length ? h('span', { class: 'fail' }, `hard rule failed: ${failed.map((r) => r.rule).join(', ')}`)
              : warned.length ? h('span', { class: 'warn' }, `${warned.length} soft rule${warned.length > 1 ? 's' : ''} warn: ${warned.map((r) => r.rule).join(', ')}`)
                : h('span', { class: 'pass' }, 'all rules pass'), '.'))
      : h('div', { class: 'notice' },
          h('p', null, h('strong', null, 'No team is possible. '),
            answer.infeasible ? [h('code', null, answer.infeasible.rule), ': ', answer.infeasible.detail, '.'] : null),
          answer.infeasible && answer.infeasible.remedies.length
            ? [h('p', null, 'What would give a team:'), h('ul', null, answer.infeasible.remedies.map((r) => h('li', null, r)))]
            : null),
    h('table', { class: 'preview-shortlist' },
      h('caption', null, `Top ${answer.shortlist.length} of the shortlist`),
      h('thead', null, h('tr', null, h('th', { scope: 'col', class: 'num' }, 'Rank'), h('th', { scope: 'col' }, 'Expert'),
        h('th', { scope: 'col', class: 'num' }, 'Score'), h('th', { scope: 'col' }, 'Reasons'))),
      h('tbody', null, answer.shortlist.map((s, i) => h('tr', null,
        h('td', { class: 'num' }, i + 1),
        h('td', null, h('a', { href: `/experts/${encodeURIComponent(s.id)}` }, s.name), ' ', h('code', { class: 'muted nowrap' }, s.id)),
        h('td', { class: 'num' }, s.score.toFixed(3)),
        h('td', null, s.why.join('; ')))))),
  ];
}
