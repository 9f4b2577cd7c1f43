// The journeys that matter (engines/journeys.mjs) in each engine people use: Chromium, Firefox ESR
// and WebKitGTK (Safari's engine on Linux, not Safari itself), each through its own driver
// (engines/drivers.mjs). An engine missing from this machine is skipped with the reason, except in
// CI, where every engine is installed and a missing one fails.

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES, missing, start } from './engines/drivers.mjs';
import { journeys } from './engines/journeys.mjs';

const only = process.env.OURPLAN_ENGINES?.split(',').filter(Boolean);

for (const engine of Object.keys(ENGINES)) {
  if (only && !only.includes(engine)) continue;
  const why = missing(engine);
  describe(engine, { skip: why && !process.env.CI ? why : false }, () => {
    let browser;
    // A driver that hangs fails its test rather than holding up the whole run.
    before(async () => {
      assert.equal(why, null, why ?? '');
      browser = await start(engine);
    }, { timeout: 120_000 });
    after(async () => {
      if (browser) console.log(`# ${engine}: ${browser.version}`);
      await browser?.close();
    });
    for (const journey of journeys) {
      test(journey.name, { timeout: 180_000 }, async () => {
        const s = await browser.session();
        try {
          await journey.run(s);
        } finally {
          await s.close();
        }
      });
    }
  });
}
