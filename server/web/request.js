// The request page, /requests/ACTION: the stored request (its ToR in words),
// the best teams side by side with their rule-by-rule verdicts, the team
// being built (swap a member for an alternate, a shortlisted or any expert,
// checked at once by POST /api/check and kept in the address as
// ?team=ID,ID), the remedies when no team is possible (applied to a copy of
// the ToR and matched again, not stored unless an editor saves it), the
// shortlist with the parts of each score, and, for editors, assigning a
// team and taking a member off the team assigned. Its styles are the
// "request page" section at the end of app.css.
import {
  me, api, h, fill, setTitle, announce, errorBox, warningsBox, number, counted, taxonomy,
  fieldLabel, competenceLabel, countryName, languageName, codeWithLabel,
  RULE_NAMES, drawUnknownRequest,
} from './app.js';

const SHORTLIST_STEP = 20;

const VERDICT = {
  fail: { mark: '✗', word: 'fails', order: 0 },
  warn: { mark: '!', word: 'warns', order: 1 },
  pass: { mark: '✓', word: 'passes', order: 2 },
};

// The parts of a candidate's score, with the short names the bars show.
const PARTS = [
  ['fields', 'Fi', 'fields of expertise'],
  ['competences', 'Co', 'competences'],
  ['text', 'Tx', 'CV text'],
  ['language', 'La', 'languages'],
  ['sector', 'Se', 'public sector'],
  ['region', 'Re', 'region'],
  ['load', 'Lo', 'free of recent missions'],
];

const COUNTRY_ALIASES = { EL: 'GR', UK: 'GB' };

export default async function draw(main, params, query) {
  const action = params[0];
  fill(main, h('p', { class: 'loading', role: 'status' }, 'Loading the request…'));
  setTitle(`Request ${action}`);
  const [list, tax] = await Promise.all([api('/api/requests'), taxonomy()]);
  if (drawUnknownRequest(main, list, action, '')) return;
  const request = await api(`/api/requests/${encodeURIComponent(action)}`);
  const page = new RequestPage(main, request, tax, query);
  await page.start();
}

// The page's state and its parts, each redrawn on its own.
class RequestPage {
  constructor(main, request, tax, query) {
    this.main = main;
    this.request = request;
    this.tax = tax;
    this.tor = request.tor;           // the ToR matched: the stored one, or a remedied copy
    this.changes = [];                // the remedies applied to the stored ToR, in words
    this.match = request.match;
    this.shortlist = request.match.shortlist;
    this.shown = SHORTLIST_STEP;
    this.shortlistAsked = SHORTLIST_STEP;   // the length of shortlist last asked of the API
    this.people = new Map();          // id → search result (name, nationalities, ...)
    this.built = { base: [], team: [], from: 0, seat: 0, checked: null, checkError: null };
    this.checkSeq = 0;
    this.flash = null;                // after a change: {assigned: answer} or {saved: changes}
    const asked = (query.get('team') || '').split(',').map((s) => s.trim()).filter(Boolean);
    this.askedTeam = asked.length ? [...new Set(asked)] : null;
  }

  async start() {
    const teams = this.match.teams;
    await this.learn([...teams.flatMap((t) => t.members), ...this.match.alternates,
                      ...this.request.team.map((m) => m.id), ...(this.askedTeam || [])]);
    this.startBuilding(this.request.team.length ? 'assigned' : teams.length ? 0 : -1, this.askedTeam);
    this.drawAll();
    await this.check(true);
  }

  // ---- the experts the page names ----

  // Name, nationalities, gender and sector of each id not yet known, in one
  // search (`id:A id:B` is A or B). Not a read of the record, so not audited.
  async learn(ids) {
    const missing = [...new Set(ids)].filter((id) => !this.people.has(id));
    if (!missing.length) return;
    const q = missing.map((id) => (/^[\w.-]+$/.test(id) ? `id:${id}` : `id:"${id}"`)).join(' ');
    const res = await api(`/api/search?q=${encodeURIComponent(q)}&limit=${missing.length}`);
    for (const r of res.results) this.people.set(r.id, r);
  }

  person(id) {
    return this.people.get(id) || this.shortlist.find((c) => c.id === id) || { id };
  }

  nameOf(id) {
    return this.person(id).name || id;
  }

  nationalities(id) {
    const nats = this.person(id).nationalities || [];
    return nats.map((code) => {
      const c = this.tax.byCountry.get(code);
      return h('span', { class: 'rq-nat' }, countryName(this.tax, code),
        c && c.eu ? h('abbr', { class: 'rq-eu', title: 'EU member state' }, 'EU') : null);
    });
  }

  expertLink(id) {
    return h('a', { href: `/experts/${encodeURIComponent(id)}` }, this.nameOf(id));
  }

  // ---- the whole page ----

  drawAll() {
    const r = this.request;
    setTitle(`${r.title} (${r.action})`);
    this.sections = {
      teams: h('section', { class: 'rq-teams', 'aria-labelledby': 'rq-teams-h' }),
      builder: h('section', { class: 'rq-builder', 'aria-labelledby': 'rq-builder-h' }),
      shortlist: h('section', { class: 'rq-shortlist', 'aria-labelledby': 'rq-shortlist-h' }),
    };
    fill(this.main,
      h('p', { class: 'rq-crumbs' }, h('a', { href: '/requests' }, 'All requests'), ' · ',
        h('a', { href: `/requests/${encodeURIComponent(r.action)}/print` }, 'Print view')),
      h('h1', { class: 'wrap-anywhere' }, r.title),
      h('p', { class: 'rq-meta' }, 'Request ', h('code', null, r.action), ' · ',
        countryName(this.tax, r.country), ' · ',
        h('span', { class: `badge rq-status-${r.status}` }, r.status)),
      this.drawSaved(),
      this.drawUnassigned(),
      this.drawAssigned(),
      this.drawAbout(),
      this.sections.teams,
      this.sections.builder,
      this.sections.shortlist);
    this.drawTeams();
    this.drawBuilder();
    this.drawShortlist();
  }

