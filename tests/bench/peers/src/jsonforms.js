// JSON Forms with its vanilla renderers (React), a UI schema of controls with a group per nested
// object (the vanilla renderers draw no nested object from the generated one), validation
// shown as you type (ValidateAndShow) by ajv 8 for draft 2020-12 (set up as JSON Forms' own
// createAjv does: allErrors, verbose, strict off, formats).
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { JsonForms } from '@jsonforms/react';
import { vanillaCells, vanillaRenderers } from '@jsonforms/vanilla-renderers';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/** A vertical layout of the schema's fields, each nested object a group of its own fields. */
function uiSchema(schema, scope = '#') {
  const elements = Object.entries(schema.properties).map(([name, sub]) => {
    const at = `${scope}/properties/${name}`;
    return sub.type === 'object'
      ? { type: 'Group', label: sub.title, elements: uiSchema(sub, at).elements }
      : { type: 'Control', scope: at };
  });
  return { type: 'VerticalLayout', elements };
}

export function mount(container, { schema, names, onChange }) {
  const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: false, addUsedSchema: false });
  addFormats(ajv);
  createRoot(container).render(createElement(JsonForms, {
    schema, uischema: uiSchema(schema), data: {}, renderers: vanillaRenderers, cells: vanillaCells, ajv,
    validationMode: 'ValidateAndShow', onChange,
  }));
  // JSON Forms gives each control's input the id `#/properties/<name>…-input`.
  const find = (path) => document.getElementById(`#/properties/${path.join('/properties/')}-input`);
  return { first: () => find(names.first.path), last: () => find(names.last.path) };
}
