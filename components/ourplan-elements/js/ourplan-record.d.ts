// Types of ourplan-record.js: the same as ourplan.js (see ourplan.d.ts).
export * from './ourplan.js';
