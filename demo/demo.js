// The demo host's own script: shows what a host sees from the element's events.
const record = document.getElementById('record');
const out = document.getElementById('events');
for (const type of ['input', 'change', 'invalid']) {
  record.addEventListener(type, (event) => {
    out.textContent = `${type}: ${JSON.stringify(event.detail.value, null, 2)}`;
  });
}
document.getElementById('check').addEventListener('click', () => record.validate());
