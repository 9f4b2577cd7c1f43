// kit.js: what every element of one copy of the module shares: the wasm module (loaded once per
// page), the failure after a trap, the functions hosts call without an element (`validate`,
// `compile`, `OurplanError`), the form-submit watch, and small helpers. The entry point,
// ourplan.js, imports it statically with the rest.
//
// Everything that crosses into Rust is a JSON string (see ourplan-elements' lib.rs for why).

/**
 * Where the first copy of the module on a page leaves its API (ourplan.js sets it). A second copy
 * (another URL, a cache-busting query, a second plugin bundling the kit) finds it and uses it:
 * one set of element definitions, one wasm module, one `OurplanError` class for `instanceof`.
 */

/** The package version (pkg/package.json; a spec checks they agree). Drafts carry it too. */
export const VERSION = '0.1.0';
export const SHARED = Symbol.for('ourplan.kit');

/**
 * Whether this copy is the page's first, as this module runs: before the entry point registers
 * the API. Page-wide listeners are added once, by the first copy.
 */
const firstCopy = !globalThis[SHARED];

/**
 * Which module the page asked for: `'record'` when it imported `ourplan-record.js` (the record
 * element and `validate`/`compile`, without the plan builder: a smaller module), else the whole
 * kit. Set before this module runs (record-only.js), so the first element asks for the right one.
 */
export const MODULE_CHOICE = Symbol.for('ourplan.module');

/** The page's module, once asked for. */
let loading = null;
/** The whole kit, when a page that asked for the record's module holds a plan after all. */
let loadingWhole = null;
/** The stylesheet's text on its way (asked for once, with the first module). */
let css = null;
/** The kit's stylesheet (`ourplan.css`, beside this module) as text, once it has arrived. */
let sheetText = '';

/**
 * Loads the page's wasm module once; every element shares it. The glue is imported here, not at
 * the top of this module, so that the wasm (the bulk of the kit) is asked for as soon as this
 * module runs, beside the glue, rather than after it: a static import would make the page fetch
 * this module, then the glue, then the wasm, one after the other.
 *
 * The stylesheet is asked for at the same moment. It ships once, as `ourplan.css`: a page with
 * a first paint has it already (the server's form links it), so the browser's cache answers.
 *
 * `tag` is the element asking. A page that imported `ourplan-record.js` gets the record's
 * module; if it holds an `<ourplan-plan>` too, the plan still works, from the whole kit loaded
 * beside it (its code then arrives twice, so the console says which entry point to use).
 * @param {string} [tag]
 */
export function loadKit(tag) {
  const recordOnly = globalThis[MODULE_CHOICE] === 'record';
  if (tag === 'ourplan-plan' && recordOnly) {
    if (!loadingWhole) {
      console.warn('ourplan: this page imported ourplan-record.js, which has no <ourplan-plan>; the whole kit ' +
        'is loaded as well for the plan. Import ourplan.js instead on pages that hold a plan.');
      loadingWhole = startLoading(false);
    }
    return loadingWhole;
  }
  if (!loading) loading = startLoading(recordOnly);
  return loading;
}

function startLoading(recordOnly) {
  const bytes = fetch(new URL(recordOnly ? './ourplan_record_bg.wasm' : './ourplan_wasm_bg.wasm', import.meta.url));
  // Handled below once the glue is here; this keeps an early failure from being reported as
  // unhandled in the meantime.
  bytes.catch(() => {});
  css ??= loadStylesheet(new URL('./ourplan.css', import.meta.url));
  // Two literal imports, so that bundlers see both files.
  const glue = recordOnly ? import('./ourplan_record.js') : import('./ourplan_wasm.js');
  return glue.then(async (module) => {
    await module.default({ module_or_path: bytes });
    sheetText = await css;
    return module;
  });
}

/**
 * The stylesheet's text, or '' when it cannot be fetched: the forms then work unstyled (nothing
 * typed is at risk), and the console says what the host must put right.
 */
async function loadStylesheet(url) {
  try {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`the server answered ${response.status}`);
    return await response.text();
  } catch (error) {
    console.error(`ourplan: the kit's stylesheet could not be loaded from ${url} (${error.message}). ` +
      'It must be served beside ourplan.js; the forms work without it, unstyled.');
    return '';
  }
}

let sheet = null;

/** One constructed stylesheet adopted by every shadow root (no <style> tags: strict CSP works). */
export function sharedSheet() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(sheetText);
  }
  return sheet;
}

/** The shared stylesheet if one was made before the module stopped, or null. */
export function sheetMadeBefore() {
  return sheet;
}

/** The error that stopped the wasm module, once it has trapped; every element then falls back. */
export let moduleFailure = null;
/** The connected elements, each told when the module stops. */
export const liveElements = new Set();

export function moduleFailed(error) {
  if (moduleFailure) return;
  moduleFailure = error;
  console.error('ourplan: the kit stopped working (please report this):', error);
  for (const el of liveElements) el._showFailure();
}

