// record.js: OurplanRecord, the JS half of <ourplan-record> (the Rust half is
// ourplan-elements' src/record.rs). Its JSDoc is the element's contract; the build writes
// custom-elements.json, ourplan.d.ts and the README's table from it (with what element.js
// says both elements share).

import { OurplanElement } from './element.js';
import { schemaText } from './kit.js';

/**
 * Form-associated: submits its value as JSON under its `name`, takes part in the form's
 * validity, resets with the form (to the value the host last set) and restores on
 * back-navigation. A new schema is drawn first and compiled just after the next paint; until
 * then the record is not valid ("Loading the form…"), and reading `validity` or
 * `validationMessage`, `checkValidity()`, `validate()` or a click on the form's submit button
 * compiles it at once. What the host puts inside the element shows until the kit has loaded, and
 * stays if the browser cannot run it (it has no slot: once loaded, the shadow root replaces it).
 *
 * @summary A conversation record drawn from a JSON Schema, checked in the browser.
 * @tag ourplan-record
 * @extends {OurplanElement<unknown, RecordProblem>}
 *
 * @prop value - The record's value (any JSON). Setting it fires no event.
 *
 * @fires {CustomEvent<ValueDetail<unknown>>} input - After the person changes something; `detail: { value }`. Fired by the element only (the inner inputs' events stop at the shadow root), `composed`, bubbling.
 * @fires {CustomEvent<ValueDetail<unknown>>} change - After the person commits a change (leaves a field, ticks a box, moves an item); `detail: { value }`. Fired by the element only, `composed`, bubbling.
 * @fires {CustomEvent<InvalidDetail<unknown, RecordProblem>>} invalid - After `validate()` finds problems; `detail: { value, errors }`. A form's own validation fires a plain `invalid` Event.
 * @fires {CustomEvent<MergeDetail<unknown>>} ourplan-merge - After another copy was combined in (the person's "Combine with a copy" in the copies panel, or `merge()`), before `input` and `change`; `detail: { value, summary: { added, changed, removed, conflicts, kept, nothingNew } }`.
 *
 * @csspart form - The record's form.
 * @csspart title - The record's title.
 * @csspart fieldset - A group of fields.
 * @csspart input - A text input.
 * @csspart textarea - A long answer box.
 * @csspart select - A select.
 * @csspart checkbox - A checkbox.
 * @csspart radio - A radio button.
 * @csspart list-item - An item of a list.
 * @csspart map - A name/answer editor (`additionalProperties`).
 * @csspart map-entry - An entry of a name/answer editor.
 * @csspart add-more - The "Add more" buttons.
 * @csspart conditional - Fields shown by an answer.
 * @csspart read-back - The read-only summary list.
 * @csspart error-summary - The error summary.
 * @csspart error-message - A field's error message.
 * @csspart conflicts - Answers changed in two copies, for the person to choose between.
 * @csspart copies - The copies panel (see `copies`).
 * @csspart answered-by - "Answered by Sian" under an answer someone named left (see `author`).
 */
