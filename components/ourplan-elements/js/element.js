// element.js: OurplanElement, the base class of both elements: mounting and teardown, the form
// association (ElementInternals), the `value` property, the guarded calls into the wasm handle,
// and the calm fallback after a trap. Its JSDoc holds the part of the element contract both
// elements share; record.js and plan.js hold the rest. The build reads these headers
// (xtask/node/contract.mjs) and writes custom-elements.json, ourplan.d.ts and the README's
// element tables from them: edit the contract here, never in those files.

import {
  STYLESHEET_URL, afterRender, liveElements, loadKit, moduleFailed, moduleFailure, pageLang, sharedSheet, sheetMadeBefore, submitAttempt,
} from './kit.js';
import { ElementDrafts } from './drafts.js';

/** A value longer than this is handed to the form at most every 300 ms while typing. */
const DEFER_FORM_VALUE_CHARS = 256 * 1024;
/** What `focus()` on an element may move to, in document order (hidden ones are skipped). */
const FOCUSABLE = 'input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

/** Whether a control of a first paint holds something other than what the page drew. */
function changedByPerson(control) {
  // A radio newly chosen says it all: the one it replaced follows from it.
  if (control.type === 'radio') return control.checked && !control.defaultChecked;
  if (control.type === 'checkbox') return control.checked !== control.defaultChecked;
  if (control.tagName === 'SELECT') return [...control.options].some((o) => o.selected !== o.defaultSelected);
  return control.value !== control.defaultValue;
}

/** The controls of a first paint that have ids. */
function controlsOf(firstPaint) {
  return firstPaint.querySelectorAll('input[id], textarea[id], select[id]');
}

/** Gives `twin` (the kit's own control) what the person put in `control`, as typing would. */
function retype(control, twin, stillThere) {
  const ticked = control.type === 'checkbox' || control.type === 'radio';
  if (ticked) twin.checked = control.checked;
  else twin.value = control.value;
  // Boxes and selects are read on `change`; text on `input`, and committed on `change` unless
  // the person is still in the field, as when typing.
  const typed = !ticked && control.tagName !== 'SELECT';
  if (typed) twin.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText' }));
  if (!typed || !stillThere) twin.dispatchEvent(new Event('change', { bubbles: true }));
}

function stopAtShadowRoot(event) {
  // The host element fires its own input/change events; the inner ones would be duplicates.
  event.stopPropagation();
}

/**
 * What both elements share. A subclass says what differs through the members marked "subclass:"
 * below. Members whose names start with `_` are for the subclasses only, not for hosts (the
 * contract leaves them out, with private and static members and lifecycle callbacks).
 *
 * @template V - the element's value, as the `value` property reads it
 * @template P - one problem, as `validate()` reports it
 *
 * @attr {'en' | 'cy'} lang - `en` or `cy`; default: the nearest `lang` on the page. Switches live, keeping what was typed.
 *
 * @fires {CustomEvent<DraftSavedDetail>} ourplan-draft-saved - After a draft is saved on the device (with a `storage-key` only); `detail: { key, savedAt }`.
 * @fires {CustomEvent<DraftFoundDetail>} ourplan-draft-found - Cancellable: a kept draft differs from the value (the element has just read its drafts, or the host set `value`, or the browser restored it on back-navigation); `detail: { key, id, savedAt, summary }`. Unless the host calls `preventDefault()`, the person is offered the draft ("Continue with it, or start again?"); either way nothing is replaced or deleted.
 * @fires {CustomEvent<StorageErrorDetail>} ourplan-storage-error - When a draft could not be saved on the device; `detail: { reason }`. The person is told calmly, with a download; the work stays in the page, and the element tries again at the next change.
 *
 * @csspart load-error - The message shown when the kit has stopped working (and, in a record, when its schema cannot be used).
 * @csspart drafts - What the element says about its drafts: the offer to continue, the list of earlier drafts, a failed save.
 * @csspart earlier-drafts - The list of earlier drafts.
 *
 * @cssprop --op-font - Font family (unset: the host page's font, inherited).
 * @cssprop --op-text - Text colour.
 * @cssprop --op-secondary-text - Hint and secondary text colour.
 * @cssprop --op-background - Background colour.
 * @cssprop --op-border - Border colour of panels and dividers.
 * @cssprop --op-input-border - Border colour of inputs.
 * @cssprop --op-focus - Focus highlight colour.
 * @cssprop --op-focus-text - Text colour on the focus highlight.
 * @cssprop --op-error - Error colour.
 * @cssprop --op-link - Link colour.
 * @cssprop --op-space - The base spacing unit.
 * @cssprop --op-button-background - Secondary button background.
 * @cssprop --op-button-hover - Secondary button background on hover.
 * @cssprop --op-button-text - Secondary button text colour.
 * @cssprop --op-button-shadow - Secondary button's lower edge.
 * @cssprop --op-button-start-background - Main action button background (start, sign off).
 * @cssprop --op-button-start-hover - Main action button background on hover.
 * @cssprop --op-button-start-text - Main action button text colour.
 * @cssprop --op-button-start-shadow - Main action button's lower edge.
 * @cssprop --op-button-warning-background - Delete button background.
 * @cssprop --op-button-warning-hover - Delete button background on hover.
 * @cssprop --op-button-warning-text - Delete button text colour.
 * @cssprop --op-button-warning-shadow - Delete button's lower edge.
 */
