// The slow phone, a part of `cargo xtask bench` (issue #21):
//   node tests/bench/slow.mjs <base URL> <out.json> <ourplan command>
// Lighthouse's mobile profile, applied to headless Chromium through the DevTools protocol:
// 150 ms round trip, 1.6 Mbit/s down and 750 kbit/s up (Network.emulateNetworkConditions), the
// CPU slowed 4× (Emulation.setCPUThrottlingRate), and every file served brotli-compressed as a
// well-set host would (the server sends each file's `.br` twin, written here, quality 11).
//
// The same generated form (demo/bench-schema.js) of N fields, five ways: the kit with its first
// paint drawn by the server (`ourplan render`, put in the page as a host would), the kit with the
// form drawn for a page without script (`ourplan render --light`, timed with script on), the kit
// alone, react-jsonschema-form and JSON Forms. Each load is a fresh browser context (nothing cached);
// then the same page again in that context (the module and bundles cached: a second visit).
// Timed from the start of the navigation:
//   form shown:  the first frame in which the form's first text box is in the page;
//   first key:   a key is typed into that box as soon as it is there (focus, then a keystroke
//                through the protocol); when the page receives its `input` event;
//   working:     the form is live: for the kit, `ready` resolved and validity read (the
//                validator compiled); for a peer, its form drawn (it is live once drawn).
// Prints a table with kit ÷ peer ratios and writes every load's figures to <out.json>.

const [base, out, cli] = process.argv.slice(2);
if (!base || !out || !cli) {
  console.error('usage: node tests/bench/slow.mjs <base URL> <out.json> <ourplan command>');
  process.exit(2);
}
process.env.OURPLAN_BASE_URL = base;
const { writeFileSync, readFileSync, mkdirSync, readdirSync, statSync, copyFileSync } = await import('node:fs');
const { join } = await import('node:path');
const { spawnSync } = await import('node:child_process');
const zlib = await import('node:zlib');
const { launch } = await import('../e2e/harness.mjs');
const { median, ms, ratio } = await import('./stats.mjs');
const { generateSchema } = await import('../../demo/bench-schema.js');

const env = process.env;
const LOADS = Number(env.OURPLAN_BENCH_SLOW_LOADS || env.OURPLAN_BENCH_LOADS || 5);
const SIZES = (env.OURPLAN_BENCH_SLOW_SIZES || '50,200').split(',').map(Number);
const WAYS = ['kit-first-paint', 'kit-record-first-paint', 'kit-light', 'kit', 'rjsf', 'jsonforms'];
const PROFILE = { latencyMs: 150, downKbit: 1600, upKbit: 750, cpu: 4 };
const DIR = 'target/bench/peers/slow';
const TIMEOUT_MS = 120000;

/** The pages, and every file they fetch given a brotli twin. */
function prepare() {
  mkdirSync(DIR, { recursive: true });
  // The form's script and generator, beside the pages, so they are served compressed too.
  for (const f of ['bench-form.js', 'bench-schema.js']) copyFileSync(join('demo', f), join(DIR, f));
  const record = readFileSync('demo/bench-record.html', 'utf8');
  const peer = readFileSync('demo/bench-peer.html', 'utf8');
  writeFileSync(join(DIR, 'kit.html'), record);
  writeFileSync(join(DIR, 'peer.html'), peer);
  for (const n of SIZES) {
    const schema = join(DIR, `schema-${n}.json`);
    writeFileSync(schema, JSON.stringify(generateSchema(n)));
    const run = spawnSync(cli, ['render', '--schema', schema, '--level', 'full', '--stylesheet', '/pkg/ourplan.css'], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`ourplan render: ${run.stderr}`);
    // The host's page as bench-record.html, with the first paint inside its element, and the
    // module and wasm asked for at once (as the README's "Embed it" says).
    const page = record
      .replace('<ourplan-record id="form" name="record" level="full">', `<ourplan-record id="form" name="record" level="full">${run.stdout}`)
      .replace('<p>Loading the form.</p>', '')
      .replace('<script type="module" src="/pkg/ourplan.js"></script>',
        '<link rel="modulepreload" href="/pkg/ourplan.js"><link rel="preload" href="/pkg/ourplan_wasm_bg.wasm" as="fetch" crossorigin>\n  <script type="module" src="/pkg/ourplan.js"></script>');
    if (!page.includes('shadowrootmode')) throw new Error('bench-record.html changed: the first paint was not placed');
    writeFileSync(join(DIR, `kit-first-paint-${n}.html`), page);
    // The same page as a page of records only would be: ourplan-record.js and its smaller module.
    writeFileSync(join(DIR, `kit-record-first-paint-${n}.html`), page
      .replaceAll('/pkg/ourplan.js', '/pkg/ourplan-record.js')
      .replace('/pkg/ourplan_wasm_bg.wasm', '/pkg/ourplan_record_bg.wasm')
      .replace('<link rel="modulepreload" href="/pkg/ourplan-record.js">', '<link rel="modulepreload" href="/pkg/ourplan-record.js"><link rel="modulepreload" href="/pkg/ourplan.js">'));
    // The page that works without JavaScript: the form in the page (`--light`), the stylesheet
    // linked from its head. Timed with script on (the figures need it), so the kit takes over.
    const light = spawnSync(cli, ['render', '--light', '--schema', schema, '--level', 'full'], { encoding: 'utf8' });
    if (light.status !== 0) throw new Error(`ourplan render --light: ${light.stderr}`);
    writeFileSync(join(DIR, `kit-light-${n}.html`), page
      .replace(run.stdout, light.stdout)
      .replace('<link rel="modulepreload"', '<link rel="stylesheet" href="/pkg/ourplan.css"><link rel="modulepreload"'));
  }
  const compress = (file) => {
    const bytes = readFileSync(file);
    writeFileSync(`${file}.br`, zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }));
  };
  const folder = (dir, keep) => readdirSync(dir).map((f) => join(dir, f)).filter((f) => statSync(f).isFile() && keep(f));
  const files = [
    ...folder('pkg', (f) => /\.(js|wasm|css)$/.test(f)),
    ...folder('target/bench/peers', (f) => /\.js$/.test(f)),
    ...folder(DIR, (f) => /\.(js|html|json)$/.test(f)),
  ];
  for (const f of files) compress(f);
  return files.length;
}