export class OurplanRecord extends OurplanElement {
  static tag = 'ourplan-record';
  static emptyValue = '{}';
  static observedAttributes = [...OurplanElement.sharedAttributes, 'schema-src', 'level', 'author', 'copies'];
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
    if (name === 'author') this._call((h) => h.set_author(this.author));
    if (name === 'copies') this._call((h) => h.set_copies(this.copies));
  }

  /**
   * The schema as an object, a boolean, or JSON text (wins over `schema-src`).
   * @type {object | boolean | string | undefined}
   */
  get schema() { return this.#schema; }
  set schema(schema) {
    this.#schema = schema;
    if (this._handle) this.#applySchema();
  }

  /**
   * `{ uri: schema }` for `$ref`s to other files; no network is used for them.
   * @type {Record<string, unknown> | null}
   */
  get remotes() { return this.#remotes; }
  set remotes(map) {
    this.#remotes = map;
    if (this._handle) {
      this._call((h) => h.set_remotes(JSON.stringify(map ?? {})));
      this.#applySchema();
    }
  }

  /**
   * URL of the JSON Schema to draw (fetched with `fetch`).
   * @type {string}
   * @attr schema-src
   */
  get schemaSrc() { return this.getAttribute('schema-src') ?? ''; }
  set schemaSrc(v) { this.setAttribute('schema-src', v); }

  /**
   * How much of the record shows: `brief` (default), `standard` or `full`. Required fields and
   * fields holding a value always show; the rest are one "Add more" button away.
   * @type {'brief' | 'standard' | 'full'}
   * @default 'brief'
   * @attr level
   */
  get level() { return this.getAttribute('level') ?? 'brief'; }
  set level(v) { this.setAttribute('level', v); }

  /**
   * Who is filling in the record (the person, a family member, a practitioner), such as
   * `"Sian"`. Answers they change are noted with their name, and show "Answered by Sian" while
   * they hold those words, so copies combined from several people show who said what. The notes
   * travel in `copy()` and in drafts, never in `value` (which stays in the schema's shape).
   * Never required; empty for nobody.
   * @type {string}
   * @attr author
   */
  get author() { return this.getAttribute('author') ?? ''; }
  set author(v) { if (v) this.setAttribute('author', v); else this.removeAttribute('author'); }

  /**
   * Shows a panel under the form for people filling in the record together with no server
   * between them: "Share a copy" downloads the record with its merge history, and "Combine with
   * a copy" opens one someone sent back, says what combining it will do, combines it when the
   * person says so (then `ourplan-merge`, `input` and `change`), and can undo that in one step.
   * Also a box for the person's own name (see `author`). Hosts with a server of their own use
   * `copy()` and `merge()` instead.
   * @type {boolean}
   * @attr copies
   */
  get copies() { return this.hasAttribute('copies'); }
  set copies(on) { this.toggleAttribute('copies', Boolean(on)); }

  /**
   * The record as a copy to share with someone else filling it in (a practitioner, the
   * person, a family member): its value and the merge history that lets another copy combine
   * with it later. Save it as a file, or hand it to another element's `merge()`.
   * @returns {RecordCopy} `{ ourplan: 'record-copy', value, merge, authors? }` (`authors`: who answered what, when `author` was set).
   */
  copy() {
    const out = this._call((h) => h.copy());
    if (out === undefined) throw Object.assign(new Error('ourplan: <ourplan-record> is not ready to copy'), { code: 'not-ready' });
    return JSON.parse(out);
  }

  /**
   * Combines another copy of this record (from `copy()`, as an object or JSON text) into this
   * one, offline. Answers changed in one copy are taken; an answer changed differently in both
   * keeps both versions as a conflict, shown to the person above the form to choose
   * (`conflicts()`); nothing either copy wrote is lost. A plain value (with no history) can be
   * combined too, but with no common ancestor every answer that differs becomes a conflict.
   * Fires `ourplan-merge`, `input` and `change` when anything changed.
   * @param {RecordCopy | unknown} other - The other copy (`a.merge(b.copy())`).
   * @param {{ otherDocument?: boolean }} [options] - `otherDocument: true` combines a copy of a different record (its history started elsewhere), which is otherwise refused.
   * @returns {MergeSummary} What it did: `{ added, changed, removed, conflicts, kept, nothingNew }`.
   * @throws {MergeRefusedError} A copy of a different record (`code: 'other-document'`) or unreadable text (`code: 'unreadable'`); the record is unchanged.
   */
  merge(other, options = {}) {
    const text = typeof other === 'string' ? other : JSON.stringify(other ?? null);
    const out = this._call((h) => h.merge(text, options?.otherDocument === true));
    if (out === undefined) throw Object.assign(new Error('ourplan: <ourplan-record> is not ready to merge'), { code: 'not-ready' });
    const result = JSON.parse(out);
    if (result.error) throw Object.assign(new Error(result.message), { name: 'MergeRefusedError', code: result.error });
    this._syncForm();
    return result.summary;
  }

  /**
   * The conflicts still open: answers changed differently in two copies, every version kept
   * until the person chooses one or writes their own.
   * @returns {RecordConflict[]} `[{ pointer, values }]`.
   */
  conflicts() {
    const out = this._call((h) => h.conflicts());
    return out === undefined ? [] : JSON.parse(out);
  }

  _detail(type, value) {
    if (type === 'ourplan-merge') {
      const summary = JSON.parse(this._call((h) => h.last_merge()) ?? 'null');
      return { get value() { return value(); }, summary };
    }
    return super._detail(type, value);
  }

  _limitsChanged() { if (this.#schema !== undefined) this.#applySchema(); }

  _valueText(value) { return JSON.stringify(value ?? {}); }
  _parseValue(text) { return JSON.parse(text); }
  _createHandle(kit, mountPoint, emit, lang) { return new kit.RecordElement(mountPoint, emit, lang); }

  _configure(valueText) {
    this._call((h) => h.set_level(this.level));
    this._call((h) => h.set_author(this.author));
    if (this.copies) this._call((h) => h.set_copies(true));
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
