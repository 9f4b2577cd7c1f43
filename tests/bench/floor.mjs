// Writes the benchmark's generated schemas and values (demo/bench-schema.js) as JSON files for
// the native validation floor (components/ourplan-core/examples/validation_floor.rs):
//   node tests/bench/floor.mjs [out dir, default target/bench/floor]
import { mkdirSync, writeFileSync } from 'node:fs';
import { generateSchema, generateValue } from '../../demo/bench-schema.js';

const dir = process.argv[2] || 'target/bench/floor';
mkdirSync(dir, { recursive: true });
for (const n of [50, 200, 1000, 2000]) {
  writeFileSync(`${dir}/schema-${n}.json`, JSON.stringify(generateSchema(n)));
  writeFileSync(`${dir}/valid-${n}.json`, JSON.stringify(generateValue(n)));
  writeFileSync(`${dir}/invalid-${n}.json`, JSON.stringify(generateValue(n, { invalid: true })));
}
console.log(`wrote the schemas and values for 50, 200, 1,000 and 2,000 fields to ${dir}/`);
