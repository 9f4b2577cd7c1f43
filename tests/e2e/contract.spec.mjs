// The element contract is written once, in the JSDoc of the element classes and exports in
// components/ourplan-elements/js/; the build writes custom-elements.json, ourplan.d.ts and the
// README's element tables from it (xtask/node/contract.mjs). This spec checks that those files are
// current and that the .d.ts compiles, that the contract agrees with what it describes (the
// elements as the browser defines them, the events the Rust and JS halves fire, every ::part the
// views draw, every custom property style.css reads), and the version.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, openPage } from './harness.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const read = (path) => readFileSync(join(ROOT, path), 'utf8');
const JS = 'components/ourplan-elements/js';
const manifest = JSON.parse(read(`${JS}/custom-elements.json`));
const dts = read(`${JS}/ourplan.d.ts`);
/** The kit's JS modules, concatenated (the entry point and what it imports). */
const jsSource = readdirSync(join(ROOT, JS)).filter((f) => f.endsWith('.js')).map((f) => read(`${JS}/${f}`)).join('\n');
const entry = manifest.modules.find((m) => m.path === 'ourplan.js');
const declarations = manifest.modules.flatMap((m) => m.declarations);
const element = (tag) => declarations.find((d) => d.tagName === tag);
const names = (list = []) => list.map((x) => x.name).sort();
const sorted = (set) => [...set].sort();
const all = (text, re) => new Set([...text.matchAll(re)].map((m) => m[1]));

/** The list in wire.rs naming the events each element's Rust half asks the JS half to fire. */
const WIRE_EVENTS = { 'ourplan-record': 'RECORD_EVENTS', 'ourplan-plan': 'PLAN_EVENTS' };
const WIRE = read('components/ourplan-elements/src/wire.rs');

let browser;
let defined;
before(async () => {
  browser = await launch();
  const page = await openPage(browser, '/embed-test.html');
  defined = await page.evaluate(async () => {
    const kit = await import('/pkg/ourplan.js');
    const lifecycle = new Set(['constructor', 'connectedCallback', 'disconnectedCallback', 'attributeChangedCallback',
      'formResetCallback', 'formStateRestoreCallback', 'formDisabledCallback', 'formAssociatedCallback']);
    const out = { exports: Object.keys(kit).sort(), elements: {}, htmlElement: Object.getOwnPropertyNames(HTMLElement.prototype) };
    for (const tag of ['ourplan-record', 'ourplan-plan']) {
      const cls = customElements.get(tag);
      const members = {};
      for (let proto = cls.prototype; proto && proto !== HTMLElement.prototype; proto = Object.getPrototypeOf(proto)) {
        for (const [name, d] of Object.entries(Object.getOwnPropertyDescriptors(proto))) {
          if (name.startsWith('_') || lifecycle.has(name) || name in members) continue;
          members[name] = typeof d.value === 'function' ? 'method' : 'field';
        }
      }
      out.elements[tag] = { observed: [...cls.observedAttributes].sort(), formAssociated: cls.formAssociated, members };
    }
    return out;
  });
  await page.context().close();
});
after(async () => {
  await browser?.close();
});

