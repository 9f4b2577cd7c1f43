// One small surface over three browser drivers, so each journey is written once and runs in
// every engine (journeys.mjs):
// - Chromium through Playwright (playwright-core and Debian's chromium, as every other spec);
// - Firefox ESR through puppeteer-core over WebDriver BiDi (Debian's firefox-esr);
// - WebKitGTK through its WebDriver (Debian's webkit2gtk-driver) with selenium-webdriver, under
//   Xvfb: its MiniBrowser has no headless mode, and without a display the driver hangs.
// Why these drivers: Playwright's own Firefox and WebKit are patched builds it downloads (which
// this machine cannot, and which are not the engines people run); puppeteer-core speaks BiDi to
// the stock Firefox; WebKitGTK ships only a classic WebDriver, which selenium-webdriver speaks.
//
// A target is `[host, css]`: `css` inside the open shadow root of the element `host` (both CSS
// selectors), or `[null, css]` in the page itself.

import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE_URL, launch as launchChromium } from '../harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const SHOTS = join(here, '..', 'artifacts', 'engines');

/** Each engine: the program it needs and the Debian package that has it. */
export const ENGINES = {
  chromium: { program: process.env.CHROMIUM || '/usr/bin/chromium', package: 'chromium' },
  firefox: { program: '/usr/bin/firefox-esr', package: 'firefox-esr' },
  webkit: { program: '/usr/bin/WebKitWebDriver', package: 'webkit2gtk-driver' },
};

/** Why `engine` cannot run on this machine, or null when it can. */
export function missing(engine) {
  const { program, package: pkg } = ENGINES[engine];
  if (!existsSync(program)) return `${program} is missing (Debian package ${pkg}; \`cargo xtask test\` installs it as root)`;
  if (engine === 'webkit' && !existsSync('/usr/bin/xvfb-run')) return 'xvfb-run is missing (Debian package xvfb)';
  return null;
}

/** The page's address, asking the test server for the logger (log.js). */
function address(path) {
  return `${BASE_URL}${path}${path.includes('?') ? '&' : '?'}ourplan-log`;
}

const sleep = (ms) => new Promise((r) => { setTimeout(r, ms); });

/** What every session has on top of its driver's few primitives. */
class Session {
  constructor(engine) {
    this.engine = engine;
  }

  /** Waits until `fn(arg)`, run in the page, is truthy, and returns it. Polls the page: the
   * signal is the page's own state, as Playwright's waitForFunction does. */
  async waitFor(fn, arg, { timeout = 20000, what = String(fn) } = {}) {
    const until = Date.now() + timeout;
    let last;
    for (;;) {
      try {
        last = await this.eval(fn, arg);
        if (last) return last;
      } catch (e) {
        // A navigation in progress: the next poll reads the new page.
        last = e;
      }
      if (Date.now() > until) throw new Error(`${this.engine}: timed out waiting for ${what} (last: ${last})`);
      await sleep(50);
    }
  }

  /** Text content of the shadow root of `host` (or of the page with `host` null). */
  text(host) {
    return this.eval((h) => (h ? document.querySelector(h).shadowRoot : document.body).textContent, host);
  }

  /** The id of what has focus inside `host`'s shadow root. */
  focused(host) {
    return this.eval((h) => document.querySelector(h).shadowRoot.activeElement?.id ?? null, host);
  }

  /** Chooses `value` in a `<select>`, as picking it does (input and change). */
  select([host, css], value) {
    return this.eval(([h, c, v]) => {
      const root = h ? document.querySelector(h).shadowRoot : document;
      const el = root.querySelector(c);
      el.value = v;
      el.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      el.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
      return el.value;
    }, [host, css, value]);
  }

  /** Replaces what a field holds with `text`, typed: select all, then the keys. */
  async fill(target, text) {
    await this.click(target);
    await this.press('Control+a');
    await this.press('Delete');
    await this.type(target, text);
  }

  /** What the page logged as wrong (log.js), errors and uncaught errors and CSP reports. */
  async problems() {
    const log = (await this.eval(() => window.__ourplanLog ?? null)) ?? [{ type: 'error', text: 'the logger did not load' }];
    return log.filter((e) => e.type !== 'warn');
  }

