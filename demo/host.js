// A host page's own script: imports the kit, sets the schema and value, listens to events.
import { validate } from '/pkg/ourplan.js';

const record = document.getElementById('record');
const log = document.getElementById('events');

record.schema = {
  title: 'About you',
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string', title: 'Your name', maxLength: 60 },
    visits: { type: 'integer', title: 'Visits a week', minimum: 0, maximum: 21 },
    contact: { enum: ['Phone', 'Email', 'Letter'], title: 'How should we contact you?' },
  },
};
record.value = { name: 'Ann' };

for (const type of ['input', 'change', 'invalid']) {
  record.addEventListener(type, (event) => {
    log.textContent = `${type}: ${JSON.stringify(event.detail.value)}`;
  });
}
document.getElementById('lang-en').addEventListener('click', () => record.setAttribute('lang', 'en'));
document.getElementById('lang-cy').addEventListener('click', () => record.setAttribute('lang', 'cy'));
document.getElementById('check').addEventListener('click', async () => {
  const verdict = await validate(record.schema, record.value);
  log.textContent = `validate(): ${JSON.stringify(verdict)}`;
  record.validate();
});
