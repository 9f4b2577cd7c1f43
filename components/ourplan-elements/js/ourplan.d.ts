// Type definitions for ourplan.js: the two custom elements, their events, and the module's
// exports. Kept in step with the code and custom-elements.json by tests/e2e/contract.spec.mjs.

/** A problem with a record's value: where it is (JSON Pointer) and what to do, in plain words. */
export interface RecordProblem {
  pointer: string;
  message: string;
}

/** A problem with a plan: the DOM id of the box holding it, and what to do. */
export interface PlanProblem {
  id: string;
  message: string;
}

export interface Verdict<P> {
  valid: boolean;
  errors: P[];
}

/** A problem with a schema itself, from compile(). */
export interface SchemaProblem extends RecordProblem {
  /** For developers. */
  detail: string;
}

export interface CheckOptions {
  /** "en" (default) or "cy". */
  lang?: 'en' | 'cy';
  /** Schemas for `$ref`s to other files, by URI; no network is used. */
  remotes?: Record<string, unknown>;
}

/** Raised by validate() and compile() when the schema or the value cannot be read. */
export class OurplanError extends Error {
  constructor(message: string, detail?: string);
  readonly name: 'OurplanError';
  /** For developers; `message` is for people. */
  readonly detail: string | undefined;
}

/** Validates `value` against `schema` with the same rules and messages as the elements. */
export function validate(schema: unknown, value: unknown, options?: CheckOptions): Promise<Verdict<RecordProblem>>;

/** A compiled schema: `validate(value)` checks synchronously against the schema as compiled. */
export interface Compiled extends Verdict<SchemaProblem> {
  /** Present when the schema compiled. Throws OurplanError when the value cannot be read. */
  validate?: (value: unknown) => Verdict<RecordProblem>;
}

/** Checks that `schema` compiles; the errors describe the schema itself. */
export function compile(schema: unknown, options?: CheckOptions): Promise<Compiled>;

export interface ValueDetail<V> {
  readonly value: V;
}

export interface InvalidDetail<V, P> {
  readonly value: V;
  readonly errors: P[];
}

export interface Signoff {
  name: string;
  role: string;
  /** RFC 3339, UTC. */
  at: string;
  fingerprint: string;
}

export interface SignoffDetail {
  readonly value: PlanDocument;
  readonly signoff: Signoff | null;
}

/** The plan document (schemas/plan.schema.json); unknown fields are kept. */
export interface PlanDocument {
  format: 'ourplan-plan';
  version: number;
  title?: string;
  blocks: unknown[];
  [field: string]: unknown;
}

export interface SignoffRules {
  limit?: { amount: string; period: 'week' | 'month' | 'year' };
  oneOffLimit?: string;
  noSecondLook?: boolean;
  notComplex?: boolean;
  withinIndicative?: boolean;
}

export interface Practitioner {
  name: string;
  role: string;
}

/** What both elements share. */
interface OurplanFormElement<V, P> extends HTMLElement {
  /** The value (JSON); setting it fires no event. */
  value: V;
  /** The form field name the value is submitted under (attribute `name`). */
  name: string;
  /** Attribute `readonly`. */
  readOnly: boolean;
  /** Attribute `disabled`. */
  disabled: boolean;
  readonly form: HTMLFormElement | null;
  readonly validity: ValidityState;
  readonly validationMessage: string;
  readonly willValidate: boolean;
  checkValidity(): boolean;
  /** Shows the kit's own problems (focused), never a browser bubble. */
  reportValidity(): boolean;
  /** Shows every problem, moves focus there, fires `invalid` when there are any. */
  validate(): Promise<Verdict<P>>;
  /**
   * Resolves once the element shows what it will show now: mounted, a `schema-src` on its way
   * arrived, and the form, plan or message drawn. Read it again after a change for a promise
   * that waits for that. Rejects when the kit cannot load in this browser.
   */
  readonly ready: Promise<void>;
  /** Moves focus to the first control inside (the element itself takes no focus). */
  focus(options?: FocusOptions): void;
}