  /** Writes a screenshot of the whole page to artifacts/engines/<engine>-<name>.png. */
  async screenshot(name) {
    mkdirSync(SHOTS, { recursive: true });
    // The kit's `content-visibility: auto` leaves what is off screen undrawn, and Firefox's and
    // WebKit's whole-page shots show those parts as empty boxes (a person scrolling sees them
    // drawn): for the shot only, every part is drawn.
    await this.eval(() => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync('* { content-visibility: visible !important; }');
      window.__ourplanShot = sheet;
      for (const el of document.querySelectorAll('ourplan-record, ourplan-plan')) {
        if (el.shadowRoot) el.shadowRoot.adoptedStyleSheets = [...el.shadowRoot.adoptedStyleSheets, sheet];
      }
    });
    const png = await this.png();
    await this.eval(() => {
      for (const el of document.querySelectorAll('ourplan-record, ourplan-plan')) {
        if (el.shadowRoot) el.shadowRoot.adoptedStyleSheets = el.shadowRoot.adoptedStyleSheets.filter((s) => s !== window.__ourplanShot);
      }
    });
    const file = join(SHOTS, `${this.engine}-${name}.png`);
    writeFileSync(file, png);
    return file;
  }
}

class PlaywrightSession extends Session {
  constructor(context, page) {
    super('chromium');
    this.context = context;
    this.page = page;
  }
  async goto(path) { await this.page.goto(address(path)); }
  eval(fn, arg) { return this.page.evaluate(fn, arg); }
  locate([host, css]) { return this.page.locator(host ? `${host} ${css}` : css).first(); }
  click(target) { return this.locate(target).click(); }
  async type(target, text) {
    await this.locate(target).focus();
    await this.page.keyboard.type(text);
  }
  press(key) { return this.page.keyboard.press(key); }
  async png() { return this.page.screenshot({ fullPage: true }); }
  close() { return this.context.close(); }
}

class PuppeteerSession extends Session {
  constructor(context, page) {
    super('firefox');
    this.context = context;
    this.page = page;
  }
  async goto(path) { await this.page.goto(address(path)); }
  eval(fn, arg) { return this.page.evaluate(fn, arg); }
  async handle([host, css]) {
    const selector = host ? `${host} >>> ${css}` : css;
    const found = await this.page.waitForSelector(selector, { timeout: 20000 });
    return found;
  }
  async click(target) { await (await this.handle(target)).click(); }
  async type(target, text) {
    await (await this.handle(target)).focus();
    await this.page.keyboard.type(text);
  }
  async press(key) {
    const parts = key.split('+');
    const main = parts.pop();
    for (const m of parts) await this.page.keyboard.down(m);
    await this.page.keyboard.press(main);
    for (const m of parts.reverse()) await this.page.keyboard.up(m);
  }
  async png() { return this.page.screenshot({ fullPage: true }); }
  close() { return this.context.close(); }
}

class WebDriverSession extends Session {
  constructor(driver, selenium) {
    super('webkit');
    this.driver = driver;
    this.selenium = selenium;
  }
  async goto(path) { await this.driver.get(address(path)); }
  eval(fn, arg) {
    // The WebDriver spec waits for a returned promise.
    return this.driver.executeScript(`return (${fn})(arguments[0]);`, arg ?? null);
  }
  async element([host, css]) {
    const { By, until } = this.selenium;
    if (!host) return this.driver.wait(until.elementLocated(By.css(css)), 20000);
    await this.waitFor(([h, c]) => !!document.querySelector(h)?.shadowRoot?.querySelector(c), [host, css], { what: `${host} ${css}` });
    const root = await this.driver.findElement(By.css(host)).getShadowRoot();
    return root.findElement(By.css(css));
  }
  async click(target) { await (await this.element(target)).click(); }
  /** Focuses `target` with the caret at its end, in the page. Not WebDriver's Element Send
   * Keys: that focuses the field itself (the shadow host, not the field, is the document's
   * active element, so it always does) and sets the caret at the length the field had before
   * the first key arrived, a race once seen to put the rest of the text before the first
   * character ("ornings…M"). */
  async focusEnd([host, css]) {
    await this.element([host, css]);
    await this.eval(([h, c]) => {
      const el = (h ? document.querySelector(h).shadowRoot : document).querySelector(c);
      el.focus();
      try {
        el.setSelectionRange(el.value.length, el.value.length);
      } catch { /* a field without a caret (a number or email input): typing goes to its end */ }
    }, [host, css]);
  }
  /** Types the first character alone and waits until it is in the field with the caret after
   * it, then the rest. Sent in one go, WebKitGTK's driver twice put the rest before the first
   * character ("ornings in the garden with MairM", 2026-12-05 and 2026-12-06, one run in about
   * ten): whether the first key arrived late or the caret moved after it, the wait makes it
   * certain. A kit that moved the caret after an input would now fail every time, not by chance. */
  async type(target, text) {
    await this.focusEnd(target);
    const [first, ...rest] = Array.from(text);
    if (first === undefined) return;
    const before = await this.eval(([h, c]) => (h ? document.querySelector(h).shadowRoot : document).querySelector(c).value?.length ?? 0, target);
    await this.driver.actions().sendKeys(first).perform();
    await this.waitFor(([h, c, n]) => {
      const el = (h ? document.querySelector(h).shadowRoot : document).querySelector(c);
      return el.value?.length === n && (el.selectionStart === null || el.selectionStart === n);
    }, [...target, before + first.length], { what: 'the first character typed, caret after it' });
    if (rest.length) await this.driver.actions().sendKeys(rest.join('')).perform();
  }
  async fill(target, text) {
    // Focused in the page: a click can land on a sticky panel above the field
    // (ElementClickIntercepted), where a person would have scrolled first. What is there is
    // deleted with Backspace, as a person would.
    const { Key } = this.selenium;
    await this.focusEnd(target);
    const old = await this.eval(([h, c]) => (h ? document.querySelector(h).shadowRoot : document).querySelector(c).value ?? '', target);
    await this.driver.actions().sendKeys(...Array.from(old, () => Key.BACK_SPACE), text).perform();
  }
  async press(key) {
    const { Key } = this.selenium;
    const names = { Control: Key.CONTROL, Shift: Key.SHIFT, Alt: Key.ALT, Tab: Key.TAB, Enter: Key.ENTER, Escape: Key.ESCAPE, Delete: Key.DELETE, Backspace: Key.BACK_SPACE, ArrowUp: Key.ARROW_UP, ArrowDown: Key.ARROW_DOWN };
    const parts = key.split('+').map((k) => names[k] ?? k);
    const main = parts.pop();
    let actions = this.driver.actions();
    for (const m of parts) actions = actions.keyDown(m);
    actions = actions.sendKeys(main);
    for (const m of parts.reverse()) actions = actions.keyUp(m);
    await actions.perform();
  }
  async png() {
    // WebDriver shoots the window: make it as tall as the page.
    const height = await this.eval(() => document.documentElement.scrollHeight);
    await this.driver.manage().window().setRect({ width: 1000, height: Math.min(height + 100, 8000) });
    return Buffer.from(await this.driver.takeScreenshot(), 'base64');
  }
  close() { return this.driver.quit(); }
}

