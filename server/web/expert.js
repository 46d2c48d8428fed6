// The EXPERT page (/experts/ID): the CV as stored, readable (profile,
// languages, fields and competences with their labels, summary,
// experience, education, the CV's missions and the facility's, the periods
// of unavailability), and for an editor the export of everything the
// roster holds about the person and forgetting them, after a confirmation.
import {
  me, api, h, fill, setTitle, errorBox, number, taxonomy, download,
  fieldLabel, competenceLabel, countryName, languageName, codeWithLabel, sectorName, genderName,
} from './app.js';

const ROLES = { lead: 'Team leader', expert: 'Expert' };

// The keys this page shows in their own place; any other key of the
// record is listed under "Other information".
const KNOWN = new Set(['id', 'name', 'gender', 'nationalities', 'residence', 'status', 'employer',
  'languages', 'fields', 'competences', 'cv_lang', 'summary', 'experience', 'education',
  'missions', 'unavailable', 'registered', 'assigned']);

// The search page reads this key to say who was forgotten.
const FORGOTTEN_KEY = 'roster.forgotten';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// 2023-12 as "Dec 2023", 2023-12-24 as "24 Dec 2023", in a <time>.
function date(s) {
  if (!s) return null;
  const m = String(s).match(/^(\d{4})-(\d{2})(?:-(\d{2}))?$/);
  const text = m ? [m[3] ? String(Number(m[3])) : null, MONTHS[Number(m[2]) - 1], m[1]].filter(Boolean).join(' ') : String(s);
  return h('time', { datetime: String(s) }, text);
}

function period(from, to, open) {
  return h('span', { class: 'period' }, date(from) || '?', ' – ', to ? date(to) : open);
}

function section(title, id, ...body) {
  return h('section', { class: 'cv-section', 'aria-labelledby': id }, h('h2', { id }, title), ...body);
}

// Codes in taxonomy order: the natural order of their dotted parts, a
// number by its value (2 < 2.1 < 2.2 < 10, E.9 < E.10 < E.10.08).
function byCode(a, b) {
  const pa = String(a).split('.');
  const pb = String(b).split('.');
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const na = /^\d+$/.test(pa[i]);
    const nb = /^\d+$/.test(pb[i]);
    const d = na && nb ? Number(pa[i]) - Number(pb[i])
      : na !== nb ? (na ? -1 : 1) : pa[i].localeCompare(pb[i]);
    if (d) return d;
  }
  return pa.length - pb.length;
}

function none(text) {
  return h('p', { class: 'muted' }, text);
}