export class OurplanElement extends HTMLElement {
  static formAssociated = true;
  /** Attributes both elements observe; a subclass lists its own as well. */
  static sharedAttributes = ['lang', 'easy-read', 'readonly', 'disabled', 'storage-key', 'max-drafts', 'shared-device'];

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
  #limits = null;
  /** The drafts kept on the device, while mounted with a `storage-key` (see drafts.js). */
  #drafts = null;
  /** Settles once the drafts for the `storage-key` are read and drawn (`ready` waits for it). */
  #draftsRead = Promise.resolve();
  /** Settles once a first paint drawn before the kit arrived has been taken over. */
  #adopted = Promise.resolve();

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
    this.#flushDeferred();
    this.#drafts?.detach();
    this.#drafts = null;
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
    else if (name === 'easy-read') this._call((h) => h.set_easy_read(this.easyRead));
    else if (name === 'disabled') this._call((h) => h.set_disabled(this.disabled || this.#formDisabled));
    else if (name === 'storage-key') this.#startDrafts();
    else if (name === 'max-drafts' && this.#drafts) this.#drafts.max = this.maxDrafts;
    else if (name === 'shared-device') this.#drafts?.setShared(this.sharedDevice);
    else this._attributeChanged(name);
  }

  /**
   * Moves focus to the first control inside (the element itself takes none), as a native form
   * control's would: `el.focus()` after an error, or a host's "skip to the form".
   * @param {FocusOptions} [options]
   * @returns {void}
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

  /**
   * The value (JSON). Setting it fires no event.
   * @type {V}
   */
  get value() {
    const text = this.#handle ? this._currentText() ?? this.#lastValue : this.#lastValue;
    return this._parseValue(text);
  }
  set value(value) {
    const text = this._valueText(value);
    this.#lastValue = text;
    this.#defaultValue = text;
    if (this.#handle) this._useValue(text);
    // A draft that differs from what the host set is offered, never dropped (see consider()).
    this.#drafts?.consider();
  }

  /**
   * The kit's limits where this page's differ from the defaults (README, "Limits"): for
   * example `{ textChars: 20000, planBlocks: 500 }`. Set it before the schema or the value;
   * limits that cannot be read are reported in the console and the defaults stay.
   * @type {Limits | null}
   */
  get limits() { return this.#limits; }
  set limits(limits) {
    this.#limits = limits;
    if (this.#handle) {
      this._applyLimits();
      this._limitsChanged();
    }
  }

  /** Hands the limits to Rust; a mistake in them is the developer's, told in the console. */
  _applyLimits() {
    const problem = this._call((h) => h.set_limits(JSON.stringify(this.#limits ?? {})));
    if (problem) console.error(`ourplan: the limits given to <${this.constructor.tag}> were not used: ${problem}`);
  }

  // subclass: the limits changed after mounting (a record compiles its schema again).
  _limitsChanged() {}

  /**
   * The field name the value is submitted under inside a `<form>`.
   * @type {string}
   * @attr name
   */
  get name() { return this.getAttribute('name') ?? ''; }
  set name(v) { this.setAttribute('name', v); }

  /**
   * Read-only: the element reads its value back as a document, with no controls and nothing
   * empty: a record as a GOV.UK summary list of what was answered; a plan as the person's own
   * document (their headings and words as text, the budget as a table, the sign-off and
   * reviews). It prints cleanly; a plan prints as that document whatever the mode.
   * @type {boolean}
   * @default false
   * @attr readonly
   */
  get readOnly() { return this.hasAttribute('readonly'); }
  set readOnly(v) { this.toggleAttribute('readonly', Boolean(v)); }

  /**
   * Easy read, for people who read little: the kit's own words in short sentences and everyday
   * words, one idea a line (English; in Welsh, standard Welsh for now, and a note says so), larger
   * text and spacing, a small picture beside the kit's own headings and buttons, and the error
   * summary in easy read. A schema's `x-ourplan` `easy` and `easyHint` give its own labels and
   * hints in easy read. Switches live, keeping what was typed.
   * @type {boolean}
   * @default false
   * @attr easy-read
   */
  get easyRead() { return this.hasAttribute('easy-read'); }
  set easyRead(v) { this.toggleAttribute('easy-read', Boolean(v)); }

  /**
   * Disabled, as a form control is (also while its `<fieldset>` is disabled).
   * @type {boolean}
   * @default false
   * @attr disabled
   */
  get disabled() { return this.hasAttribute('disabled'); }
  set disabled(v) { this.toggleAttribute('disabled', Boolean(v)); }

  /**
   * A name for the person's work on this device (a case id, "my-plan"). When set, the element
   * keeps a draft in the browser's own storage (IndexedDB, this site only) within a second of
   * every change and at once when the page is hidden, and offers it back next time ("Continue
   * with it, or start again?"), with earlier drafts listed. Nothing is sent anywhere. Unset (the
   * default): nothing is stored.
   * @type {string}
   * @attr storage-key
   */
  get storageKey() { return this.getAttribute('storage-key') ?? ''; }
  set storageKey(v) { if (v) this.setAttribute('storage-key', v); else this.removeAttribute('storage-key'); }

  /**
   * How many drafts to keep for the key (the oldest go, only once the person has a newer one).
   * @type {number}
   * @default 10
   * @attr max-drafts
   */
  get maxDrafts() {
    const n = Number.parseInt(this.getAttribute('max-drafts') ?? '', 10);
    return Number.isFinite(n) && n >= 1 ? n : 10;
  }
  set maxDrafts(v) { this.setAttribute('max-drafts', String(v)); }

  /**
   * A shared computer (a library, a day centre, a kiosk): nothing is kept on this device, and no
   * earlier drafts are shown. The person can say the same themselves ("This is a shared
   * computer: do not keep a copy here"), and clear what is kept.
   * @type {boolean}
   * @default false
   * @attr shared-device
   */
  get sharedDevice() { return this.hasAttribute('shared-device'); }
  set sharedDevice(v) { this.toggleAttribute('shared-device', Boolean(v)); }

  /**
   * What the browser answered when asked to keep this site's storage (`navigator.storage.persist()`,
   * asked once a draft is first saved): `true`, `false`, or `null` when not asked or not known.
   * @type {boolean | null}
   */
  get storagePersisted() { return this.#drafts?.persisted ?? null; }

  /**
   * The drafts kept for `storage-key`, newest first: `{ id, savedAt, summary, state, current }`,
   * where `state` is `draft`, `newer` (saved by a newer version: kept, not opened) or
   * `unreadable` (kept aside, downloadable).
   * @returns {Promise<DraftInfo[]>}
   */
  async drafts() {
    await this.ready;
    return this.#drafts?.list() ?? [];
  }

  /**
   * Opens a kept draft as the person's "Open" would: it becomes the value (the element fires
   * `input` and `change`). Resolves to false when there is no draft this kit can open by `id`.
   * @param {string} id
   * @returns {Promise<boolean>}
   */
  async restoreDraft(id) {
    await this.ready;
    return this.#drafts?.open(id) ?? false;
  }

  /**
   * Deletes every draft kept for `storage-key` on this device.
   * @returns {Promise<void>}
   */
  async clearDrafts() {
    await this.ready;
    await this.#drafts?.clear(this.#mountPoint);
  }

  /**
   * The form the element belongs to.
   * @type {HTMLFormElement | null}
   */
  get form() { return this.#internals.form; }

  /**
   * The element's validity in its form, as for any form control.
   * @type {ValidityState}
   */
  get validity() { this._settleNow(); return this.#internals.validity; }

  /**
   * The first problem, in the person's language; empty when valid.
   * @type {string}
   */
  get validationMessage() { this._settleNow(); return this.#internals.validationMessage; }

  /**
   * Whether the element takes part in its form's validation.
   * @type {boolean}
   */
  get willValidate() { return this.#internals.willValidate; }

  /**
   * Whether the value can be submitted, as for any form control; shows nothing.
   * @returns {boolean}
   */
  checkValidity() { this._settleNow(); return this.#internals.checkValidity(); }

  /**
   * Like `checkValidity()`, and shows the kit's own problems, focused (never a browser bubble).
   * @returns {boolean}
   */
  reportValidity() {
    this._settleNow();
    const ok = this.#internals.checkValidity();
    if (!ok) this._showProblems(true);
    return ok;
  }

  /**
   * Shows every problem, moves focus there, fires `invalid` when there are problems, and
   * resolves to `{ valid, errors }` once that is drawn. A record shows its error summary and
   * lists `{ pointer, message }` errors (once a `schema-src` on its way has arrived); a plan never
   * blocks: only a cost box holding something that is not an amount counts, listed as
   * `{ id, message }`, with focus on the first.
   * @returns {Promise<Verdict<P>>}
   */
  async validate() {
    await loadKit(this.constructor.tag);
    await this._whenMounted();
    await this._whenSchemaArrived();
    await this.#adopted;
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

  /**
   * Prints the element's content alone, not the page around it: a plan as the person's own
   * document (their headings, words and pictures, the budget as a table, the sign-off and the
   * reviews), a record as a GOV.UK summary list of what was answered. The copy is drawn into a
   * frame of its own with the kit's stylesheet, and the browser's print dialog opens for it.
   * Resolves once the dialog was asked for; a plan's Print button calls this.
   * @returns {Promise<void>}
   */
  async print() {
    await this.ready;
    const html = await this.#printable();
    if (html === null) {
      globalThis.print?.();
      return;
    }
    // One printed copy at a time: an earlier one still waiting for its dialog goes.
    document.querySelector(`iframe[data-ourplan-print="${this.constructor.tag}"]`)?.remove();
    const frame = document.createElement('iframe');
    frame.dataset.ourplanPrint = this.constructor.tag;
    frame.setAttribute('aria-hidden', 'true');
    frame.tabIndex = -1;
    frame.style.cssText = 'position:fixed;right:0;bottom:0;width:0;height:0;border:0;';
    frame.srcdoc = html;
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    document.body.append(frame);
    await loaded;
    const win = frame.contentWindow;
    if (!win) return;
    // Pictures decoded first, so none prints blank.
    await Promise.all([...win.document.images].map((img) => img.decode().catch(() => {})));
    win.addEventListener('afterprint', () => frame.remove(), { once: true });
    win.focus();
    win.print();
  }

  /** The printed copy as a whole HTML document, or null when there is nothing drawn to print. */
  async #printable() {
    const lang = pageLang(this);
    const root = this.shadowRoot;
    if (!this.#handle || !root) return null;
    // The element draws its read-back beside itself (hidden on screen); a read-only element is
    // its read-back already.
    this._call((h) => h.set_printing?.(true));
    await afterRender();
    const inner = root.querySelector('.op-plan-print, .op-record-print')?.innerHTML
      ?? root.querySelector('.op-plan-read')?.outerHTML ?? null;
    this._call((h) => h.set_printing?.(false));
    if (inner === null) return null;
    const title = root.querySelector('.op-plan-read__title')?.textContent
      ?? document.title ?? '';
    const escape = (s) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
    return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">` +
      `<title>${escape(title)}</title><link rel="stylesheet" href="${escape(STYLESHEET_URL)}"></head>` +
      `<body><div class="op-light op-print-document" lang="${lang}">${inner}</div></body></html>`;
  }

  formDisabledCallback(disabled) {
    this.#formDisabled = disabled;
    this._call((h) => h.set_disabled(this.disabled || disabled));
  }

  /**
   * A promise that resolves once the element shows what it will show now: mounted, a
   * `schema-src` on its way arrived, and the form, plan or message drawn (or the calm fallback
   * after a trap). Read it again after a change (a new schema, a value) to wait for that.
   * Rejects when the kit cannot load in the browser: the host's fallback content stays.
   * @type {Promise<void>}
   */
  get ready() {
    return (async () => {
      await loadKit(this.constructor.tag);
      if (moduleFailure) return;
      await this._whenMounted();
      await this._whenSchemaArrived();
      await this.#draftsRead;
      await this.#adopted;
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
    this.#drafts?.consider();
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
      kit = await loadKit(this.constructor.tag);
    } catch (error) {
      console.warn('ourplan: the kit could not be loaded; the page\'s fallback content stays.', error);
      return;
    }
    if (token !== this.#mountToken || !this.isConnected) return;
    if (moduleFailure) return this._showFailure();
    // A root the page drew before the kit arrived (declarative shadow DOM, `ourplan render`):
    // read through ElementInternals, since attachShadow() would empty it.
    const root = this.#internals.shadowRoot ?? this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [sharedSheet()];
    root.removeEventListener('input', stopAtShadowRoot);
    root.removeEventListener('change', stopAtShadowRoot);
    root.addEventListener('input', stopAtShadowRoot);
    root.addEventListener('change', stopAtShadowRoot);
    const mountPoint = document.createElement('div');
    const drawn = (parent) => [...parent.children].find((child) => child.hasAttribute('data-ourplan-prerendered'));
    // A first paint in the shadow root, or in the page itself (`ourplan render --light`, for a
    // page that works without script), shown through a slot until the kit takes it over.
    const firstPaint = drawn(root) ?? drawn(this);
    const light = Boolean(firstPaint) && firstPaint.parentNode === this;
    // The kit draws off the page and takes the first paint's place once drawn (#adopt).
    if (light) root.replaceChildren(document.createElement('slot'));
    else if (!firstPaint) root.replaceChildren(mountPoint);
    this.#mountPoint = mountPoint;
    // Read before the settings are applied: applying them syncs #lastValue from the new handle.
    // A first paint drawn with a value the page did not also give the element: start from it.
    const valueAtMount = this.#lastValue !== this.constructor.emptyValue ? this.#lastValue
      : firstPaint?.getAttribute('data-ourplan-value') ?? null;
    this.#handle = this._call(() => this._createHandle(kit, mountPoint, (type) => this.#emit(type), pageLang(this)));
    if (!this.#handle) return;
    this._call((h) => h.set_readonly(this.readOnly));
    this._call((h) => h.set_easy_read(this.easyRead));
    this._call((h) => h.set_disabled(this.disabled || this.#formDisabled));
    if (this.#limits) this._applyLimits();
    this._configure(valueAtMount);
    this._syncForm();
    for (const resolve of this.#waitingForMount.splice(0)) resolve();
    this.#startDrafts();
    if (firstPaint) this.#adopted = this.#adopt(root, firstPaint, mountPoint, token, light);
  }

  /**
   * Takes over a first paint drawn before the kit arrived: once the kit's own drawing is ready
   * (off the page), what the person typed into the first paint's native inputs is given to it
   * as typing (the same events, so the same code path as a keystroke), and it takes the first
   * paint's place in one step, with focus and the caret where they were. Nothing is drawn in
   * between, so nothing flashes or moves. Should the kit's form not have a place for something
   * typed (a different schema, one that failed to arrive), the first paint stays, with what was
   * typed in it, and the console says why.
   */
  async #adopt(root, firstPaint, mountPoint, token, light) {
    await this._whenSchemaArrived();
    // The first paint showed the problems (a server's answer to a form sent with mistakes):
    // so does the kit, drawn before it takes over.
    if (token === this.#mountToken && firstPaint.hasAttribute('data-ourplan-problems')) this._showProblems(false);
    await afterRender();
    if (token !== this.#mountToken || !this.#handle || firstPaint.parentNode !== (light ? this : root)) return;
    const typed = [...controlsOf(firstPaint)].filter(changedByPerson);
    const twins = typed.map((control) => mountPoint.querySelector(`#${CSS.escape(control.id)}`));
    if (twins.some((twin, i) => !twin || twin.type !== typed[i].type)) {
      console.warn(`ourplan: <${this.constructor.tag}>'s first paint does not match the form the kit drew, so it stays, with what was typed in it.`);
      return;
    }
    const focused = light ? (firstPaint.contains(document.activeElement) ? document.activeElement : null) : root.activeElement;
    const caret = focused && typeof focused.selectionStart === 'number'
      ? [focused.selectionStart, focused.selectionEnd, focused.selectionDirection] : null;
    // What the person is looking at stays where it is on the screen: the focused field, or the
    // first field in view. The browser's own scroll anchoring cannot do it (its anchor leaves
    // with the first paint, and Chromium then scrolled the demo by 54 px), and questions far off
    // screen are laid out at an estimated height until seen (`content-visibility`), so the
    // element takes no part in scroll anchoring for that frame, and the page is put right once
    // the kit's drawing is laid out and before it is painted (a ResizeObserver's moment).
    const mark = focused?.id ? focused : [...controlsOf(firstPaint)].find((c) => c.id && c.getBoundingClientRect().top >= 0);
    const markTop = mark?.getBoundingClientRect().top;
    const anchoring = this.style.overflowAnchor;
    this.style.overflowAnchor = 'none';
    const settle = new ResizeObserver(() => {
      settle.disconnect();
      const twin = mark ? root.getElementById(mark.id) : null;
      if (twin) {
        const moved = twin.getBoundingClientRect().top - markTop;
        if (moved) window.scrollBy(0, moved);
      }
      this.style.overflowAnchor = anchoring;
    });
    settle.observe(mountPoint);
    // In the page first, so the events reach the kit as a keystroke's would; no frame is drawn
    // before the typing is in.
    root.replaceChildren(mountPoint);
    // Its fields would be sent with the form beside the element's own value.
    if (light) firstPaint.remove();
    typed.forEach((control, i) => retype(control, twins[i], control === focused));
    this._syncForm();
    const twin = focused?.id ? root.getElementById(focused.id) : null;
    twin?.focus({ preventScroll: true });
    if (twin && caret) {
      try { twin.setSelectionRange(...caret); } catch { /* a kind of input with no caret */ }
    }
    if (twin && focused.scrollTop) twin.scrollTop = focused.scrollTop;
  }

  /** Starts (or stops) keeping drafts, for the `storage-key` set now. */
  #startDrafts() {
    this.#drafts?.detach();
    this.#drafts = null;
    if (!this.storageKey || !this.#handle) {
      this.#draftsRead = Promise.resolve();
      return;
    }
    const drafts = new ElementDrafts(this, this.storageKey, this.maxDrafts, this.sharedDevice);
    this.#drafts = drafts;
    this.#draftsRead = drafts.load(this.#handle, this.#mountPoint);
  }

  /** The value's JSON text, from the Rust half (`undefined` after a trap). */
  _currentText() { return this._call((h) => h.value()); }

  /** The value's JSON text as last known (it survives a trap): what a draft saves. */
  _lastValueText() { return this.#lastValue; }

  /**
   * What a draft saves after each change: a plan's value names its pictures without their data
   * (the store keeps each picture once, apart); anything else's value as it is. After a trap
   * the last value, whole.
   */
  _draftValueText() {
    if (!this.#handle) return this.#lastValue;
    return this._call((h) => h.draft_value?.()) ?? this.#lastValue;
  }

  /** The pictures the value shows, as `{ key, type, width, height, data }`, except `known`. */
  _draftPictures(known) {
    if (!this.#handle) return [];
    const keys = JSON.parse(this._call((h) => h.picture_keys?.()) ?? '[]');
    const out = [];
    for (const key of keys) {
      if (known.has(key)) continue;
      const text = this._call((h) => h.picture(key));
      if (text) out.push({ key, ...JSON.parse(text) });
    }
    return out;
  }

  #emit(type) {
    // The drafts' store has something to do (continue a draft, start again, delete one).
    if (type === 'draft') {
      this.#drafts?.commands();
      return;
    }
    const json = this._currentText();
    if (json === undefined) return;
    this._syncForm(json, type === 'input');
    // Rust says "sync" when what the person did changed no value but may change validity (an
    // amount that cannot be read yet): the form hears of it, the host gets no event.
    if (type === 'sync') return;
    this.#drafts?.changed();
    let parsed;
    const value = () => (parsed ??= JSON.parse(json));
    this.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true, detail: this._detail(type, value) }));
  }

  /**
   * Hands the form the value (JSON text) and the validity, and keeps the value in JS. While the
   * person types (`typing`), a value of megabytes (a plan with photos) is handed over at most
   * every 300 ms: the browser copies what `setFormValue` is given, about 1.5 ms a megabyte. A
   * form read in between still gets the latest value (see #deferFormValue).
   */
  _syncForm(json, typing = false) {
    if (!this.#handle) return;
    const text = json ?? this._currentText();
    if (text === undefined) return;
    this.#lastValue = text;
    if (typing && text.length > DEFER_FORM_VALUE_CHARS) this.#deferFormValue(text);
    else {
      this.#dropDeferred();
      this.#internals.setFormValue(text, text);
    }
    // A schema drawn but not compiled yet: not valid until it is (see _compileAfterPaint).
    const waiting = this._call((h) => h.pending_message?.());
    if (waiting) {
      this.#internals.setValidity({ customError: true }, waiting);
      return;
    }
    if (this._call((h) => h.is_valid()) !== false) this.#internals.setValidity({});
    else this.#internals.setValidity({ customError: true }, this._call((h) => h.first_problem()) || ' ');
  }

  /** A large value not yet handed to the form (see `_syncForm`): its text, form and timer. */
  #deferred = null;

  /**
   * Keeps `text` to hand to the form within 300 ms. Until then the form is caught whenever it
   * lists its values (`formdata`: a submission, `form.submit()`, `new FormData(form)`): the
   * latest value is put into that list, then handed over. The listener is in the capture phase,
   * so it runs ahead of the host's own.
   */
  #deferFormValue(text) {
    if (this.#deferred) {
      this.#deferred.text = text;
      return;
    }
    const form = this.#internals.form;
    const pending = { text, form, timer: setTimeout(() => this.#flushDeferred(), 300) };
    pending.onData = (event) => {
      const name = this.getAttribute('name');
      if (name && !this.matches(':disabled')) event.formData.set(name, pending.text);
      this.#flushDeferred();
    };
    form?.addEventListener('formdata', pending.onData, { capture: true });
    this.#deferred = pending;
  }

  /** Hands the form the value kept by #deferFormValue, if any. */
  #flushDeferred() {
    const text = this.#deferred?.text;
    this.#dropDeferred();
    if (text !== undefined) this.#internals.setFormValue(text, text);
  }

  #dropDeferred() {
    const pending = this.#deferred;
    if (!pending) return;
    this.#deferred = null;
    clearTimeout(pending.timer);
    pending.form?.removeEventListener('formdata', pending.onData, { capture: true });
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
    // The person's last value reaches the store now: no Rust runs from here on.
    this.#drafts?.flush();
    // Whoever waits for the element to mount (ready, validate) waits no longer: this is it.
    for (const resolve of this.#waitingForMount.splice(0)) resolve();
    if (this.#failureUrl) URL.revokeObjectURL(this.#failureUrl);
    this.#failureUrl = URL.createObjectURL(new Blob([this.#lastValue], { type: 'application/json' }));
    const words = this.constructor.failureText[pageLang(this)];
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    // An element that mounts after the trap has no sheet yet; the one made before it still works.
    const sheet = sheetMadeBefore();
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
