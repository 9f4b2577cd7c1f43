// plan.js: OurplanPlan, the JS half of <ourplan-plan> (the Rust half is ourplan-elements'
// src/plan.rs). Its JSDoc is the element's contract; the build writes custom-elements.json,
// ourplan.d.ts and the README's table from it (with what element.js says both elements share).

import { OurplanElement } from './element.js';
import { afterRender, settingText } from './kit.js';

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

/**
 * Form-associated: submits the plan as JSON under its `name`; a cost box holding something that
 * is not an amount makes it invalid, and a submit stops there, focused. What the host puts inside
 * the element shows until the kit has loaded, and stays if the browser cannot run it (it has no
 * slot: once loaded, the shadow root replaces it).
 *
 * @summary The support plan builder: a plan the person writes themselves, in their own shape.
 * @tag ourplan-plan
 * @extends {OurplanElement<PlanDocument | null, PlanProblem>}
 *
 * @prop value - The plan document (`schemas/plan.schema.json`; unknown fields, and blocks of kinds this version does not know, are kept as they came). Setting it fires no event; a plan that cannot be read is refused with `console.warn` and the current plan kept.
 *
 * @fires {CustomEvent<ValueDetail<PlanDocument>>} input - After the person changes the plan; `detail: { value }`. Fired by the element only (the inner inputs' events stop at the shadow root), `composed`, bubbling.
 * @fires {CustomEvent<ValueDetail<PlanDocument>>} change - After the person commits a change to the plan; `detail: { value }`. Fired by the element only, `composed`, bubbling.
 * @fires {CustomEvent<InvalidDetail<PlanDocument, PlanProblem>>} invalid - After `validate()` finds an amount it cannot read; `detail: { value, errors }`. A plan never blocks otherwise.
 * @fires {CustomEvent<SignoffDetail>} ourplan-signoff - When the practitioner signs the plan off; `detail: { value, signoff: { name, role, at, fingerprint } }`.
 * @fires {CustomEvent<MergeDetail>} ourplan-merge - After another copy was combined in (the person's "Combine with a copy", or `merge()`), before `input` and `change`; `detail: { value, summary: { added, changed, removed, conflicts, kept, nothingNew } }`.
 *
 * @csspart plan - The plan builder.
 * @csspart starters - The starters offered on a blank plan.
 * @csspart toolbar - The undo/redo toolbar.
 * @csspart blocks - A list of blocks.
 * @csspart block - A block of the plan.
 * @csspart block-tools - A block's tools (move, remove).
 * @csspart add - The add-a-block controls.
 * @csspart add-here - The add control opened below a block ("Add below").
 * @csspart budget - The budget panel.
 * @csspart signoff - The sign-off panel.
 * @csspart checks - The gentle legal checks.
 * @csspart reviews - The review log.
 * @csspart files - Download and open, share a copy and combine copies.
 * @csspart conflicts - Versions changed in two copies, for the person to choose between.
 * @csspart read-back - The plan read back as the person's document (`readonly`, and printed).
 * @csspart picture - A picture in the plan (a picture block's, in the builder and read back).
 * @csspart input - A text input.
 * @csspart textarea - A long answer box.
 * @csspart select - A select.
 * @csspart checkbox - A checkbox.
 */
export class OurplanPlan extends OurplanElement {
  static tag = 'ourplan-plan';
  static emptyValue = '';
  static observedAttributes = [...OurplanElement.sharedAttributes, 'checks', 'indicative-budget', 'budget-period', 'author'];
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

  /** A random word for the pictures' marker (see `_currentText`), made once. */
  #markerPrefix = null;
  /** The pictures object's JSON text, and the marker it stands behind. */
  #picturesText = null;

  /**
   * The value's JSON text. A plan's pictures can be megabytes, and the text is wanted at every
   * keystroke (the form's value, the event): so the Rust half writes the pictures object as one
   * marker, and the text kept from the last time the marker was the same goes in its place.
   * The marker changes whenever the pictures written do.
   */
  _currentText() {
    this.#markerPrefix ??= Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
    const prefix = this.#markerPrefix;
    const marked = this._call((h) => h.value_marked(prefix));
    if (marked === undefined) return undefined;
    // No marker (a plan without pictures, the usual case): the text is whole as it is.
    if (!marked.includes(prefix)) {
      this.#picturesText = null;
      return marked;
    }
    const marker = this._call((h) => h.pictures_marker(prefix));
    if (!marker) {
      this.#picturesText = null;
      return marked;
    }
    const at = marked.indexOf(marker);
    if (at < 0 || at !== marked.lastIndexOf(marker)) return this._call((h) => h.value());
    if (this.#picturesText?.marker !== marker) {
      const text = this._call((h) => h.pictures_json());
      if (text === undefined) return undefined;
      this.#picturesText = { marker, text };
    }
    return marked.slice(0, at) + this.#picturesText.text + marked.slice(at + marker.length);
  }

  _attributeChanged(name) {
    if (name === 'checks') this._call((h) => h.set_checks(this.checks));
    if (name === 'indicative-budget' || name === 'budget-period') this.#applyBudget();
    if (name === 'author') this._call((h) => h.set_author(this.author));
  }

