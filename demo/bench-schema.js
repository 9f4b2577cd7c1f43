// The forms `cargo xtask bench` measures (tests/bench/run.mjs), generated the same way for the
// kit and for every peer library, so they all draw the same fields. Deterministic: the same `n`
// gives the same schema, values and peer formats every time. No dependencies: the kit's host page
// imports it as it is, and the peers' host page too.
//
// A form of `n` fields (n a multiple of 10) is made of blocks of ten fields; block k (1-based)
// holds fields f(10k-9) … f(10k):
//    1  string, 3–40 characters            required
//    2  integer, 0–120                      required
//    3  boolean
//    4  one of 4 options (radios)           required
//    5  list of strings (up to 5, each up to 40 characters)
//    6  string, up to 200 characters
//    7  integer, 1–10
//    g<k>: a nested object (required) holding
//    8  one of 8 options (a select)         required
//    9  boolean
//   10  string, 2–80 characters
// So 40% of the fields are required, and there is one nested object per 10 fields. The last
// input of the form in document order is f<n>, a text box inside g<n/10>. No boolean is
// required: in SurveyJS and Form.io a required checkbox means "ticked", in JSON Schema "present".

const SMALL = ['Yes, often', 'Sometimes', 'Rarely', 'Never'];
const LARGE = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday', 'Any day'];

/** The ten fields of block `k`: [name, schema, required, inNestedObject]. */
function block(k) {
  const i = (j) => 10 * (k - 1) + j;
  const f = (j) => `f${i(j)}`;
  return [
    [f(1), { type: 'string', title: `Name or words ${i(1)}`, minLength: 3, maxLength: 40 }, true, false],
    [f(2), { type: 'integer', title: `Age ${i(2)}`, minimum: 0, maximum: 120 }, true, false],
    [f(3), { type: 'boolean', title: `Happy to be contacted ${i(3)}` }, false, false],
    [f(4), { type: 'string', title: `How often ${i(4)}`, enum: SMALL }, true, false],
    [f(5), { type: 'array', title: `Things that help ${i(5)}`, maxItems: 5, items: { type: 'string', maxLength: 40 } }, false, false],
    [f(6), { type: 'string', title: `Anything else ${i(6)}`, maxLength: 200 }, false, false],
    [f(7), { type: 'integer', title: `Score ${i(7)}`, minimum: 1, maximum: 10 }, false, false],
    [f(8), { type: 'string', title: `Best day ${i(8)}`, enum: LARGE }, true, true],
    [f(9), { type: 'boolean', title: `Needs a lift ${i(9)}` }, false, true],
    [f(10), { type: 'string', title: `Place ${i(10)}`, minLength: 2, maxLength: 80 }, false, true],
  ];
}

function checkN(n) {
  if (!Number.isInteger(n) || n < 10 || n % 10 !== 0) throw new Error(`the field count must be a multiple of 10, not ${n}`);
}

/** The JSON Schema (2020-12) of a form with `n` fields. */
export function generateSchema(n) {
  checkN(n);
  const properties = {};
  const required = [];
  for (let k = 1; k <= n / 10; k++) {
    const group = { type: 'object', title: `Part ${k}`, properties: {}, required: [] };
    for (const [name, schema, req, nested] of block(k)) {
      const into = nested ? group : { properties, required };
      into.properties[name] = schema;
      if (req) into.required.push(name);
    }
    properties[`g${k}`] = group;
    required.push(`g${k}`);
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: `A form of ${n} fields`,
    type: 'object',
    properties,
    required,
  };
}

/**
 * A value for the form of `n` fields: every field answered and valid, or (`invalid`) with three
 * problems in every block (f1 too short, f2 too large, f4 not an option): 3n/10 errors in all.
 */
export function generateValue(n, { invalid = false } = {}) {
  checkN(n);
  const value = {};
  for (let k = 1; k <= n / 10; k++) {
    const group = {};
    for (const [name, schema, , nested] of block(k)) {
      const j = Number(name.slice(1)) - 10 * (k - 1);
      let v;
      if (schema.type === 'string' && schema.enum) v = schema.enum[k % schema.enum.length];
      else if (schema.type === 'string') v = `Answer ${k}`;
      else if (schema.type === 'integer') v = schema.minimum + (k % (schema.maximum - schema.minimum));
      else if (schema.type === 'boolean') v = k % 2 === 0;
      else v = ['Friends', 'Music'];
      if (invalid && j === 1) v = 'x';
      if (invalid && j === 2) v = 200;
      if (invalid && j === 4) v = 'Not an option';
      (nested ? group : value)[name] = v;
    }
    value[`g${k}`] = group;
  }
  return value;
}