  drawSaved() {
    if (!this.flash || !this.flash.saved) return null;
    return h('div', { class: 'success rq-flash', role: 'status', tabindex: '-1' },
      h('strong', null, 'The changed ToR is saved as the request’s ToR: '), this.flash.saved, '.');
  }

  drawUnassigned() {
    const gone = this.flash && this.flash.unassigned;
    if (!gone) return null;
    return h('div', { class: 'success rq-flash', role: 'status', tabindex: '-1' },
      h('strong', null, `${gone.name} is off the team`),
      ': their mission no longer counts in the report. ',
      gone.status === 'open' ? 'No one is left on the team: the request is open again.'
        : 'The rest of the team stays assigned.');
  }

  // The team the request sent, each member with a way off it for editors;
  // just after assigning, with the news first.
  drawAssigned() {
    const team = this.request.team, news = this.flash && this.flash.assigned;
    if (!team.length) return null;
    return h('div', news ? { class: 'success rq-assigned rq-flash', role: 'status', tabindex: '-1' }
                         : { class: 'success rq-assigned' },
      news ? h('p', null, h('strong', null, 'The team is recorded: '),
        `${news.days} mission days each, ${news.from} to ${news.to}. It counts in the report at once.`) : null,
      h('p', null, h('strong', null, 'Team assigned'), ' (', h('a', { href: '/report' }, 'see the report'), '):'),
      h('ul', { class: 'rq-assigned-team' }, team.map((m) => h('li', { 'data-id': m.id },
        h('span', null, this.expertLink(m.id), ` (${m.id}), ${m.days} days`),
        me.editor ? h('button', { type: 'button', class: 'link', 'data-key': `unassign-${m.id}`,
                                  onclick: (e) => this.confirmUnassign(m, e.currentTarget) },
          'Take', h('span', { class: 'visually-hidden' }, ` ${this.nameOf(m.id)}`), ' off the team…') : null))));
  }

