// ourplan-record.js: the entry point for pages that hold only <ourplan-record> (and hosts that
// call validate/compile). It is ourplan.js, with the smaller wasm module that leaves out the plan
// builder (about 130 KiB brotli less). The same exports; <ourplan-plan> is still defined, and
// still works if a page holds one, from the whole kit loaded beside it (with a console warning).
// A page that holds both elements imports ourplan.js: one module for both.
import './record-only.js';
export * from './ourplan.js';