// A trap inside an event handler that Yew runs is thrown from the listener, not from our calls.
if (firstCopy) {
  globalThis.addEventListener?.('error', (event) => {
    if (event.error instanceof WebAssembly.RuntimeError) moduleFailed(event.error);
  });
}

export function schemaText(schema) {
  if (typeof schema === 'string') return schema;
  const text = JSON.stringify(schema);
  if (text === undefined) throw new TypeError('ourplan: a schema must be an object, a boolean or a JSON string');
  return text;
}

export function pageLang(el) {
  const tag = el.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || 'en';
  return tag.toLowerCase().startsWith('cy') ? 'cy' : 'en';
}

/**
 * Raised by `validate` and `compile` when the schema or value cannot be read: `message` is for
 * people, `detail` for developers.
 */
export class OurplanError extends Error {
  constructor(message, detail) {
    super(message);
    /**
     * Always `'OurplanError'`.
     * @type {'OurplanError'}
     */
    this.name = 'OurplanError';
    /**
     * For developers; `message` is for people.
     * @type {string | undefined}
     */
    this.detail = detail;
  }
}

function unwrap(json) {
  const out = JSON.parse(json);
  if (out.error) throw new OurplanError(out.error.message, out.error.detail);
  return out;
}

/**
 * Validates a value against a schema with the elements' rules and messages, without rendering.
 * Rejects with `OurplanError` when either cannot be read.
 * @param {unknown} schema - an object, a boolean or JSON text
 * @param {unknown} value - any JSON
 * @param {CheckOptions} [options] - the language of the messages, schemas for `$ref`s to other files, and the kit's limits
 * @returns {Promise<Verdict<RecordProblem>>}
 */
export async function validate(schema, value, options = {}) {
  const { lang = 'en', remotes = {}, limits = {} } = options;
  const kit = await loadKit();
  return unwrap(kit.validate_json(schemaText(schema), JSON.stringify(value ?? null), lang, JSON.stringify(remotes), JSON.stringify(limits)));
}

/**
 * Checks that a schema compiles; the errors describe the schema itself. When it compiles, the
 * result also has `validate(value)`: a synchronous check against the schema as it was when
 * compiled (compiled once, kept in the module), with the same results as `validate`.
 * @param {unknown} schema - an object, a boolean or JSON text
 * @param {CheckOptions} [options] - the language of the messages, schemas for `$ref`s to other files, and the kit's limits
 * @returns {Promise<Compiled>}
 */
export async function compile(schema, options = {}) {
  const { lang = 'en', remotes = {}, limits = {} } = options;
  const kit = await loadKit();
  const text = schemaText(schema);
  const remotesText = JSON.stringify(remotes);
  const limitsText = JSON.stringify(limits);
  const out = unwrap(kit.compile_json(text, lang, remotesText, limitsText));
  if (out.valid) {
    // A handle to the compiled schema, so each call hands over only the value. wasm-bindgen
    // frees it when `out` is collected.
    const held = kit.compiled_schema(text, lang, remotesText, limitsText);
    out.validate = held
      ? (value) => unwrap(held.check(JSON.stringify(value ?? null)))
      : (value) => unwrap(kit.validate_json(text, JSON.stringify(value ?? null), lang, remotesText, limitsText));
  }
  return out;
}

/**
 * The form a person is submitting right now (a click on its submit button, or Enter in one of
 * its fields), for this task only. The browser fires the same `invalid` event for a submit as
 * for a script's `form.checkValidity()`; only a submit should draw the error summary and move
 * focus (a host that checks validity as the person types must not make errors appear).
 */
export let submitAttempt = null;

function noteSubmitAttempt(event) {
  const target = event.target;
  let form = null;
  if (event.type === 'click') {
    const button = target?.closest?.('button, input');
    if (button && (button.type === 'submit' || button.type === 'image')) form = button.form;
  } else if (event.key === 'Enter' && target instanceof HTMLInputElement) {
    form = target.form;
  }
  if (!form) return;
  submitAttempt = form;
  // A record drawn a moment ago may not have compiled its schema yet: do it now, before the
  // browser checks the form's validity.
  for (const control of form.elements) control._settleNow?.();
  setTimeout(() => { if (submitAttempt === form) submitAttempt = null; }, 0);
}

if (firstCopy) {
  globalThis.document?.addEventListener('click', noteSubmitAttempt, true);
  globalThis.document?.addEventListener('keydown', noteSubmitAttempt, true);
}

/** Resolves after the views have rendered what the last call changed (Yew renders in a task). */
/** Where the kit's stylesheet is (beside this module): the printed copy links it. */
export const STYLESHEET_URL = new URL('./ourplan.css', import.meta.url).href;

export function afterRender() {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** A host setting given as an object, a JSON string, or nothing, as the JSON text Rust reads. */
export function settingText(setting, empty) {
  if (setting == null) return empty;
  return typeof setting === 'string' ? setting : JSON.stringify(setting);
}
