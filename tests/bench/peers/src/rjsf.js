// react-jsonschema-form (core theme, plain HTML) with its ajv 8 validator, draft 2020-12 and live
// validation on every change. Bundled by ../build.mjs; loaded by demo/bench-peer.html.
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import Form from '@rjsf/core';
import { customizeValidator } from '@rjsf/validator-ajv8';
import Ajv2020 from 'ajv/dist/2020.js';

export function mount(container, { schema, names, onChange }) {
  const validator = customizeValidator({ AjvClass: Ajv2020 });
  createRoot(container).render(createElement(Form, { schema, validator, liveValidate: 'onChange', onChange }));
  const id = (path) => `root_${path.join('_')}`;
  return {
    first: () => document.getElementById(id(names.first.path)),
    last: () => document.getElementById(id(names.last.path)),
  };
}
