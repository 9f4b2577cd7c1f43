// A host page's own script: imports the kit, sets the schema, the value and the language, and
// listens to the element's events. The element needs no attributes for any of this.
import { validate } from '/pkg/ourplan.js';

const record = document.getElementById('record');
const log = document.getElementById('events');

const SCHEMA = {
  title: 'About you',
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string', title: 'Your name', maxLength: 60 },
    visits: { type: 'integer', title: 'Visits a week', minimum: 0, maximum: 21 },
    contact: { enum: ['Phone', 'Email', 'Letter'], title: 'How should we contact you?' },
  },
};

record.schema = SCHEMA;
record.value = { name: 'Ann' };
document.getElementById('schema').textContent = JSON.stringify(SCHEMA, null, 2);

/** Puts the newest line first and keeps the last ten. */
const lines = [];
function note(line) {
  lines.unshift(line);
  lines.length = Math.min(lines.length, 10);
  log.textContent = lines.join('\n');
}

for (const type of ['input', 'change', 'invalid']) {
  record.addEventListener(type, (event) => {
    const errors = type === 'invalid' ? ` errors: ${event.detail.errors.map((e) => e.pointer).join(', ')}` : '';
    note(`${type}: ${JSON.stringify(event.detail.value)}${errors}`);
  });
}

function setLang(lang) {
  record.setAttribute('lang', lang);
  for (const code of ['en', 'cy']) {
    document.getElementById(`lang-${code}`).setAttribute('aria-pressed', String(code === lang));
  }
  note(`the host set lang="${lang}"`);
}
document.getElementById('lang-en').addEventListener('click', () => setLang('en'));
document.getElementById('lang-cy').addEventListener('click', () => setLang('cy'));

document.getElementById('set-value').addEventListener('click', () => {
  const value = { name: 'Bea', visits: 3, contact: 'Email' };
  record.value = value;
  note(`the host set value ${JSON.stringify(value)} (no event)`);
});

document.getElementById('check').addEventListener('click', async () => {
  const verdict = await validate(record.schema, record.value);
  note(`validate(): ${JSON.stringify(verdict)}`);
  record.validate();
});
