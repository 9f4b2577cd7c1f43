// Drafts kept on the device, for `cargo xtask bench` (run by run.mjs): what a save costs the main
// thread, at the sizes the issue names, a 500-block plan and a 1,000-field record. For each of
// `loads` fresh browser contexts it gives the element a `storage-key`, types a character `reps`
// times, waits for each `ourplan-draft-saved`, and reads the kit's own `ourplan-draft-save`
// measure (the snapshot, the envelope's text, and IndexedDB's copy of it; the write itself runs
// off the main thread). Target: under 4 ms a save. Also a plan with ten pictures of about 200 KB
// each (issue 23): a draft names its pictures and saves each once, so it must save as quickly.

/** A plan of one text block (`b1`) and `n` picture blocks, each picture about 200 KB. */
const PICTURED = (n) => `(() => {
  const plan = window.ourplanBench.generatePlan(1);
  plan.pictures = {};
  for (let i = 0; i < ${n}; i++) {
    const bytes = new Uint8Array(150000);
    for (let at = 0; at < bytes.length; at += 65536) crypto.getRandomValues(bytes.subarray(at, at + 65536));
    let text = '';
    for (let at = 0; at < bytes.length; at += 8192) text += String.fromCharCode(...bytes.subarray(at, at + 8192));
    const key = 'sha256:' + String(i).padStart(64, '0');
    plan.pictures[key] = { type: 'image/jpeg', width: 1200, height: 900, data: btoa(text) };
    plan.blocks.push({ id: 'p' + i, kind: 'picture', picture: key, description: 'Picture ' + i });
  }
  plan.nextId = 1000;
  return plan;
})()`;

import { openPage } from '../e2e/harness.mjs';
import { median, ms, pageProblems } from './stats.mjs';

/** Runs in the page: types into `fieldId` `reps` times, each time waiting for the save. */
async function saves({ reps, fieldId }) {
  const el = document.getElementById(window.benchElementId);
  const root = el.shadowRoot;
  const box = root.getElementById(fieldId);
  if (!box) throw new Error(`no ${fieldId}`);
  box.focus();
  const out = [];
  for (let i = 0; i < reps; i++) {
    const saved = new Promise((r) => el.addEventListener('ourplan-draft-saved', r, { once: true }));
    box.value += 'x';
    box.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: 'x' }));
    await saved;
    const entry = performance.getEntriesByName('ourplan-draft-save').at(-1);
    out.push(entry ? entry.duration : null);
  }
  return out;
}

async function one(browser, { path, setup, fieldId, reps }) {
  const page = await openPage(browser, path);
  await page.evaluate(setup);
  const times = await page.evaluate(saves, { reps, fieldId });
  const problems = pageProblems(page);
  await page.context().close();
  if (problems.length) throw new Error(`drafts bench: ${problems.join('; ')}`);
  return times;
}

/** Saves of the bench page's plan, kept under `key`, its value the expression `value`. */
function planSaves(reps, key, value) {
  return {
    path: '/bench-plan.html',
    fieldId: 'op-f-b1-text',
    reps,
    setup: `(async () => {
      window.benchElementId = 'plan';
      const el = document.getElementById('plan');
      await el.ready;
      el.setAttribute('storage-key', '${key}');
      el.value = ${value};
      await el.ready;
    })()`,
  };
}

export async function benchDrafts(browser, { blocks, fields, loads, reps, pictures = 10 }) {
  const plan = [];
  const record = [];
  const pictured = [];
  for (let load = 0; load < loads; load++) {
    pictured.push(...await one(browser, planSaves(reps, 'bench-pictures', PICTURED(pictures))));
    plan.push(...await one(browser, planSaves(reps, 'bench', `window.ourplanBench.generatePlan(${blocks})`)));
    record.push(...await one(browser, {
      path: `/bench-record.html?n=${fields}`,
      fieldId: 'op-f-f1',
      reps,
      setup: `(async () => {
        window.benchElementId = 'form';
        const el = document.getElementById('form');
        el.setAttribute('storage-key', 'bench');
        await el.ready;
      })()`,
    }));
    console.log(`drafts load ${load + 1}/${loads}: plan ${ms(median(plan))} ms, record ${ms(median(record))} ms, ${pictures} pictures ${ms(median(pictured))} ms a save`);
  }
  const summary = {
    plan: median(plan.filter((t) => t !== null)),
    record: median(record.filter((t) => t !== null)),
    pictured: median(pictured.filter((t) => t !== null)),
  };
  const lines = [
    '',
    `Drafts on the device: main-thread time of one save (ms; median of ${plan.length} saves each)`,
    `  a ${blocks}-block plan                          ${ms(summary.plan).padStart(10)}`,
    `  a ${fields}-field record                        ${ms(summary.record).padStart(10)}`,
    `  a plan with ${pictures} pictures of ~200 KB          ${ms(summary.pictured).padStart(10)}`,
    `  target: under 4 ms a save: ${summary.plan < 4 && summary.record < 4 && summary.pictured < 4 ? 'met' : 'NOT MET'}`,
  ];
  return { lines, json: { summary, plan, record, pictured } };
}