export default async function draw(main, [id]) {
  setTitle('Expert');
  let tax;
  let x;
  try {
    [tax, x] = await Promise.all([taxonomy(), api(`/api/experts/${encodeURIComponent(id)}`)]);
  } catch (err) {
    if (err.status !== 404) throw err;
    setTitle('No such expert');
    fill(main, h('div', { class: 'expert-page' }, h('h1', null, 'No such expert'),
      h('p', { class: 'notice wrap-anywhere' }, `No expert with id “${id}” in the roster: the address may be mistyped, or the expert was forgotten.`),
      h('p', null, h('a', { href: '/search' }, 'Search the roster'))));
    return;
  }
  setTitle(x.name);

  const back = document.referrer && new URL(document.referrer).origin === location.origin &&
    new URL(document.referrer).pathname === '/search' ? document.referrer : '/search';

  const facts = [
    ['Id', h('code', null, x.id)],
    [(x.nationalities || []).length > 1 ? 'Nationalities' : 'Nationality',
      (x.nationalities || []).map((c) => countryName(tax, c)).join(', ')],
    ['Residence', x.residence ? countryName(tax, x.residence) : null],
    ['Gender', x.gender ? genderName(x.gender) : null],
    ['Sector', x.status ? sectorName(x.status) : null],
    ['Employer', x.employer],
    ['CV language', x.cv_lang ? languageName(tax, x.cv_lang) : null],
    ['Registered', date(x.registered)],
  ].filter(([, v]) => v !== null && v !== undefined && v !== '');

  const others = Object.keys(x).filter((k) => !KNOWN.has(k));
  const assigned = x.assigned || [];

  const actions = me.editor ? h('div', { class: 'actions expert-actions' },
    h('button', { type: 'button', class: 'secondary', onclick: (e) => exportRecord(e.currentTarget) }, 'Export (JSON)'),
    h('button', { type: 'button', class: 'danger', onclick: (e) => forget(e.currentTarget) }, 'Forget this expert')) : null;
  const actionError = h('div', { class: 'action-error' });

  const root = h('div', { class: 'expert-page' },
    h('p', { class: 'back' }, h('a', { href: back }, '← Back to search')),
    h('div', { class: 'expert-head' },
      h('h1', { class: 'wrap-anywhere' }, x.name),
      actions),
    actionError,
    h('div', { class: 'expert-columns' },
      h('div', { class: 'expert-side' },
        section('Profile', 'cv-profile',
          h('dl', { class: 'facts' }, facts.map(([k, v]) => [h('dt', null, k), h('dd', { class: 'wrap-anywhere' }, v)]))),
        section('Languages', 'cv-languages', (x.languages || []).length
          ? h('ul', { class: 'plain' }, x.languages.map((l) => h('li', null,
            languageName(tax, l.code), ' ', h('span', { class: 'level' }, l.level))))
          : none('No language stated.')),
        section('Fields of expertise', 'cv-fields', (x.fields || []).length
          ? h('ul', { class: 'plain codes' }, [...x.fields].sort(byCode).map((c) => h('li', null, codeWithLabel(c, fieldLabel(tax, c)))))
          : none('No field stated.')),
        section('Competences', 'cv-competences', (x.competences || []).length
          ? h('ul', { class: 'plain codes' }, [...x.competences].sort(byCode).map((c) => h('li', null, codeWithLabel(c, competenceLabel(tax, c)))))
          : none('No competence stated.'))),
      h('div', { class: 'expert-main' },
        section('Summary', 'cv-summary', x.summary
          ? h('p', { class: 'summary wrap-anywhere' }, x.summary) : none('No summary.')),
        section('Experience', 'cv-experience', (x.experience || []).length
          ? h('ol', { class: 'timeline' }, x.experience.map((e) => h('li', null,
            h('p', { class: 'when' }, period(e.from, e.to, 'present')),
            h('p', { class: 'what wrap-anywhere' },
              e.role ? h('strong', null, e.role) : null, e.role && e.employer ? ', ' : null, e.employer || null,
              e.country ? h('span', { class: 'muted' }, ` — ${countryName(tax, e.country)}`) : null),
            e.text ? h('p', { class: 'text wrap-anywhere' }, e.text) : null)))
          : none('No experience stated.')),
        section('Education', 'cv-education', (x.education || []).length
          ? h('ul', { class: 'timeline' }, x.education.map((e) => h('li', null,
            h('p', { class: 'when' }, e.year ? String(e.year) : '—'),
            h('p', { class: 'what wrap-anywhere' }, h('strong', null, e.degree || 'Degree'),
              e.field ? `, ${e.field}` : null),
            e.institution ? h('p', { class: 'text wrap-anywhere' }, e.institution) : null)))
          : none('No education stated.')),
        section('Missions in the CV', 'cv-missions', (x.missions || []).length
          ? missionTable(tax, x.missions, true, 'Missions the CV lists')
          : none('No mission in the CV.')),
        section('Missions with the facility', 'cv-assigned', assigned.length
          ? missionTable(tax, assigned, false, 'Missions the facility assigned')
          : none('The facility has assigned no mission.')),
        section('Unavailability', 'cv-unavailable', (x.unavailable || []).length
          ? h('ul', { class: 'plain' }, x.unavailable.map((u) => h('li', null, period(u.from, u.to, '?'))))
          : none('No period of unavailability.')),
        others.length ? section('Other information', 'cv-other',
          h('dl', { class: 'facts' }, others.map((k) => [h('dt', null, k),
            h('dd', { class: 'wrap-anywhere' }, typeof x[k] === 'string' ? x[k] : JSON.stringify(x[k]))]))) : null)));
  fill(main, root);

  async function exportRecord(button) {
    button.disabled = true;
    fill(actionError);
    try {
      const data = await api(`/api/experts/${encodeURIComponent(x.id)}/export`);
      download(`${x.id}.json`, JSON.stringify(data, null, 2) + '\n', 'application/json');
    } catch (err) {
      fill(actionError, errorBox(err, 'The export failed.'));
    } finally {
      button.disabled = false;
    }
  }

  function forget(opener) {
    const problem = h('div');
    const confirm = h('button', { type: 'button', class: 'danger' }, 'Forget this expert');
    const cancel = h('button', { type: 'button', class: 'secondary', autofocus: true }, 'Cancel');
    const dialog = h('dialog', { class: 'confirm', 'aria-labelledby': 'forget-title', 'aria-describedby': 'forget-text' },
      h('h2', { id: 'forget-title', class: 'wrap-anywhere' }, `Forget ${x.name}?`),
      h('div', { id: 'forget-text' },
        h('p', { class: 'wrap-anywhere' }, 'Everything the roster holds about ', h('strong', null, x.name),
          ' (', h('code', null, x.id), ') will be erased: the record, its search index entries and its missions, ',
          'including those the facility assigned. The audit trail keeps only the id.'),
        h('p', null, h('strong', null, 'This cannot be undone.'))),
      problem,
      h('div', { class: 'actions' }, cancel, confirm));
    cancel.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => {
      dialog.remove();
      opener.focus();
    });
    confirm.addEventListener('click', async () => {
      confirm.disabled = true;
      cancel.disabled = true;
      fill(problem);
      try {
        await api(`/api/experts/${encodeURIComponent(x.id)}`, { method: 'DELETE' });
        sessionStorage.setItem(FORGOTTEN_KEY, x.name);
        location.assign('/search');
      } catch (err) {
        fill(problem, errorBox(err, 'Nothing was forgotten.'));
        confirm.disabled = false;
        cancel.disabled = false;
      }
    });
    root.append(dialog);
    dialog.showModal();
  }
}

function missionTable(tax, missions, cv, caption) {
  return h('table', { class: 'missions' },
    h('caption', { class: 'visually-hidden' }, caption),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, 'Action'), h('th', { scope: 'col' }, 'Country'),
      h('th', { scope: 'col' }, 'Dates'), h('th', { scope: 'col', class: 'num' }, 'Days'),
      cv ? h('th', { scope: 'col' }, 'Role') : null)),
    h('tbody', null, missions.map((m) => h('tr', null,
      h('td', null, cv || !m.action ? (m.action || '—')
        : h('a', { href: `/requests/${encodeURIComponent(m.action)}` }, m.action)),
      h('td', null, m.country ? countryName(tax, m.country) : '—'),
      h('td', null, period(m.from, m.to, '?')),
      h('td', { class: 'num' }, m.days !== undefined ? number(m.days) : '—'),
      cv ? h('td', null, ROLES[m.role] || m.role || '—') : null))));
}
