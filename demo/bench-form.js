// The page half of the form benchmark (`cargo xtask bench`, tests/bench/forms.mjs), shared by
// the kit's host page (bench-record.html) and the peers' (bench-peer.html?peer=…): both draw the
// form of `?n=` fields from bench-schema.js and time the same things the same way.
//
// It must run before the form library starts drawing: it watches the document, and every shadow
// root as it is attached, for the form's last input (f<n>). Times are performance.now(), so they
// count from the start of the navigation:
//   lastInput: when the last input is in the DOM (a MutationObserver callback, so no polling);
//   paint:     a task posted from the next requestAnimationFrame callback after that.
// window.ourplanBench.ready resolves to { lastInput, paint, error }; type(reps) then types into
// the first text box (f1) and times each keystroke.

import { fieldNames, generateSchema, toFormio, toSurvey } from './bench-schema.js';

const params = new URLSearchParams(location.search);
const n = Number(params.get('n') || 50);
const lib = document.documentElement.dataset.lib || params.get('peer');
const names = fieldNames(n);
const now = () => performance.now();
const nextPaint = () => new Promise((r) => requestAnimationFrame(() => setTimeout(() => r(now()), 0)));

const state = { lib, n, lastInput: null, paint: null, error: null };
let locate = null;
let resolveReady;
const ready = new Promise((r) => (resolveReady = r));

function fail(error) {
  if (state.error || state.paint !== null) return;
  const e = error?.error ?? error?.reason ?? error;
  state.error = String(e?.message ?? e);
  observer.disconnect();
  resolveReady(state);
}
addEventListener('error', fail);
addEventListener('unhandledrejection', fail);

function check() {
  if (state.lastInput !== null || state.error || !locate) return;
  if (!locate()) return;
  state.lastInput = now();
  observer.disconnect();
  nextPaint().then((t) => {
    state.paint = t;
    resolveReady(state);
  });
}
const observer = new MutationObserver(check);
observer.observe(document, { childList: true, subtree: true });
// The kit draws inside a shadow root, which a document observer does not see into.
const attachShadow = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) {
  const root = attachShadow.call(this, init);
  if (state.lastInput === null) observer.observe(root, { childList: true, subtree: true });
  return root;
};

// The library's own "the value changed" signal, for the keystroke's `event` time.
let onChange = () => {};
const hooks = { names, onChange: (...args) => onChange(...args) };
let first = () => null;

async function start() {
  if (lib === 'kit') {
    await customElements.whenDefined('ourplan-record');
    const el = document.getElementById('form');
    // The element's ids are `op-f` + the field's JSON pointer with `/` as `-`.
    const id = (path) => `op-f-${path.join('-')}`;
    first = () => el.shadowRoot?.getElementById(id(names.first.path)) ?? null;
    locate = () => el.shadowRoot?.getElementById(id(names.last.path)) ?? null;
    el.addEventListener('input', () => hooks.onChange());
    el.schema = generateSchema(n);
  } else {
    const peer = await import(`/bench-peers/${lib}.js`);
    const spec = { ...hooks };
    if (lib === 'surveyjs') spec.survey = toSurvey(n);
    else if (lib === 'formio') spec.formio = toFormio(n);
    else spec.schema = generateSchema(n);
    const found = peer.mount(document.getElementById('form'), spec);
    first = found.first;
    locate = found.last;
  }
  check();
}
start().catch(fail);

/** How many inputs, selects and textareas the form drew (document and shadow roots). */
function controls() {
  const el = document.getElementById('form');
  const root = el.shadowRoot ?? el;
  return root.querySelectorAll('input, select, textarea').length;
}

/**
 * Types up to `reps` characters into the first text box, one at a time, as input events (the
 * value set with the native setter, so React's value tracking sees the change); at least two, and
 * none more once `budgetMs` has gone by (a library taking seconds a keystroke ends its load
 * sooner). For each: `handlers` is the time to a task posted right after the dispatch (the
 * event's handlers and what they queued before it, a Yew render or a React commit included),
 * `paint` to a task posted from the next requestAnimationFrame callback, `event` to the library's
 * own change signal (null if none came within 2 s; Form.io debounces it).
 */
async function type(reps, budgetMs = 3000) {
  const input = first();
  if (!input) throw new Error('the first text box (f1) is not in the DOM');
  input.focus();
  await nextPaint();
  const setValue = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(input), 'value').set;
  const out = [];
  const began = now();
  for (let i = 0; i < reps && (i < 2 || now() - began < budgetMs); i++) {
    let heard;
    const changed = new Promise((r) => (heard = r));
    onChange = () => heard(now());
    const start = now();
    setValue.call(input, input.value + 'x');
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: 'x' }));
    const task = new Promise((r) => setTimeout(() => r(now()), 0));
    const paint = nextPaint();
    const t = await task;
    const p = await paint;
    const e = await Promise.race([changed, new Promise((r) => setTimeout(() => r(null), 2000))]);
    onChange = () => {};
    out.push({ handlers: t - start, paint: p - start, event: e === null ? null : e - start });
    await nextPaint();
  }
  const value = first()?.value ?? '';
  return { reps: out, typed: value.endsWith('x'.repeat(Math.min(out.length, 40))) };
}

/** Bytes of the kit's wasm linear memory (null on a peer's page). */
async function wasmMemoryBytes() {
  if (lib !== 'kit') return null;
  try {
    const kit = await import('/pkg/ourplan_wasm.js');
    const exports = await kit.default();
    return exports?.memory?.buffer?.byteLength ?? null;
  } catch {
    return null;
  }
}

window.ourplanBench = { ready, type, controls, wasmMemoryBytes, state };