function urlOf(way, n) {
  if (way === 'kit-first-paint') return `/bench-peers/slow/kit-first-paint-${n}.html?n=${n}`;
  if (way === 'kit-record-first-paint') return `/bench-peers/slow/kit-record-first-paint-${n}.html?n=${n}`;
  if (way === 'kit-light') return `/bench-peers/slow/kit-light-${n}.html?n=${n}`;
  if (way === 'kit') return `/bench-peers/slow/kit.html?n=${n}`;
  return `/bench-peers/slow/peer.html?peer=${way}&n=${n}`;
}

/** In the page, before anything else: watches each frame for the form's first text box. */
function watch() {
  window.__slow = { shown: null, key: null };
  const box = () => {
    const el = document.getElementById('form');
    const find = (root) => root?.querySelector('input[type=text], input:not([type]), textarea') ?? null;
    // The kit's own form once drawn, else a form in the page (a peer's, or one for no script).
    return find(el?.shadowRoot) ?? find(el);
  };
  window.__slowBox = box;
  addEventListener('input', () => { window.__slow.key ??= performance.now(); }, { capture: true });
  const frame = () => {
    if (box()) window.__slow.shown = performance.now();
    else requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

async function throttle(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: PROFILE.latencyMs,
    downloadThroughput: (PROFILE.downKbit * 1000) / 8,
    uploadThroughput: (PROFILE.upKbit * 1000) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: PROFILE.cpu });
  return cdp;
}

