// The element contract, written once: reads the JSDoc of the element classes and exports in
// components/ourplan-elements/js/ with @custom-elements-manifest/analyzer, and writes from it
//   - custom-elements.json (the Custom Elements Manifest),
//   - ourplan.d.ts (prelude.d.ts's shared types, then the elements, their event maps, the exported
//     functions and HTMLElementTagNameMap, all from the manifest),
//   - the README's element tables, between `<!-- contract:<tag> -->` and `<!-- /contract -->`.
//
//   node xtask/node/contract.mjs              write what changed (`cargo xtask build` runs this)
//   node xtask/node/contract.mjs --check      write nothing; fail if a file is not what it would write
//   node xtask/node/contract.mjs --typecheck  also compile ourplan.d.ts with TypeScript, with a
//                                             sample host (tests/e2e/contract.spec.mjs does)
//
// The analyzer reads the standard JSDoc tags (@tag, @summary, @attr, @fires, @csspart, @cssprop,
// and @type/@param/@returns on members). What it cannot know about this kit is said once, in
// `contractPlugin` below: what is not the public contract, the base class's @template types,
// the entry point's exports (they come from a registry a second copy of the module shares), and
// mount()'s @overload signatures.

import { create, ts } from '@custom-elements-manifest/analyzer';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const JS = join(ROOT, 'components/ourplan-elements/js');
const ENTRY = 'ourplan.js';
const PRELUDE = join(JS, 'prelude.d.ts');
const OUTPUTS = {
  manifest: join(JS, 'custom-elements.json'),
  dts: join(JS, 'ourplan.d.ts'),
  readme: join(ROOT, 'README.md'),
};

/** Members that are not the contract besides `_`-named, `#private` and static ones. */
const LIFECYCLE = new Set([
  'constructor', 'connectedCallback', 'disconnectedCallback', 'adoptedCallback', 'attributeChangedCallback',
  'formAssociatedCallback', 'formDisabledCallback', 'formResetCallback', 'formStateRestoreCallback',
]);

/**
 * Builds the manifest from the modules in JS: the entry point, then the modules in the order it
 * imports them, then any others.
 */