  // Ask first, as forgetting an expert does: the mission is erased.
  confirmUnassign(member, opener) {
    const r = this.request, name = this.nameOf(member.id), last = r.team.length === 1;
    const problem = h('div');
    const confirm = h('button', { type: 'button', class: 'danger' }, 'Take off the team');
    const cancel = h('button', { type: 'button', class: 'secondary', autofocus: true }, 'Cancel');
    const dialog = h('dialog', { class: 'confirm', 'aria-labelledby': 'unassign-title', 'aria-describedby': 'unassign-text' },
      h('h2', { id: 'unassign-title', class: 'wrap-anywhere' }, `Take ${name} off the team?`),
      h('div', { id: 'unassign-text' },
        h('p', { class: 'wrap-anywhere' }, 'The mission of ', h('strong', null, name), ' (', h('code', null, member.id),
          `) for request ${r.action}, ${member.days} days from ${r.from} to ${r.to}, is erased: `,
          'it no longer counts in their load, their availability or the report.'),
        h('p', null, last ? 'No one is left on the team then: the request is open again.'
          : 'The rest of the team stays assigned.')),
      problem,
      h('div', { class: 'actions' }, cancel, confirm));
    let done = false;
    cancel.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => {
      dialog.remove();
      if (!done) opener.focus();
    });
    confirm.addEventListener('click', async () => {
      confirm.disabled = true;
      cancel.disabled = true;
      fill(problem);
      let res;
      try {
        res = await api(`/api/requests/${encodeURIComponent(r.action)}/unassign`,
          { method: 'POST', body: { team: [member.id] } });
      } catch (err) {
        fill(problem, errorBox(err, 'No one was taken off the team.'));
        confirm.disabled = false;
        cancel.disabled = false;
        return;
      }
      done = true;
      dialog.close();
      announce(`${name} is off the team.`);
      await this.reload({ unassigned: { name, status: res.status } });
    });
    this.main.append(dialog);
    dialog.showModal();
  }

  // ---- the request in words ----

  drawAbout() {
    const r = this.request, t = r.tor, tax = this.tax;
    const inferred = this.match.inferred || { fields: [], languages: [] };
    const rows = [
      ['Partner country', countryName(tax, r.country)],
      ['Partner institution', t.partner_institution || h('span', { class: 'muted' }, 'not given')],
      ['Mission window', r.from && r.to
        ? [r.from, ' to ', r.to, h('span', { class: 'muted' }, ` (${workingDays(r.from, r.to)} working days)`)]
        : h('span', { class: 'muted' }, 'not given')],
      ['Team size', counted(r.team_size, 'expert')],
      ['Working languages', this.languagesOf(t, inferred)],
      ['Fields', this.codes(t.fields, inferred.fields, (c) => fieldLabel(tax, c))],
      ['Competences', this.codes(t.competences, [], (c) => competenceLabel(tax, c))],
      ['Rules', this.rulesThatDiffer(t)],
    ];
    return h('section', { class: 'rq-about', 'aria-labelledby': 'rq-about-h' },
      h('h2', { id: 'rq-about-h' }, 'The request'),
      h('dl', { class: 'rq-facts' }, rows.map(([k, v]) => [h('dt', null, k), h('dd', null, v)])),
      t.description ? h('div', { class: 'rq-description' },
        h('h3', null, 'Description'), h('p', { class: 'wrap-anywhere' }, t.description)) : null);
  }

  languagesOf(t, inferred) {
    const given = t.languages;
    const list = given === undefined ? inferred.languages : given.map(langEntry);
    if (!list.length) return h('span', { class: 'muted' }, 'none asked');
    return h('ul', { class: 'rq-inline' }, list.map((l) =>
      h('li', null, `${languageName(this.tax, l.code)} (${l.code}) at ${l.level || 'B2'}`,
        l.basis ? h('span', { class: 'muted' }, ` — inferred: ${l.basis}`) : null)));
  }

  codes(given, inferred, label) {
    const list = given && given.length ? given : inferred;
    if (!list.length) return h('span', { class: 'muted' }, 'none asked');
    return [
      h('ul', { class: 'rq-codes' }, list.map((c) => h('li', null, codeWithLabel(c, label(c))))),
      given && given.length ? null : h('span', { class: 'muted' }, 'inferred from the text'),
    ];
  }

  rulesThatDiffer(t) {
    const rules = t.rules || {};
    const size = t.team_size || 2;
    const defaults = {
      min_nationalities: size >= 2 ? 2 : 1, max_same_nationality: 1, min_eu_members: 1,
      languages_covered: true, available: true, prefer_public: true, gender_balance: true,
      portfolio_balance: true, triangular: false,
    };
    const out = [];
    for (const [key, value] of Object.entries(rules)) {
      const name = RULE_NAMES[key] || key;
      if (key === 'exclude_nationalities') {
        const codes = value.map((v) => this.countryCode(v));
        if (codes.length === 1 && codes[0] === this.request.country) continue;
        out.push([name, key, codes.length ? codes.map((c) => countryName(this.tax, c)).join(', ') : 'none (everyone allowed)']);
      } else if (key === 'exclude' || key === 'require') {
        if (value.length) out.push([name, key, value.join(', ')]);
      } else if (key === 'max_load_days') {
        out.push([name, key, `at most ${value}`]);
      } else if (key in defaults && value !== defaults[key]) {
        out.push([name, key, typeof value === 'boolean' ? (value ? 'asked' : 'not asked') : String(value)]);
      }
    }
    if (!out.length) return h('span', { class: 'muted' }, 'the defaults');
    return h('ul', { class: 'rq-plain' }, out.map(([name, key, v]) =>
      h('li', null, `${name} `, h('code', null, key), `: ${v}`)));
  }

  // A country's code from a code or a name in any of the four languages.
  countryCode(s) {
    const up = String(s).toUpperCase();
    const code = COUNTRY_ALIASES[up] || up;
    if (this.tax.byCountry.has(code)) return code;
    const low = String(s).toLowerCase();
    const c = this.tax.countries.find((e) => Object.values(e.names).some((n) => n.toLowerCase() === low));
    return c ? c.code : up;
  }

  // ---- the best teams, or why there is none ----

  drawTeams() {
    const m = this.match, sec = this.sections.teams;
    const heading = m.infeasible ? 'No team is possible'
      : this.changes.length ? 'Best teams for the changed ToR' : 'Best teams';
    fill(sec,
      h('h2', { id: 'rq-teams-h', tabindex: '-1' }, heading),
      m.problems && m.problems.length ? warningsBox(m.problems, 'rq-warnings') : null,
      this.changes.length ? this.drawChanged() : null,
      m.infeasible ? this.drawInfeasible(m.infeasible) : null,
      m.teams.length
        ? h('p', { class: 'muted' }, `${counted(m.teams.length, 'team')} of ${this.tor.team_size || 2}, best first, from ${number(m.candidates_considered)} candidates considered.`)
        : null,
      m.teams.length ? h('ol', { class: 'rq-team-grid' }, m.teams.map((t, i) => this.drawTeamCard(t, i))) : null);
  }

  drawChanged() {
    return h('div', { class: 'notice rq-changed', role: 'status' },
      h('p', null, h('strong', null, 'Matched with a changed ToR: '), this.changes.join('; '), '.'),
      h('p', null, 'This change is not saved: the stored request still asks for what it asked. ',
        me.editor ? 'Save it to make it the request’s ToR.' : 'An editor can save it as the request’s ToR.'),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'secondary', onclick: () => this.backToStored() },
          'Back to the stored request'),
        me.editor ? h('button', { type: 'button', onclick: (e) => this.saveTor(e.currentTarget) },
          'Save as the request’s ToR') : null));
  }

  drawInfeasible(x) {
    const rule = RULE_NAMES[x.rule] || x.rule;
    return h('div', { class: 'error rq-infeasible' },
      h('p', null, h('strong', null, `No team of ${this.tor.team_size || 2} meets every hard rule. `),
        'The rule that binds is ', h('strong', null, rule), ' (', h('code', null, x.rule), '): ', x.detail, '.'),
      x.whole_roster === false
        ? h('p', null, 'The roster was not searched in full for this request: a team may still exist.')
        : null,
      x.remedies.length
        ? [h('h3', null, 'Changes that would give a team'),
           h('p', { class: 'hint' }, 'Each button matches again with the ToR changed as it says. The stored request is not changed.'),
           h('ul', { class: 'rq-remedies' }, x.remedies.map((text, k) => {
             const label = remedyLabel(text, this.tax);
             return h('li', null,
               h('button', { type: 'button', class: 'secondary', onclick: (e) => this.applyRemedy(x.changes[k], label, e.currentTarget) }, label));
           }))]
        : h('p', null, 'No change of one or two rules gives a team.'));
  }

  drawTeamCard(team, i) {
    const assigned = sameSet(team.members, this.request.team.map((m) => m.id));
    const alternates = i === 0 ? this.match.alternates : [];
    return h('li', { class: 'card rq-team' },
      h('div', { class: 'rq-team-head' },
        h('h3', null, `Team ${i + 1}`),
        assigned ? h('span', { class: 'badge pass' }, 'assigned') : null,
        h('span', { class: 'rq-score' }, 'score ', h('strong', null, team.score.toFixed(3)))),
      h('ul', { class: 'rq-members' }, team.members.map((id, k) => h('li', null,
        h('span', { class: 'rq-member-name' }, this.expertLink(id)),
        h('span', { class: 'rq-member-meta' }, h('code', null, id), ' · ', this.nationalities(id)),
        alternates[k] ? h('span', { class: 'rq-member-meta' }, 'alternate: ', this.expertLink(alternates[k])) : null))),
      this.drawCoverage(team.coverage),
      this.drawVerdicts(team.rules, true),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'secondary', 'data-key': `edit-${i}`, onclick: () => this.editTeam(i) },
          'Swap members', h('span', { class: 'visually-hidden' }, ` of team ${i + 1}`)),
        this.assignControl(team.members, `team ${i + 1}`, `team-${i}`)));
  }

  drawCoverage(cov) {
    const tax = this.tax;
    return h('div', { class: 'rq-coverage' },
      h('p', null, h('strong', null, 'Fields covered: '),
        cov.fields.length ? h('span', { class: 'rq-codes-inline' }, cov.fields.map((c) => codeWithLabel(c, fieldLabel(tax, c))))
          : h('span', { class: 'muted' }, 'none')),
      cov.missing.length
        ? h('p', { class: 'fail' }, '✗ Missing: ', cov.missing.map((c, k) => [k ? ', ' : '', codeWithLabel(c, fieldLabel(tax, c))]))
        : h('p', { class: 'pass' }, '✓ every field asked is covered'));
  }

  // The verdicts, failures first. In a team card the passes fold away.
  drawVerdicts(rules, fold) {
    const sorted = [...rules].sort((a, b) => VERDICT[a.status].order - VERDICT[b.status].order);
    const failing = sorted.filter((r) => r.status !== 'pass');
    const passing = sorted.filter((r) => r.status === 'pass');
    const fails = rules.filter((r) => r.status === 'fail').length;
    const warns = rules.filter((r) => r.status === 'warn').length;
    const list = (items) => h('ul', { class: 'rq-rules' }, items.map((r) => this.drawVerdict(r)));
    return h('div', { class: 'rq-verdicts' },
      h('p', { class: `rq-outcome ${fails ? 'fail' : warns ? 'warn' : 'pass'}` }, outcome(rules)),
      fold
        ? [failing.length ? list(failing) : null,
           passing.length ? h('details', null, h('summary', null, `Show the ${counted(passing.length, 'rule')} that pass`), list(passing)) : null]
        : list(sorted));
  }

  drawVerdict(r) {
    const v = VERDICT[r.status];
    return h('li', { class: `rq-rule rq-${r.status}`, 'data-rule': r.rule, 'data-status': r.status },
      h('span', { class: `rq-mark ${r.status}` }, h('span', { 'aria-hidden': 'true' }, v.mark, ' '), v.word),
      h('span', { class: 'rq-rule-name' }, RULE_NAMES[r.rule] || r.rule, ' ', h('code', null, r.rule)),
      h('span', { class: 'rq-detail wrap-anywhere' }, r.detail));
  }

  // ---- remedies: a copy of the ToR changed, matched again ----

  async applyRemedy(change, label, button) {
    const tor = mergePatch(structuredClone(this.tor), change);
    button.disabled = true;
    const status = h('p', { class: 'loading', role: 'status' }, 'Matching with the changed ToR…');
    button.after(status);
    try {
      const match = await api('/api/match', { method: 'POST', body: tor });
      this.tor = tor;
      this.changes.push(label.charAt(0).toLowerCase() + label.slice(1));
      await this.useMatch(match);
      announce(match.teams.length
        ? `${match.teams.length} teams found with the changed ToR. The stored request is not changed.`
        : 'Still no team with the changed ToR.');
      this.sections.teams.querySelector('h2').focus();
    } catch (err) {
      status.replaceWith(errorBox(err, 'The changed ToR could not be matched.'));
      button.disabled = false;
    }
  }

  async backToStored() {
    this.tor = this.request.tor;
    this.changes = [];
    await this.useMatch(this.request.match);
    announce('Back to the stored request’s teams.');
    this.sections.teams.querySelector('h2').focus();
  }

  async useMatch(match) {
    this.match = match;
    this.shortlist = match.shortlist;
    this.shown = SHORTLIST_STEP;
    this.shortlistAsked = SHORTLIST_STEP;
    await this.learn([...match.teams.flatMap((t) => t.members), ...match.alternates]);
    // The stored request again: from its assigned team, if it has one.
    const assigned = !this.changes.length && this.request.team.length;
    this.startBuilding(assigned ? 'assigned' : match.teams.length ? 0 : -1, null);
    this.drawTeams();
    this.drawBuilder();
    this.drawShortlist();
    await this.check();
  }

  async saveTor(button) {
    button.disabled = true;
    try {
      await api('/api/requests', { method: 'POST', body: this.tor });
      await this.reload({ saved: this.changes.join('; ') });
    } catch (err) {
      button.disabled = false;
      button.after(errorBox(err, 'The ToR was not saved.'));
    }
  }

  // The page drawn again from the stored request, with the news on top.
  async reload(flash) {
    const request = await api(`/api/requests/${encodeURIComponent(this.request.action)}`);
    const page = new RequestPage(this.main, request, this.tax, new URLSearchParams());
    page.flash = flash;
    history.replaceState(null, '', location.pathname);
    await page.start();
    this.main.querySelector('.rq-flash').focus();
  }

  // ---- the team being built ----

  // Start from team `i` of the match (-1: none; 'assigned': the team the
  // request has assigned, in the order of the match's team that is the
  // same, if one is), or from the ids asked.
  startBuilding(i, ids) {
    const assigned = i === 'assigned';
    const members = assigned ? this.request.team.map((m) => m.id) : [];
    if (assigned) i = this.match.teams.findIndex((t) => sameSet(t.members, members));
    const base = i >= 0 ? this.match.teams[i].members : members;
    this.built = { base, team: ids ? [...ids] : [...base], from: i, assigned, seat: 0, checked: null,
                   checkError: null, found: null };
    if (!ids) this.keepInAddress();
  }

  editTeam(i) {
    this.startBuilding(i, null);
    this.drawBuilder();
    this.check();
    announce(`Team ${i + 1} is now the team being built.`);
    this.sections.builder.querySelector('h2').focus();
  }

  keepInAddress() {
    const b = this.built, url = new URL(location.href);
    if (sameList(b.team, b.base)) url.searchParams.delete('team');
    else url.searchParams.set('team', b.team.join(','));
    history.replaceState(null, '', url.pathname + url.search);
  }

  drawBuilder() {
    const b = this.built, sec = this.sections.builder;
    const size = this.tor.team_size || 2;
    const from = b.assigned ? 'Started from the assigned team'
      : b.from >= 0 && sameList(b.base, this.match.teams[b.from]?.members || [])
        ? `Started from team ${b.from + 1}` : 'Built by hand';
    const changed = !sameList(b.team, b.base);
    fill(sec,
      h('h2', { id: 'rq-builder-h', tabindex: '-1' }, 'Team being built'),
      h('p', { class: 'muted' }, from, changed ? ', with changes. ' : '. ',
        'Swap a member and the rules are checked at once. The address of this page keeps the team, to share it.'),
      h('div', { class: 'rq-builder-grid' },
        h('div', { class: 'rq-builder-left' },
          this.drawBuiltMembers(),
          this.drawSwap(size),
          h('div', { class: 'actions' },
            h('button', { type: 'button', class: 'secondary', 'data-key': 'reset', disabled: !changed,
                          onclick: () => this.reset() },
              b.assigned ? 'Reset to the assigned team' : b.base.length ? 'Reset to the proposed team' : 'Clear the team'),
            b.team.length ? this.assignControl(b.team, 'the team being built', 'built') : null)),
        h('div', { class: 'rq-check', 'aria-labelledby': 'rq-check-h', role: 'region' },
          h('h3', { id: 'rq-check-h' }, 'Check'),
          this.drawCheck())));
  }

  drawBuiltMembers() {
    const b = this.built;
    if (!b.team.length) {
      return h('p', { class: 'notice rq-empty' }, 'No member yet: choose experts from the shortlist or find any expert below.');
    }
    return h('ol', { class: 'rq-members rq-built' }, b.team.map((id) => h('li', { 'data-id': id },
      h('span', { class: 'rq-member-name' }, this.expertLink(id)),
      h('span', { class: 'rq-member-meta' }, h('code', null, id), ' · ', this.nationalities(id)),
      h('button', { type: 'button', class: 'link', 'data-key': `remove-${id}`, onclick: () => this.remove(id) },
        'Remove', h('span', { class: 'visually-hidden' }, ` ${this.nameOf(id)}`)))));
  }

  drawSwap(size) {
    const b = this.built;
    if (b.seat > b.team.length || (b.seat === b.team.length && b.team.length >= size)) b.seat = 0;
    const seatChoices = b.team.map((id, k) => h('option', { value: String(k), selected: k === b.seat },
      `Seat ${k + 1}: ${this.nameOf(id)}`));
    if (b.team.length < size) {
      seatChoices.push(h('option', { value: String(b.team.length), selected: b.seat === b.team.length },
        `A new seat (${b.team.length + 1} of ${size})`));
    }
    const seatSelect = h('select', { id: 'rq-seat', 'data-key': 'seat',
      onchange: (e) => { b.seat = Number(e.target.value); this.redrawBuilder('seat'); } }, seatChoices);
    const inTeam = new Set(b.team);
    const alternate = b.from === 0 && sameList(b.base, this.match.teams[0]?.members || [])
      ? this.match.alternates[b.seat] : null;
    const candidates = this.shortlist.filter((c) => !inTeam.has(c.id));
    const pick = h('select', { id: 'rq-pick', 'data-key': 'pick' },
      alternate && !inTeam.has(alternate)
        ? h('optgroup', { label: 'Alternate for this seat' }, h('option', { value: alternate }, this.nameOf(alternate)))
        : null,
      h('optgroup', { label: 'Shortlist' }, candidates.map((c) => h('option', { value: c.id },
        `${this.shortlist.indexOf(c) + 1}. ${c.name} (${c.score.toFixed(3)})`))));
    const query = h('input', { id: 'rq-find', type: 'search', 'data-key': 'find', autocomplete: 'off',
                               value: b.found ? b.found.query : '' });
    const seatName = b.seat < b.team.length ? this.nameOf(b.team[b.seat]) : null;
    return h('fieldset', { class: 'rq-swap' },
      h('legend', null, 'Swap a member'),
      h('div', { class: 'field' }, h('label', { for: 'rq-seat' }, 'Seat'), seatSelect),
      h('div', { class: 'row' },
        h('div', { class: 'field' }, h('label', { for: 'rq-pick' }, 'A shortlisted expert'), pick),
        h('div', { class: 'field' }, h('button', { type: 'button', 'data-key': 'swap-pick',
          disabled: !pick.value, onclick: () => this.put(pick.value) }, seatName ? 'Swap in' : 'Add'))),
      h('form', { class: 'row rq-find', role: 'search', 'aria-label': 'Any expert',
                  onsubmit: (e) => { e.preventDefault(); this.find(query.value); } },
        h('div', { class: 'field' },
          h('label', { for: 'rq-find' }, 'Or any expert ', h('span', { class: 'hint' }, '(name, words or id such as EXP-00042)')),
          query),
        h('div', { class: 'field' }, h('button', { type: 'submit', class: 'secondary', 'data-key': 'find-go' }, 'Find'))),
      this.drawFound(seatName));
  }

  drawFound(seatName) {
    const found = this.built.found;
    if (!found) return null;
    if (found.error) return errorBox(found.error, 'The search failed.');
    const inTeam = new Set(this.built.team);
    const results = found.results.filter((r) => !inTeam.has(r.id));
    if (!results.length) return h('p', { class: 'muted', role: 'status' }, `No expert found for “${found.query}” outside the team.`);
    return h('div', null,
      h('p', { class: 'visually-hidden', role: 'status' }, `${results.length} experts found.`),
      h('ul', { class: 'rq-found' }, results.map((r) => h('li', null,
        h('span', { class: 'rq-member-name' }, h('a', { href: `/experts/${encodeURIComponent(r.id)}` }, r.name)),
        h('span', { class: 'rq-member-meta' }, h('code', null, r.id), ' · ', this.nationalities(r.id)),
        h('button', { type: 'button', class: 'secondary', 'data-key': `put-${r.id}`, onclick: () => this.put(r.id) },
          seatName ? 'Swap in' : 'Add',
          h('span', { class: 'visually-hidden' }, seatName ? ` ${r.name} in place of ${seatName}` : ` ${r.name} to the team`))))));
  }

  async find(text) {
    const words = text.trim();
    if (!words) return;
    const q = /^[A-Za-z]+-\d+$/.test(words) ? `id:${words}` : words;
    try {
      const res = await api(`/api/search?q=${encodeURIComponent(q)}&limit=10`);
      for (const r of res.results) this.people.set(r.id, r);
      this.built.found = { query: words, results: res.results };
    } catch (err) {
      this.built.found = { query: words, error: err, results: [] };
    }
    this.redrawBuilder('find');
  }

  // Seat `id` in the chosen seat (a new one when the seat is past the end).
  async put(id) {
    const b = this.built, was = b.team[b.seat];
    const team = [...b.team];
    team[b.seat] = id;
    b.team = team;
    b.found = null;
    await this.learn([id]).catch(() => {});
    this.keepInAddress();
    this.redrawBuilder('swap-pick');
    announce(was ? `${this.nameOf(id)} swapped in for ${this.nameOf(was)}. Checking…` : `${this.nameOf(id)} added. Checking…`);
    await this.check();
  }

  remove(id) {
    const b = this.built;
    b.team = b.team.filter((x) => x !== id);
    b.seat = 0;
    this.keepInAddress();
    this.redrawBuilder('seat');
    announce(`${this.nameOf(id)} removed from the team being built.`);
    this.check();
  }

  reset() {
    const b = this.built;
    b.team = [...b.base];
    b.seat = 0;
    b.found = null;
    this.keepInAddress();
    this.redrawBuilder('seat');
    announce(b.assigned ? 'Back to the assigned team.'
      : b.base.length ? 'Back to the proposed team.' : 'The team being built is empty.');
    this.check();
  }

  // Redraw the builder, keeping the focus on the control that had it (or
  // the one named by `fallback` when that control is gone).
  redrawBuilder(fallback) {
    const had = document.activeElement && document.activeElement.dataset
      ? document.activeElement.dataset.key : null;
    this.drawBuilder();
    const sec = this.sections.builder;
    const el = (had && sec.querySelector(`[data-key="${had}"]`)) || sec.querySelector(`[data-key="${fallback}"]`);
    if (el) el.focus();
  }

  drawCheck() {
    const b = this.built;
    if (!b.team.length) return h('p', { class: 'muted' }, 'Nothing to check yet.');
    if (b.checkError) return errorBox(b.checkError, 'The team could not be checked.');
    if (!b.checked || !sameList(b.checked.team, b.team)) {
      return h('p', { class: 'loading', role: 'status' }, 'Checking the team…');
    }
    return h('div', { class: 'rq-check-result', 'data-team': b.team.join(',') },
      this.drawVerdicts(b.checked.rules, false));
  }

  // POST /api/check with the ToR matched and the team being built; a later
  // check wins over an earlier one still on its way. Said in the live region
  // unless `quiet` (the page's first drawing).
  async check(quiet) {
    const b = this.built, team = [...b.team], seq = ++this.checkSeq;
    b.checkError = null;
    const redraw = () => {
      const box = this.sections.builder.querySelector('.rq-check');
      fill(box, box.querySelector('h3'), this.drawCheck());
    };
    if (!team.length) {
      b.checked = null;
      redraw();
      return;
    }
    redraw();
    try {
      const res = await api('/api/check', { method: 'POST', body: { tor: this.tor, team } });
      if (seq !== this.checkSeq) return;
      b.checked = { team, rules: res.rules };
      redraw();
      if (!quiet) announce(`Check updated: ${outcome(res.rules)}`);
    } catch (err) {
      if (seq !== this.checkSeq) return;
      b.checkError = err;
      redraw();
      announce(`The team could not be checked: ${err.message}`);
    }
  }

  // ---- assigning a team (editors) ----

  assignControl(team, what, key) {
    if (!me.editor) return null;
    const r = this.request;
    if (!r.from || !r.to) {
      return h('p', { class: 'hint' }, 'A team can be assigned once the request has a mission window.');
    }
    if (this.changes.length) {
      return h('p', { class: 'hint' }, 'Save the changed ToR, or go back to the stored request, to assign a team.');
    }
    const formId = `rq-assign-${key}`;
    const open = h('button', { type: 'button', 'aria-expanded': 'false', 'aria-controls': formId,
                               'data-key': `assign-${key}`, class: 'rq-assign-open' },
      'Assign this team…', h('span', { class: 'visually-hidden' }, ` (${what})`));
    const days = h('input', { id: `${formId}-days`, type: 'number', min: '1', max: '366', step: '1', required: true,
                              value: String(workingDays(r.from, r.to)), class: 'rq-days' });
    const form = h('form', { id: formId, class: 'rq-assign', hidden: true,
                             onsubmit: (e) => { e.preventDefault(); this.assign(team, days, form); } },
      h('div', { class: 'field' },
        h('label', { for: days.id }, 'Mission days for each expert ',
          h('span', { class: 'hint' }, `(the window has ${workingDays(r.from, r.to)} working days)`)),
        days),
      h('p', { class: 'hint' }, r.status === 'assigned'
        ? 'This replaces the team assigned now.' : 'The missions are recorded and count in the report at once.'),
      h('div', { class: 'actions' },
        h('button', { type: 'submit' }, 'Assign ', team.length === 1 ? 'this expert' : `these ${team.length} experts`),
        h('button', { type: 'button', class: 'secondary', onclick: () => toggle(false) }, 'Cancel')));
    const toggle = (on) => {
      form.hidden = !on;
      open.setAttribute('aria-expanded', String(on));
      (on ? days : open).focus();
    };
    open.addEventListener('click', () => toggle(form.hidden));
    return h('div', { class: 'rq-assign-box' }, open, form);
  }

  async assign(team, input, form) {
    const days = Number(input.value);
    for (const b of form.querySelectorAll('button')) b.disabled = true;
    form.querySelector('.error')?.remove();
    try {
      const res = await api(`/api/requests/${encodeURIComponent(this.request.action)}/assign`,
        { method: 'POST', body: { team, days } });
      announce(`Team assigned: ${res.team.map((id) => this.nameOf(id)).join(', ')}.`);
      await this.reload({ assigned: res });
    } catch (err) {
      for (const b of form.querySelectorAll('button')) b.disabled = false;
      form.append(errorBox(err, 'The team was not assigned.', clashes(err.message)));
    }
  }

  // ---- the shortlist ----

  drawShortlist() {
    const sec = this.sections.shortlist, list = this.shortlist;
    const members = new Map();
    this.match.teams.forEach((t, i) => t.members.forEach((id) => {
      if (!members.has(id)) members.set(id, []);
      members.get(id).push(i + 1);
    }));
    const shown = list.slice(0, this.shown);
    const more = this.shown < list.length || (list.length === this.shortlistAsked && list.length < 1000);
    fill(sec,
      h('h2', { id: 'rq-shortlist-h' }, 'Shortlist'),
      list.length
        ? [h('p', { class: 'rq-legend', id: 'rq-legend' }, h('strong', null, 'Parts of the score'), ' (a full bar is 1): ',
            PARTS.map(([, abbr, words], k) => [k ? ', ' : '', h('abbr', { title: words }, abbr), ` ${words}`]), '.'),
           h('div', { class: 'rq-scroll', role: 'region', tabindex: '0', 'aria-label': 'Shortlist table' }, h('table', { class: 'rq-table' },
             h('caption', { class: 'visually-hidden' }, `Shortlist: ${shown.length} of ${list.length} candidates shown, best first`),
             h('thead', null, h('tr', null,
               h('th', { scope: 'col', class: 'num' }, '#'), h('th', { scope: 'col' }, 'Expert'),
               h('th', { scope: 'col', class: 'num' }, 'Score'), h('th', { scope: 'col' }, 'Parts'),
               h('th', { scope: 'col' }, 'Why'))),
             h('tbody', null, shown.map((c, k) => this.drawCandidate(c, k, members.get(c.id)))))),
           more ? h('div', { class: 'actions' },
             h('button', { type: 'button', class: 'secondary', onclick: (e) => this.more(e.currentTarget) },
               `Show ${SHORTLIST_STEP} more`)) : null]
        : h('p', { class: 'muted' }, 'No candidate passes the rules about one expert.'));
  }


  drawCandidate(c, k, teams) {
    return h('tr', { 'data-id': c.id },
      h('td', { class: 'num' }, String(k + 1)),
      h('td', null, h('a', { href: `/experts/${encodeURIComponent(c.id)}` }, c.name),
        h('div', { class: 'rq-member-meta' }, h('code', null, c.id),
          teams ? h('span', { class: 'badge rq-in-team' }, `in team ${teams.join(', ')}`) : null)),
      h('td', { class: 'num' }, c.score.toFixed(3)),
      h('td', null, h('ul', { class: 'rq-parts', 'aria-describedby': 'rq-legend' }, PARTS.map(([key, abbr, words]) => {
        const v = c.parts[key] ?? 0;
        const bar = h('span', { class: 'rq-bar-fill' });
        bar.style.height = `${Math.round(100 * Math.max(0, Math.min(1, v)))}%`;
        return h('li', null,
          h('span', { class: 'rq-bar', 'aria-hidden': 'true' }, bar),
          h('span', { class: 'rq-abbr', 'aria-hidden': 'true' }, abbr),
          h('span', { class: 'visually-hidden' }, `${words} ${v.toFixed(2)}`));
      }))),
      h('td', null, h('ul', { class: 'rq-why' }, c.why.map((w) => h('li', null, w)))));
  }

  // Twenty more: shown at once when the match gave them, else asked for.
  async more(button) {
    if (this.shown + SHORTLIST_STEP <= this.shortlist.length) {
      this.shown += SHORTLIST_STEP;
    } else {
      button.disabled = true;
      this.shortlistAsked = Math.min(1000, this.shown + SHORTLIST_STEP);
      try {
        const res = await api(`/api/match?shortlist=${this.shortlistAsked}&teams=1`, { method: 'POST', body: this.tor });
        this.shortlist = res.shortlist;
        this.shown = Math.min(this.shortlistAsked, res.shortlist.length);
      } catch (err) {
        button.disabled = false;
        button.after(errorBox(err, 'More candidates could not be fetched.'));
        return;
      }
    }
    const firstNew = this.shown - SHORTLIST_STEP;
    this.drawShortlist();
    this.redrawBuilder('seat');
    const row = this.sections.shortlist.querySelectorAll('tbody tr')[firstNew];
    const link = row && row.querySelector('a');
    if (link) link.focus();
    announce(`${this.shown < this.shortlist.length ? this.shown : this.shortlist.length} candidates shown.`);
  }
}

