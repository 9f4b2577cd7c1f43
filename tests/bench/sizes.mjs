// The peers' bundle sizes for `cargo xtask bench`: raw, gzip level 9 and brotli quality 11 (Node's
// zlib; the kit's sizes come from xtask, measured the same way with `gzip -9`).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export function fileSizes(path) {
  const bytes = readFileSync(path);
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length,
  };
}

/** `{ [peer]: { label, versions, file, raw, gzip, brotli } }` from the bundles' manifest. */
export function peerSizes(dir) {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  return Object.fromEntries(Object.entries(manifest).map(([name, m]) => [name, { ...m, ...fileSizes(join(dir, m.file)) }]));
}
