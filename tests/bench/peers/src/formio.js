// Form.io's renderer (@formio/js) with its form CSS (Bootstrap's own CSS is not included). It
// reads its own format (demo/bench-schema.js toFormio); it checks fields as they change.
import { Formio } from '@formio/js';
import css from '@formio/js/dist/formio.form.min.css';

export function mount(container, { formio, names, onChange }) {
  const style = document.createElement('style');
  style.textContent = css;
  document.head.append(style);
  Formio.createForm(container, formio, {}).then((form) => form.on('change', () => onChange()));
  const find = (path) => container.querySelector(`[name="data[${path.join('][')}]"]`);
  return { first: () => find(names.first.path), last: () => find(names.last.path) };
}