export interface OurplanRecordElementEventMap extends HTMLElementEventMap {
  input: CustomEvent<ValueDetail<unknown>>;
  change: CustomEvent<ValueDetail<unknown>>;
  invalid: CustomEvent<InvalidDetail<unknown, RecordProblem>>;
}

/** `<ourplan-record>`: a conversation record drawn from a JSON Schema. */
export interface OurplanRecordElement extends OurplanFormElement<unknown, RecordProblem> {
  /** The schema: an object, a boolean or JSON text (wins over `schemaSrc`). */
  schema: unknown;
  /** Schemas for `$ref`s to other files, by URI. */
  remotes: Record<string, unknown> | null;
  /** Attribute `schema-src`: the URL of the schema. */
  schemaSrc: string;
  /** Attribute `level`. */
  level: 'brief' | 'standard' | 'full';
  addEventListener<K extends keyof OurplanRecordElementEventMap>(type: K, listener: (this: OurplanRecordElement, ev: OurplanRecordElementEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof OurplanRecordElementEventMap>(type: K, listener: (this: OurplanRecordElement, ev: OurplanRecordElementEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

export interface OurplanPlanElementEventMap extends HTMLElementEventMap {
  input: CustomEvent<ValueDetail<PlanDocument>>;
  change: CustomEvent<ValueDetail<PlanDocument>>;
  invalid: CustomEvent<InvalidDetail<PlanDocument, PlanProblem>>;
  'ourplan-signoff': CustomEvent<SignoffDetail>;
}

/** `<ourplan-plan>`: the support plan builder. */
export interface OurplanPlanElement extends OurplanFormElement<PlanDocument | null, PlanProblem> {
  signoffRules: SignoffRules | null;
  practitioner: Practitioner | null;
  /** Extra starters, in the format of schemas/templates/*.json. */
  templates: unknown[] | null;
  /** Attribute `checks`: "england", "wales" or "" (none). */
  checks: string;
  /** Attribute `indicative-budget`: pounds as text, like "150.00". */
  indicativeBudget: string;
  /** Attribute `budget-period`. */
  budgetPeriod: 'week' | 'month' | 'year';
  addEventListener<K extends keyof OurplanPlanElementEventMap>(type: K, listener: (this: OurplanPlanElement, ev: OurplanPlanElementEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof OurplanPlanElementEventMap>(type: K, listener: (this: OurplanPlanElement, ev: OurplanPlanElementEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

interface MountShared {
  lang?: 'en' | 'cy';
  name?: string;
  readonly?: boolean;
  readOnly?: boolean;
  disabled?: boolean;
  onInput?: (event: CustomEvent) => void;
  onChange?: (event: CustomEvent) => void;
  onInvalid?: (event: CustomEvent) => void;
}

export interface MountRecordOptions extends MountShared {
  kind?: 'record';
  schema?: unknown;
  schemaSrc?: string;
  remotes?: Record<string, unknown>;
  level?: 'brief' | 'standard' | 'full';
  value?: unknown;
}

export interface MountPlanOptions extends MountShared {
  kind: 'plan';
  value?: PlanDocument;
  checks?: 'england' | 'wales' | '';
  indicativeBudget?: string;
  budgetPeriod?: 'week' | 'month' | 'year';
  signoffRules?: SignoffRules | null;
  practitioner?: Practitioner | null;
  templates?: unknown[] | null;
  onSignoff?: (event: CustomEvent<SignoffDetail>) => void;
}

export interface MountHandle<E extends HTMLElement, V, P> {
  readonly element: E;
  readonly value: V;
  /** Fires no event. */
  setValue(value: V): void;
  validate(): Promise<Verdict<P>>;
  /** Removes the element, which tears it down. */
  destroy(): void;
}

/** Puts an element into `container`, replacing what is in it. */
export function mount(container: Element, options?: MountRecordOptions): MountHandle<OurplanRecordElement, unknown, RecordProblem>;
export function mount(container: Element, options: MountPlanOptions): MountHandle<OurplanPlanElement, PlanDocument | null, PlanProblem>;

declare global {
  interface HTMLElementTagNameMap {
    'ourplan-record': OurplanRecordElement;
    'ourplan-plan': OurplanPlanElement;
  }
}
