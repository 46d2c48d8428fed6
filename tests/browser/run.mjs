// Run the browser tests: every tests/browser/test_*.mjs (or the files
// named), in name order, against one served roster. Prints TAP lines
// (`ok N - ...`, `not ok N - ...`) that tests/run.sh counts; exits 1 when
// any failed. Usage: node tests/browser/run.mjs [FILE...]
import { readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Harness } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const files = process.argv.length > 2
  ? process.argv.slice(2).map((f) => resolve(f))
  : readdirSync(here).filter((f) => /^test_.*\.mjs$/.test(f)).sort().map((f) => join(here, f));

const t = new Harness();
try {
  await t.start();
  for (const file of files) {
    t.note(basename(file));
    const test = await import(pathToFileURL(file));
    try {
      await test.default(t);
    } catch (err) {
      t.ok(false, `${basename(file)} runs to its end`, err.stack || String(err));
    }
  }
  t.ok(t.pageErrors.length === 0, 'no script error or refused resource in any page', t.pageErrors);
  if (t.axeLog) writeFileSync(join(t.shots, 'axe.json'), JSON.stringify(t.axeLog, null, 1));
} catch (err) {
  t.ok(false, 'the browser tests start', err.stack || String(err));
} finally {
  await t.stop().catch(() => {});
}
console.log(`# ${t.n - t.failed} passed, ${t.failed} failed; screenshots in ${t.shots}`);
process.exit(t.failed ? 1 : 0);
