#!/bin/sh
# Issue #7 size experiment: builds the wasm module with different parts (cargo features of
# ourplan-elements) and prints raw / gzip -9 / brotli 11 sizes after wasm-bindgen and wasm-opt -Oz,
# exactly as `cargo xtask build` does for the shipped module (its inlining limit included). Run
# from the repository root:
#   sh tests/bench/variants.sh [name...]     (output in target/variants/<name>/)
# Names: all | record | record-novalidator | plan | plan-novalidator | elements-novalidator |
#        validator | crossing
set -eu
OUT=target/variants
WASM_OPT=xtask/node/node_modules/.bin/wasm-opt
INLINE="--always-inline-max-function-size 6"  # as xtask/src/pkg.rs WASM_OPT_INLINE
FEATS="--enable-bulk-memory --enable-bulk-memory-opt --enable-call-indirect-overlong --enable-multivalue --enable-mutable-globals --enable-nontrapping-float-to-int --enable-reference-types --enable-sign-ext"
features() {
  case "$1" in
    all) echo "record,plan,validator" ;;
    record) echo "record,validator" ;;
    record-novalidator) echo "record" ;;
    plan) echo "plan,validator" ;;
    plan-novalidator) echo "plan" ;;
    elements-novalidator) echo "record,plan" ;;
    validator) echo "validator" ;;
    crossing) echo "crossing-bench" ;;
    *) echo "unknown variant $1" >&2; exit 2 ;;
  esac
}
[ $# -gt 0 ] || set -- all record record-novalidator plan plan-novalidator elements-novalidator validator
for name in "$@"; do
  f=$(features "$name")
  cargo rustc -q -p ourplan-elements --lib --release --target wasm32-unknown-unknown \
    --crate-type cdylib --no-default-features --features "$f"
  rm -rf "$OUT/$name" && mkdir -p "$OUT/$name"
  wasm-bindgen --target web --out-dir "$OUT/$name" --out-name ourplan_wasm \
    target/wasm32-unknown-unknown/release/ourplan_elements.wasm
  $WASM_OPT -Oz $FEATS $INLINE "$OUT/$name/ourplan_wasm_bg.wasm" -o "$OUT/$name/ourplan_wasm_bg.wasm"
  node -e '
    const z = require("zlib"), fs = require("fs");
    const b = fs.readFileSync(process.argv[1]);
    const br = z.brotliCompressSync(b, { params: { [z.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    const gz = z.gzipSync(b, { level: 9 }).length;
    const k = (n) => (n / 1024).toFixed(1);
    console.log(`${process.argv[2].padEnd(20)} features=${process.argv[3].padEnd(22)} raw ${k(b.length)} KiB  gzip ${k(gz)} KiB  brotli ${k(br)} KiB`);
  ' "$OUT/$name/ourplan_wasm_bg.wasm" "$name" "$f" | tee -a "$OUT/sizes.txt"
done
