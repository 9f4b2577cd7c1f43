// Loads the kit at once; with `?later` (the engine journeys, tests/e2e/engines/journeys.mjs),
// only when the page hears `ourplan-load-kit`, so a test can type into the first paint before
// the kit exists, in browsers whose drivers cannot hold a download back.
const load = () => import('/pkg/ourplan.js');
if (new URLSearchParams(location.search).has('later')) addEventListener('ourplan-load-kit', load, { once: true });
else load();