// ---- remedies: each comes with its change of the ToR ----

// RFC 7386: `patch` merged into `target` (changed and returned). The
// matcher gives each remedy as such a patch (infeasible.changes), so a
// remedy is applied without reading its words.
function mergePatch(target, patch) {
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete target[key];
    else if (isObject(value) && isObject(target[key])) mergePatch(target[key], value);
    else target[key] = structuredClone(value);
  }
  return target;
}

function isObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

// A remedy's words for a person: language and country codes named.
function remedyLabel(text, tax) {
  const named = text
    .replace(/^(drop the|lower) ([a-z]{2})\b/, (all, verb, code) => `${verb} ${languageName(tax, code)} (${code})`)
    .replace(/\b(and (?:drop the|lower)) ([a-z]{2})\b/, (all, verb, code) => `${verb} ${languageName(tax, code)} (${code})`)
    .replace(/nationals of ([A-Z]{2})\b/g, (all, code) => `nationals of ${countryName(tax, code)}`);
  return capitalise(named);
}

function langEntry(l) {
  return typeof l === 'string' ? { code: l } : l;
}

// A refused assignment's message with each request a member is already
// on ("ID is already assigned to request OTHER on ...", a line per member)
// a link to that request's page, where they can be taken off its team;
// null when it names none.
function clashes(message) {
  const lines = String(message).split('\n');
  const parts = lines.map((line) => line.match(/^(.*? is already assigned to request )(\S+)( on .*)$/));
  if (!parts.some(Boolean)) return null;
  return lines.map((line, i) => [i ? h('br') : null, parts[i]
    ? [parts[i][1], h('a', { href: `/requests/${encodeURIComponent(parts[i][2])}` }, parts[i][2]), parts[i][3]]
    : line]);
}

