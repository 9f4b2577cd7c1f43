// Helpers for `cargo xtask bench` (tests/bench/run.mjs): a generated plan of any size, and the
// wasm module's memory (read through wasm-bindgen's init, which returns the module's exports
// once ourplan.js has loaded it; ourplan.js itself does not export them).

/**
 * A plan with `n` blocks in all, ids b1..bn, unique: a repeating mix of a text block, a section
 * with three children (text, outcome, list), an outcome, a budget line and a list.
 */
export function generatePlan(n) {
  let next = 1;
  const id = () => `b${next++}`;
  const text = () => ({ id: id(), kind: 'text', text: `Something that matters to me, number ${next}.` });
  const outcome = () => ({ id: id(), kind: 'outcome', what: `Go swimming, goal ${next}` });
  const list = () => {
    const block = { id: id(), kind: 'list', items: [] };
    for (let i = 0; i < 3; i++) block.items.push({ id: `${block.id}i${i}`, text: `Item ${i + 1}` });
    return block;
  };
  const budgetLine = () => ({ id: id(), kind: 'budgetLine', what: `Support ${next}`, costPence: 1500, frequency: 'weekly' });
  const blocks = [];
  const makers = [text, 'section', outcome, budgetLine, list];
  for (let k = 0; next <= n; k++) {
    const maker = makers[k % makers.length];
    if (maker === 'section') {
      const section = { id: id(), kind: 'section', title: `Part ${next}`, children: [] };
      for (const child of [text, outcome, list]) if (next <= n) section.children.push(child());
      blocks.push(section);
    } else {
      blocks.push(maker());
    }
  }
  return { format: 'ourplan-plan', version: 1, title: `A plan of ${n} blocks`, blocks, nextId: n + 1 };
}

/** Bytes of the wasm module's linear memory, or null if it cannot be reached. */
export async function wasmMemoryBytes() {
  try {
    const kit = await import('/pkg/ourplan_wasm.js');
    const exports = await kit.default();
    return exports?.memory?.buffer?.byteLength ?? null;
  } catch {
    return null;
  }
}

window.ourplanBench = { generatePlan, wasmMemoryBytes };
