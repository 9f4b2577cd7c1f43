// ourplan.js: the one ES module a host page imports. Importing it defines the custom elements;
// it also exports `validate` and `compile` for hosts that check values without rendering.
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
//     summary and moves focus to it when there are errors); checkValidity(), reportValidity().
//   Events (from the element only; composed; bubbling): input and change, with
//     detail: { value }, after the person changes something (never when the host sets value);
//     invalid, with detail: { value, errors }, after validate() finds problems.
//   Form: form-associated. Inside a <form> it submits its value as JSON under its name, takes
//     part in the form's validity, resets with the form and restores on back-navigation.
//   CSS parts: form, title, fieldset, input, textarea, select, checkbox, radio, list-item,
//     add-more, error-summary, error-message, load-error. Custom properties: see ourplan.css.
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
//     only a cost box holding something that is not an amount counts).
//   Events (from the element only; composed; bubbling): input and change, with
//     detail: { value }, after the person changes the plan; ourplan-signoff, with
//     detail: { value, signoff: { name, role, at, fingerprint } }, when the practitioner signs off.
//   Form: form-associated; submits the plan as JSON under its name.
//   CSS parts: plan, starters, toolbar, blocks, block, block-tools, add, budget, signoff, checks,
//     reviews, files, input, textarea, select, checkbox.
//   Children placed inside the element by the host show until the kit has loaded (fallback).
//
// Everything that crosses into Rust is a JSON string (see ourplan-elements' lib.rs for why).

import init, * as wasm from './ourplan_wasm.js';

let loading = null;

