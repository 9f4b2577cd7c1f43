// Writes pkg/ourplan.js: the element modules in components/ourplan-elements/js (ourplan.js and
// what it imports) as one ES module, with esbuild. The source stays in small modules to work in;
// a host page fetches one file, so the wasm is asked for as soon as that file runs, with no extra
// round trip for each module it imports (150 ms each on the slow-phone profile). The wasm glue,
// ourplan_wasm.js (and the record module's, ourplan_record.js), stays a file of its own beside
// it: the kit imports it dynamically, in parallel with fetching the wasm.
//
// Usage: node xtask/node/bundle.mjs <entry> <out>

import { build } from 'esbuild';

const [entry, out] = process.argv.slice(2);
if (!entry || !out) {
  console.error('usage: node xtask/node/bundle.mjs <entry> <out>');
  process.exit(2);
}

await build({
  entryPoints: [entry],
  outfile: out,
  bundle: true,
  format: 'esm',
  // The oldest engines the README names; nothing newer is needed, so nothing is down-levelled.
  target: ['chrome96', 'edge96', 'firefox101', 'safari16.4'],
  external: ['./ourplan_wasm.js', './ourplan_record.js'],
  // Readable, as the modules were: hosts and reviewers may read what they ship. Comments go
  // (they stay in the source); names stay.
  minify: false,
  legalComments: 'none',
  charset: 'utf8',
  logLevel: 'warning',
});
