// The IMPORT page, /import (editors): a JSON Lines or CSV file, or one
// expert's CV (a Europass XML, a JSON Resume: its id the file's name),
// chosen or dropped, sent to POST /api/import (skip_bad=1 when asked) by
// XMLHttpRequest for its upload progress, and the answer: how many experts
// were imported, or the `line: field: problem` list with "nothing was
// stored". A viewer is told that importing needs an editor account.
import { me, ApiError, h, fill, setTitle, announce, number, counted, csv, download } from './app.js';

const SHOWN_PROBLEMS = 1000; // rows drawn; all of them are in the CSV download

// The media type the service reads the file as, from its name; a CV's
// also names its expert, by the file's name without its extension.
function formatOf(name) {
  const ext = (name.toLowerCase().match(/\.([a-z0-9]+)$/) || [])[1];
  if (ext === 'csv') return { type: 'text/csv', label: 'CSV' };
  if (ext === 'xml') return { type: 'application/xml', label: 'a Europass CV', id: idOf(name) };
  if (ext === 'jsonl' || ext === 'ndjson' || ext === 'json')
    return { type: 'application/x-ndjson', label: 'JSON Lines' };
  return null;
}

// The expert id a CV's file name gives ("benedita-lobo.xml"), or '' when
// the name is no id (the roster's ids are 1 to 64 letters, digits, . _ -).
function idOf(name) {
  const stem = name.replace(/\.[^.]*$/, '');
  return /^[A-Za-z0-9._-]{1,64}$/.test(stem) ? stem : '';
}

// A .json file is a JSON Resume when it is one object with "basics";
// else JSON Lines, as the command line reads it.
async function withContent(file, format) {
  if (!/\.json$/i.test(file.name) || file.size > 8 * 1024 * 1024) return format;
  try {
    const v = JSON.parse(await file.text());
    if (v && typeof v === 'object' && !Array.isArray(v) && v.basics && typeof v.basics === 'object')
      return { type: 'application/json', label: 'a JSON Resume', id: idOf(file.name) };
  } catch {
    // not one JSON value: JSON Lines
  }
  return format;
}

