// The browser half of `cargo xtask bench`:
//   node tests/bench/run.mjs <base URL> <out.json> [<kit sizes.json>]
// In headless Chromium it measures the kit and its peers side by side on the same generated
// forms (forms.mjs), the kit's validation API against ajv (validation.mjs) and the plan builder
// with a large plan (plan.mjs) and what saving a draft costs (drafts.mjs); prints the tables with kit ÷ peer ratios (report.mjs) and writes
// everything, every load's figures included, as JSON to <out.json>. The peers must have been
// bundled first (xtask does it: tests/bench/peers/build.mjs into target/bench/peers/).
//
// Environment, for a quicker run while developing:
//   OURPLAN_BENCH_LOADS   loads per figure (default 5)
//   OURPLAN_BENCH_SIZES   field counts, multiples of 10 (default 50,200,1000,2000)
//   OURPLAN_BENCH_LIBS    kit,rjsf,jsonforms,surveyjs,formio (default: all)
//   OURPLAN_BENCH_KEYS    keystrokes per load (default 10)
//   OURPLAN_BENCH_PARTS   forms,validation,plan,drafts,merge (default: all)
//   OURPLAN_BENCH_BLOCKS  plan blocks (default 500); OURPLAN_BENCH_REPS plan repeats (default 20)
//   OURPLAN_BENCH_PEERS_DIR where the peers' bundles are (default target/bench/peers)

const [base, out, kitSizesPath] = process.argv.slice(2);
if (!base || !out) {
  console.error('usage: node tests/bench/run.mjs <base URL> <out.json> [<kit sizes.json>]');
  process.exit(2);
}
process.env.OURPLAN_BASE_URL = base;
const { existsSync, readFileSync, writeFileSync } = await import('node:fs');
const { join } = await import('node:path');
const { launch } = await import('../e2e/harness.mjs');
const { benchForms } = await import('./forms.mjs');
const { benchValidation } = await import('./validation.mjs');
const { benchPlan } = await import('./plan.mjs');
const { benchDrafts } = await import('./drafts.mjs');
const { benchMerge } = await import('./merge.mjs');
const { peerSizes } = await import('./sizes.mjs');
const { report } = await import('./report.mjs');

const env = process.env;
const list = (v, d) => (v || d).split(',').map((s) => s.trim()).filter(Boolean);
const LOADS = Number(env.OURPLAN_BENCH_LOADS || 5);
const SIZES = list(env.OURPLAN_BENCH_SIZES, '50,200,1000,2000').map(Number);
const LIBS = list(env.OURPLAN_BENCH_LIBS, 'kit,rjsf,jsonforms,surveyjs,formio');
const KEYS = Math.max(2, Number(env.OURPLAN_BENCH_KEYS || 10));
const PARTS = list(env.OURPLAN_BENCH_PARTS, 'forms,validation,plan,drafts,merge');
const BLOCKS = Number(env.OURPLAN_BENCH_BLOCKS || 500);
const REPS = Number(env.OURPLAN_BENCH_REPS || 20);
const PEERS_DIR = env.OURPLAN_BENCH_PEERS_DIR || 'target/bench/peers';
// Memory is read at 1,000 fields (the figure), or at the largest N below it.
const MEMORY_AT = SIZES.includes(1000) ? 1000 : Math.max(...SIZES);

for (const n of SIZES) {
  if (!Number.isInteger(n) || n < 10 || n % 10) throw new Error(`OURPLAN_BENCH_SIZES: ${n} is not a multiple of 10`);
}
const peers = existsSync(join(PEERS_DIR, 'manifest.json')) ? peerSizes(PEERS_DIR) : null;
if (!peers && (LIBS.some((l) => l !== 'kit') || PARTS.includes('validation'))) {
  throw new Error(`${PEERS_DIR}/manifest.json is missing: bundle the peers with node tests/bench/peers/build.mjs ${PEERS_DIR}`);
}
const kitSizes = kitSizesPath ? JSON.parse(readFileSync(kitSizesPath, 'utf8')) : null;

const browser = await launch();
const browserVersion = `Chromium ${browser.version()}`;
const results = { sizes: SIZES, libs: LIBS, loads: LOADS, keys: KEYS, memoryAt: MEMORY_AT, browser: browserVersion, peers };
try {
  if (PARTS.includes('forms')) results.forms = await benchForms(browser, { sizes: SIZES, libs: LIBS, loads: LOADS, reps: KEYS, memoryAt: MEMORY_AT });
  if (PARTS.includes('validation')) results.validation = await benchValidation(browser, { sizes: SIZES, loads: LOADS, minMs: 200 });
  if (PARTS.includes('plan')) results.plan = await benchPlan(browser, { blocks: BLOCKS, loads: LOADS, reps: REPS });
  if (PARTS.includes('drafts')) results.drafts = await benchDrafts(browser, { blocks: BLOCKS, fields: 1000, loads: LOADS, reps: 5 });
  if (PARTS.includes('merge')) results.merge = await benchMerge(browser, { blocks: BLOCKS, loads: LOADS, reps: 5 });
} finally {
  await browser.close();
}

const summaryOf = (forms) => forms && Object.fromEntries(Object.entries(forms).map(([n, byLib]) =>
  [n, Object.fromEntries(Object.entries(byLib).map(([lib, r]) => [lib, r.summary]))]));
console.log(report({
  kitSizes, peers, forms: results.forms, validation: results.validation, plan: results.plan, drafts: results.drafts, merge: results.merge,
  sizes: SIZES, libs: LIBS, loads: LOADS, keys: KEYS, memoryAt: MEMORY_AT, browser: browserVersion,
}).join('\n'));

writeFileSync(out, JSON.stringify({
  ...results,
  forms: results.forms && { summary: summaryOf(results.forms), perLoad: Object.fromEntries(Object.entries(results.forms).map(([n, byLib]) =>
    [n, Object.fromEntries(Object.entries(byLib).map(([lib, r]) => [lib, r.perLoad]))])) },
  plan: results.plan?.json,
  drafts: results.drafts?.json,
  merge: results.merge?.json,
}, null, 2));
