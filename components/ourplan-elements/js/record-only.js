// record-only.js: imported by ourplan-record.js before ourplan.js, so that the kit asks for the
// record's module (no plan builder) when its first element mounts. See kit.js, MODULE_CHOICE.
globalThis[Symbol.for('ourplan.module')] ??= 'record';