function size(bytes) {
  if (bytes < 1024) return `${number(bytes)} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

// POST the file; progress(fraction) while it goes up, progress(null) once
// it is all sent. The answer's JSON, or an ApiError as api() throws them.
function upload(file, type, skipBad, id, progress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const args = new URLSearchParams();
    if (skipBad) args.set('skip_bad', '1');
    if (id) args.set('id', id);
    xhr.open('POST', '/api/import' + (args.size ? `?${args}` : ''));
    xhr.setRequestHeader('Content-Type', type);
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) progress(e.loaded / e.total);
    });
    xhr.upload.addEventListener('load', () => progress(null));
    xhr.addEventListener('load', () => {
      let data = null;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        data = null;
      }
      if (xhr.status === 401) {
        location.assign('/login?next=' + encodeURIComponent(location.pathname + location.search));
        reject(new ApiError(401, 'Your session has ended: sign in again.'));
      } else if (xhr.status >= 200 && xhr.status < 300 && data) {
        resolve(data);
      } else {
        reject(new ApiError(xhr.status, (data && data.error) || `${xhr.status} ${xhr.statusText}`,
                            data && data.problems));
      }
    });
    xhr.addEventListener('error', () => reject(new ApiError(0,
      'The upload was cut off: the service cannot be reached, or it refused the file ' +
      '(a file over its size limit is refused before it is all sent).')));
    xhr.send(file);
  });
}

// The problems as a table (the first SHOWN_PROBLEMS rows) and a CSV of all.
function problemTable(problems, fileName, caption) {
  const rows = problems.slice(0, SHOWN_PROBLEMS);
  return [
    h('div', { class: 'figures', tabindex: '0', role: 'region', 'aria-label': caption },
      h('table', { class: 'problem-table' },
        h('caption', null, caption),
        h('thead', null, h('tr', null,
          h('th', { scope: 'col', class: 'num' }, 'Line'),
          h('th', { scope: 'col' }, 'Field'),
          h('th', { scope: 'col' }, 'Problem'))),
        h('tbody', null, rows.map((p) => h('tr', null,
          h('td', { class: 'num' }, p.line ? number(p.line) : '–'),
          h('td', null, p.field ? h('code', null, p.field) : h('span', { class: 'muted' }, 'the file')),
          h('td', { class: 'wrap-anywhere' }, p.problem || '')))))),
    problems.length > rows.length
      ? h('p', null, `The first ${number(rows.length)} of ${counted(problems.length, 'problem')} are shown.`)
      : null,
    h('div', { class: 'actions' }, h('button', {
      type: 'button', class: 'secondary',
      onclick: () => download(`${fileName}.problems.csv`,
        csv([['line', 'field', 'problem', 'severity'],
             ...problems.map((p) => [p.line, p.field, p.problem, p.severity])]), 'text/csv'),
    }, `Download the ${problems.length === 1 ? 'problem' : counted(problems.length, 'problem')} (CSV)`)),
  ];
}

const isError = (p) => p.severity !== 'warning';

function succeeded(file, data) {
  const errors = (data.problems || []).filter(isError);
  const warnings = (data.problems || []).filter((p) => !isError(p));
  const fresh = data.imported - data.updated;
  const what = `${counted(data.imported, 'expert')} imported`;
  return [
    h('div', { class: 'success' },
      h('h2', null, what),
      h('p', null, `From ${file.name}: ${number(fresh)} new, ${number(data.updated)} updated.`),
      h('p', null, h('a', { href: '/search' }, 'Search the roster'))),
    data.warning ? h('p', { class: 'notice' }, data.warning) : null,
    data.rejected ? h('div', { class: 'notice' },
      h('h2', null, `${number(data.rejected)} of ${counted(data.read, 'record')} skipped`),
      h('p', null, data.rejected === 1
        ? 'This record was bad and nothing of it was stored; fix it and import it again.'
        : 'These records were bad and nothing of them was stored; fix them and import them again.'),
      problemTable(errors, file.name, data.rejected === 1 ? 'The problems of the record skipped'
        : 'The problems of the records skipped')) : null,
    warnings.length ? h('div', null,
      h('h2', null, warnings.length === 1 ? 'A warning' : `${number(warnings.length)} warnings`),
      h('p', null, 'Stored all the same: codes the taxonomy does not know, keys the format does not name, what a CV holds that the roster does not keep.'),
      problemTable(warnings, file.name, warnings.length === 1 ? 'Warning' : 'Warnings')) : null,
  ];
}

// The service's message in this page's words: its facts, without the
// advice it gives API clients (query arguments, media types), which the
// page gives in its own terms.
function facts(message) {
  return message.replace(/^nothing imported: /, '')
    .replace(/; nothing imported: fix the problems listed.*$/, '')
    .replace(/ \(skip_bad=1 [^)]*\)/, '')
    .replace(/; the first line looks like a CSV header: send CSV with Content-Type: text\/csv/,
             '; its first line looks like a CSV header: give a CSV file a name ending in .csv')
    .replace(/\bthe body\b/g, 'the file');
}

function refused(file, skipBad, err) {
  const problems = err.problems || [];
  const errors = problems.filter(isError);
  const lines = new Set(errors.filter((p) => p.line).map((p) => p.line)).size;
  const whole = errors.length > 0 && errors.every((p) => !p.field && p.line <= 1);
  let advice = null;
  if (err.status === 413)
    advice = 'The file is over the size the service accepts: split it into smaller files and import them one after another.';
  else if (err.status === 403)
    advice = 'Importing needs an editor account.';
  else if (err.status === 422 && !whole && !skipBad)
    advice = `Fix the ${lines === 1 ? 'line' : 'lines'} listed and import the file again, or tick ` +
             '“Skip bad records” to import the good records alone.';
  else if (err.status === 422)
    advice = 'Fix the file and import it again.';
  return h('div', { class: 'error', role: 'alert' },
    h('h2', null, 'Nothing was stored'),
    h('p', null, `${file.name}: ${facts(err.message)}.`),
    advice ? h('p', null, advice) : null,
    problems.length ? problemTable(problems, file.name,
      `${counted(problems.length, 'problem')} in ${file.name}`) : null);
}

function viewerPage(main) {
  fill(main, h('h1', null, 'Import experts'),
    h('p', { class: 'notice' }, 'Importing needs an editor account. You are signed in as ',
      h('strong', null, me.account), ', a viewer: you can search the roster, read the requests and the report.'),
    h('p', null, h('a', { href: '/search' }, 'Search the roster')));
}

export default async function importPage(main) {
  setTitle('Import');
  if (!me.editor) {
    viewerPage(main);
    return;
  }
  let file = null;
  const input = h('input', { type: 'file', id: 'import-file', name: 'file',
                             accept: '.jsonl,.ndjson,.json,.csv,text/csv,.xml',
                             'aria-describedby': 'import-file-hint import-chosen' });
  const chosen = h('p', { class: 'chosen', id: 'import-chosen' }, 'No file chosen yet.');
  const zone = h('div', { class: 'dropzone' },
    h('label', { for: 'import-file' }, 'File to import'),
    h('p', { class: 'hint', id: 'import-file-hint' },
      'JSON Lines (.jsonl, .ndjson, .json) or CSV (.csv, UTF-8); or one expert\'s CV, a Europass ',
      'XML or a JSON Resume (.xml, .json), whose file name is the expert\'s id. Choose it, or drop it here.'),
    input, chosen);
  const skip = h('input', { type: 'checkbox', id: 'import-skip', name: 'skip_bad',
                            'aria-describedby': 'import-skip-hint' });
  const button = h('button', { type: 'submit' }, 'Import');
  const progressLabel = h('label', { for: 'import-progress' }, 'Uploading');
  const bar = h('progress', { id: 'import-progress', max: '100', value: '0' });
  const progress = h('div', { class: 'upload-progress', hidden: true }, progressLabel, bar);
  const result = h('div', { class: 'import-result', tabindex: '-1' });

  const choose = async (f) => {
    file = f || null;
    const format = file && formatOf(file.name) && await withContent(file, formatOf(file.name));
    if (file !== (f || null)) return; // another file was chosen meanwhile
    fill(result);
    if (!file) fill(chosen, 'No file chosen yet.');
    else if (!format)
      fill(chosen, h('span', { class: 'fail' }, `${file.name} is not a file the roster reads: `),
        'give a .jsonl, .ndjson, .json, .csv or .xml file (save a spreadsheet as “CSV UTF-8”).');
    else fill(chosen, h('strong', null, file.name), `, ${size(file.size)}, read as ${format.label}.`);
  };
  input.addEventListener('change', () => choose(input.files[0]));
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('dragging');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('dragging');
    if (!e.dataTransfer.files.length) return;
    input.files = e.dataTransfer.files;
    choose(input.files[0]);
  });

  const form = h('form', { class: 'import-form' },
    zone,
    h('div', { class: 'check' }, skip,
      h('div', null, h('label', { for: 'import-skip' }, 'Skip bad records'),
        h('p', { class: 'hint', id: 'import-skip-hint' },
          'Import the good records and list the bad ones. Without this, one bad record means ',
          'nothing of the file is stored. A file that cannot be read as a whole (a misspelt CSV ',
          'column) is refused either way.'))),
    h('div', { class: 'actions' }, button));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const format = file && formatOf(file.name) && await withContent(file, formatOf(file.name));
    if (!file || !format || file.size === 0 || format.id === '') {
      fill(result, h('p', { class: 'error', role: 'alert' }, !file ? 'Choose a file to import first.'
        : !format ? `${file.name} is not a .jsonl, .ndjson, .json, .csv or .xml file: nothing was sent.`
          : file.size === 0 ? `${file.name} is empty: nothing was sent.`
            : `${file.name} is ${format.label}, whose file name is the expert's id: rename it ` +
              '(letters, digits, . _ - only, as benedita-lobo.xml). Nothing was sent.'));
      input.focus();
      return;
    }
    const sent = file;
    const skipBad = skip.checked;
    button.disabled = true;
    fill(result);
    progress.hidden = false;
    bar.value = 0;
    progressLabel.textContent = `Uploading ${sent.name} (${size(sent.size)})`;
    result.setAttribute('aria-busy', 'true');
    try {
      const data = await upload(sent, format.type, skipBad, format.id, (fraction) => {
        if (fraction === null) {
          bar.removeAttribute('value');
          progressLabel.textContent = `Reading and storing the records of ${sent.name}…`;
        } else {
          bar.value = Math.round(fraction * 100);
          progressLabel.textContent = `Uploading ${sent.name} (${size(sent.size)}): ${bar.value}%`;
        }
      });
      fill(result, succeeded(sent, data));
      announce(`${counted(data.imported, 'expert')} imported.`);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return;
      fill(result, refused(sent, skipBad, err instanceof ApiError ? err : new ApiError(0, String(err))));
      announce('Nothing was stored.');
    } finally {
      progress.hidden = true;
      button.disabled = false;
      result.removeAttribute('aria-busy');
    }
    result.focus();
  });

  fill(main, h('h1', null, 'Import experts'),
    h('p', null, 'Add experts to the roster, or update them, from a file: one expert per line in ',
      'JSON Lines, or a CSV with a header row naming the columns (', h('code', null, 'id'), ', ',
      h('code', null, 'name'), ', ', h('code', null, 'nationalities'), '…). An id already on the ',
      'roster updates that expert. An import is all or nothing: a file with a bad record stores ',
      'nothing unless bad records are skipped.'),
    form, progress, result);
}