  /**
   * Who is editing (a family member, a practitioner), such as `"Sian"`: blocks they add carry it
   * (`addedBy`) and show "Added by Sian", so the person's own words stay visibly theirs. Never
   * required; empty for nobody.
   * @type {string}
   * @attr author
   */
  get author() { return this.getAttribute('author') ?? ''; }
  set author(v) { if (v) this.setAttribute('author', v); else this.removeAttribute('author'); }

  /**
   * Combines another copy of this plan (a plan document, or its JSON text; its merge history
   * comes with it) into this one, offline, as one step the person can undo. What changed on one
   * side is taken; the same words changed in both copies are both kept as a conflict for the
   * person to choose (`conflicts()`); nothing either copy wrote is lost. Fires `ourplan-merge`,
   * `input` and `change` when anything changed.
   * @param {PlanDocument | string} other - The other copy (`a.merge(b.value)` works).
   * @param {{ otherDocument?: boolean }} [options] - `otherDocument: true` combines a copy of a different plan (another document id), which is otherwise refused.
   * @returns {MergeSummary} What it did: `{ added, changed, removed, conflicts, kept, nothingNew }`.
   * @throws {MergeRefusedError} A copy of a different plan (`code: 'other-document'`) or not a plan (`code: 'unreadable'`); the plan is unchanged.
   */
  merge(other, options = {}) {
    const text = typeof other === 'string' ? other : JSON.stringify(other ?? null);
    const out = this._call((h) => h.merge(text, options?.otherDocument === true));
    if (out === undefined) throw Object.assign(new Error('ourplan: <ourplan-plan> is not ready to merge'), { code: 'not-ready' });
    const result = JSON.parse(out);
    if (result.error) throw Object.assign(new Error(result.message), { name: 'MergeRefusedError', code: result.error });
    return result.summary;
  }

  /**
   * The plan's figures and state, with this element's settings (`indicative-budget`,
   * `budget-period`, `signoff-rules`, `checks`, `lang`): the budget in whole pence (totals, what
   * is left or over), whether a sign-off still matches the plan, whether the rules let a
   * practitioner sign it off and why not, and the law's gentle suggestions, with their words.
   * Exactly what `ourplan check-plan --format json` prints for the same plan and settings, so a
   * council's server can check a posted plan the same way.
   * @returns {Promise<PlanCheck>}
   */
  async check() {
    await this.ready;
    const out = this._call((h) => h.check());
    if (out === undefined) throw Object.assign(new Error('ourplan: <ourplan-plan> is not ready to check'), { code: 'not-ready' });
    return JSON.parse(out);
  }

  /**
   * The conflicts still open: values changed differently in two copies, all kept until the
   * person chooses one or writes their own.
   * @returns {PlanConflict[]} `[{ part: 'block' | 'item' | 'review' | 'plan', id, field, values }]`.
   */
  conflicts() {
    const out = this._call((h) => h.conflicts());
    return out === undefined ? [] : JSON.parse(out);
  }

  /**
   * Sign-off rules, such as `{ "limit": { "amount": "250.00", "period": "week" }, "noSecondLook": true, "notComplex": true }`.
   * Sign-off shows only when both these and `practitioner` are set; no thresholds live in the code.
   * @type {SignoffRules | null}
   */
  get signoffRules() { return this.#rules; }
  set signoffRules(rules) {
    this.#rules = rules ?? null;
    this.#applySetting('set_signoff_rules', this.#rules, 'cannot read its sign-off rules');
  }

  /**
   * Who may sign off, such as `{ "name": "Sam Patel", "role": "Social worker" }`.
   * @type {Practitioner | null}
   */
  get practitioner() { return this.#practitioner; }
  set practitioner(who) {
    this.#practitioner = who ?? null;
    this.#applySetting('set_practitioner', this.#practitioner, 'cannot read its practitioner');
  }

  /**
   * Extra starters of the host's own, in the format of `schemas/templates/*.json`.
   * @type {unknown[] | null}
   */
  get templates() { return this.#templates; }
  set templates(list) {
    this.#templates = list ?? null;
    this.#applyTemplates();
  }

  /**
   * `england` or `wales`: gentle suggestions of what the law expects a plan to say (Care Act
   * s25, Wales reg 3); never errors. Empty or absent: none.
   * @type {'england' | 'wales' | ''}
   * @attr checks
   */
  get checks() { return this.getAttribute('checks') ?? ''; }
  set checks(v) { if (v) this.setAttribute('checks', v); else this.removeAttribute('checks'); }

  /**
   * The indicative personal budget in pounds, like `"150.00"` (parsed exactly).
   * @type {string}
   * @attr indicative-budget
   */
  get indicativeBudget() { return this.getAttribute('indicative-budget') ?? ''; }
  set indicativeBudget(v) { this.setAttribute('indicative-budget', v); }

  /**
   * The indicative budget's period: `week` (default), `month` or `year`.
   * @type {'week' | 'month' | 'year'}
   * @default 'week'
   * @attr budget-period
   */
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
    this._call((h) => h.set_author(this.author));
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
    if (type === 'ourplan-merge') {
      const summary = JSON.parse(this._call((h) => h.last_merge()) ?? 'null');
      return { get value() { return value(); }, summary };
    }
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
