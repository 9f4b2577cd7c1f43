// ajv 8 alone, for draft 2020-12: the validation benchmark compiles and validates with it.
export { default as Ajv2020 } from 'ajv/dist/2020.js';
