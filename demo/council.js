// The council portal's own script (demo/council.html). A council's case system knows who is
// signed in and what they may sign off; it hands that to the kit, pre-fills what it already
// knows, and listens for the record being saved and the plan being signed off.
import '/pkg/ourplan.js';

/** What the council's sign-in gave this page: the practitioner and their delegated limit. */
const SESSION = {
  practitioner: { name: 'Sam Patel', role: 'Social worker' },
  rules: {
    limit: { amount: '250.00', period: 'week' },
    oneOffLimit: '500.00',
    noSecondLook: true,
    notComplex: true,
  },
};

/** The plan Ann drafted at home with her sister, as the council received it. */
const ANNS_PLAN = {
  format: 'ourplan-plan',
  version: 1,
  title: 'My garden and my Sundays',
  blocks: [
    { id: 'b1', kind: 'whatMatters', text: 'Getting back out into my garden, and seeing my sister Mair every Sunday.' },
    { id: 'b2', kind: 'outcome', what: 'Be out in the garden twice a week', howIWillKnow: 'The vegetable bed is planted by May', byWhen: 'May' },
    { id: 'b3', kind: 'outcome', what: 'See Mair every Sunday', howIWillKnow: 'I have not missed a Sunday for a month', byWhen: 'Next month' },
    {
      id: 'b4',
      kind: 'section',
      title: 'How I will spend my budget',
      children: [
        { id: 'b5', kind: 'budgetLine', what: 'A personal assistant for 4 hours a week, to help in the garden', costPence: 7200, frequency: 'weekly', paidFrom: 'direct-payment', outcomeId: 'b2', secondLook: false },
        { id: 'b6', kind: 'budgetLine', what: 'A taxi to Mair’s and back on Sundays', costPence: 3000, frequency: 'weekly', paidFrom: 'direct-payment', outcomeId: 'b3', secondLook: false },
        { id: 'b7', kind: 'budgetLine', what: 'A kneeling stool and long-handled tools', costPence: 6000, frequency: 'one-off', paidFrom: 'own-money', outcomeId: 'b2', secondLook: false },
      ],
    },
    { id: 'b8', kind: 'person', name: 'Mair Jones', relationship: 'My sister', howTheyHelp: 'Rings every evening and helps me with forms', contact: '01632 960 142' },
    { id: 'b9', kind: 'action', who: 'Sam, my social worker', what: 'Set up the direct payment and help me find a personal assistant', byWhen: 'The end of the month' },
    {
      id: 'b10',
      kind: 'section',
      title: 'Looking at my plan again',
      children: [
        { id: 'b11', kind: 'text', text: 'Sam and I will look at this plan together in three months, or sooner if something changes.' },
      ],
    },
  ],
  budget: {
    indicative: { amountPence: 15000, period: 'week' },
    howWorkedOut: 'From the conversation with Sam and the council’s resource allocation guide.',
    managedAs: 'direct-payment',
  },
  complex: false,
  nextId: 12,
};

const record = document.getElementById('record');
const plan = document.getElementById('plan');
const saveButton = document.getElementById('save-record');
const changeButton = document.getElementById('change-record');
const banner = document.getElementById('banner');

const PERIOD_WORDS = { week: 'a week', month: 'a month', year: 'a year' };
const when = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit' });

// The header says who is signed in and their limit, from the same data the kit gets.
document.getElementById('who').textContent = SESSION.practitioner.name;
document.getElementById('role').textContent = SESSION.practitioner.role.toLowerCase();
document.getElementById('limit').textContent = `£${SESSION.rules.limit.amount} ${PERIOD_WORDS[SESSION.rules.limit.period]}`;

// What the council already knows goes into the record; the practitioner adds the rest.
const today = new Date();
const isoDate = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
record.value = {
  person_name: 'Ann Jones',
  conversation_date: isoDate,
  recorded_by: `${SESSION.practitioner.name}, ${SESSION.practitioner.role.toLowerCase()}`,
};

plan.value = ANNS_PLAN;
plan.practitioner = SESSION.practitioner;
plan.signoffRules = SESSION.rules;

/** Shows the success banner at the top of the page and moves focus to it (GOV.UK pattern). */
function showBanner(heading, body) {
  document.getElementById('banner-heading').textContent = heading;
  document.getElementById('banner-body').textContent = body;
  banner.hidden = false;
  banner.focus();
}

saveButton.addEventListener('click', async () => {
  // validate() shows the kit's error summary and moves focus to it when something is missing.
  const { valid } = await record.validate();
  if (!valid) return;
  record.readOnly = true;
  saveButton.hidden = true;
  changeButton.hidden = false;
  showBanner('Conversation record saved', `Saved on ${when.format(new Date())}. In this demo it stays on this page.`);
});

changeButton.addEventListener('click', async () => {
  record.readOnly = false;
  changeButton.hidden = true;
  saveButton.hidden = false;
  banner.hidden = true;
  // focus() on the element moves to its first control, once the kit has drawn the fields
  // again (it draws in a task of its own).
  await new Promise((resolve) => setTimeout(resolve, 0));
  record.focus();
});

// The kit announces the sign-off and shows it beside the plan; the council adds what happens
// next below the plan, without moving focus away from where the practitioner is.
plan.addEventListener('ourplan-signoff', (event) => {
  const { signoff } = event.detail;
  document.getElementById('signed-off-by').textContent =
    `${signoff.name} (${signoff.role}) signed off Ann’s plan on ${when.format(new Date(signoff.at))}.`;
  document.getElementById('signed-off-fingerprint').textContent = signoff.fingerprint;
  document.getElementById('signed-off').hidden = false;
});
