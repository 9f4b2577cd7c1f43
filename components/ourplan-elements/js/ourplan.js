// ourplan.js: the one ES module a host page imports (the package's entry point). Importing it
// defines the custom elements <ourplan-record> and <ourplan-plan>; it also exports `validate` and
// `compile` for hosts that check values without rendering, `mount(container, options)` for hosts
// that would rather not write the tag, and `OurplanError`.
//
// The rest of the kit is in modules this one imports statically, every one of them by name, so
// the browser asks for them all at once when this module arrives (a module only one of them
// imported would be asked for a round trip later):
//   kit.js     the wasm module (one per page), its failure after a trap, validate/compile and
//              OurplanError, the form-submit watch, small helpers;
//   element.js OurplanElement, the base class both elements share;
//   record.js  OurplanRecord, <ourplan-record>;   plan.js  OurplanPlan, <ourplan-plan>;
//   mount.js   mount().
// The element contract is written once, in the JSDoc of the element classes (element.js,
// record.js, plan.js) and of the exports; the build (xtask/node/contract.mjs) writes
// custom-elements.json, ourplan.d.ts and the README's element tables from it, and
// tests/e2e/contract.spec.mjs checks them against the code.

import { SHARED, VERSION, compile as compileHere, OurplanError as OurplanErrorHere, validate as validateHere } from './kit.js';
import './element.js';
import { OurplanRecord } from './record.js';
import { OurplanPlan } from './plan.js';
import { mount as mountHere } from './mount.js';


if (!globalThis[SHARED]) {
  globalThis[SHARED] = {
    version: VERSION, validate: validateHere, compile: compileHere, mount: mountHere, OurplanError: OurplanErrorHere,
  };
  for (const element of [OurplanRecord, OurplanPlan]) {
    if (!customElements.get(element.tag)) customElements.define(element.tag, element);
  }
} else if (globalThis[SHARED].version !== VERSION) {
  console.warn(`ourplan: two versions of the kit are on this page (${globalThis[SHARED].version}, loaded first, and ${VERSION}); the first one is used`);
}

/** The page's one copy of the API (this module's own, unless another copy loaded first). */
const shared = globalThis[SHARED];
export const { validate, compile, mount, OurplanError } = shared;
