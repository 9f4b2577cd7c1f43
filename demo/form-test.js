// The form page's own script: gives the record its schema. It sets no value, so what the
// browser restores on back-navigation stays (a host that sets `value` on load replaces it, as
// it would a native input's).
const record = document.getElementById('record');
record.schema = {
  title: 'About you',
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string', title: 'Your name' },
    visits: { type: 'integer', title: 'Visits a week', minimum: 0, maximum: 21 },
  },
};
