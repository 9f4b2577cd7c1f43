// The record gallery: one shipped record at a time (chosen with ?record=), with its level and
// language switched live through the element's `level` and `lang` attributes. The choices are
// kept in the address and the record links, so a reload or a shared link shows the same view.
// The Welsh record opens in Welsh unless the address says otherwise.

const RECORDS = {
  'what-matters': {
    heading: 'A “what matters” conversation',
    about: 'A short record of a good conversation, in the person’s own words, with the practitioner’s view kept apart.',
  },
  'community-hub': {
    heading: 'A community hub conversation',
    about: 'A Community Led Support conversation at a library, café or church hall: the help given on the day, any follow-up, and a flag for when an assessment may be needed.',
  },
  'review-note': {
    heading: 'A review note',
    about: 'What a review found and what happens now, with the decision under English or Welsh law.',
  },
  'welsh-what-matters': {
    heading: 'A Welsh “what matters” record',
    about: 'Welsh first: language and the Active Offer, personal outcomes with a “how I feel about this” score, and the areas of well-being in Welsh law.',
    lang: 'cy',
  },
};
const LEVELS = ['brief', 'standard', 'full'];
const LANGS = ['en', 'cy'];

const params = new URLSearchParams(location.search);
const name = Object.hasOwn(RECORDS, params.get('record')) ? params.get('record') : 'what-matters';
const info = RECORDS[name];
const level = LEVELS.includes(params.get('level')) ? params.get('level') : 'brief';
const lang = LANGS.includes(params.get('lang')) ? params.get('lang') : info.lang ?? 'en';
const schemaSrc = `/schemas/records/${name}.schema.json`;

const record = document.getElementById('record');
const controls = document.getElementById('controls');

/** Keeps the address and the record links in step with the switches. */
function remember() {
  const now = new URLSearchParams({ record: name, level: record.level, lang: record.getAttribute('lang') });
  history.replaceState(null, '', `?${now}`);
  for (const link of document.querySelectorAll('#record-list a')) {
    const target = new URL(link.href, location.href).searchParams.get('record');
    link.search = `?${new URLSearchParams({ record: target, level: record.level, lang: record.getAttribute('lang') })}`;
  }
}

// The record shown: heading, words about it, a link to its schema, the current link marked.
document.getElementById('record-heading').textContent = info.heading;
document.getElementById('record-about').textContent = info.about;
const schemaLink = document.getElementById('record-schema');
schemaLink.href = schemaSrc;
schemaLink.textContent = `${name}.schema.json`;
document.title = `ourplan demo: ${info.heading.replace(/^A /, 'a ')}`;
for (const link of document.querySelectorAll('#record-list a')) {
  if (new URL(link.href, location.href).searchParams.get('record') === name) {
    link.setAttribute('aria-current', 'page');
    const strong = document.createElement('strong');
    strong.append(...link.childNodes);
    link.append(strong);
  }
}

record.setAttribute('level', level);
record.setAttribute('lang', lang);
record.setAttribute('schema-src', schemaSrc);
controls.elements.level.value = level;
controls.elements.lang.value = lang;
remember();

controls.addEventListener('change', (event) => {
  const input = event.target;
  if (input.name === 'level' || input.name === 'lang') {
    record.setAttribute(input.name, input.value);
    remember();
  }
});
// The switches act as soon as they change: there is nothing to submit.
controls.addEventListener('submit', (event) => event.preventDefault());

document.getElementById('check').addEventListener('click', () => record.validate());
document.getElementById('clear').addEventListener('click', () => { record.value = {}; });
document.getElementById('example').addEventListener('click', async () => {
  const response = await fetch(`/schemas/records/${name}.examples.json`);
  if (!response.ok) return;
  const { valid } = await response.json();
  // The last valid example is the fullest.
  if (valid?.length) record.value = valid[valid.length - 1].value;
});
