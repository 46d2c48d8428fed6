// The print view, /requests/ACTION/print: the proposal an officer sends, as
// a document that prints cleanly (A4, no app around it, see the print rules
// of app.css). The request (with every code and its label), the team (the
// assigned one when there is one, else the best team of the current match)
// with each member's nationality, sector, languages, reasons and the team's
// rule-by-rule verdicts, then the shortlist. "Print / save as PDF" and
// "Download CSV" (the shortlist and the team, UTF-8 with a byte-order mark
// so spreadsheets read accented names right) are not printed. Rules are
// named in words, their keys after them. An unknown action is said so.
import { me, api, h, fill, setTitle, taxonomy, countryName, languageName, fieldLabel,
         competenceLabel, codeWithLabel, download, csv, number, sectorName, RULE_NAMES,
         drawUnknownRequest } from './app.js';

const VERDICTS = { pass: '✓ pass', warn: '! warn', fail: '✗ fail' };

// A rule's name in words, its key small after it.
function ruleName(key) {
  const words = RULE_NAMES[key];
  return words ? [words, ' ', h('code', { class: 'rule-key' }, key)] : h('code', null, key);
}

function ruleWords(key) {
  return RULE_NAMES[key] || key;
}

export default async function drawPrint(main, [action]) {
  setTitle(`Proposal ${action}`);
  const [tax, list] = await Promise.all([taxonomy(), api('/api/requests')]);
  if (drawUnknownRequest(main, list, action, '/print')) return;
  const request = await api(`/api/requests/${encodeURIComponent(action)}`);
  const tor = request.tor;
  const match = request.match || { shortlist: [], teams: [], inferred: { fields: [], languages: [] } };
  const team = await chosenTeam(request, match);

  // Every expert named: the shortlist's entries give name, score and
  // reasons; a member outside the shortlist is looked for in a longer one.
  const entries = new Map(match.shortlist.map((s) => [s.id, s]));
  const outside = team ? team.members.filter((id) => !entries.has(id)) : [];
  if (outside.length) {
    const longer = await api('/api/match?shortlist=1000&teams=1', { method: 'POST', body: tor });
    for (const s of longer.shortlist) if (outside.includes(s.id)) entries.set(s.id, s);
  }
  const ids = [...new Set([...(team ? team.members : []), ...match.shortlist.map((s) => s.id)])];
  const people = await profiles(ids);

  setTitle(`Proposal ${request.action}: ${tor.title || ''}`);
  const doc = h('article', { class: 'print-doc' },
    h('div', { class: 'actions no-print' },
      h('a', { class: 'button secondary', href: `/requests/${encodeURIComponent(request.action)}` }, 'Back to the request'),
      h('button', { type: 'button', onclick: () => window.print() }, 'Print / save as PDF'),
      h('button', { type: 'button', class: 'secondary',
                    onclick: () => download(`proposal-${request.action}.csv`,
                                            proposalCsv(match, team, entries, people), 'text/csv;charset=utf-8') },
        'Download CSV')),
    h('header', { class: 'doc-head' },
      h('p', { class: 'eyebrow' }, 'SOCIEUX+ · proposal of experts'),
      h('h1', null, tor.title || `Request ${request.action}`),
      h('p', { class: 'muted' }, `Request ${request.action} · ${countryName(tax, request.country)} · prepared on `,
        new Date().toISOString().slice(0, 10), me.account ? ` by ${me.account}` : '')),
    requestSection(tax, request, match),
    teamSection(tax, team, entries, people, match),
    shortlistSection(tax, match, team, people));
  fill(main, doc);
}

// The team the document proposes: the one assigned, judged rule by rule
// (its verdicts from the current match when it is one of its teams, else
// from POST /api/check), or the best team of the current match.
async function chosenTeam(request, match) {
  const same = (a, b) => [...a].sort().join(' ') === [...b].sort().join(' ');
  if (request.team && request.team.length) {
    const members = request.team.map((m) => m.id);
    const found = match.teams.find((t) => same(t.members, members));
    const rules = found ? found.rules
      : (await api('/api/check', { method: 'POST', body: { tor: request.tor, team: members } })).rules;
    return { assigned: true, members, rules, score: found ? found.score : null,
             days: new Map(request.team.map((m) => [m.id, m.days])) };
  }
  if (match.teams.length) return { assigned: false, ...match.teams[0], days: new Map() };
  return null;
}