/** One visit: the three times, from the start of the navigation. */
async function visit(page, way, n) {
  await page.goto(base + urlOf(way, n), { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__slow?.shown !== null, null, { timeout: TIMEOUT_MS, polling: 'raf' });
  // Type as soon as the box is there: focus it, then one key through the protocol.
  await page.evaluate(() => window.__slowBox().focus());
  await page.keyboard.type('a');
  await page.waitForFunction(() => window.__slow.key !== null, null, { timeout: TIMEOUT_MS });
  const working = await page.evaluate(async (kit) => {
    if (kit) {
      const el = document.getElementById('form');
      await customElements.whenDefined('ourplan-record');
      await el.ready;
      void el.validity.valid;
      return performance.now();
    }
    const drawn = await window.ourplanBench.ready;
    return drawn.paint;
  }, way.startsWith('kit'));
  const { shown, key } = await page.evaluate(() => window.__slow);
  // When the kit's module had arrived: its last byte (a first visit) or its read from the cache.
  const arrived = await page.evaluate(() => performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'))?.responseEnd ?? null);
  // The key stayed in the box (for the kit with a first paint: through the takeover).
  const kept = await page.evaluate(() => (window.__slowBox()?.value ?? '').includes('a'));
  return { shown, key, working, kept, arrived };
}

async function oneLoad(browser, way, n) {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
  await context.addInitScript(watch);
  const page = await context.newPage();
  try {
    await throttle(page);
    const first = await visit(page, way, n);
    const second = await visit(page, way, n);
    return { first, second };
  } catch (e) {
    return { error: String(e.message ?? e).split('\n')[0] };
  } finally {
    await context.close();
  }
}

const prepared = prepare();
const browser = await launch();
const results = { profile: PROFILE, loads: LOADS, sizes: SIZES, browser: `Chromium ${browser.version()}`, files: prepared, perLoad: {}, summary: {} };
try {
  for (const n of SIZES) {
    results.perLoad[n] = {};
    for (const way of WAYS) results.perLoad[n][way] = [];
    for (let load = 0; load < LOADS; load += 1) {
      // The ways take turns, so a slower moment of the machine falls on each alike.
      for (const way of WAYS) {
        const r = await oneLoad(browser, way, n);
        results.perLoad[n][way].push(r);
        console.error(`slow phone N=${n} ${way} ${load + 1}/${LOADS}: ${r.error ?? `shown ${ms(r.first.shown)} ms, key ${ms(r.first.key)} ms, working ${ms(r.first.working)} ms; again: ${ms(r.second.working)} ms`}`);
      }
    }
    results.summary[n] = Object.fromEntries(WAYS.map((way) => {
      const loads = results.perLoad[n][way].filter((l) => !l.error);
      const m = (visitName, k) => median(loads.map((l) => l[visitName][k]));
      return [way, {
        loads: loads.length,
        error: results.perLoad[n][way].find((l) => l.error)?.error ?? null,
        kept: loads.every((l) => l.first.kept && l.second.kept),
        first: { shown: m('first', 'shown'), key: m('first', 'key'), working: m('first', 'working'), arrived: m('first', 'arrived') },
        second: { shown: m('second', 'shown'), key: m('second', 'key'), working: m('second', 'working'), arrived: m('second', 'arrived') },
      }];
    }));
  }
} finally {
  await browser.close();
}

const LABEL = { 'kit-first-paint': 'kit, first paint by the server', 'kit-record-first-paint': 'the same, ourplan-record.js', 'kit-light': 'kit, form for no script', kit: 'kit alone', rjsf: 'react-jsonschema-form', jsonforms: 'JSON Forms' };
const lines = [
  `The slow phone: ${PROFILE.latencyMs} ms round trip, ${PROFILE.downKbit / 1000} Mbit/s down, CPU ${PROFILE.cpu}× slower, brotli; medians of ${LOADS} loads (ms from navigation; ratios kit ÷ RJSF, kit ÷ JSON Forms)`,
];
for (const [visitName, title] of [['first', 'First visit (nothing cached)'], ['second', 'Second visit (module and bundles cached)']]) {
  lines.push(`  ${title}`);
  lines.push(`    ${'N'.padEnd(6)}${'way'.padEnd(32)}${['form shown', 'first key', 'working'].map((h) => h.padStart(26)).join('')}`);
  for (const n of SIZES) {
    const s = results.summary[n];
    for (const way of WAYS) {
      const r = s[way];
      const cell = (k) => {
        const v = r[visitName][k];
        if (v === null) return r.error ? 'failed' : '—';
        if (!way.startsWith('kit')) return ms(v);
        return `${ms(v)} (${ratio(v, s.rjsf[visitName][k]) || '—'}, ${ratio(v, s.jsonforms[visitName][k]) || '—'})`;
      };
      lines.push(`    ${String(n).padEnd(6)}${LABEL[way].padEnd(32)}${['shown', 'key', 'working'].map((k) => cell(k).padStart(26)).join('')}`);
    }
  }
}
const target = SIZES.map((n) => {
  const s = results.summary[n];
  const shown = s['kit-first-paint'].first.shown / s.rjsf.first.shown;
  const key = s['kit-first-paint'].first.key / s.rjsf.first.key;
  return `N=${n}: form shown ${shown.toFixed(2)}×, first key ${key.toFixed(2)}× RJSF`;
});
const worst = Math.max(...SIZES.flatMap((n) => {
  const s = results.summary[n];
  return [s['kit-first-paint'].first.shown / s.rjsf.first.shown, s['kit-first-paint'].first.key / s.rjsf.first.key];
}));
lines.push(`  Budget (issue #21): the first paint's form shown and first key ≤ 0.5× RJSF: ${target.join('; ')} → ${worst <= 0.5 ? 'met' : 'NOT met'}`);
// How much of "working" is the module arriving (issue #24): its last byte, then the rest.
for (const way of ['kit-first-paint', 'kit-record-first-paint']) {
  const arrivals = SIZES.map((n) => {
    const r = results.summary[n][way].first;
    return r.arrived == null ? `N=${n}: —` : `N=${n}: its last byte at ${ms(r.arrived)} ms, working ${ms(r.working - r.arrived)} ms later`;
  });
  lines.push(`  The module on a first visit, ${LABEL[way]}: ${arrivals.join('; ')}`);
}
const lost = SIZES.flatMap((n) => WAYS.filter((w) => !results.summary[n][w].kept).map((w) => `${LABEL[w]} at N=${n}`));
if (lost.length) lines.push(`  The typed key was not kept by: ${lost.join(', ')}`);
results.lines = lines;
console.log(lines.join('\n'));
writeFileSync(out, JSON.stringify(results, null, 1));
