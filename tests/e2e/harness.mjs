// Shared helpers for the end-to-end specs (*.spec.mjs, run by `cargo xtask test` with
// `node --test`): launching the system Chromium, opening pages, axe checks, screenshots.

import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** Where the static server listens; `cargo xtask test` sets it to its ephemeral port. */
export const BASE_URL = (process.env.OURPLAN_BASE_URL || 'http://127.0.0.1:8080').replace(/\/$/, '');

/** The Debian Chromium (never a Playwright download: that fails here). */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    // Without the networking flags Chromium tries to reach Google's servers and is refused.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Opens `path` (e.g. '/' or '/strict.html') in a fresh context. The page records what it
 * logs in `page.consoleMessages` ({type, text}) and uncaught errors in `page.pageErrors`.
 */
export async function openPage(browser, path) {
  return openTab(await browser.newContext(), path);
}

/** A new tab at `path` in `context` (tabs of one browser share its storage), errors collected as
 * in [openPage]. */
export async function openTab(context, path) {
  const page = await context.newPage();
  page.consoleMessages = [];
  page.pageErrors = [];
  page.on('console', (msg) => page.consoleMessages.push({ type: msg.type(), text: msg.text() }));
  page.on('pageerror', (err) => page.pageErrors.push(String(err && err.stack ? err.stack : err)));
  await page.goto(BASE_URL + path);
  return page;
}

let axeSource;

/**
 * Runs axe-core's WCAG 2.2 AA rules on the page and returns the violations, summarised so
 * `assert.deepEqual(violations, [])` prints something readable. axe is injected with
 * `page.evaluate` (not a <script> tag), so pages with a strict CSP can be checked too.
 */
export async function axeCheck(page) {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    // A node's target is a list of selectors, one per shadow root crossed.
    const target = (t) => (Array.isArray(t) ? t.map(target).join(' >>> ') : String(t));
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => target(n.target)),
    }));
  });
}

/** Saves a full-page PNG to tests/e2e/artifacts/<name>.png (git-ignored) and returns its path. */
export async function screenshot(page, name) {
  const dir = join(here, 'artifacts');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