// Nationalities, sector, languages and gender of the experts named, from
// one search (id:A id:B … reads as A or B).
async function profiles(ids) {
  if (!ids.length) return new Map();
  const q = ids.map((id) => `id:"${id.replace(/"/g, '')}"`).join(' ');
  const found = await api(`/api/search?q=${encodeURIComponent(q)}&limit=${ids.length}`);
  return new Map(found.results.map((r) => [r.id, r]));
}

// ---- the request ----

function requestSection(tax, request, match) {
  const tor = request.tor;
  const languages = tor.languages || [];
  const inferred = (match.inferred && match.inferred.languages) || [];
  const inferredFields = (match.inferred && match.inferred.fields) || [];
  const codes = (list, label) => (list && list.length
    ? h('ul', { class: 'plain codes' }, list.map((c) => h('li', null, codeWithLabel(c, label(tax, c)))))
    : null);
  const rules = Object.entries(tor.rules || {});
  const fact = (term, ...value) => [h('dt', null, term), h('dd', null, ...value)];
  return h('section', { 'aria-labelledby': 'doc-request' },
    h('h2', { id: 'doc-request' }, 'The request'),
    h('dl', { class: 'doc-facts' },
      fact('Action', request.action),
      fact('Partner country', countryName(tax, request.country), ' ', h('code', null, `(${request.country})`)),
      tor.partner_institution ? fact('Partner institution', tor.partner_institution) : null,
      tor.assistance_type ? fact('Assistance type', h('code', null, tor.assistance_type)) : null,
      fact('Mission window', request.from || request.to
        ? `${dateText(request.from)} – ${dateText(request.to)}` : 'no dates given'),
      fact('Team size', `${request.team_size} expert${request.team_size > 1 ? 's' : ''}`),
      fact('Working languages', languages.length
        ? languages.map((l, i) => [i ? ', ' : '', `${languageName(tax, l.code)} `, h('code', null, l.code), ` ${l.level || 'B2'}`])
        : inferred.length
          ? ['inferred: ', inferred.map((l, i) => [i ? ', ' : '', `${languageName(tax, l.code)} `, h('code', null, l.code),
                                                   ` ${l.level} (${l.basis})`])]
          : 'none asked'),
      fact('Fields', codes(tor.fields, fieldLabel) ||
        (inferredFields.length ? ['inferred from the text: ', codes(inferredFields, fieldLabel)] : 'none given')),
      fact('Competences', codes(tor.competences, competenceLabel) || 'none given'),
      fact('Rules', rules.length
        ? h('ul', { class: 'plain' }, rules.map(([k, v]) => h('li', null, ruleName(k), ': ', ruleValue(v))))
        : 'all at their defaults')),
    tor.description
      ? [h('h3', null, 'Description'), tor.description.split(/\n\s*\n/).map((p) => h('p', { class: 'description' }, p))]
      : null);
}

function ruleValue(v) {
  if (Array.isArray(v)) return v.length ? v.join(', ') : 'none';
  if (v === true) return 'yes';
  if (v === false) return 'no';
  return String(v);
}

function dateText(iso) {
  if (!iso) return '?';
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? iso
    : d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

// ---- the team ----

function nationalities(tax, person) {
  return person && person.nationalities.length
    ? person.nationalities.map((c) => `${countryName(tax, c)} (${c})`).join(', ') : 'not known';
}

function teamSection(tax, team, entries, people, match) {
  if (!team) {
    const why = match.infeasible;
    return h('section', { 'aria-labelledby': 'doc-team' },
      h('h2', { id: 'doc-team' }, 'The team'),
      h('div', { class: 'notice' },
        h('p', null, h('strong', null, 'No team is possible under the rules. '),
          why ? [ruleName(why.rule), ': ', why.detail, '.'] : null),
        why && why.remedies.length
          ? [h('p', null, 'What would give a team:'), h('ul', null, why.remedies.map((r) => h('li', null, r)))]
          : null));
  }
  const failed = team.rules.filter((r) => r.status === 'fail');
  const warned = team.rules.filter((r) => r.status === 'warn');
  const outcome = failed.length ? `hard rule failed: ${failed.map((r) => ruleWords(r.rule)).join(', ')}`
    : warned.length ? `${warned.length} soft rule${warned.length > 1 ? 's' : ''} warn`
      : 'all rules pass';
  return h('section', { 'aria-labelledby': 'doc-team' },
    h('h2', { id: 'doc-team' }, team.assigned ? 'The assigned team' : 'The proposed team'),
    h('p', null, team.assigned
      ? 'The team the facility assigned to this request.'
      : 'The best team of the current match; no team is assigned yet.',
      team.score !== null && team.score !== undefined ? ` Team score ${team.score.toFixed(3)}.` : null),
    h('div', { class: 'members' }, team.members.map((id) => member(tax, id, entries.get(id), people.get(id), team.days.get(id)))),
    h('h3', null, 'Rules, one by one'),
    h('div', { class: 'table-scroll' }, h('table', { class: 'verdicts' },
      h('caption', null, 'Outcome: ', h('span', { class: failed.length ? 'fail' : warned.length ? 'warn' : 'pass' }, outcome)),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Rule'), h('th', { scope: 'col' }, 'Verdict'),
                                     h('th', { scope: 'col' }, 'Detail'))),
      h('tbody', null, team.rules.map((r) => h('tr', null,
        h('td', null, ruleName(r.rule)),
        h('td', { class: `nowrap ${r.status}` }, VERDICTS[r.status] || r.status),
        h('td', null, r.detail)))))));
}

