// The validation scenario for `cargo xtask bench` (run by run.mjs): in each of `loads` fresh
// browser contexts, demo/bench-validate.html times the kit's `compile` and `validate` and ajv 8's
// compile and compiled validator at every N (see demo/bench-validate.js for how).

import { openPage } from '../e2e/harness.mjs';
import { median } from './stats.mjs';

const PAGE = '/bench-validate.html';
const CASES = ['compile', 'valid', 'invalid'];

export async function benchValidation(browser, { sizes, loads, minMs }) {
  const perLoad = [];
  for (let load = 0; load < loads; load++) {
    const page = await openPage(browser, PAGE);
    try {
      await page.evaluate(() => window.ourplanBench.ready);
      const byN = {};
      for (const n of sizes) byN[n] = await page.evaluate((a) => window.ourplanBench.run(a), { n, minMs });
      perLoad.push(byN);
    } finally {
      await page.context().close();
    }
    console.error(`validation load ${load + 1}/${loads} done`);
  }
  const summary = {};
  for (const n of sizes) {
    summary[n] = {};
    for (const lib of ['kit', 'ajv']) {
      summary[n][lib] = {};
      for (const c of lib === 'kit' ? [...CASES, 'validateWithSchemaValid', 'validateWithSchema'] : CASES) {
        const runs = perLoad.map((l) => l[n][lib][c]).filter(Boolean);
        const failed = runs.find((r) => r.error);
        summary[n][lib][c] = {
          ms: median(runs.map((r) => r.ms)),
          errors: median(runs.map((r) => r.errors)),
          error: failed ? failed.error : null,
        };
      }
    }
  }
  return { page: PAGE, minMs, summary, perLoad };
}