export function analyze() {
  const parse = (f) => ts.createSourceFile(f, readFileSync(join(JS, f), 'utf8'), ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  const entry = parse(ENTRY);
  const imported = entry.statements.filter(ts.isImportDeclaration).map((s) => s.moduleSpecifier.text.replace(/^\.\//, ''));
  const rank = (f) => (f === ENTRY ? -1 : imported.includes(f) ? imported.indexOf(f) : imported.length);
  const files = readdirSync(JS).filter((f) => f.endsWith('.js')).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const modules = files.map((f) => (f === ENTRY ? entry : parse(f)));
  const manifest = create({ modules, plugins: [contractPlugin()] });
  return { schemaVersion: '2.1.0', readme: 'README.md', modules: manifest.modules };
}

/**
 * What the analyzer is told about this kit, in its four phases:
 * - Events come from `@fires` only. The code dispatches `invalid` and whatever Rust names (in the
 *   base class, with no types); the analyzer would report those, and on inheritance a base
 *   class's bare `CustomEvent` would win over the element's typed one.
 * - `@template V, P` on the base class and `@extends {OurplanElement<X, Y>}` on an element: the
 *   members it inherits get X and Y for V and P (the analyzer copies them as written).
 * - The contract is what a host sees: no `_`-named (for subclasses), `#private` or static
 *   members, no lifecycle callbacks; each element extends HTMLElement (the shared base class is
 *   an implementation detail, folded in); an attribute with no field of its own (`lang`) is
 *   HTMLElement's property of the camelCased name; descriptions are joined into paragraphs.
 * - The entry point exports `const { validate, compile, mount, OurplanError } = <registry>`: each
 *   is the declaration of that name in the other modules. It defines every class with `@tag`.
 *   The manifest keeps what those exports reach, and drops the modules' internal helpers.
 * - Functions with TypeScript's JSDoc `@overload` signatures keep them, as `overloads` beside
 *   `parameters` and `return` (the schema allows other fields; tools that do not know it read the
 *   general signature), so ourplan.d.ts can say which element mount() returns.
 */
function contractPlugin() {
  /** Per class: the events its @fires name, its @template names, its @extends type arguments. */
  const classes = new Map();
  const overloads = new Map();
  let entryExports = [];
  return {
    name: 'ourplan contract',
    analyzePhase({ node, moduleDoc }) {
      if (ts.isClassDeclaration(node) && node.name) {
        const info = { fired: new Set(), templates: [], typeArguments: [] };
        for (const tag of ts.getJSDocTags(node)) {
          if (ts.isJSDocTemplateTag(tag)) info.templates.push(...tag.typeParameters.map((p) => p.name.text));
          else if (ts.isJSDocAugmentsTag(tag)) info.typeArguments = (tag.class.typeArguments ?? []).map((t) => t.getText());
          else if (['fires', 'event'].includes(tag.tagName.text)) info.fired.add(firedName(tag));
        }
        classes.set(node.name.text, info);
      } else if (ts.isFunctionDeclaration(node) && node.name) {
        const signatures = (node.jsDoc ?? []).flatMap((doc) => doc.tags ?? [])
          .filter((tag) => tag.kind === ts.SyntaxKind.JSDocOverloadTag)
          .map(({ typeExpression: sig }) => ({
            parameters: sig.parameters.map((p) => ({
              name: p.name.getText(), ...(p.isBracketed ? { optional: true } : {}), type: { text: p.typeExpression.type.getText() },
            })),
            return: { type: { text: sig.type?.typeExpression?.type.getText() ?? 'void' } },
          }));
        if (signatures.length) overloads.set(node.name.text, signatures);
      } else if (moduleDoc.path === ENTRY && ts.isVariableStatement(node)
        && node.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
        for (const d of node.declarationList.declarations) {
          entryExports.push(...(ts.isObjectBindingPattern(d.name) ? d.name.elements.map((e) => e.name.text) : [d.name.text]));
        }
      }
    },
    moduleLinkPhase({ moduleDoc }) {
      for (const decl of moduleDoc.declarations ?? []) {
        if (decl.kind === 'class' && decl.events) decl.events = decl.events.filter((e) => classes.get(decl.name)?.fired.has(e.name));
      }
    },
    packageLinkPhase({ customElementsManifest: { modules } }) {
      const entry = modules.find((m) => m.path === ENTRY);
      const declared = new Map();
      for (const mod of modules) {
        if (mod !== entry) for (const decl of mod.declarations ?? []) declared.set(decl.name, { decl, mod });
      }
      for (const { decl } of declared.values()) {
        if (decl.kind === 'class') publicView(decl, declared, classes);
        if (decl.kind === 'function' && overloads.has(decl.name)) decl.overloads = overloads.get(decl.name);
        tidyDescriptions(decl);
      }
      const kept = new Set();
      const exported = entryExports.map((name) => {
        const found = declared.get(name);
        if (!found) throw new Error(`${ENTRY} exports ${name}, but no other module declares it`);
        kept.add(found.decl);
        return { kind: 'js', name, declaration: { name, module: found.mod.path } };
      });
      for (const { decl, mod } of declared.values()) {
        if (!decl.tagName) continue;
        kept.add(decl);
        exported.push({ kind: 'custom-element-definition', name: decl.tagName, declaration: { name: decl.name, module: mod.path } });
      }
      entry.declarations = [];
      entry.exports = exported;
      for (const mod of modules) {
        if (mod === entry) continue;
        mod.declarations = (mod.declarations ?? []).filter((d) => kept.has(d));
        mod.exports = (mod.exports ?? []).filter((e) => mod.declarations.some((d) => d.name === e.declaration?.name));
      }
      modules.splice(0, modules.length, ...modules.filter((m) => m === entry || m.declarations.length));
      entryExports = [];
    },
  };
}

/** The event name of a `@fires {Type} name - description` tag. */
function firedName(tag) {
  let text = (ts.getTextOfJSDocComment(tag.comment) ?? '').trim();
  if (text.startsWith('{')) {
    let depth = 0;
    let i = 0;
    for (; i < text.length; i += 1) {
      if (text[i] === '{') depth += 1;
      else if (text[i] === '}' && (depth -= 1) === 0) break;
    }
    text = text.slice(i + 1).trim();
  }
  return text.split(/\s+/)[0];
}

/** A class as a host sees it (see `contractPlugin`). */
function publicView(decl, declared, classes) {
  const base = declared.get(decl.superclass?.name)?.decl;
  const params = base ? classes.get(base.name)?.templates ?? [] : [];
  const args = classes.get(decl.name)?.typeArguments ?? [];
  if (params.length !== args.length) {
    throw new Error(`${decl.name}: its @extends gives ${args.length} type arguments for ${base.name}'s ${params.length} @template types`);
  }
  const substitute = (text) => params.reduce((t, p, i) => t.replace(new RegExp(`\\b${p}\\b`, 'g'), args[i]), text);
  // Replaced, not changed in place: the analyzer's inherited copies share these objects with
  // the base class and with the other elements.
  const typed = (type) => type && { ...type, text: substitute(type.text) };
  const retype = (item) => {
    if (item.type) item.type = typed(item.type);
    if (item.return) item.return = { ...item.return, type: typed(item.return.type) };
    if (item.parameters) item.parameters = item.parameters.map((p) => ({ ...p, type: typed(p.type) }));
  };
  for (const key of ['attributes', 'members', 'events', 'cssParts', 'cssProperties', 'slots']) {
    if (!decl[key]) continue;
    if (key === 'members') {
      decl.members = decl.members.filter((m) => !m.static && !m.privacy && !/^[_#]/.test(m.name) && !LIFECYCLE.has(m.name));
    }
    for (const item of decl[key]) {
      if (base && item.inheritedFrom?.name === base.name) retype(item);
      delete item.inheritedFrom;
      if (key === 'attributes' && !item.fieldName) item.fieldName = item.name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    }
  }
  // Up the chain to the first class the kit does not declare (HTMLElement, Error).
  let superclass = decl.superclass;
  while (superclass && declared.has(superclass.name)) superclass = declared.get(superclass.name).decl.superclass;
  if (superclass) decl.superclass = { name: superclass.name };
}

/**
 * JSDoc lines joined into paragraphs (a blank line between paragraphs), and no variable names
 * given as defaults, everywhere in `node`.
 */
function tidyDescriptions(node) {
  if (Array.isArray(node)) {
    node.forEach(tidyDescriptions);
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'default' && typeof value === 'string' && /^[A-Za-z_$][\w$]*$/.test(value) && !['true', 'false', 'null'].includes(value)) {
        // A field set from a variable (`this.detail = detail`): its name is no default value.
        delete node[key];
      } else if ((key === 'description' || key === 'summary') && typeof value === 'string') {
        node[key] = value.split(/\n\s*\n/).map((p) => p.replace(/\s*\n\s*/g, ' ').trim()).filter(Boolean).join('\n\n');
      } else {
        tidyDescriptions(value);
      }
    }
  }
}

// --- ourplan.d.ts -------------------------------------------------------------------------------

/** The declaration an export points at. */
function declarationOf(manifest, ref) {
  return manifest.modules.find((m) => m.path === ref.module).declarations.find((d) => d.name === ref.name);
}

function entryOf(manifest) {
  return manifest.modules.find((m) => m.path === ENTRY);
}

/** The custom elements the entry point defines: `[tag, declaration]`. */
function elementsOf(manifest) {
  return entryOf(manifest).exports.filter((e) => e.kind === 'custom-element-definition')
    .map((e) => [e.name, declarationOf(manifest, e.declaration)]);
}

/** The lines of `paragraph`, each starting with `prefix`, wrapped to 100 columns. */
function wrap(paragraph, prefix = '') {
  const lines = [];
  let line = '';
  for (const word of paragraph.split(/\s+/)) {
    if (line && `${prefix}${line} ${word}`.length > 100) {
      lines.push(`${prefix}${line}`);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  return [...lines, `${prefix}${line}`];
}

/** A `/** … *\/` comment for `text`, wrapped to 100 columns at `indent`. */
function docComment(text, indent = '') {
  if (!text) return [];
  const safe = text.replaceAll('*/', '*\\/');
  const one = `${indent}/** ${safe} */`;
  if (!safe.includes('\n') && one.length <= 100) return [one];
  const paragraphs = safe.split('\n\n').map((p) => wrap(p, `${indent} * `));
  return [`${indent}/**`, ...paragraphs.flatMap((p, i) => (i ? [`${indent} *`, ...p] : p)), `${indent} */`];
}

const params = (list = []) => list.map((p) => `${p.name}${p.optional ? '?' : ''}: ${p.type?.text ?? 'unknown'}`).join(', ');
const propertyKey = (name) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name}'`);

export function renderDts(manifest, prelude) {
  const out = [
    '// ourplan.d.ts: the types of ourplan.js, its custom elements, their events and its exports.',
    '// Generated by `cargo xtask build` (xtask/node/contract.mjs) from the JSDoc in',
    '// components/ourplan-elements/js/ (through custom-elements.json), after the shared types of',
    '// prelude.d.ts there. Do not edit it: edit those, then build.',
    '',
    prelude.replace(/^(\/\/.*\n)+\n*/, '').trimEnd(),
    '',
  ];
  for (const e of entryOf(manifest).exports.filter((x) => x.kind === 'js')) {
    const decl = declarationOf(manifest, e.declaration);
    if (decl.kind === 'function') {
      out.push('', ...docComment(decl.description));
      for (const sig of decl.overloads ?? [decl]) {
        out.push(`export function ${e.name}(${params(sig.parameters)}): ${sig.return?.type?.text ?? 'void'};`);
      }
    } else if (!new RegExp(`^export (declare )?(class|function|const) ${e.name}\\b`, 'm').test(prelude)) {
      throw new Error(`${ENTRY} exports ${e.name}, a ${decl.kind}: declare it in prelude.d.ts (only functions are written from JSDoc)`);
    }
  }
  const tags = [];
  for (const [tag, decl] of elementsOf(manifest)) {
    const iface = `${decl.name}Element`;
    tags.push(`    '${tag}': ${iface};`);
    out.push('', `export interface ${iface}EventMap extends HTMLElementEventMap {`);
    for (const ev of decl.events ?? []) out.push(...docComment(ev.description, '  '), `  ${propertyKey(ev.name)}: ${ev.type?.text ?? 'CustomEvent'};`);
    out.push('}', '', ...docComment(`\`<${tag}>\`: ${decl.summary ?? ''}${decl.description ? `\n\n${decl.description}` : ''}`));
    out.push(`export interface ${iface} extends HTMLElement {`);
    for (const m of decl.members ?? []) {
      if (m.kind === 'field') {
        const doc = m.attribute ? `${m.description ?? ''} (Attribute \`${m.attribute}\`.)`.trim() : m.description;
        out.push(...docComment(doc, '  '), `  ${m.readonly ? 'readonly ' : ''}${m.name}: ${m.type?.text ?? 'unknown'};`);
      } else if (m.kind === 'method') {
        out.push(...docComment(m.description, '  '), `  ${m.name}(${params(m.parameters)}): ${m.return?.type?.text ?? 'void'};`);
      }
    }
    for (const [method, options] of [['addEventListener', 'AddEventListenerOptions'], ['removeEventListener', 'EventListenerOptions']]) {
      out.push(`  ${method}<K extends keyof ${iface}EventMap>(type: K, listener: (this: ${iface}, ev: ${iface}EventMap[K]) => unknown, options?: boolean | ${options}): void;`);
      out.push(`  ${method}(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | ${options}): void;`);
    }
    out.push('}');
  }
  out.push('', 'declare global {', '  interface HTMLElementTagNameMap {', ...tags, '  }', '}', '');
  return out.join('\n');
}

// --- the README's tables ------------------------------------------------------------------------

const code = (name) => `\`${name}\``;
const cell = (text = '') => text.replace(/\s*\n+\s*/g, ' ').replaceAll('|', '\\|');

/** The table of one element, as the README shows it. */
export function readmeTable(tag, decl) {
  const rows = [];
  const members = decl.members ?? [];
  for (const a of decl.attributes ?? []) rows.push(['attribute', code(a.name), a.description]);
  for (const m of members.filter((x) => x.kind === 'field' && !x.attribute && !x.readonly)) rows.push(['property', code(m.name), m.description]);
  const camel = (decl.attributes ?? []).map((a) => code(a.fieldName));
  if (camel.length) rows.push(['property', camel.join(', '), 'the attributes, camelCased']);
  for (const m of members.filter((x) => x.kind === 'field' && x.readonly)) rows.push(['property', code(m.name), `${m.description ?? ''} Read-only.`]);
  for (const m of members.filter((x) => x.kind === 'method')) rows.push(['method', code(`${m.name}()`), m.description]);
  for (const e of decl.events ?? []) rows.push(['event', code(e.name), e.description]);
  const parts = (decl.cssParts ?? []).map((p) => p.name);
  if (parts.length) {
    const example = parts.includes('input') ? 'input' : parts[0];
    rows.push(['CSS parts', parts.map(code).join(', '), `style with \`${tag}::part(${example}) { … }\`; each is described in \`custom-elements.json\``]);
  }
  const props = (decl.cssProperties ?? []).map((p) => p.name);
  if (props.length) rows.push(['custom properties', props.map(code).join(', '), 'see `pkg/ourplan.css`; each is described in `custom-elements.json`']);
  return ['| | name | what it does |', '|---|---|---|', ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
}

/**
 * `readme` with each element's block (between its markers) written afresh: the element's
 * description, then its table.
 */
export function renderReadme(manifest, readme) {
  let out = readme;
  for (const [tag, decl] of elementsOf(manifest)) {
    const block = new RegExp(`(<!-- contract:${tag} -->\\n)[\\s\\S]*?(<!-- /contract -->)`);
    if (!block.test(out)) throw new Error(`README.md has no <!-- contract:${tag} --> … <!-- /contract --> block for the element's table`);
    const note = `<!-- Written by \`cargo xtask build\` from the JSDoc in components/ourplan-elements/js/: edit it there. -->`;
    const about = (decl.description ?? '').split('\n\n').filter(Boolean).map((p) => `${wrap(p).join('\n')}\n\n`).join('');
    out = out.replace(block, (_, open, close) => `${open}${note}\n\n${about}${readmeTable(tag, decl)}\n\n${close}`);
  }
  return out;
}

// --- checking the .d.ts -----------------------------------------------------------------------------

/** A host's use of the types: compiles only if the .d.ts says what hosts rely on. */
const SAMPLE = `
import { compile, mount, validate, OurplanError, type PlanDocument } from './ourplan.js';
const record = document.querySelector('ourplan-record');
const plan = document.createElement('ourplan-plan');
if (record) {
  record.level = 'full';
  record.addEventListener('change', (event) => { const value: unknown = event.detail.value; void value; });
  record.addEventListener('invalid', (event) => { const at: string | undefined = event.detail.errors[0]?.pointer; void at; });
  void record.validate().then((verdict) => verdict.errors.map((e) => e.pointer));
}
plan.addEventListener('ourplan-signoff', (event) => { const at: string | undefined = event.detail.signoff?.at; void at; });
const doc: PlanDocument | null = plan.value;
const planHandle = mount(document.body, { kind: 'plan', indicativeBudget: '150.00' });
const planElement: HTMLElementTagNameMap['ourplan-plan'] = planHandle.element;
const recordHandle = mount(document.body, { schema: true });
void recordHandle.validate().then((v) => v.errors.map((e) => e.pointer));
void validate(true, {}, { lang: 'cy' }).then((v) => v.valid);
void compile('{}').then((c) => c.validate?.(1));
const problem: OurplanError | null = null;
void doc; void planElement; void problem;
`;

/** Compiles `dts` and the sample with TypeScript (strict, DOM types); returns the errors. */
export function typecheck(dts) {
  const dir = mkdtempSync(join(tmpdir(), 'ourplan-dts-'));
  try {
    writeFileSync(join(dir, 'ourplan.d.ts'), dts);
    writeFileSync(join(dir, 'sample.ts'), SAMPLE);
    const program = ts.createProgram([join(dir, 'ourplan.d.ts'), join(dir, 'sample.ts')], {
      strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ES2022,
      moduleResolution: ts.ModuleResolutionKind.Bundler, lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'], types: [],
    });
    return ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file ? `${relative(dir, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}: ` : '';
      return `${where}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// --- main ---------------------------------------------------------------------------------------

/** What each output file should hold. */
export function render() {
  const manifest = analyze();
  return {
    [OUTPUTS.manifest]: `${JSON.stringify(manifest, null, 2)}\n`,
    [OUTPUTS.dts]: renderDts(manifest, readFileSync(PRELUDE, 'utf8')),
    [OUTPUTS.readme]: renderReadme(manifest, readFileSync(OUTPUTS.readme, 'utf8')),
  };
}

function main(args) {
  const check = args.includes('--check');
  const wanted = render();
  const stale = [];
  for (const [path, text] of Object.entries(wanted)) {
    let have = null;
    try {
      have = readFileSync(path, 'utf8');
    } catch {
      // Missing: written below, or reported.
    }
    if (have === text) continue;
    stale.push(relative(ROOT, path));
    if (!check) writeFileSync(path, text);
  }
  if (check && stale.length) {
    console.error(`contract: out of date with the JSDoc in components/ourplan-elements/js/: ${stale.join(', ')}\n`
      + 'Run `cargo xtask build` (it writes them) and commit them.');
    return 1;
  }
  if (!check && stale.length) console.log(`contract: wrote ${stale.join(', ')}`);
  if (args.includes('--typecheck')) {
    const errors = typecheck(wanted[OUTPUTS.dts]);
    if (errors.length) {
      console.error(`contract: ourplan.d.ts does not compile:\n${errors.join('\n')}`);
      return 1;
    }
  }
  return 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    console.error(`contract: ${error.message}`);
    process.exitCode = 1;
  }
}
