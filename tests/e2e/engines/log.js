// The engine journeys' logger (tests/e2e/engines/journeys.mjs), loaded as the first script of a
// page opened with `?ourplan-log` (the test server adds it). It keeps what the page says went
// wrong in `window.__ourplanLog`, the same way in every engine: WebKitGTK's WebDriver cannot
// listen to the console, so no driver does.
(() => {
  const log = [];
  window.__ourplanLog = log;
  const text = (a) => {
    if (a instanceof Error) return `${a.name}: ${a.message}`;
    if (typeof a === 'string') return a;
    try { return JSON.stringify(a); } catch { return String(a); }
  };
  const keep = (type, args) => log.push({ type, text: args.map(text).join(' ') });
  for (const type of ['error', 'warn']) {
    const original = console[type];
    console[type] = function logged(...args) {
      keep(type, args);
      return original.apply(this, args);
    };
  }
  addEventListener('error', (e) => keep('pageerror', [e.error ?? e.message]));
  addEventListener('unhandledrejection', (e) => keep('pageerror', [e.reason]));
  document.addEventListener('securitypolicyviolation', (e) => keep('csp', [`${e.violatedDirective} ${e.blockedURI}`]));
})();
