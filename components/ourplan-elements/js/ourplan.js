// ourplan.js: the one ES module a host page imports. Importing it defines the custom elements;
// it also exports `validate` and `compile` for hosts that check values without rendering, and
// `mount(container, options)` for hosts that would rather not write the tag. The contract below
// is also in custom-elements.json and ourplan.d.ts (tests/e2e/contract.spec.mjs keeps all three,
// and the README, in step with the code).
//
// <ourplan-record>: a conversation record drawn from a JSON Schema.
//   Attributes: schema-src (URL of the schema), lang ("en" | "cy"; default: the nearest lang on
//     the page), level ("brief" (default) | "standard" | "full": how much of the record shows;
//     fields holding a value always show, the rest are one "Add more" button away), name (the
//     form field name), readonly, disabled.
//   Properties: schema (object | boolean | JSON string), value (any JSON; setting it fires no
//     event), remotes ({ uri: schema } for $refs to other files; no network is used), plus
//     camelCase forms of the attributes (schemaSrc, lang, name, readOnly, disabled).
//   Methods: validate() -> Promise<{ valid, errors: [{ pointer, message }] }> (shows the error
//     summary and moves focus to it when there are errors; waits for a schema-src on its way);
//     checkValidity(), reportValidity(). A new schema is drawn first and compiled after the next
//     paint: until then the record is not valid ("Loading the form…"); validity reads, validate()
//     and a submit click compile it at once.
//     ready -> Promise<void> (a property): resolves once the element shows what it will show now
//     (mounted, a schema-src on its way arrived, the form or its message drawn); read it again
//     after a change for a promise that waits for that. Rejects when the kit cannot load.
//   Events (from the element only; composed; bubbling): input and change, with
//     detail: { value }, after the person changes something (never when the host sets value);
//     invalid, with detail: { value, errors }, after validate() finds problems.
//   Form: form-associated. Inside a <form> it submits its value as JSON under its name, takes
//     part in the form's validity, resets with the form and restores on back-navigation.
//   CSS parts: form, title, fieldset, input, textarea, select, checkbox, radio, list-item, map,
//     map-entry, add-more, conditional, read-back, error-summary, error-message, load-error.
//     Custom properties: see ourplan.css.
//   Children placed inside the element by the host show until the kit has loaded (fallback).
//
// <ourplan-plan>: a support plan the person writes in their own shape (the plan builder).
//   Attributes: lang ("en" | "cy"), name (the form field name), readonly, disabled,
//     checks ("england" | "wales": gentle legal suggestions; absent: none),
//     indicative-budget (pounds as text, like "150.00"), budget-period ("week" (default) |
//     "month" | "year").
//   Properties: value (the plan document, `format: "ourplan-plan"`; setting it fires no event;
//     a plan that cannot be read is refused with console.warn and the current plan kept),
//     signoffRules ({ limit: { amount, period }, oneOffLimit, noSecondLook, notComplex,
//     withinIndicative } or null), practitioner ({ name, role } or null): sign-off shows only
//     when both are set; templates (extra starters: an array of template objects), plus
//     camelCase forms of the attributes (indicativeBudget, budgetPeriod, checks, name, readOnly,
//     disabled).
//   Methods: validate() -> Promise<{ valid, errors: [{ id, message }] }> (a plan never blocks:
//     only a cost box holding something that is not an amount counts). ready, as for the record.
//   Events (from the element only; composed; bubbling): input and change, with
//     detail: { value }, after the person changes the plan; ourplan-signoff, with
//     detail: { value, signoff: { name, role, at, fingerprint } }, when the practitioner signs off.
//   Form: form-associated; submits the plan as JSON under its name; a cost box holding what is
//     not an amount makes it invalid (the submit stops there, focused); checkValidity(),
//     reportValidity(); validate() also fires invalid, with detail: { value, errors }.
//   CSS parts: plan, starters, toolbar, blocks, block, block-tools, add, budget, signoff, checks,
//     reviews, files, input, textarea, select, checkbox, load-error.
//   Children placed inside the element by the host show until the kit has loaded (fallback).
//
// Everything that crosses into Rust is a JSON string (see ourplan-elements' lib.rs for why).

/** The package version (pkg/package.json; a spec checks they agree). */
const VERSION = '0.1.0';

/**
 * Where the first copy of this module on a page leaves its API. A second copy (another URL, a
 * cache-busting query, a second plugin bundling the kit) finds it and uses it: one set of element
 * definitions, one wasm module, one `OurplanError` class for `instanceof`.
 */
const SHARED = Symbol.for('ourplan.kit');
const firstCopy = !globalThis[SHARED];

let loading = null;
/** wasm-bindgen's glue module (`ourplan_wasm.js`) once the wasm has started. */
let wasm = null;

