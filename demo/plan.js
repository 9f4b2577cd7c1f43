// The "Draft my own plan" demo: a citizen page, with a toggle that turns on the practitioner's
// sign-off (the host sets `signoffRules` and `practitioner`) and shows the events the host hears.

const plan = document.getElementById('plan');
const log = document.getElementById('events');

const RULES = { limit: { amount: '250.00', period: 'week' }, noSecondLook: true, notComplex: true };
const PRACTITIONER = { name: 'Sam Patel', role: 'Social worker' };

for (const type of ['input', 'change']) {
  plan.addEventListener(type, (event) => {
    const value = event.detail.value;
    log.textContent = `${type}: "${value.title}", ${value.blocks.length} block(s) at the top level`;
  });
}
plan.addEventListener('ourplan-signoff', (event) => {
  log.textContent = `ourplan-signoff: ${JSON.stringify(event.detail.signoff, null, 2)}`;
});

document.getElementById('practitioner').addEventListener('change', (event) => {
  plan.signoffRules = event.target.checked ? RULES : null;
  plan.practitioner = event.target.checked ? PRACTITIONER : null;
});
document.getElementById('checks').addEventListener('change', (event) => {
  plan.checks = event.target.value;
});
document.getElementById('lang-en').addEventListener('click', () => plan.setAttribute('lang', 'en'));
document.getElementById('lang-cy').addEventListener('click', () => plan.setAttribute('lang', 'cy'));
