// The shared types of ourplan.d.ts, written by hand: the shapes the elements' values, problems,
// events and settings take, the options and handle of mount(), and OurplanError. The build
// (xtask/node/contract.mjs) puts them at the top of ourplan.d.ts and writes the rest (the
// elements, their event maps, the exported functions, HTMLElementTagNameMap) from the JSDoc in
// this folder. This file is not shipped: pkg/ourplan.d.ts holds all of it.

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

/** A draft kept on the device, as `drafts()` lists it. */
export interface DraftInfo {
  /** The store's name for it (give it to `restoreDraft`). */
  id: string;
  /** When it was saved: RFC 3339 in the page's local time (empty when it cannot be read). */
  savedAt: string;
  /** Its first words (a plan's title, a record's first answer), at most 60 characters. */
  summary: string;
  /** `draft` (can be opened), `newer` (saved by a newer version: kept, not opened) or
   * `unreadable` (kept aside, can be downloaded). */
  state: 'draft' | 'newer' | 'unreadable';
  /** Whether the element is writing to it now. */
  current: boolean;
}

/** `detail` of `ourplan-draft-saved`. */
export interface DraftSavedDetail {
  /** The element's `storage-key`. */
  key: string;
  /** When: RFC 3339 in the page's local time. */
  savedAt: string;
}

/** `detail` of `ourplan-draft-found`. */
export interface DraftFoundDetail {
  /** The element's `storage-key`. */
  key: string;
  /** The draft's id (for `restoreDraft`). */
  id: string;
  /** When it was saved. */
  savedAt: string;
  /** Its first words. */
  summary: string;
}

/** `detail` of `ourplan-storage-error`. */
export interface StorageErrorDetail {
  /** `quota` (the device or the site's share is full), `unavailable` (no IndexedDB, as in some
   * private windows), `blocked`, or the browser's error name. */
  reason: string;
}

export interface CheckOptions {
  /** "en" (default) or "cy". */
  lang?: 'en' | 'cy';
  /** Schemas for `$ref`s to other files, by URI; no network is used. */
  remotes?: Record<string, unknown>;
  /** The kit's limits, where this host's differ from the defaults. */
  limits?: Limits;
}

/**
 * The kit's limits on what it reads (README, "Limits"). Each is optional; a missing one keeps
 * its default. Inputs a host hands over past a limit are refused with a message; what a person
 * typed past one is kept and shown as a problem at its field.
 */
export interface Limits {
  /** Largest schema, in bytes of JSON text. Default 2,000,000. */
  schemaBytes?: number;
  /** Largest value or plan file, in bytes of JSON text. Default 20,000,000. */
  valueBytes?: number;
  /** Deepest nesting of a schema or a value. Default and most 128. */
  depth?: number;
  /** Most local `$ref`s followed one after another in place. Default 100, most 1,000. */
  refChain?: number;
  /** Most items in one list of a record. Default 100,000. */
  listItems?: number;
  /** Most blocks in a plan. Default 2,000. */
  planBlocks?: number;
  /** Longest answer or plan text, in characters. Default 1,000,000. */
  textChars?: number;
  /** How far a `pattern` may backtrack on one answer. Default 100,000. */
  patternSteps?: number;
}

/** Raised by validate() and compile() when the schema or the value cannot be read. */
export class OurplanError extends Error {
  constructor(message: string, detail?: string);
  readonly name: 'OurplanError';
  /** For developers; `message` is for people. */
  readonly detail: string | undefined;
}

/** A compiled schema: `validate(value)` checks synchronously against the schema as compiled. */
export interface Compiled extends Verdict<SchemaProblem> {
  /** Present when the schema compiled. Throws OurplanError when the value cannot be read. */
  validate?: (value: unknown) => Verdict<RecordProblem>;
}

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

/** What combining another copy did. */
export interface MergeSummary {
  /** What the other copy added: blocks, items and reviews of a plan; a record's answers. */
  added: number;
  /** What it changed: blocks, items and reviews (and the plan's own details); answers. */
  changed: number;
  /** What it removed. */
  removed: number;
  /** Values changed differently in both copies, kept for the person to choose. */
  conflicts: number;
  /** Parts of a plan one copy removed while another changed them: kept, and the person asked (always 0 for a record). */
  kept: number;
  /** The other copy held nothing this one did not. */
  nothingNew: boolean;
}

export interface MergeDetail<V = PlanDocument> {
  readonly value: V;
  readonly summary: MergeSummary | null;
}

/** A plan's figures and state (`check()`, and `ourplan check-plan --format json`). */
export interface PlanCheck {
  valid: boolean;
  errors: { message: string; detail: string }[];
  budget: {
    lines: number;
    weekPence: number;
    monthPence: number;
    yearPence: number;
    oneOffPence: number;
    ownWeekPence: number;
    ownYearPence: number;
    ownOneOffPence: number;
    indicative: { amountPence: number; period: 'week' | 'month' | 'year' } | null;
    balance: { state: 'left' | 'over' | 'even'; pence: number; period: 'week' | 'month' | 'year' | null } | null;
    /** "£12.00 a week left", in the plan's language. */
    summary: string | null;
  } | { error: string };
  signoff: { name: string; role: string; at: string; current: boolean; summary: string; changed: string | null } | null;
  /** With `signoff-rules`: whether a practitioner may sign it off, and every reason not. */
  rules: { within: boolean; summary: string; reasons: string[] } | null;
  /** With `checks`: what the law expects that the plan may not say yet. */
  suggestions: { rule: string; cite: string; message: string }[];
}

/** A record's answer changed differently in two copies; every version is kept until the person chooses. */
export interface RecordConflict {
  /** The answer's JSON Pointer in the value. */
  pointer: string;
  /** Each version, exactly as its copy had it (the value shows the first). */
  values: unknown[];
}

/** A record to share: its value and the merge history another copy needs to combine with it. */
export interface RecordCopy {
  ourplan: 'record-copy';
  value: unknown;
  /** The merge history: opaque, kept as it is. */
  merge: unknown;
  /** Who answered what (when `author` was set): opaque, kept as it is. */
  authors?: unknown;
}

/** A value changed differently in two copies; every version is kept until the person chooses. */
export interface PlanConflict {
  part: 'block' | 'item' | 'review' | 'plan';
  /** The block's, item's or review's id (empty for the plan itself). */
  id: string;
  /** The field's JSON name. */
  field: string;
  /** Each version, exactly as its copy had it. */
  values: unknown[];
}

/** Thrown by `merge()`: the other copy was refused, and the plan is unchanged. */
export interface MergeRefusedError extends Error {
  code: 'other-document' | 'unreadable' | 'not-ready';
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
  onMerge?: (event: CustomEvent<MergeDetail<unknown>>) => void;
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
  author?: string;
  onSignoff?: (event: CustomEvent<SignoffDetail>) => void;
  onMerge?: (event: CustomEvent<MergeDetail>) => void;
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
