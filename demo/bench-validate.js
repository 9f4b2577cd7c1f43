// The page half of the validation benchmark (`cargo xtask bench`, tests/bench/validation.mjs):
// the kit's module API (`compile`, `validate` from ourplan.js) against ajv 8 (draft 2020-12,
// allErrors) on the schemas and values of bench-schema.js.
//
// Each figure is the time per call of a loop of calls (at least 3, and at least `minMs` in all),
// since performance.now() has 100 µs resolution here. The kit's calls are awaited (its API
// returns Promises); ajv's are plain calls. Compiling is timed on a fresh schema each call (a
// `$comment` numbered per call, as the kit keeps compiled schemas by their text); validating uses
// the compiled schema's synchronous `validate(value)`, as ajv's compiled function is used.

import { compile, validate } from '/pkg/ourplan.js';
import { Ajv2020 } from '/bench-peers/ajv.js';
import { generateSchema, generateValue } from './bench-schema.js';

const now = () => performance.now();

function failure(e) {
  const message = String(e?.message ?? e);
  return /Maximum call stack size exceeded|too much recursion/i.test(message) ? 'overflow' : message.slice(0, 200);
}

async function perCallAsync(fn, minMs) {
  let out;
  try {
    out = await fn(); // also a warm-up
    let calls = 0;
    const t0 = now();
    while (calls < 3 || now() - t0 < minMs) {
      await fn();
      calls++;
    }
    return { ms: (now() - t0) / calls, calls, out };
  } catch (e) {
    return { error: failure(e) };
  }
}

function perCallSync(fn, minMs) {
  let out;
  try {
    const first = now();
    out = fn(); // also a warm-up
    // Batches of 10 between clock reads for calls too short for the clock; slow ones singly.
    const batch = now() - first > 1 ? 1 : 10;
    let calls = 0;
    const t0 = now();
    while (calls < 3 || now() - t0 < minMs) {
      for (let i = 0; i < batch; i++) fn();
      calls += batch;
    }
    return { ms: (now() - t0) / calls, calls, out };
  } catch (e) {
    return { error: failure(e) };
  }
}

/** Times the kit and ajv at `n` fields. */
async function run({ n, minMs }) {
  const schema = generateSchema(n);
  const valid = generateValue(n);
  const invalid = generateValue(n, { invalid: true });
  let fresh = 0;
  const compiled = await compile(schema);
  const kit = {
    compile: await perCallAsync(() => compile({ ...schema, $comment: `call ${fresh++}` }), minMs),
    valid: compiled.validate ? perCallSync(() => compiled.validate(valid), minMs) : { error: 'the schema did not compile' },
    invalid: compiled.validate ? perCallSync(() => compiled.validate(invalid), minMs) : { error: 'the schema did not compile' },
    // The one-call form, for a host that passes the schema each time (kept compiled by its text).
    validateWithSchemaValid: await perCallAsync(() => validate(schema, valid), minMs),
    validateWithSchema: await perCallAsync(() => validate(schema, invalid), minMs),
  };
  const count = (r, key) => (r.out ? { ...r, [key]: r.out.errors?.length ?? 0, out: undefined } : r);
  kit.compile = count(kit.compile, 'errors');
  kit.valid = count(kit.valid, 'errors');
  kit.invalid = count(kit.invalid, 'errors');
  kit.validateWithSchemaValid = count(kit.validateWithSchemaValid, 'errors');
  kit.validateWithSchema = count(kit.validateWithSchema, 'errors');

  // ajv caches compiled schemas by object: compile a fresh copy each time, on one instance whose
  // meta-schema is already compiled.
  const ajv = new Ajv2020({ allErrors: true });
  ajv.compile({ type: 'object' });
  const copies = [];
  const ajvCompile = perCallSync(() => {
    const copy = structuredClone(schema);
    copies.push(copy);
    const v = ajv.compile(copy);
    return v;
  }, minMs);
  for (const c of copies.splice(0)) ajv.removeSchema(c);
  const out = { kit, ajv: { compile: { ...ajvCompile, out: undefined } } };
  if (ajvCompile.error) {
    out.ajv.valid = { error: ajvCompile.error };
    out.ajv.invalid = { error: ajvCompile.error };
  } else {
    const check = ajvCompile.out;
    const timed = (value) => {
      const r = perCallSync(() => check(value), minMs);
      return r.error ? r : { ms: r.ms, calls: r.calls, errors: check(value) ? 0 : check.errors.length };
    };
    out.ajv.valid = timed(valid);
    out.ajv.invalid = timed(invalid);
  }
  return out;
}

window.ourplanBench = { run, ready: compile(true).then(() => true) };