/** Names to find inputs by: the first text box (f1) and the last input (f<n> in g<n/10>). */
export function fieldNames(n) {
  checkN(n);
  return { first: { path: ['f1'] }, last: { path: [`g${n / 10}`, `f${n}`] } };
}

/**
 * The same form in SurveyJS's own format (it reads no JSON Schema). Differences: a nested object
 * is a panel, and its answers are stored flat (SurveyJS has no nested values: names stay unique);
 * the list of strings is a dynamic panel of one text question; integers are number inputs with
 * a numeric validator (SurveyJS has no "whole number" check); lengths are a text validator
 * (minLength) plus the input's maxLength attribute (which stops typing rather than reporting).
 */
export function toSurvey(n) {
  checkN(n);
  const question = (name, schema, required) => {
    const q = { name, title: schema.title, isRequired: required };
    if (schema.type === 'string' && schema.enum) {
      Object.assign(q, schema.enum.length <= 5
        ? { type: 'radiogroup', choices: schema.enum }
        : { type: 'dropdown', choices: schema.enum });
    } else if (schema.type === 'string') {
      Object.assign(q, { type: schema.maxLength > 100 ? 'comment' : 'text', maxLength: schema.maxLength });
      if (schema.minLength) q.validators = [{ type: 'text', minLength: schema.minLength }];
    } else if (schema.type === 'integer') {
      Object.assign(q, { type: 'text', inputType: 'number', min: schema.minimum, max: schema.maximum,
        validators: [{ type: 'numeric', minValue: schema.minimum, maxValue: schema.maximum }] });
    } else if (schema.type === 'boolean') {
      Object.assign(q, { type: 'boolean', renderAs: 'checkbox' });
    } else {
      Object.assign(q, { type: 'paneldynamic', panelCount: 0, maxPanelCount: schema.maxItems,
        templateElements: [{ type: 'text', name: `${name}_item`, maxLength: schema.items.maxLength }] });
    }
    return q;
  };
  const elements = [];
  for (let k = 1; k <= n / 10; k++) {
    const panel = { type: 'panel', name: `g${k}`, title: `Part ${k}`, elements: [] };
    for (const [name, schema, req, nested] of block(k)) {
      (nested ? panel.elements : elements).push(question(name, schema, req));
    }
    elements.push(panel);
  }
  return { title: `A form of ${n} fields`, pages: [{ name: 'page1', elements }] };
}

/**
 * The same form in Form.io's own format. Differences: a nested object is a "container" (its
 * data is nested, as in JSON Schema); the list of strings is a text field with `multiple`;
 * integers are number fields with no decimals; enums are radios or a select.
 */
export function toFormio(n) {
  checkN(n);
  const component = (key, schema, required) => {
    const c = { key, label: schema.title, input: true, validate: { required } };
    if (schema.type === 'string' && schema.enum) {
      const values = schema.enum.map((v) => ({ label: v, value: v }));
      Object.assign(c, schema.enum.length <= 5
        ? { type: 'radio', values }
        : { type: 'select', dataSrc: 'values', data: { values }, widget: 'html5' });
    } else if (schema.type === 'string') {
      Object.assign(c, { type: schema.maxLength > 100 ? 'textarea' : 'textfield' });
      Object.assign(c.validate, { maxLength: schema.maxLength, ...(schema.minLength ? { minLength: schema.minLength } : {}) });
    } else if (schema.type === 'integer') {
      Object.assign(c, { type: 'number', decimalLimit: 0, requireDecimal: false });
      Object.assign(c.validate, { min: schema.minimum, max: schema.maximum });
    } else if (schema.type === 'boolean') {
      Object.assign(c, { type: 'checkbox' });
    } else {
      Object.assign(c, { type: 'textfield', multiple: true });
      Object.assign(c.validate, { maxLength: schema.items.maxLength });
    }
    return c;
  };
  const components = [];
  for (let k = 1; k <= n / 10; k++) {
    const container = { type: 'container', key: `g${k}`, label: `Part ${k}`, input: true, tree: true, components: [] };
    for (const [name, schema, req, nested] of block(k)) {
      (nested ? container.components : components).push(component(name, schema, req));
    }
    components.push(container);
  }
  return { display: 'form', components };
}