// ---- small helpers ----

function outcome(rules) {
  const fails = rules.filter((r) => r.status === 'fail').map((r) => RULE_NAMES[r.rule] || r.rule);
  const warns = rules.filter((r) => r.status === 'warn').length;
  if (fails.length) {
    return `${fails.length} hard rule${fails.length === 1 ? '' : 's'} fail${fails.length === 1 ? 's' : ''}: ${fails.join(', ')}` +
      (warns ? `; ${warns} soft rule${warns === 1 ? '' : 's'} warn${warns === 1 ? 's' : ''}.` : '.');
  }
  if (warns) return `No hard rule fails; ${warns} soft rule${warns === 1 ? '' : 's'} warn${warns === 1 ? 's' : ''}.`;
  return 'All rules pass.';
}

// The working days (Monday to Friday) of a window, at least one, as
// `roster assign` counts them by default.
function workingDays(from, to) {
  const end = Date.parse(`${to}T00:00:00Z`);
  let n = 0;
  for (let d = Date.parse(`${from}T00:00:00Z`); d <= end; d += 86400000) {
    const day = new Date(d).getUTCDay();
    if (day !== 0 && day !== 6) n++;
  }
  return Math.max(1, n);
}

function sameList(a, b) {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function sameSet(a, b) {
  return a.length === b.length && a.every((x) => b.includes(x));
}

function capitalise(s) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
