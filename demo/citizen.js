// The citizen pages' own script (demo/citizen.html and demo/citizen-cy.html). It keeps the
// person's draft in this browser tab (sessionStorage: gone when the tab closes, never sent
// anywhere), so switching between English and Welsh keeps the plan they are writing.
import '/pkg/ourplan.js';

const KEY = 'ourplan-demo:citizen-plan';
const plan = document.getElementById('plan');

function load() {
  try {
    const text = sessionStorage.getItem(KEY);
    return text ? JSON.parse(text) : null;
  } catch {
    return null; // Storage turned off, or a damaged draft: start afresh rather than fail.
  }
}

function keep(value) {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(value));
  } catch {
    // Storage full or turned off: the plan still works; only the language switch forgets it.
  }
}

const draft = load();
if (draft) plan.value = draft;

for (const type of ['input', 'change']) {
  plan.addEventListener(type, (event) => keep(event.detail.value));
}
