// What every browser test shares: a generated roster served by a real
// `roster serve` on a loopback port, Debian's Chromium driven by
// puppeteer-core, sign-in by one-time links, TAP output, axe-core checks and
// screenshots.
//
// Environment: ROSTER and ROSTER_GEN (the binaries), BROWSER_SHOTS (where
// the screenshots go; build/browser-shots by default), BROWSER_EXPERTS (the
// roster's size, 1,000 by default), CHROMIUM (/usr/bin/chromium).
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer from 'puppeteer-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const TODAY = '2026-11-25';

export class Harness {
  constructor() {
    this.roster = resolve(process.env.ROSTER || 'build/release/roster');
    this.gen = resolve(process.env.ROSTER_GEN || 'build/release/roster-gen');
    this.shots = resolve(process.env.BROWSER_SHOTS || 'build/browser-shots');
    this.experts = Number(process.env.BROWSER_EXPERTS || 1000);
    this.n = 0;
    this.failed = 0;
    this.pageErrors = [];
  }

  // ---- TAP ----
  ok(cond, what, detail) {
    this.n++;
    if (cond) {
      console.log(`ok ${this.n} - ${what}`);
    } else {
      this.failed++;
      console.log(`not ok ${this.n} - ${what}`);
      if (detail !== undefined) console.log(`#   ${String(typeof detail === 'string' ? detail : JSON.stringify(detail)).replace(/\n/g, '\n#   ')}`);
    }
    return cond;
  }
  eq(got, want, what) {
    return this.ok(got === want, what, `got ${JSON.stringify(got)}, wanted ${JSON.stringify(want)}`);
  }
  note(text) { console.log(`# ${text}`); }

  // ---- the roster and the service ----
  run(args, input) {
    return execFileSync(this.roster, args, { env: this.env, input, encoding: 'utf8' });
  }

  async start() {
    this.dir = mkdtempSync(join(tmpdir(), 'roster-browser-'));
    this.env = { ...process.env, ROSTER_DB: join(this.dir, 'db'), ROSTER_TODAY: TODAY };
    const jsonl = execFileSync(this.gen, ['--experts', String(this.experts), '--seed', '42'],
                               { encoding: 'utf8', maxBuffer: 1 << 30 });
    writeFileSync(join(this.dir, 'roster.jsonl'), jsonl);
    this.run(['import', join(this.dir, 'roster.jsonl')]);
    this.run(['user', 'add', 'olga.editor', '--role', 'editor']);
    this.run(['user', 'add', 'victor.viewer', '--role', 'viewer']);
    this.server = spawn(this.roster, ['serve', '--listen', '127.0.0.1:0', '--quiet'],
                        { env: this.env, stdio: ['ignore', 'pipe', 'inherit'] });
    this.url = await new Promise((done, fail) => {
      let out = '';
      this.server.stdout.on('data', (b) => {
        out += b;
        const m = out.match(/^serving (http:\S+)\/$/m);
        if (m) done(m[1]);
      });
      this.server.on('exit', (code) => fail(new Error(`roster serve exited (${code})`)));
    });
    mkdirSync(this.shots, { recursive: true });
    this.browser = await puppeteer.launch({
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      headless: true,
      // The network of a test machine is closed: no background traffic.
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
             '--disable-background-networking', '--disable-component-update',
             '--disable-sync', '--disable-dev-shm-usage'],
    });
  }

  async stop() {
    if (this.browser) await this.browser.close();
    if (this.server) {
      this.server.kill('SIGTERM');
      await new Promise((done) => this.server.once('exit', done));
    }
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }

  // A new page signed in as `who` ('editor' or 'viewer'), opened at `path`
  // through a one-time sign-in link, as a person would open it.
  async signIn(who, path = '/search', viewport = { width: 1280, height: 900 }) {
    const name = who === 'editor' ? 'olga.editor' : 'victor.viewer';
    const link = this.run(['login-link', name, '--next', path, '--base', this.url]).trim();
    const context = await this.browser.createBrowserContext();
    const page = await context.newPage();
    await page.setViewport(viewport);
    page.setDefaultTimeout(15000);
    page.on('pageerror', (err) => this.pageErrors.push(`${page.url()}: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') this.pageErrors.push(`${page.url()}: ${msg.text()}`);
    });
    await page.goto(link, { waitUntil: 'networkidle0' });
    return page;
  }

  // Go to a path of the service and wait for the page to be drawn.
  async go(page, path) {
    await page.goto(this.url + path, { waitUntil: 'networkidle0' });
    await this.drawn(page);
  }

  // The page has drawn when its "Loading…" is gone.
  async drawn(page) {
    await page.waitForFunction(() => !document.querySelector('main .loading'));
  }

  // axe-core on the page as it is: no serious or critical violation.
  // Runs through the DevTools protocol, so the page's CSP stays enforced.
  async axe(page, what) {
    await page.evaluate(axeSource);
    const result = await page.evaluate(async () => {
      // eslint-disable-next-line no-undef
      const r = await axe.run(document, { resultTypes: ['violations'] });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
                                        nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
    });
    const grave = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    this.axeLog = this.axeLog || [];
    this.axeLog.push({ what, violations: result });
    return this.ok(grave.length === 0, `axe: no serious or critical violation on ${what}`, grave);
  }

  async shot(page, name) {
    await page.screenshot({ path: join(this.shots, `${name}.png`), fullPage: true });
  }

  // Text of the first element matching selector ('' when none).
  async text(page, selector) {
    return page.$eval(selector, (el) => el.textContent.trim()).catch(() => '');
  }
}
