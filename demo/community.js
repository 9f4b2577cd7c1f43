// Maple Lane Peer Support's own script (demo/community.html): it adds the organisation's own
// plan starter to the kit's, so a person can choose it, a kit starter or a blank page.
import '/pkg/ourplan.js';

/**
 * Maple Lane's starter, in the format of schemas/templates/*.json. Its Welsh is our own and
 * awaits review by a Welsh speaker.
 */
const PEER_SUPPORT_PLAN = {
  id: 'maple-lane-peer-plan',
  title: { en: 'Maple Lane peer support plan', cy: 'Cynllun cymorth cymheiriaid Maple Lane' },
  description: {
    en: 'The plan we use at our drop-ins: what matters to you, a good week, who is on your side, and what you want to try next.',
    cy: 'Y cynllun rydyn ni’n ei ddefnyddio yn ein sesiynau galw heibio: beth sy’n bwysig i chi, wythnos dda, pwy sydd ar eich ochr chi, a beth rydych chi eisiau rhoi cynnig arno nesaf.',
  },
  blocks: [
    { kind: 'whatMatters', text: '' },
    { kind: 'section', title: { en: 'A good week for me', cy: 'Wythnos dda i mi' }, children: [{ kind: 'text', text: '' }] },
    {
      kind: 'section',
      title: { en: 'Who is on my side', cy: 'Pwy sydd ar fy ochr i' },
      children: [{ kind: 'person', name: '', relationship: '', howTheyHelp: '', contact: '' }],
    },
    {
      kind: 'section',
      title: { en: 'What I want to try next', cy: 'Beth rydw i eisiau rhoi cynnig arno nesaf' },
      children: [
        { id: 'try', kind: 'outcome', what: '', howIWillKnow: '', byWhen: '' },
        { kind: 'action', who: '', what: '', byWhen: '' },
      ],
    },
    { kind: 'doDont', pleaseDo: [], pleaseDont: [] },
  ],
};

document.getElementById('plan').templates = [PEER_SUPPORT_PLAN];
