// Small helpers shared by the bench's parts: medians and number formatting.

/** The median of the finite numbers in `xs`, or null when there are none. */
export function median(xs) {
  const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

const missing = (x) => x === null || x === undefined || Number.isNaN(x);

/** Milliseconds with two decimals below 10 ms, one below 1,000 ms, none above. */
export const ms = (x) => (missing(x) ? '—' : x < 10 ? x.toFixed(2) : x < 1000 ? x.toFixed(1) : x.toFixed(0));

/** Bytes as KiB with one decimal. */
export const kib = (x) => (missing(x) ? '—' : (x / 1024).toFixed(1));

/** kit ÷ peer, as `0.42×`. */
export const ratio = (kit, peer) => (missing(kit) || missing(peer) || peer === 0 ? '' : `${(kit / peer).toFixed(2)}×`);

/** What a page logged as an error or warning, and its uncaught errors. */
export function pageProblems(page) {
  return [
    ...page.pageErrors,
    ...page.consoleMessages.filter((m) => m.type === 'error' || m.type === 'warning').map((m) => m.text),
  ];
}