/**
 * Loads the wasm module once for the whole page; every element shares it. The glue is imported
 * here, not at the top of this module, so that the wasm (the bulk of the kit) is asked for as
 * soon as this module runs, beside the glue, rather than after it: a static import would make
 * the page fetch this module, then the glue, then the wasm, one after the other.
 */
function loadKit() {
  if (!loading) {
    const bytes = fetch(new URL('./ourplan_wasm_bg.wasm', import.meta.url));
    // Handled below once the glue is here; this keeps an early failure from being reported as
    // unhandled in the meantime.
    bytes.catch(() => {});
    loading = import('./ourplan_wasm.js').then(async (glue) => {
      await glue.default({ module_or_path: bytes });
      wasm = glue;
      return glue;
    });
  }
  return loading;
}

let sheet = null;

/** One constructed stylesheet adopted by every shadow root (no <style> tags: strict CSP works). */
function sharedSheet() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(wasm.stylesheet());
  }
  return sheet;
}

/** The error that stopped the wasm module, once it has trapped; every element then falls back. */
let moduleFailure = null;
const liveElements = new Set();

function moduleFailed(error) {
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

function schemaText(schema) {
  if (typeof schema === 'string') return schema;
  const text = JSON.stringify(schema);
  if (text === undefined) throw new TypeError('ourplan: a schema must be an object, a boolean or a JSON string');
  return text;
}

function pageLang(el) {
  const tag = el.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || 'en';
  return tag.toLowerCase().startsWith('cy') ? 'cy' : 'en';
}

/** Raised by `validate` and `compile` when the schema or value cannot be read. */
class OurplanErrorClass extends Error {
  constructor(message, detail) {
    super(message);
    this.name = 'OurplanError';
    this.detail = detail;
  }
}

function unwrap(json) {
  const out = JSON.parse(json);
  if (out.error) throw new OurplanErrorClass(out.error.message, out.error.detail);
  return out;
}

/**
 * Validates `value` against `schema` with the same rules and messages as the elements.
 * @returns {Promise<{ valid: boolean, errors: { pointer: string, message: string }[] }>}
 */
async function validateWith(schema, value, { lang = 'en', remotes = {} } = {}) {
  const kit = await loadKit();
  return unwrap(kit.validate_json(schemaText(schema), JSON.stringify(value ?? null), lang, JSON.stringify(remotes)));
}

/**
 * Checks that `schema` compiles. `errors` describe the schema itself. When it compiles, the
 * result also has `validate(value)`: a synchronous check against the schema as it was when
 * compiled (compiled once, kept in the module), with the same results as `validate`.
 * @returns {Promise<{ valid: boolean, errors: { pointer: string, message: string, detail: string }[],
 *   validate?: (value: unknown) => { valid: boolean, errors: { pointer: string, message: string }[] } }>}
 */
async function compileWith(schema, { lang = 'en', remotes = {} } = {}) {
  const kit = await loadKit();
  const text = schemaText(schema);
  const remotesText = JSON.stringify(remotes);
  const out = unwrap(kit.compile_json(text, lang, remotesText));
  if (out.valid) {
    // A handle to the compiled schema, so each call hands over only the value. wasm-bindgen
    // frees it when `out` is collected.
    const held = kit.compiled_schema(text, lang, remotesText);
    out.validate = held
      ? (value) => unwrap(held.check(JSON.stringify(value ?? null)))
      : (value) => unwrap(kit.validate_json(text, JSON.stringify(value ?? null), lang, remotesText));
  }
  return out;
}

/**
 * The form a person is submitting right now (a click on its submit button, or Enter in one of
 * its fields), for this task only. The browser fires the same `invalid` event for a submit as
 * for a script's `form.checkValidity()`; only a submit should draw the error summary and move
 * focus (a host that checks validity as the person types must not make errors appear).
 */
let submitAttempt = null;

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

/** What `focus()` on an element may move to, in document order (hidden ones are skipped). */
const FOCUSABLE = 'input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

/**
 * Makes a block list move its own blocks with `moveBefore` (Chromium 133 and later) instead of
 * `insertBefore`, which takes a node out and puts it back. Taken out, a block loses focus, and
 * focusing its button again forces the browser to lay out the changed list inside the click:
 * 10-20 ms at 500 blocks. Moved with `moveBefore`, the button keeps focus. The view's renderer
 * calls `insertBefore` on the list, so this list answers it; anything that is not a move within
 * the same tree, or a browser without `moveBefore`, gets the ordinary `insertBefore`.
 */
function keepFocusThroughMoves(list) {
  if (typeof list.moveBefore !== 'function' || Object.hasOwn(list, 'insertBefore')) return;
  list.insertBefore = function insertBefore(node, ref) {
    if (node?.parentNode && node.isConnected && this.isConnected && node.getRootNode() === this.getRootNode()) {
      try {
        this.moveBefore(node, ref);
        return node;
      } catch {
        // A move the browser cannot make atomically: the ordinary way below.
      }
    }
    return Node.prototype.insertBefore.call(this, node, ref);
  };
}

/** Resolves after the views have rendered what the last call changed (Yew renders in a task). */
function afterRender() {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function stopAtShadowRoot(event) {
  // The host element fires its own input/change events; the inner ones would be duplicates.
  event.stopPropagation();
}

/** A host setting given as an object, a JSON string, or nothing, as the JSON text Rust reads. */
function settingText(setting, empty) {
  if (setting == null) return empty;
  return typeof setting === 'string' ? setting : JSON.stringify(setting);
}

/**
 * What both elements share: mounting in connectedCallback and tearing down in
 * disconnectedCallback, the form association (ElementInternals), the `value` property, the
 * guarded calls into the wasm handle, and the calm fallback after a trap.
 *
 * A subclass says what differs through the members marked "subclass:" below. Members whose
 * names start with `_` are for the subclasses only, not for hosts.
 */
class OurplanElement extends HTMLElement {
  static formAssociated = true;
  /** Attributes both elements observe; a subclass lists its own as well. */
  static sharedAttributes = ['lang', 'readonly', 'disabled'];

  // subclass: the tag name, the value text of an empty element, and the words shown after a trap.
  static tag = '';
  static emptyValue = '';
  static failureText = null;

  #internals;
  #handle = null;
  #mountToken = 0;
  #formDisabled = false;
  #waitingForMount = [];
  #failureUrl = null;
  #mountPoint = null;
  /**
   * The value as JSON text, kept in JS after every change (and what the host set before the
   * element mounted): what a remount starts from, and what survives a trap.
   */
  #lastValue;
  /** What the host last set through `value` (JSON text), or null: what a form reset returns to. */
  #defaultValue = null;

  constructor() {
    super();
    // No work here beyond what must happen now: mounting waits for connectedCallback.
    this.#internals = this.attachInternals();
    this.#lastValue = this.constructor.emptyValue;
  }

  connectedCallback() {
    liveElements.add(this);
    this.addEventListener('invalid', this.#onInvalid);
    this.#mount();
  }

  disconnectedCallback() {
    liveElements.delete(this);
    if (this.#failureUrl) URL.revokeObjectURL(this.#failureUrl);
    this.#failureUrl = null;
    this.#mountToken += 1;
    const handle = this.#handle;
    this.#handle = null;
    if (handle) this._call(() => handle.destroy());
    this.shadowRoot?.replaceChildren();
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue === newValue || !this.#handle) return;
    if (name === 'lang') this._call((h) => h.set_lang(pageLang(this)));
    else if (name === 'readonly') this._call((h) => h.set_readonly(this.readOnly));
    else if (name === 'disabled') this._call((h) => h.set_disabled(this.disabled || this.#formDisabled));
    else this._attributeChanged(name);
  }

  /**
   * Focus goes to the first control inside (the host element itself takes no focus), as a
   * native form control's would: `el.focus()` after an error, or a host's "skip to the form".
   */
  focus(options) {
    const root = this.shadowRoot;
    if (root) {
      for (const target of root.querySelectorAll(FOCUSABLE)) {
        target.focus(options);
        if (root.activeElement === target) return;
      }
    }
    super.focus(options);
  }

  get value() {
    const text = this.#handle ? this._call((h) => h.value()) ?? this.#lastValue : this.#lastValue;
    return this._parseValue(text);
  }
  set value(value) {
    const text = this._valueText(value);
    this.#lastValue = text;
    this.#defaultValue = text;
    if (this.#handle) this._useValue(text);
  }

  get name() { return this.getAttribute('name') ?? ''; }
  set name(v) { this.setAttribute('name', v); }
  get readOnly() { return this.hasAttribute('readonly'); }
  set readOnly(v) { this.toggleAttribute('readonly', Boolean(v)); }
  get disabled() { return this.hasAttribute('disabled'); }
  set disabled(v) { this.toggleAttribute('disabled', Boolean(v)); }
  get form() { return this.#internals.form; }
  get validity() { this._settleNow(); return this.#internals.validity; }
  get validationMessage() { this._settleNow(); return this.#internals.validationMessage; }
  get willValidate() { return this.#internals.willValidate; }
  checkValidity() { this._settleNow(); return this.#internals.checkValidity(); }

  /** Like a native control's, but the kit's own problems show (focused), not a browser bubble. */
  reportValidity() {
    this._settleNow();
    const ok = this.#internals.checkValidity();
    if (!ok) this._showProblems(true);
    return ok;
  }

  /**
   * Shows every problem (the record's error summary, or the plan's first unreadable amount),
   * moves focus there, fires `invalid` with `{ value, errors }` when there are problems, and
   * resolves to the verdict once it is drawn.
   */
  async validate() {
    await loadKit();
    await this._whenMounted();
    await this._whenSchemaArrived();
    const result = this._showProblems(true) ?? { valid: false, errors: [] };
    if (!result.valid && this.#handle) {
      this.dispatchEvent(new CustomEvent('invalid', {
        bubbles: true, composed: true, detail: { value: this.value, errors: result.errors },
      }));
    }
    // Resolve once what the person sees is drawn and focused (the view renders in a task of its
    // own), so a host that awaits validate() can rely on it.
    await afterRender();
    return result;
  }

  formDisabledCallback(disabled) {
    this.#formDisabled = disabled;
    this._call((h) => h.set_disabled(this.disabled || disabled));
  }

  /**
   * Resolves once the element shows what it will show now: mounted, a schema being fetched arrived
   * (a record), and the view drawn (the form, the plan, a message, or the calm fallback after a
   * trap). Read it again after a change (a new schema, a value) for a promise that waits for
   * that. Rejects when the kit cannot load in this browser: the host's fallback content stays.
   */
  get ready() {
    return (async () => {
      await loadKit();
      if (moduleFailure) return;
      await this._whenMounted();
      await this._whenSchemaArrived();
      await afterRender();
    })();
  }

  /** The form was reset: back to what the host last set through `value` (or empty), afresh. */
  formResetCallback() {
    this.#lastValue = this.#defaultValue ?? this.constructor.emptyValue;
    if (this.isConnected && this.#handle) {
      this.disconnectedCallback();
      this.connectedCallback();
    }
  }

  /** Back-navigation (or autofill): the browser hands back the text given to setFormValue. */
  formStateRestoreCallback(state) {
    if (typeof state !== 'string' || state === '') return;
    this.#lastValue = state;
    if (this.#handle) this._useValue(state);
  }

  #onInvalid = (event) => {
    // Our own `invalid` CustomEvent (from validate()) is for the host; leave it alone.
    if (event instanceof CustomEvent) return;
    // Never a browser bubble: it would point at the whole element with a generic message.
    event.preventDefault();
    // A person submitting the form sees the kit's own problems; the first invalid control of
    // the form gets focus when it is this element (GOV.UK: the error summary, focused).
    const form = this.form;
    if (!form || submitAttempt !== form) return;
    const first = [...form.elements].find((c) => c.willValidate && c.validity && !c.validity.valid);
    this._showProblems(first === this);
  };

  // subclass: the value's JSON text from what the host gave, and back.
  _valueText(value) { return JSON.stringify(value ?? null); }
  _parseValue(text) { return text ? JSON.parse(text) : null; }
  // subclass: creates the Rust handle in `mountPoint`.
  _createHandle(_kit, _mountPoint, _emit, _lang) { throw new Error('subclass'); }
  // subclass: hands the new handle the element's settings and `valueText` (the value to start
  // from: what the host set or what the person had, as JSON text), or null for none.
  _configure(_valueText) {}
  // subclass: an observed attribute of its own changed while mounted.
  _attributeChanged(_name) {}
  // subclass: shows the problems (moving focus to them when `focus`); returns { valid, errors }.
  _showProblems(_focus) { return undefined; }
  // subclass: finishes work left until after the first paint, before validity is read.
  _settleNow() {}
  // subclass: resolves once a schema being fetched has arrived (and been used, or failed).
  _whenSchemaArrived() { return Promise.resolve(); }
  // subclass: the `detail` of an event fired after the person changed something.
  _detail(_type, value) { return { get value() { return value(); } }; }

  /** The handle, or null when not mounted (or after a trap). */
  get _handle() { return this.#handle; }

  /** Sets the value from JSON text (fires no event); warns when Rust refuses it. */
  _useValue(text) {
    const problem = this._call((h) => h.set_value(text));
    if (problem) console.warn(`ourplan: the value given to <${this.constructor.tag}> was not used: ${problem}`);
    this._syncForm();
  }

  /** Resolves once the element has mounted (at once when it has). */
  _whenMounted() {
    if (this.#handle) return Promise.resolve();
    return new Promise((resolve) => { this.#waitingForMount.push(resolve); });
  }

  async #mount() {
    const token = ++this.#mountToken;
    let kit;
    try {
      kit = await loadKit();
    } catch (error) {
      console.warn('ourplan: the kit could not be loaded; the page\'s fallback content stays.', error);
      return;
    }
    if (token !== this.#mountToken || !this.isConnected) return;
    if (moduleFailure) return this._showFailure();
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [sharedSheet()];
    root.removeEventListener('input', stopAtShadowRoot);
    root.removeEventListener('change', stopAtShadowRoot);
    root.addEventListener('input', stopAtShadowRoot);
    root.addEventListener('change', stopAtShadowRoot);
    const mountPoint = document.createElement('div');
    root.replaceChildren(mountPoint);
    this.#mountPoint = mountPoint;
    // Read before the settings are applied: applying them syncs #lastValue from the new handle.
    const valueAtMount = this.#lastValue === this.constructor.emptyValue ? null : this.#lastValue;
    this.#handle = this._call(() => this._createHandle(kit, mountPoint, (type) => this.#emit(type), pageLang(this)));
    if (!this.#handle) return;
    this._call((h) => h.set_readonly(this.readOnly));
    this._call((h) => h.set_disabled(this.disabled || this.#formDisabled));
    this._configure(valueAtMount);
    this._syncForm();
    for (const resolve of this.#waitingForMount.splice(0)) resolve();
  }

  #emit(type) {
    const json = this._call((h) => h.value());
    if (json === undefined) return;
    this._syncForm(json);
    // Rust says "sync" when what the person did changed no value but may change validity (an
    // amount that cannot be read yet): the form hears of it, the host gets no event.
    if (type === 'sync') return;
    let parsed;
    const value = () => (parsed ??= JSON.parse(json));
    this.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true, detail: this._detail(type, value) }));
  }

  /** Hands the form the value (JSON text) and the validity, and keeps the value in JS. */
  _syncForm(json) {
    if (!this.#handle) return;
    const text = json ?? this._call((h) => h.value());
    if (text === undefined) return;
    this.#lastValue = text;
    this.#internals.setFormValue(text, text);
    // A schema drawn but not compiled yet: not valid until it is (see _compileAfterPaint).
    const waiting = this._call((h) => h.pending_message?.());
    if (waiting) {
      this.#internals.setValidity({ customError: true }, waiting);
      return;
    }
    if (this._call((h) => h.is_valid()) !== false) this.#internals.setValidity({});
    else this.#internals.setValidity({ customError: true }, this._call((h) => h.first_problem()) || ' ');
  }

  /**
   * Runs `change`, after which Yew draws a large new tree (a new schema), with the element's
   * drawing taken out of the page until Yew has drawn it. Yew puts each new node into the page
   * before its children; off the page each insertion is far cheaper (no style invalidation, and
   * no mutation records for any observer the host page has), and the tree goes back, whole, in
   * the same task, so no frame ever shows it missing. Not while focus is inside: taking the
   * drawing out would lose it.
   */
  _drawOffPage(change) {
    const root = this.shadowRoot;
    const mount = this.#mountPoint;
    if (!root || !mount || mount.parentNode !== root || root.activeElement) return change();
    const next = mount.nextSibling;
    mount.remove();
    try {
      return change();
    } finally {
      // Yew draws in a microtask queued before this one (its scheduler starts on the first
      // message of the task), so this runs just after it has drawn.
      queueMicrotask(() => {
        if (mount.parentNode || !this.#handle || this.#mountPoint !== mount) return;
        root.insertBefore(mount, next?.parentNode === root ? next : null);
      });
    }
  }

  /** Calls into the wasm handle; a trap there stops the module for every element, calmly. */
  _call(fn) {
    if (moduleFailure) return undefined;
    try {
      return fn(this.#handle);
    } catch (error) {
      if (error instanceof WebAssembly.RuntimeError) moduleFailed(error);
      else console.error('ourplan: internal error (please report it):', error);
      return undefined;
    }
  }

  /** After a trap: keep the person's last value, say so calmly, and offer it as a download. */
  _showFailure() {
    this.#handle = null;
    // Whoever waits for the element to mount (ready, validate) waits no longer: this is it.
    for (const resolve of this.#waitingForMount.splice(0)) resolve();
    if (this.#failureUrl) URL.revokeObjectURL(this.#failureUrl);
    this.#failureUrl = URL.createObjectURL(new Blob([this.#lastValue], { type: 'application/json' }));
    const words = this.constructor.failureText[pageLang(this)];
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    // An element that mounts after the trap has no sheet yet; the one made before it still works.
    if (sheet) root.adoptedStyleSheets = [sheet];
    const box = document.createElement('div');
    box.className = 'op-load-error';
    box.setAttribute('role', 'alert');
    box.setAttribute('part', 'load-error');
    const heading = document.createElement('h2');
    heading.className = 'op-heading-m';
    heading.textContent = words.heading;
    const message = document.createElement('p');
    message.className = 'op-body';
    message.textContent = words.message;
    const link = document.createElement('a');
    link.className = 'op-link';
    link.href = this.#failureUrl;
    link.download = words.file;
    link.textContent = words.link;
    box.append(heading, message, link);
    root.replaceChildren(box);
  }
}

class OurplanRecord extends OurplanElement {
  static tag = 'ourplan-record';
  static emptyValue = '{}';
  static observedAttributes = [...OurplanElement.sharedAttributes, 'schema-src', 'level'];
  static failureText = {
    en: {
      heading: 'This form has stopped working',
      message: 'Your answers are safe. Download them, then reload the page.',
      link: 'Download my answers',
      file: 'my-answers.json',
    },
    cy: {
      heading: 'Mae’r ffurflen wedi stopio gweithio',
      message: 'Mae eich atebion yn ddiogel. Lawrlwythwch nhw, yna ail-lwythwch y dudalen.',
      link: 'Lawrlwytho fy atebion',
      file: 'my-answers.json',
    },
  };

  #schema = undefined;
  #remotes = null;
  /** The last schema fetched from schema-src: `{ src, text }`. */
  #fetched = null;

  _attributeChanged(name) {
    if (name === 'schema-src' && this.#schema === undefined) this.#loadSchemaSrc();
    if (name === 'level') this._call((h) => h.set_level(this.level));
  }

  get schema() { return this.#schema; }
  set schema(schema) {
    this.#schema = schema;
    if (this._handle) this.#applySchema();
  }

  get remotes() { return this.#remotes; }
  set remotes(map) {
    this.#remotes = map;
    if (this._handle) {
      this._call((h) => h.set_remotes(JSON.stringify(map ?? {})));
      this.#applySchema();
    }
  }

  get schemaSrc() { return this.getAttribute('schema-src') ?? ''; }
  set schemaSrc(v) { this.setAttribute('schema-src', v); }
  get level() { return this.getAttribute('level') ?? 'brief'; }
  set level(v) { this.setAttribute('level', v); }

  _valueText(value) { return JSON.stringify(value ?? {}); }
  _parseValue(text) { return JSON.parse(text); }
  _createHandle(kit, mountPoint, emit, lang) { return new kit.RecordElement(mountPoint, emit, lang); }

  _configure(valueText) {
    this._call((h) => h.set_level(this.level));
    if (this.#remotes) this._call((h) => h.set_remotes(JSON.stringify(this.#remotes)));
    if (valueText !== null) this._call((h) => h.set_value(valueText));
    if (this.#schema !== undefined) this.#applySchema();
    else if (this.hasAttribute('schema-src')) this.#loadSchemaSrc();
  }

  _showProblems(focus) {
    const out = this._call((h) => h.validate(focus));
    if (!out) return undefined;
    this._syncForm();
    return JSON.parse(out);
  }

  #applySchema() {
    let text;
    try {
      text = schemaText(this.#schema);
    } catch (error) {
      console.warn(error.message);
      text = 'undefined';
    }
    const problem = this._drawOffPage(() => this._call((h) => h.set_schema(text)));
    if (problem) console.warn(`ourplan: <ourplan-record> cannot show its schema: ${problem}`);
    this.#warnDiagnostics();
    this._syncForm();
    this.#compileAfterPaint();
  }

  /** Which schema's compile-after-paint is the latest (an older one leaves a newer schema be). */
  #compileTurn = 0;

  /**
   * The form is drawn before its schema is compiled (compiling a long schema takes as long as
   * drawing it): the compile runs after the next paint, or at once when something needs it (the
   * person acts, the host reads validity or validates, the form is submitted).
   */
  #compileAfterPaint() {
    const handle = this._handle;
    const turn = ++this.#compileTurn;
    let done = false;
    let safety = 0;
    const run = () => {
      if (done) return;
      done = true;
      // Nothing lingers holding the element once it has run.
      clearTimeout(safety);
      // A schema set since waits for its own paint, not this one's.
      if (handle === this._handle && turn === this.#compileTurn) this._settleNow();
    };
    // A task queued from a task queued from the frame: whatever the host page queued from that
    // frame (its own rAF callbacks' tasks) runs first, then the compile, before anything later.
    const later = () => setTimeout(() => setTimeout(run, 0), 0);
    // No frames come while the page is hidden; the timer is only a safety net.
    if (document.hidden) later();
    else requestAnimationFrame(later);
    safety = setTimeout(run, 1000);
  }

  _settleNow() {
    if (!this._call((h) => h.pending())) return;
    const problem = this._call((h) => h.compile_schema());
    if (problem) console.warn(`ourplan: <ourplan-record> cannot show its schema: ${problem}`);
    this.#warnDiagnostics();
    this._syncForm();
  }

  /** The schema-src fetch in flight, if any. */
  #arriving = null;

  _whenSchemaArrived() { return this.#arriving ?? Promise.resolve(); }

  #loadSchemaSrc() {
    const arriving = this.#fetchSchemaSrc();
    this.#arriving = arriving;
    arriving.finally(() => { if (this.#arriving === arriving) this.#arriving = null; });
    return arriving;
  }

  async #fetchSchemaSrc() {
    const src = this.getAttribute('schema-src');
    const handle = this._handle;
    // A remount (a form reset, a move in the page) reuses the text: no second fetch, no flash.
    let text = this.#fetched?.src === src ? this.#fetched.text : null;
    if (text === null) {
      try {
        const response = await fetch(new URL(src, document.baseURI));
        if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText} for ${response.url}`);
        text = await response.text();
        this.#fetched = { src, text };
      } catch (error) {
        if (handle !== this._handle) return;
        console.warn(`ourplan: <ourplan-record> could not fetch its schema from "${src}": ${error.message ?? error}`);
        this._call((h) => h.set_fetch_error(String(error.message ?? error)));
        this._syncForm();
        return;
      }
    }
    if (handle !== this._handle || this.#schema !== undefined || this.getAttribute('schema-src') !== src) return;
    const problem = this._call((h) => h.set_schema(text));
    if (problem) console.warn(`ourplan: <ourplan-record> cannot show the schema from "${src}": ${problem}`);
    this.#warnDiagnostics();
    this._syncForm();
    this.#compileAfterPaint();
  }

  #warnDiagnostics() {
    const list = JSON.parse(this._call((h) => h.diagnostics()) ?? '[]');
    for (const d of list) console.warn(`ourplan: schema at "${d.schemaPointer || '/'}": ${d.message}`);
  }
}

class OurplanPlan extends OurplanElement {
  static tag = 'ourplan-plan';
  static emptyValue = '';
  static observedAttributes = [...OurplanElement.sharedAttributes, 'checks', 'indicative-budget', 'budget-period'];
  static failureText = {
    en: {
      heading: 'The plan builder has stopped working',
      message: 'Your plan is safe. Download it, then reload the page.',
      link: 'Download my plan',
      file: 'support-plan.json',
    },
    cy: {
      heading: 'Mae’r cynllun wedi stopio gweithio',
      message: 'Mae eich cynllun yn ddiogel. Lawrlwythwch ef, yna ail-lwythwch y dudalen.',
      link: 'Lawrlwytho fy nghynllun',
      file: 'support-plan.json',
    },
  };

  #rules = null;
  #practitioner = null;
  #templates = null;
  /** The media query that says the page is being printed (a print preview, or emulated media). */
  #printQuery = globalThis.matchMedia?.('print') ?? null;

  connectedCallback() {
    super.connectedCallback();
    // Printing draws the plan as a document for the printed copy: `beforeprint` (the browser's
    // print, and printing to PDF), or the print media query (emulated media, some engines).
    globalThis.addEventListener('beforeprint', this.#printing);
    globalThis.addEventListener('afterprint', this.#printed);
    this.#printQuery?.addEventListener?.('change', this.#printMedia);
  }

  disconnectedCallback() {
    globalThis.removeEventListener('beforeprint', this.#printing);
    globalThis.removeEventListener('afterprint', this.#printed);
    this.#printQuery?.removeEventListener?.('change', this.#printMedia);
    super.disconnectedCallback();
  }

  #printing = () => { if (this._handle) this._call((h) => h.set_printing(true)); };
  #printed = () => { if (this._handle) this._call((h) => h.set_printing(false)); };
  #printMedia = (event) => (event.matches ? this.#printing() : this.#printed());

  _attributeChanged(name) {
    if (name === 'checks') this._call((h) => h.set_checks(this.checks));
    if (name === 'indicative-budget' || name === 'budget-period') this.#applyBudget();
  }

  get signoffRules() { return this.#rules; }
  set signoffRules(rules) {
    this.#rules = rules ?? null;
    this.#applySetting('set_signoff_rules', this.#rules, 'cannot read its sign-off rules');
  }

  get practitioner() { return this.#practitioner; }
  set practitioner(who) {
    this.#practitioner = who ?? null;
    this.#applySetting('set_practitioner', this.#practitioner, 'cannot read its practitioner');
  }

  get templates() { return this.#templates; }
  set templates(list) {
    this.#templates = list ?? null;
    this.#applyTemplates();
  }

  get checks() { return this.getAttribute('checks') ?? ''; }
  set checks(v) { if (v) this.setAttribute('checks', v); else this.removeAttribute('checks'); }
  get indicativeBudget() { return this.getAttribute('indicative-budget') ?? ''; }
  set indicativeBudget(v) { this.setAttribute('indicative-budget', v); }
  get budgetPeriod() { return this.getAttribute('budget-period') ?? 'week'; }
  set budgetPeriod(v) { this.setAttribute('budget-period', v); }

  _valueText(value) { return typeof value === 'string' ? value : JSON.stringify(value ?? null); }
  _createHandle(kit, mountPoint, emit, lang) {
    // Before the builder acts on a click or a key, the block lists around its target learn to
    // move blocks without dropping focus (see keepFocusThroughMoves).
    const prepare = (event) => {
      for (let list = event.target?.closest?.('ol.op-plan__blocks'); list; list = list.parentElement?.closest('ol.op-plan__blocks')) {
        keepFocusThroughMoves(list);
      }
    };
    mountPoint.addEventListener('click', prepare, true);
    mountPoint.addEventListener('keydown', prepare, true);
    return new kit.PlanElement(mountPoint, emit, lang);
  }

  _configure(valueText) {
    this._call((h) => h.set_checks(this.checks));
    this.#applyTemplates();
    this.#applyBudget();
    if (valueText !== null) this._useValue(valueText);
    this.#applySetting('set_signoff_rules', this.#rules, 'cannot read its sign-off rules');
    this.#applySetting('set_practitioner', this.#practitioner, 'cannot read its practitioner');
  }

  _showProblems(focus) {
    const out = this._call((h) => h.validate());
    if (!out) return undefined;
    const result = JSON.parse(out);
    // The plan's problems are unreadable amounts, each shown beside its own box: go to the first.
    const first = result.errors[0];
    if (focus && first) afterRender().then(() => this.shadowRoot?.getElementById(first.id)?.focus());
    return result;
  }

  _detail(type, value) {
    if (type !== 'ourplan-signoff') return super._detail(type, value);
    return { get value() { return value(); }, get signoff() { return value().signoff ?? null; } };
  }

  #applyBudget() {
    if (!this._handle) return;
    const problem = this._call((h) => h.set_indicative(this.indicativeBudget, this.budgetPeriod));
    if (problem) console.warn(`ourplan: <ourplan-plan> cannot use its budget: ${problem}`);
    this._syncForm();
  }

  #applySetting(method, setting, what) {
    if (!this._handle) return;
    const problem = this._call((h) => h[method](settingText(setting, '')));
    if (problem) console.warn(`ourplan: <ourplan-plan> ${what}: ${problem}`);
  }

  #applyTemplates() {
    if (!this._handle) return;
    const problem = this._call((h) => h.add_templates(settingText(this.#templates, 'null')));
    if (problem) console.warn(`ourplan: <ourplan-plan> left out starters it cannot read: ${problem}`);
  }
}

const KINDS = { record: OurplanRecord, plan: OurplanPlan };
/** mount() options that become attributes, and the attribute each one sets. */
const MOUNT_ATTRIBUTES = {
  lang: 'lang', level: 'level', name: 'name', schemaSrc: 'schema-src', checks: 'checks',
  indicativeBudget: 'indicative-budget', budgetPeriod: 'budget-period',
};
const MOUNT_BOOLEANS = { readonly: 'readonly', readOnly: 'readonly', disabled: 'disabled' };
const MOUNT_PROPERTIES = ['schema', 'remotes', 'signoffRules', 'practitioner', 'templates', 'value'];
const MOUNT_EVENTS = { onInput: 'input', onChange: 'change', onInvalid: 'invalid', onSignoff: 'ourplan-signoff' };

/**
 * Puts an element of `options.kind` ('record' or 'plan') into `container`, replacing what is in
 * it, for hosts that would rather not write the tag. Returns a handle; `destroy()` removes the
 * element (which tears it down). Every other option is an attribute, property or listener of
 * the element (see ourplan.d.ts, MountOptions).
 */
function mountInto(container, options = {}) {
  if (!(container instanceof Element)) throw new TypeError('ourplan: mount(container, options) needs an element to mount into');
  const { kind = 'record', ...rest } = options;
  const element = KINDS[kind];
  if (!element) throw new TypeError(`ourplan: mount() kind "${kind}" is not "record" or "plan"`);
  const el = document.createElement(element.tag);
  for (const [key, setting] of Object.entries(rest)) {
    if (key in MOUNT_ATTRIBUTES) {
      if (setting != null) el.setAttribute(MOUNT_ATTRIBUTES[key], String(setting));
    } else if (key in MOUNT_BOOLEANS) {
      el.toggleAttribute(MOUNT_BOOLEANS[key], Boolean(setting));
    } else if (key in MOUNT_EVENTS) {
      if (typeof setting === 'function') el.addEventListener(MOUNT_EVENTS[key], setting);
    } else if (!MOUNT_PROPERTIES.includes(key)) {
      console.warn(`ourplan: mount() does not know the option "${key}"; it was left out`);
    }
  }
  // Properties last, `value` after the settings it may depend on (the order they are listed in).
  for (const key of MOUNT_PROPERTIES) if (rest[key] !== undefined) el[key] = rest[key];
  container.replaceChildren(el);
  return {
    element: el,
    get value() { return el.value; },
    setValue(value) { el.value = value; },
    validate: () => el.validate(),
    destroy() { el.remove(); },
  };
}

if (firstCopy) {
  globalThis[SHARED] = {
    version: VERSION, validate: validateWith, compile: compileWith, mount: mountInto, OurplanError: OurplanErrorClass,
  };
  for (const element of Object.values(KINDS)) {
    if (!customElements.get(element.tag)) customElements.define(element.tag, element);
  }
} else if (globalThis[SHARED].version !== VERSION) {
  console.warn(`ourplan: two versions of the kit are on this page (${globalThis[SHARED].version}, loaded first, and ${VERSION}); the first one is used`);
}

/** The page's one copy of the API (this module's own, unless another copy loaded first). */
const shared = globalThis[SHARED];
export const { validate, compile, mount, OurplanError } = shared;