/** Loads the wasm module once for the whole page; every element shares it. */
function loadKit() {
  if (!loading) {
    loading = init({ module_or_path: new URL('./ourplan_wasm_bg.wasm', import.meta.url) }).then(() => wasm);
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
globalThis.addEventListener?.('error', (event) => {
  if (event.error instanceof WebAssembly.RuntimeError) moduleFailed(event.error);
});

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
export class OurplanError extends Error {
  constructor(message, detail) {
    super(message);
    this.name = 'OurplanError';
    this.detail = detail;
  }
}

function unwrap(json) {
  const out = JSON.parse(json);
  if (out.error) throw new OurplanError(out.error.message, out.error.detail);
  return out;
}

/**
 * Validates `value` against `schema` with the same rules and messages as the elements.
 * @returns {Promise<{ valid: boolean, errors: { pointer: string, message: string }[] }>}
 */
export async function validate(schema, value, { lang = 'en', remotes = {} } = {}) {
  const kit = await loadKit();
  return unwrap(kit.validate_json(schemaText(schema), JSON.stringify(value ?? null), lang, JSON.stringify(remotes)));
}

/**
 * Checks that `schema` compiles. `errors` describe the schema itself.
 * @returns {Promise<{ valid: boolean, errors: { pointer: string, message: string, detail: string }[] }>}
 */
export async function compile(schema, { lang = 'en', remotes = {} } = {}) {
  const kit = await loadKit();
  return unwrap(kit.compile_json(schemaText(schema), lang, JSON.stringify(remotes)));
}

/** Resolves after the views have rendered what the last call changed (Yew renders in a task). */
function afterRender() {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function stopAtShadowRoot(event) {
  // The host element fires its own input/change events; the inner ones would be duplicates.
  event.stopPropagation();
}

class OurplanRecord extends HTMLElement {
  static formAssociated = true;
  static observedAttributes = ['schema-src', 'lang', 'level', 'readonly', 'disabled'];

  #internals;
  #handle = null;
  #mountToken = 0;
  #schema = undefined;
  #remotes = null;
  #valueText = null;
  #lastValue = '{}';
  #formDisabled = false;

  constructor() {
    super();
    // No work here beyond what must happen now: mounting waits for connectedCallback.
    this.#internals = this.attachInternals();
  }

  connectedCallback() {
    liveElements.add(this);
    this.#mount();
  }

  disconnectedCallback() {
    liveElements.delete(this);
    this.#mountToken += 1;
    const handle = this.#handle;
    this.#handle = null;
    if (handle) this.#call(() => handle.destroy());
    this.shadowRoot?.replaceChildren();
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue === newValue || !this.#handle) return;
    if (name === 'schema-src' && this.#schema === undefined) this.#loadSchemaSrc();
    if (name === 'lang') this.#call((h) => h.set_lang(pageLang(this)));
    if (name === 'level') this.#call((h) => h.set_level(this.level));
    if (name === 'readonly') this.#call((h) => h.set_readonly(this.readOnly));
    if (name === 'disabled') this.#call((h) => h.set_disabled(this.disabled || this.#formDisabled));
  }

  get schema() { return this.#schema; }
  set schema(schema) {
    this.#schema = schema;
    if (this.#handle) this.#applySchema();
  }

  get remotes() { return this.#remotes; }
  set remotes(map) {
    this.#remotes = map;
    if (this.#handle) {
      this.#call((h) => h.set_remotes(JSON.stringify(map ?? {})));
      this.#applySchema();
    }
  }

  get value() {
    const text = this.#handle ? this.#call((h) => h.value()) ?? this.#lastValue : this.#valueText ?? this.#lastValue;
    return JSON.parse(text);
  }
  set value(value) {
    const text = JSON.stringify(value ?? {});
    this.#valueText = text;
    if (!this.#handle) return;
    const problem = this.#call((h) => h.set_value(text));
    if (problem) console.warn(`ourplan: the value given to <ourplan-record> was not used: ${problem}`);
    this.#syncForm();
  }

  get schemaSrc() { return this.getAttribute('schema-src') ?? ''; }
  set schemaSrc(v) { this.setAttribute('schema-src', v); }
  get level() { return this.getAttribute('level') ?? 'brief'; }
  set level(v) { this.setAttribute('level', v); }
  get name() { return this.getAttribute('name') ?? ''; }
  set name(v) { this.setAttribute('name', v); }
  get readOnly() { return this.hasAttribute('readonly'); }
  set readOnly(v) { this.toggleAttribute('readonly', Boolean(v)); }
  get disabled() { return this.hasAttribute('disabled'); }
  set disabled(v) { this.toggleAttribute('disabled', Boolean(v)); }
  get form() { return this.#internals.form; }
  get validity() { return this.#internals.validity; }
  get validationMessage() { return this.#internals.validationMessage; }
  get willValidate() { return this.#internals.willValidate; }
  checkValidity() { return this.#internals.checkValidity(); }
  reportValidity() {
    const ok = this.#internals.checkValidity();
    if (!ok) this.#showErrors(true);
    return ok;
  }

  /** Shows every problem with the error summary (focused) and resolves to the verdict. */
  async validate() {
    await loadKit();
    await this.#whenMounted();
    const result = this.#showErrors(true) ?? { valid: false, errors: [] };
    // Resolve once the summary is drawn and focused (the view renders in a task of its own),
    // so a host that awaits validate() can rely on what the person sees.
    await afterRender();
    return result;
  }

  formResetCallback() {
    this.value = {};
  }

  formStateRestoreCallback(state) {
    if (typeof state === 'string') {
      try { this.value = JSON.parse(state); } catch { /* not ours: keep what is there */ }
    }
  }

  formDisabledCallback(disabled) {
    this.#formDisabled = disabled;
    this.#call((h) => h.set_disabled(this.disabled || disabled));
  }

  async #mount() {
    const token = ++this.#mountToken;
    this.addEventListener('invalid', this.#onInvalid);
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
    this.#handle = this.#call(() => new kit.RecordElement(mountPoint, (type) => this.#emit(type), pageLang(this)));
    if (!this.#handle) return;
    this.#call((h) => h.set_level(this.level));
    this.#call((h) => h.set_readonly(this.readOnly));
    this.#call((h) => h.set_disabled(this.disabled || this.#formDisabled));
    if (this.#remotes) this.#call((h) => h.set_remotes(JSON.stringify(this.#remotes)));
    const valueText = this.#valueText ?? this.#lastValue;
    if (valueText !== '{}') this.#call((h) => h.set_value(valueText));
    if (this.#schema !== undefined) this.#applySchema();
    else if (this.hasAttribute('schema-src')) this.#loadSchemaSrc();
    this.#syncForm();
    for (const resolve of this.#waitingForMount.splice(0)) resolve();
  }

  #waitingForMount = [];
  #whenMounted() {
    if (this.#handle) return Promise.resolve();
    return new Promise((resolve) => { this.#waitingForMount.push(resolve); });
  }

  #applySchema() {
    let text;
    try {
      text = schemaText(this.#schema);
    } catch (error) {
      console.warn(error.message);
      text = 'undefined';
    }
    const problem = this.#call((h) => h.set_schema(text));
    if (problem) console.warn(`ourplan: <ourplan-record> cannot show its schema: ${problem}`);
    this.#warnDiagnostics();
    this.#syncForm();
  }

  async #loadSchemaSrc() {
    const src = this.getAttribute('schema-src');
    const token = this.#mountToken;
    let text;
    try {
      const response = await fetch(new URL(src, document.baseURI));
      if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText} for ${response.url}`);
      text = await response.text();
    } catch (error) {
      if (token !== this.#mountToken) return;
      console.warn(`ourplan: <ourplan-record> could not fetch its schema from "${src}": ${error.message ?? error}`);
      this.#call((h) => h.set_fetch_error(String(error.message ?? error)));
      this.#syncForm();
      return;
    }
    if (token !== this.#mountToken || this.#schema !== undefined || this.getAttribute('schema-src') !== src) return;
    const problem = this.#call((h) => h.set_schema(text));
    if (problem) console.warn(`ourplan: <ourplan-record> cannot show the schema from "${src}": ${problem}`);
    this.#warnDiagnostics();
    this.#syncForm();
  }

  #warnDiagnostics() {
    const list = JSON.parse(this.#call((h) => h.diagnostics()) ?? '[]');
    for (const d of list) console.warn(`ourplan: schema at "${d.schemaPointer || '/'}": ${d.message}`);
  }

  #onInvalid = (event) => {
    // The host form's own validation (submit, checkValidity): show the kit's error summary,
    // focused, rather than a browser bubble. Our own `invalid` CustomEvent is left alone.
    if (event instanceof CustomEvent) return;
    event.preventDefault();
    this.#showErrors(true);
  };

  #showErrors(focus) {
    const out = this.#call((h) => h.validate(focus));
    if (!out) return undefined;
    const result = JSON.parse(out);
    this.#syncForm();
    if (!result.valid) {
      this.dispatchEvent(new CustomEvent('invalid', {
        bubbles: true, composed: true, detail: { value: this.value, errors: result.errors },
      }));
    }
    return result;
  }

  #emit(type) {
    const json = this.#call((h) => h.value());
    if (json === undefined) return;
    this.#lastValue = json;
    this.#syncForm(json);
    let parsed;
    const detail = { get value() { return (parsed ??= JSON.parse(json)); } };
    this.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true, detail }));
  }

  #syncForm(json) {
    if (!this.#handle) return;
    const text = json ?? this.#call((h) => h.value());
    if (text === undefined) return;
    this.#lastValue = text;
    this.#internals.setFormValue(text, text);
    if (this.#call((h) => h.is_valid())) this.#internals.setValidity({});
    else this.#internals.setValidity({ customError: true }, this.#call((h) => h.first_problem()) || ' ');
  }

  /** Calls into the wasm handle; a trap there stops the module for every element, calmly. */
  #call(fn) {
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
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    const box = document.createElement('div');
    box.className = 'op-load-error';
    box.setAttribute('role', 'alert');
    box.setAttribute('part', 'load-error');
    const heading = document.createElement('h2');
    heading.className = 'op-heading-m';
    const message = document.createElement('p');
    message.className = 'op-body';
    const welsh = pageLang(this) === 'cy';
    heading.textContent = welsh ? 'Mae’r ffurflen wedi stopio gweithio' : 'This form has stopped working';
    message.textContent = welsh
      ? 'Mae eich atebion yn ddiogel. Lawrlwythwch nhw, yna ail-lwythwch y dudalen.'
      : 'Your answers are safe. Download them, then reload the page.';
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([this.#lastValue], { type: 'application/json' }));
    link.download = 'my-answers.json';
    link.textContent = welsh ? 'Lawrlwytho fy atebion' : 'Download my answers';
    box.append(heading, message, link);
    root.replaceChildren(box);
  }
}

if (!customElements.get('ourplan-record')) customElements.define('ourplan-record', OurplanRecord);

class OurplanPlan extends HTMLElement {
  static formAssociated = true;
  static observedAttributes = ['lang', 'readonly', 'disabled', 'checks', 'indicative-budget', 'budget-period'];

  #internals;
  #handle = null;
  #mountToken = 0;
  #valueText = null;
  #lastValue = '';
  #rules = null;
  #practitioner = null;
  #templates = null;
  #formDisabled = false;

  constructor() {
    super();
    this.#internals = this.attachInternals();
  }

  connectedCallback() {
    liveElements.add(this);
    this.#mount();
  }

  disconnectedCallback() {
    liveElements.delete(this);
    this.#mountToken += 1;
    const handle = this.#handle;
    this.#handle = null;
    if (handle) this.#call(() => handle.destroy());
    this.shadowRoot?.replaceChildren();
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue === newValue || !this.#handle) return;
    if (name === 'lang') this.#call((h) => h.set_lang(pageLang(this)));
    if (name === 'readonly') this.#call((h) => h.set_readonly(this.readOnly));
    if (name === 'disabled') this.#call((h) => h.set_disabled(this.disabled || this.#formDisabled));
    if (name === 'checks') this.#call((h) => h.set_checks(this.checks));
    if (name === 'indicative-budget' || name === 'budget-period') this.#applyBudget();
  }

  get value() {
    const text = this.#handle ? this.#call((h) => h.value()) ?? this.#lastValue : this.#valueText ?? this.#lastValue;
    return text ? JSON.parse(text) : null;
  }
  set value(value) {
    const text = typeof value === 'string' ? value : JSON.stringify(value ?? null);
    this.#valueText = text;
    if (!this.#handle) return;
    const problem = this.#call((h) => h.set_value(text));
    if (problem) console.warn(`ourplan: the plan given to <ourplan-plan> was not used: ${problem}`);
    this.#syncForm();
  }

  get signoffRules() { return this.#rules; }
  set signoffRules(rules) {
    this.#rules = rules ?? null;
    this.#applyRules();
  }

  get practitioner() { return this.#practitioner; }
  set practitioner(who) {
    this.#practitioner = who ?? null;
    this.#applyPractitioner();
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
  get name() { return this.getAttribute('name') ?? ''; }
  set name(v) { this.setAttribute('name', v); }
  get readOnly() { return this.hasAttribute('readonly'); }
  set readOnly(v) { this.toggleAttribute('readonly', Boolean(v)); }
  get disabled() { return this.hasAttribute('disabled'); }
  set disabled(v) { this.toggleAttribute('disabled', Boolean(v)); }
  get form() { return this.#internals.form; }
  get validity() { return this.#internals.validity; }
  get validationMessage() { return this.#internals.validationMessage; }
  get willValidate() { return this.#internals.willValidate; }
  checkValidity() { return this.#internals.checkValidity(); }
  reportValidity() { return this.#internals.reportValidity(); }

  /** Resolves to `{ valid, errors }`; a plan never blocks, only unreadable amounts count. */
  async validate() {
    await loadKit();
    await this.#whenMounted();
    const out = this.#call((h) => h.validate());
    await afterRender();
    return out ? JSON.parse(out) : { valid: false, errors: [] };
  }

  formDisabledCallback(disabled) {
    this.#formDisabled = disabled;
    this.#call((h) => h.set_disabled(this.disabled || disabled));
  }

  formStateRestoreCallback(state) {
    if (typeof state === 'string' && state) this.value = state;
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
    this.#handle = this.#call(() => new kit.PlanElement(mountPoint, (type) => this.#emit(type), pageLang(this)));
    if (!this.#handle) return;
    this.#call((h) => h.set_readonly(this.readOnly));
    this.#call((h) => h.set_disabled(this.disabled || this.#formDisabled));
    this.#call((h) => h.set_checks(this.checks));
    this.#applyTemplates();
    this.#applyBudget();
    if (this.#valueText !== null) {
      const problem = this.#call((h) => h.set_value(this.#valueText));
      if (problem) console.warn(`ourplan: the plan given to <ourplan-plan> was not used: ${problem}`);
    }
    this.#applyRules();
    this.#applyPractitioner();
    this.#syncForm();
    for (const resolve of this.#waitingForMount.splice(0)) resolve();
  }

  #waitingForMount = [];
  #whenMounted() {
    if (this.#handle) return Promise.resolve();
    return new Promise((resolve) => { this.#waitingForMount.push(resolve); });
  }

  #applyBudget() {
    if (!this.#handle) return;
    const problem = this.#call((h) => h.set_indicative(this.indicativeBudget, this.budgetPeriod));
    if (problem) console.warn(`ourplan: <ourplan-plan> cannot use its budget: ${problem}`);
    this.#syncForm();
  }

  #applyRules() {
    if (!this.#handle) return;
    const text = this.#rules == null ? '' : (typeof this.#rules === 'string' ? this.#rules : JSON.stringify(this.#rules));
    const problem = this.#call((h) => h.set_signoff_rules(text));
    if (problem) console.warn(`ourplan: <ourplan-plan> cannot read its sign-off rules: ${problem}`);
  }

  #applyPractitioner() {
    if (!this.#handle) return;
    const who = this.#practitioner;
    const text = who == null ? '' : (typeof who === 'string' ? who : JSON.stringify(who));
    const problem = this.#call((h) => h.set_practitioner(text));
    if (problem) console.warn(`ourplan: <ourplan-plan> cannot read its practitioner: ${problem}`);
  }

  #applyTemplates() {
    if (!this.#handle) return;
    const list = this.#templates;
    const text = list == null ? 'null' : (typeof list === 'string' ? list : JSON.stringify(list));
    const problem = this.#call((h) => h.add_templates(text));
    if (problem) console.warn(`ourplan: <ourplan-plan> left out starters it cannot read: ${problem}`);
  }

  #emit(type) {
    const json = this.#call((h) => h.value());
    if (json === undefined) return;
    this.#syncForm(json);
    let parsed;
    const value = () => (parsed ??= JSON.parse(json));
    const detail = type === 'ourplan-signoff'
      ? { get value() { return value(); }, get signoff() { return value().signoff ?? null; } }
      : { get value() { return value(); } };
    this.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true, detail }));
  }

  #syncForm(json) {
    if (!this.#handle) return;
    const text = json ?? this.#call((h) => h.value());
    if (text === undefined) return;
    this.#lastValue = text;
    this.#internals.setFormValue(text, text);
  }

  #call(fn) {
    if (moduleFailure) return undefined;
    try {
      return fn(this.#handle);
    } catch (error) {
      if (error instanceof WebAssembly.RuntimeError) moduleFailed(error);
      else console.error('ourplan: internal error (please report it):', error);
      return undefined;
    }
  }

  /** After a trap: keep the person's plan, say so calmly, and offer it as a download. */
  _showFailure() {
    this.#handle = null;
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    const box = document.createElement('div');
    box.className = 'op-load-error';
    box.setAttribute('role', 'alert');
    const heading = document.createElement('h2');
    heading.className = 'op-heading-m';
    const message = document.createElement('p');
    message.className = 'op-body';
    const welsh = pageLang(this) === 'cy';
    heading.textContent = welsh ? 'Mae’r cynllun wedi stopio gweithio' : 'The plan builder has stopped working';
    message.textContent = welsh
      ? 'Mae eich cynllun yn ddiogel. Lawrlwythwch ef, yna ail-lwythwch y dudalen.'
      : 'Your plan is safe. Download it, then reload the page.';
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([this.#lastValue], { type: 'application/json' }));
    link.download = 'support-plan.json';
    link.textContent = welsh ? 'Lawrlwytho fy nghynllun' : 'Download my plan';
    box.append(heading, message, link);
    root.replaceChildren(box);
  }
}

if (!customElements.get('ourplan-plan')) customElements.define('ourplan-plan', OurplanPlan);
