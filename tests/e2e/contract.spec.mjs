// The element contract cannot drift: custom-elements.json, ourplan.d.ts and the README's element
// reference are checked against the code (the elements as the browser defines them, the events
// the JS and Rust fire, the ::part names in the views, the custom properties in style.css), and
// the version against pkg/package.json and CHANGELOG.md.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, openPage } from './harness.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const read = (path) => readFileSync(join(ROOT, path), 'utf8');
const JS = 'components/ourplan-elements/js';
const manifest = JSON.parse(read(`${JS}/custom-elements.json`));
const dts = read(`${JS}/ourplan.d.ts`);
const source = read(`${JS}/ourplan.js`);
const module = manifest.modules.find((m) => m.path === 'ourplan.js');
const element = (tag) => module.declarations.find((d) => d.tagName === tag);
const names = (list = []) => list.map((x) => x.name).sort();
const sorted = (set) => [...set].sort();
const all = (text, re) => new Set([...text.matchAll(re)].map((m) => m[1]));

/** Where each element's view lives, and the list in wire.rs naming the events its Rust half fires. */
const SOURCES = {
  'ourplan-record': { events: 'RECORD_EVENTS', view: 'components/ourplan-ui/src/record.rs', dts: 'OurplanRecordElement' },
  'ourplan-plan': { events: 'PLAN_EVENTS', view: 'components/ourplan-ui/src/plan.rs', dts: 'OurplanPlanElement' },
};
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
    const out = { exports: Object.keys(kit).sort(), elements: {} };
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

test('the manifest is a Custom Elements Manifest 2.x naming both elements and every export', () => {
  assert.match(manifest.schemaVersion, /^2\.\d+\.\d+$/);
  const exported = module.exports.filter((e) => e.kind === 'js').map((e) => e.name).sort();
  assert.deepEqual(exported, defined.exports, 'the module exports');
  const definitions = module.exports.filter((e) => e.kind === 'custom-element-definition').map((e) => e.name).sort();
  assert.deepEqual(definitions, ['ourplan-plan', 'ourplan-record']);
  for (const name of defined.exports) {
    assert.match(dts, new RegExp(`export (declare )?(function|class) ${name}\\b`), `${name} in ourplan.d.ts`);
  }
});

for (const tag of Object.keys(SOURCES)) {
  test(`<${tag}>: attributes, properties and methods match the code, the .d.ts and the README`, () => {
    const decl = element(tag);
    const live = defined.elements[tag];
    assert.equal(live.formAssociated, true);
    // Every observed attribute is listed; `name` is listed too, read when the form asks.
    assert.deepEqual(names(decl.attributes), sorted(new Set([...live.observed, 'name'])));
    const members = Object.fromEntries(decl.members.map((m) => [m.name, m.kind]));
    assert.deepEqual(Object.keys(members).sort(), Object.keys(live.members).sort(), 'public members');
    for (const [name, kind] of Object.entries(live.members)) assert.equal(members[name], kind, name);
    for (const a of decl.attributes) assert.ok(a.fieldName in live.members || a.fieldName === 'lang', `${a.name} has a property`);

    const iface = dts.slice(dts.indexOf(`export interface ${SOURCES[tag].dts} `));
    const body = iface.slice(0, iface.indexOf('\n}\n'));
    const shared = dts.slice(dts.indexOf('interface OurplanFormElement'), dts.indexOf('export interface OurplanRecordElementEventMap'));
    for (const name of Object.keys(members)) {
      assert.match(`${body}\n${shared}`, new RegExp(`\\b${name}\\??[:(]`), `${name} in ourplan.d.ts`);
    }

    const readme = readmeSection(tag);
    assert.deepEqual(sorted(readmeNames(readme, 'attribute')), names(decl.attributes), 'README attributes');
    for (const name of Object.keys(members)) assert.match(readme, new RegExp(`\`${name}(\\(\\))?\``), `${name} in the README`);
  });

  test(`<${tag}>: events, ::part names and custom properties match the code, the .d.ts and the README`, () => {
    const decl = element(tag);
    const { events, view } = SOURCES[tag];
    // Events: what the Rust half asks the JS half to fire (wire.rs lists them), and the JS's own.
    const list = WIRE.match(new RegExp(`const ${events}: \\[&str; \\d+\\] = \\[([^\\]]*)\\]`));
    assert.ok(list, `${events} in wire.rs`);
    const fired = all(list[1], /"([a-z-]+)"/g);
    for (const name of all(source, /new CustomEvent\('([a-z-]+)'/g)) fired.add(name);
    assert.deepEqual(names(decl.events), sorted(fired), 'events');
    const map = dts.slice(dts.indexOf(`export interface ${SOURCES[tag].dts}EventMap`));
    const mapBody = map.slice(0, map.indexOf('\n}\n'));
    for (const name of fired) assert.match(mapBody, new RegExp(`'?${name}'?: CustomEvent<`), `${name} in the .d.ts event map`);

    // Parts: every part= in the element's view, and the JS's own (the failure message).
    const parts = all(read(view), /part="([a-z-]+)"/g);
    for (const name of all(source, /setAttribute\('part', '([a-z-]+)'\)/g)) parts.add(name);
    assert.deepEqual(names(decl.cssParts), sorted(parts), '::part names');

    // Custom properties: every one style.css defines or reads (--op-font has no default: unset,
    // the host's font is inherited).
    const css = read('components/ourplan-ui/src/style.css');
    const props = all(css, /^\s*(--op-[a-z-]+)\s*:/gm);
    for (const name of all(css, /var\((--op-[a-z-]+)/g)) props.add(name);
    assert.deepEqual(names(decl.cssProperties), sorted(props), 'custom properties');

    const readme = readmeSection(tag);
    assert.deepEqual(sorted(readmeNames(readme, 'event')), sorted(fired), 'README events');
    assert.deepEqual(sorted(readmeNames(readme, 'CSS parts')), sorted(parts), 'README parts');
    assert.deepEqual(sorted(readmeNames(readme, 'custom properties')), sorted(props), 'README custom properties');
  });
}

test('the version agrees in ourplan.js, pkg/package.json and CHANGELOG.md', () => {
  const pkg = JSON.parse(read('pkg/package.json'));
  assert.equal(source.match(/const VERSION = '([^']+)'/)[1], pkg.version);
  const released = read('CHANGELOG.md').match(/^## \[(\d+\.\d+\.\d+)\]/m);
  assert.ok(released, 'CHANGELOG.md names a released version');
  assert.equal(released[1], pkg.version);
  assert.equal(pkg.types, './ourplan.d.ts');
  assert.equal(pkg.customElements, './custom-elements.json');
});

/** The README's section for `tag`: from its `### \`<tag>\`` heading to the next heading. */
function readmeSection(tag) {
  const text = read('README.md');
  const start = text.indexOf(`### \`<${tag}>\``);
  assert.ok(start >= 0, `README has a section for <${tag}>`);
  const rest = text.slice(start + 4);
  const end = rest.search(/^#{2,3} /m);
  return end < 0 ? rest : rest.slice(0, end);
}

/** Backticked names in the README table rows whose first cell is `kind`. */
function readmeNames(section, kind) {
  const found = new Set();
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells[1] !== kind) continue;
    const first = cells[2];
    for (const m of first.matchAll(/`([^`]+)`/g)) found.add(m[1]);
  }
  return found;
}