function member(tax, id, entry, person, days) {
  const name = (person && person.name) || (entry && entry.name) || id;
  const fact = (term, ...value) => [h('dt', null, term), h('dd', null, ...value)];
  return h('section', { class: 'card member', 'aria-label': name },
    h('h3', null, name, ' ', h('code', { class: 'muted' }, id)),
    h('div', { class: 'member-body' },
      h('dl', { class: 'doc-facts compact' },
        fact('Nationality', nationalities(tax, person)),
        fact('Sector', person && person.sector ? sectorName(person.sector) : 'not known'),
        fact('Languages', person && person.languages.length
          ? person.languages.map((l) => `${languageName(tax, l.code)} ${l.level}`).join(', ') : 'not known'),
        entry ? fact('Score', entry.score.toFixed(3)) : null,
        days ? fact('Mission days', number(days)) : null),
      h('div', { class: 'member-reasons' },
        h('p', { class: 'reasons-title' }, 'Reasons'),
        entry && entry.why.length
          ? h('ul', { class: 'reasons' }, entry.why.map((w) => h('li', null, w)))
          : h('p', null, 'Not among the candidates of the current match.'))));
}

// ---- the shortlist ----

function shortlistSection(tax, match, team, people) {
  const members = new Set(team ? team.members : []);
  return h('section', { 'aria-labelledby': 'doc-shortlist', class: 'doc-shortlist' },
    h('h2', { id: 'doc-shortlist' }, 'Shortlist'),
    match.shortlist.length
      ? [h('p', { class: 'muted' }, `The ${match.shortlist.length} best of ${number(match.candidates_considered)} candidates considered, by score.`),
        h('div', { class: 'table-scroll' }, h('table', { class: 'shortlist' },
          h('thead', null, h('tr', null,
            h('th', { scope: 'col', class: 'num' }, 'Rank'), h('th', { scope: 'col' }, 'Expert'),
            h('th', { scope: 'col' }, 'Nationality'), h('th', { scope: 'col', class: 'num' }, 'Score'),
            h('th', { scope: 'col' }, 'Reasons'))),
          h('tbody', null, match.shortlist.map((s, i) => h('tr', { class: members.has(s.id) ? 'in-team' : null },
            h('td', { class: 'num' }, i + 1),
            h('td', null, s.name, ' ', h('code', { class: 'muted nowrap' }, s.id),
              members.has(s.id) ? [' ', h('span', { class: 'badge' }, 'in team')] : null),
            h('td', null, people.get(s.id) ? people.get(s.id).nationalities.map((c) => countryName(tax, c)).join(', ') : ''),
            h('td', { class: 'num' }, s.score.toFixed(3)),
            h('td', null, s.why.join('; ')))))))]
      : h('p', null, 'No candidate was found for this request.'));
}

// ---- the CSV: the shortlist, then any member outside it ----

// It starts with a byte-order mark: without one, spreadsheet programs read
// the file in the machine's legacy encoding and mangle accented names.
function proposalCsv(match, team, entries, people) {
  const members = new Set(team ? team.members : []);
  const ids = [...match.shortlist.map((s) => s.id), ...[...members].filter((id) => !match.shortlist.some((s) => s.id === id))];
  return '\ufeff' + csv([
    ['id', 'name', 'nationality', 'score', 'in_team', 'reasons'],
    ...ids.map((id) => {
      const e = entries.get(id);
      const p = people.get(id);
      return [id, (p && p.name) || (e && e.name) || '', p ? p.nationalities.join('/') : '',
              e ? e.score.toFixed(4) : '', members.has(id) ? 'yes' : 'no', e ? e.why.join('; ') : ''];
    }),
  ]);
}
