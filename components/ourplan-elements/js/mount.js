// mount.js: `mount(container, options)`, for hosts that would rather not write the tag.

import { OurplanPlan } from './plan.js';
import { OurplanRecord } from './record.js';

const KINDS = { record: OurplanRecord, plan: OurplanPlan };
/** mount() options that become attributes, and the attribute each one sets. */
const MOUNT_ATTRIBUTES = {
  lang: 'lang', level: 'level', name: 'name', schemaSrc: 'schema-src', checks: 'checks',
  indicativeBudget: 'indicative-budget', budgetPeriod: 'budget-period', author: 'author',
};
const MOUNT_BOOLEANS = { readonly: 'readonly', readOnly: 'readonly', disabled: 'disabled' };
const MOUNT_PROPERTIES = ['schema', 'remotes', 'signoffRules', 'practitioner', 'templates', 'value'];
const MOUNT_EVENTS = { onInput: 'input', onChange: 'change', onInvalid: 'invalid', onSignoff: 'ourplan-signoff', onMerge: 'ourplan-merge' };

// The two signatures below (TypeScript's JSDoc @overload) give ourplan.d.ts the element and
// value types of each kind; the manifest describes the function by the doc comment after them.
/**
 * @overload
 * @param {Element} container
 * @param {MountRecordOptions} [options]
 * @returns {MountHandle<OurplanRecordElement, unknown, RecordProblem>}
 */
/**
 * @overload
 * @param {Element} container
 * @param {MountPlanOptions} options
 * @returns {MountHandle<OurplanPlanElement, PlanDocument | null, PlanProblem>}
 */
/**
 * Puts an `<ourplan-record>` or `<ourplan-plan>` (`options.kind`) into `container`, replacing
 * what is in it; `destroy()` removes the element, which tears it down. Every other option is an
 * attribute, a property or a listener (`onInput`, `onChange`, `onInvalid`, `onSignoff`, `onMerge`) of the
 * element.
 * @param {Element} container - the element to put it in
 * @param {MountRecordOptions | MountPlanOptions} [options] - `kind` (`'record'`, the default, or `'plan'`), then the element's settings
 * @returns {MountHandle<OurplanRecordElement, unknown, RecordProblem> | MountHandle<OurplanPlanElement, PlanDocument | null, PlanProblem>}
 */
export function mount(container, options = {}) {
  if (!(container instanceof Element)) throw new TypeError('ourplan: mount(container, options) needs an element to mount into');
  const { kind = 'record', ...rest } = options;
  const element = KINDS[kind];
  if (!element) throw new TypeError(`ourplan: mount() kind "${kind}" is not "record" or "plan"`);
  const el = document.createElement(element.tag);
  for (const [key, setting] of Object.entries(rest)) {
    if (key in MOUNT_ATTRIBUTES) {
      if (setting != null) el.setAttribute(MOUNT_ATTRIBUTES[key], String(setting));
    } else if (key in MOUNT_BOOLEANS) {
      el.toggleAttribute(MOUNT_BOOLEANS[key], Boolean(setting));
    } else if (key in MOUNT_EVENTS) {
      if (typeof setting === 'function') el.addEventListener(MOUNT_EVENTS[key], setting);
    } else if (!MOUNT_PROPERTIES.includes(key)) {
      console.warn(`ourplan: mount() does not know the option "${key}"; it was left out`);
    }
  }
  // Properties last, `value` after the settings it may depend on (the order they are listed in).
  for (const key of MOUNT_PROPERTIES) if (rest[key] !== undefined) el[key] = rest[key];
  container.replaceChildren(el);
  return {
    element: el,
    get value() { return el.value; },
    setValue(value) { el.value = value; },
    validate: () => el.validate(),
    destroy() { el.remove(); },
  };
}
