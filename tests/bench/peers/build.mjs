// Bundles each peer (src/<peer>.js) with esbuild into one minified ES module per peer, as a host
// page would ship it: `node tests/bench/peers/build.mjs <out dir>`. CSS a peer needs is imported
// as text and added by its own code, so each peer is one file. Writes <out dir>/manifest.json
// with each bundle's file and the versions of the packages in it.

import { build } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2];
if (!out) {
  console.error('usage: node tests/bench/peers/build.mjs <out dir>');
  process.exit(2);
}
const version = (pkg) => JSON.parse(readFileSync(join(here, 'node_modules', pkg, 'package.json'), 'utf8')).version;
const PEERS = {
  rjsf: { label: 'react-jsonschema-form', packages: ['@rjsf/core', '@rjsf/validator-ajv8', 'react-dom', 'ajv'] },
  jsonforms: { label: 'JSON Forms (vanilla)', packages: ['@jsonforms/core', '@jsonforms/vanilla-renderers', 'react-dom', 'ajv'] },
  surveyjs: { label: 'SurveyJS', packages: ['survey-core', 'survey-react-ui', 'react-dom'] },
  formio: { label: 'Form.io', packages: ['@formio/js'] },
  ajv: { label: 'ajv', packages: ['ajv'] },
};

mkdirSync(out, { recursive: true });
const manifest = {};
for (const [name, peer] of Object.entries(PEERS)) {
  await build({
    entryPoints: [join(here, 'src', `${name}.js`)],
    outfile: join(out, `${name}.js`),
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: { '.css': 'text' },
    legalComments: 'none',
    logLevel: 'warning',
  });
  manifest[name] = {
    label: peer.label,
    file: `${name}.js`,
    versions: Object.fromEntries(peer.packages.map((p) => [p, version(p)])),
  };
}
writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest, null, 2));
console.error(`bundled ${Object.keys(PEERS).join(', ')} into ${out}`);
