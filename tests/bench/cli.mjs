// The `ourplan` command's throughput (issue 20): 10,000 records of the shipped "what matters"
// schema, each a little different, a fifth of them with problems, checked in one run with
// `--lines --format json` (one process, one core: the command is single-threaded). Prints a line
// for people and writes `{ records, seconds, perSecond, invalid }` to the file given.
//
// Usage: node tests/bench/cli.mjs <ourplan binary> <out.json>

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [bin, outFile] = process.argv.slice(2);
const RECORDS = 10_000;
const root = new URL('../../', import.meta.url);
const schemaPath = new URL('schemas/records/what-matters.schema.json', root).pathname;
const examples = JSON.parse(readFileSync(new URL('schemas/records/what-matters.examples.json', root), 'utf8'));
const valid = examples.valid.map((e) => e.value);
const invalid = examples.invalid.map((e) => e.value);
const lines = [];
for (let i = 0; i < RECORDS; i++) {
  const bad = i % 5 === 4;
  const pool = bad ? invalid : valid;
  const record = structuredClone(pool[i % pool.length]);
  if (typeof record.what_matters === 'string') record.what_matters += ` (record ${i})`;
  lines.push(JSON.stringify(record));
}
const dir = mkdtempSync(join(tmpdir(), 'ourplan-cli-bench-'));
const batch = join(dir, 'batch.jsonl');
writeFileSync(batch, lines.join('\n') + '\n');
const runs = [];
let invalidCount = 0;
for (let r = 0; r < 3; r++) {
  const start = process.hrtime.bigint();
  const run = spawnSync(bin, ['validate', '--lines', '--format', 'json', '--schema', schemaPath, batch], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (run.error || ![0, 1].includes(run.status)) throw new Error(`ourplan exited ${run.status}: ${run.stderr || run.error}`);
  const results = run.stdout.trim().split('\n');
  if (results.length !== RECORDS) throw new Error(`${results.length} results for ${RECORDS} records`);
  invalidCount = results.filter((l) => l.includes('"valid":false')).length;
  runs.push(seconds);
}
rmSync(dir, { recursive: true, force: true });
runs.sort((a, b) => a - b);
const seconds = runs[1];
const perSecond = Math.round(RECORDS / seconds);
console.log(`ourplan validate: ${RECORDS.toLocaleString('en-GB')} records (${invalidCount.toLocaleString('en-GB')} with problems) in ${seconds.toFixed(2)} s, median of 3: ${perSecond.toLocaleString('en-GB')} records a second on one core`);
writeFileSync(outFile, JSON.stringify({ records: RECORDS, seconds, perSecond, invalid: invalidCount }));