test('custom-elements.json, ourplan.d.ts and the README tables are what the JSDoc writes, and the .d.ts compiles', () => {
  // The generator itself: regenerated in memory and compared; then the .d.ts compiled (strict,
  // DOM types) with a sample host that uses the elements, their events and mount()'s overloads.
  const run = spawnSync(process.execPath, ['xtask/node/contract.mjs', '--check', '--typecheck'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(run.status, 0, `${run.stdout}${run.stderr}`);
});

test('the manifest is a Custom Elements Manifest 2.x naming both elements and every export', () => {
  assert.match(manifest.schemaVersion, /^2\.\d+\.\d+$/);
  const exported = entry.exports.filter((e) => e.kind === 'js').map((e) => e.name).sort();
  assert.deepEqual(exported, defined.exports, 'the module exports');
  const definitions = entry.exports.filter((e) => e.kind === 'custom-element-definition').map((e) => e.name).sort();
  assert.deepEqual(definitions, ['ourplan-plan', 'ourplan-record']);
  for (const e of entry.exports) {
    const module = manifest.modules.find((m) => m.path === e.declaration.module);
    assert.ok(module?.declarations.some((d) => d.name === e.declaration.name), `${e.name}: its declaration is in the manifest`);
  }
  for (const name of defined.exports) {
    assert.match(dts, new RegExp(`^export (declare )?(function|class) ${name}\\b`, 'm'), `${name} in ourplan.d.ts`);
  }
  for (const tag of definitions) assert.match(dts, new RegExp(`'${tag}': ${element(tag).name}Element;`), `<${tag}> in HTMLElementTagNameMap`);
});

for (const tag of Object.keys(WIRE_EVENTS)) {
  test(`<${tag}>: attributes, properties and methods are the element's as the browser defines it`, () => {
    const decl = element(tag);
    const live = defined.elements[tag];
    assert.equal(live.formAssociated, true);
    assert.equal(decl.superclass.name, 'HTMLElement');
    // Every observed attribute is listed; `name` is listed too, read when the form asks.
    assert.deepEqual(names(decl.attributes), sorted(new Set([...live.observed, 'name'])));
    const members = Object.fromEntries(decl.members.map((m) => [m.name, m.kind]));
    assert.deepEqual(Object.keys(members).sort(), Object.keys(live.members).sort(), 'public members');
    for (const [name, kind] of Object.entries(live.members)) assert.equal(members[name], kind, name);
    // An attribute's property is the element's own, or HTMLElement's (`lang`).
    for (const a of decl.attributes) {
      assert.ok(a.fieldName in live.members || defined.htmlElement.includes(a.fieldName), `${a.name} has a property (${a.fieldName})`);
    }
    for (const m of decl.members) assert.ok(m.type || m.kind === 'method', `${m.name} has a type`);
  });

  test(`<${tag}>: events, ::part names and custom properties are the ones the code fires, draws and reads`, () => {
    const decl = element(tag);
    // Events: what the Rust half asks the JS half to fire (the wire.rs constant lists them; a
    // test there checks the Rust fires nothing else), and the ones the JS dispatches by name.
    const list = WIRE.match(new RegExp(`const ${WIRE_EVENTS[tag]}: \\[&str; \\d+\\] = \\[([^\\]]*)\\]`));
    assert.ok(list, `${WIRE_EVENTS[tag]} in wire.rs`);
    const fired = all(list[1], /"([a-z-]+)"/g);
    for (const name of all(jsSource, /new CustomEvent\('([a-z-]+)'/g)) fired.add(name);
    assert.deepEqual(names(decl.events), sorted(fired), 'events');
    for (const e of decl.events) assert.match(e.type?.text ?? '', /^CustomEvent</, `${e.name} has a CustomEvent type`);

    // Parts: every part="…" the views draw (a view under src/record… or src/plan… is that
    // element's; anything else is shared), and the JS's own (the failure message).
    assert.deepEqual(names(decl.cssParts), sorted(viewParts(tag)), '::part names');

    // Custom properties: every one style.css defines or reads (--op-font has no default: unset,
    // the host's font is inherited).
    const css = read('components/ourplan-ui/src/style.css');
    const props = all(css, /^\s*(--op-[a-z-]+)\s*:/gm);
    for (const name of all(css, /var\((--op-[a-z-]+)/g)) props.add(name);
    assert.deepEqual(names(decl.cssProperties), sorted(props), 'custom properties');
  });
}

test('the version agrees in ourplan.js, pkg/package.json, CHANGELOG.md and the ourplan command', () => {
  const pkg = JSON.parse(read('pkg/package.json'));
  assert.equal(read(`${JS}/kit.js`).match(/const VERSION = '([^']+)'/)[1], pkg.version);
  assert.equal(read('components/ourplan-cli/Cargo.toml').match(/^version = "([^"]+)"/m)[1], pkg.version);
  const released = read('CHANGELOG.md').match(/^## \[(\d+\.\d+\.\d+)\]/m);
  assert.ok(released, 'CHANGELOG.md names a released version');
  assert.equal(released[1], pkg.version);
  assert.equal(pkg.types, './ourplan.d.ts');
  assert.equal(pkg.customElements, './custom-elements.json');
});

/**
 * The part names the element's views draw: `part="…"` in every .rs file under ourplan-ui's src/
 * (a file or folder whose name starts with `record` or `plan` belongs to that element, any other
 * to both), and the parts the JS sets itself.
 */
function viewParts(tag) {
  const own = tag.replace(/^ourplan-/, '');
  const parts = all(jsSource, /setAttribute\('part', '([a-z-]+)'\)/g);
  const src = join(ROOT, 'components/ourplan-ui/src');
  for (const file of readdirSync(src, { recursive: true })) {
    if (!file.endsWith('.rs')) continue;
    const first = file.split(sep)[0];
    const owner = ['record', 'plan'].find((kind) => first.startsWith(kind));
    if (owner && owner !== own) continue;
    for (const name of all(readFileSync(join(src, file), 'utf8'), /part="([a-z-]+)"/g)) parts.add(name);
  }
  return parts;
}