/** A free TCP port on 127.0.0.1. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Starts `engine`; returns `{ version, session(), close() }`. */
export async function start(engine) {
  if (engine === 'chromium') {
    const browser = await launchChromium();
    return {
      version: `Chromium ${browser.version()}`,
      async session() {
        const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
        return new PlaywrightSession(context, await context.newPage());
      },
      close: () => browser.close(),
    };
  }
  if (engine === 'firefox') {
    const { default: puppeteer } = await import('puppeteer-core');
    const browser = await puppeteer.launch({ browser: 'firefox', executablePath: ENGINES.firefox.program, headless: true });
    const version = execFileSync(ENGINES.firefox.program, ['--version'], { encoding: 'utf8' }).trim().replace(/^Mozilla /, '');
    return {
      version,
      async session() {
        const context = await browser.createBrowserContext();
        const page = await context.newPage();
        await page.setViewport({ width: 1000, height: 800 });
        return new PuppeteerSession(context, page);
      },
      close: () => browser.close(),
    };
  }
  // WebKitGTK: its WebDriver, on a display of its own.
  const selenium = await import('selenium-webdriver');
  const port = await freePort();
  const driverProcess = spawn('xvfb-run', ['-a', ENGINES.webkit.program, `--port=${port}`], { detached: true, stdio: 'ignore' });
  const stop = () => {
    try { process.kill(-driverProcess.pid, 'SIGTERM'); } catch { /* gone already */ }
  };
  const server = `http://127.0.0.1:${port}`;
  // Ready when it answers /status (a signal, polled).
  for (let i = 0; ; i++) {
    try {
      const r = await fetch(`${server}/status`);
      if (r.ok) break;
    } catch { /* not listening yet */ }
    if (i > 200) { stop(); throw new Error('WebKitWebDriver did not start'); }
    await sleep(50);
  }
  const capabilities = { browserName: 'MiniBrowser', 'webkitgtk:browserOptions': { args: ['--automation'] } };
  let version = 'WebKitGTK';
  return {
    get version() { return version; },
    async session() {
      const driver = await new selenium.Builder().usingServer(server).withCapabilities(capabilities).build();
      version = `WebKitGTK ${(await driver.getCapabilities()).get('browserVersion')}`;
      await driver.manage().window().setRect({ width: 1000, height: 800 });
      // A page or a script that hangs fails within a minute, with WebDriver's own timeout error,
      // rather than holding the journey to its 180 s test timeout (seen once in a clean clone:
      // the Welsh journey hung in WebKitGTK and passed on its own straight after).
      await driver.manage().setTimeouts({ pageLoad: 60_000, script: 60_000 });
      return new WebDriverSession(driver, selenium);
    },
    close: stop,
  };
}
