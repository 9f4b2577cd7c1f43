// The journeys that matter, written once against the small driver surface in drivers.mjs and
// run in Chromium, Firefox ESR and WebKitGTK by engines.spec.mjs. Each takes a fresh session
// `s` (its own cookies and storage) and fails with what it saw.

import assert from 'node:assert/strict';

const RECORD = 'ourplan-record';
const PLAN = 'ourplan-plan';

/** Waits until the element `host` has drawn `css` in its shadow root. */
const drawn = (s, host, css) => s.waitFor(([h, c]) => !!document.querySelector(h)?.shadowRoot?.querySelector(c), [host, css], { what: `${host} ${css}` });

/** Ids of the plan's top-level blocks, in the order drawn. */
const order = (s) => s.eval(() => [...document.querySelector('ourplan-plan').shadowRoot.querySelector('.op-plan__main > .op-plan__blocks').children].map((li) => li.id.replace(/^op-b-/, '')));

/** The page logged nothing wrong (console errors, uncaught errors, CSP reports). */
async function clean(s) {
  assert.deepEqual(await s.problems(), [], `${s.engine}: the page logged problems`);
}

export const journeys = [
  {
    name: 'a record and a plan inside a <form>: typed, checked, and posted to /echo',
    async run(s) {
      await s.goto('/form.html');
      await drawn(s, RECORD, '#op-f-person__name');
      await drawn(s, PLAN, '#op-start-blank');
      // Sending with the record empty: the kit's error summary, focused; nothing is sent.
      await s.click([null, '#form button[type="submit"]']);
      await drawn(s, RECORD, '.op-error-summary');
      assert.equal(await s.eval(() => location.pathname), '/form.html');
      await s.waitFor(() => document.activeElement?.id === 'record' && document.activeElement.shadowRoot.activeElement?.classList.contains('op-error-summary'), null, { what: 'focus on the error summary' });
      assert.match(await s.text(RECORD), /Enter ‘Name of the person’/);
      // Typed by keyboard, Tab moving on to the date.
      await s.type([RECORD, '#op-f-person__name'], 'Ann "Nan" Jones');
      await s.press('Tab');
      assert.equal(await s.focused(RECORD), 'op-f-conversation__date');
      await s.type([RECORD, '#op-f-conversation__date'], '2');
      await s.type([RECORD, '#op-f-conversation__date-month'], '3');
      await s.type([RECORD, '#op-f-conversation__date-year'], '2026');
      await s.type([RECORD, '#op-f-what__matters'], 'My garden & my sister; Sundays.');
      // The plan: a blank page, a title and one budget line.
      await s.click([PLAN, '#op-start-blank']);
      await s.waitFor(() => document.querySelector('ourplan-plan').shadowRoot.activeElement?.id === 'op-title', null, { what: 'focus on the title' });
      await s.fill([PLAN, '#op-title'], 'Plan with {braces}');
      await s.select([PLAN, '#op-add-top-kind'], 'budgetLine');
      await s.click([PLAN, '#op-add-top']);
      const line = await s.waitFor(() => document.querySelector('ourplan-plan').value.blocks[0]?.id);
      await s.type([PLAN, `[id="op-f-${line}-what"]`], 'Taxi to choir');
      await s.fill([PLAN, `[id="op-f-${line}-costPence"]`], '12.50');
      await s.press('Tab');
      await s.waitFor(() => document.getElementById('form').checkValidity(), null, { what: 'the form to be valid' });
      const sent = await s.eval(() => ({ record: document.querySelector('ourplan-record').value, plan: document.querySelector('ourplan-plan').value }));
      assert.equal(sent.record.person_name, 'Ann "Nan" Jones');
      assert.equal(sent.record.conversation_date, '2026-03-02');
      assert.equal(sent.plan.blocks[0].costPence, 1250);
      await clean(s);
      await s.screenshot('form-filled');
      await s.click([null, '#form button[type="submit"]']);
      await s.waitFor(() => location.pathname === '/echo' && document.readyState === 'complete' && !!document.getElementById('raw'), null, { what: 'the /echo page' });
      const raw = new URLSearchParams(await s.eval(() => document.getElementById('raw').textContent));
      assert.deepEqual([...raw.keys()], ['record', 'plan']);
      assert.deepEqual(JSON.parse(raw.get('record')), sent.record);
      assert.deepEqual(JSON.parse(raw.get('plan')), sent.plan);
    },
  },
  {
    name: 'the plan builder: add, type, budget, move and undo',
    async run(s) {
      await s.goto('/plan.html');
      await drawn(s, PLAN, '#op-start-blank');
      await s.click([PLAN, '#op-start-blank']);
      await s.select([PLAN, '#op-add-top-kind'], 'text');
      await s.click([PLAN, '#op-add-top']);
      const words = await s.waitFor(() => document.querySelector('ourplan-plan').value.blocks[0]?.id);
      // Focus goes into the new block: typing writes there.
      await s.waitFor((id) => document.querySelector('ourplan-plan').shadowRoot.activeElement?.id === `op-f-${id}-text`, words, { what: 'focus in the new block' });
      await s.type([PLAN, `[id="op-f-${words}-text"]`], 'Mornings in the garden with Mair');
      await s.select([PLAN, '#op-add-top-kind'], 'budgetLine');
      await s.click([PLAN, '#op-add-top']);
      const line = await s.waitFor(() => document.querySelector('ourplan-plan').value.blocks[1]?.id);
      await s.type([PLAN, `[id="op-f-${line}-what"]`], 'Gardener');
      await s.fill([PLAN, `[id="op-f-${line}-costPence"]`], '20.00');
      await s.press('Tab');
      await s.waitFor(() => /£20\.00 a week/.test(document.querySelector('ourplan-plan').shadowRoot.getElementById('op-budget-spending')?.textContent), null, { what: 'the budget total' });
      // Move the line up; at the top it has no Move up, so focus goes to the block itself.
      await s.click([PLAN, `[id="op-b-${line}-up"]`]);
      assert.deepEqual(await order(s), [line, words]);
      assert.match(await s.focused(PLAN), new RegExp(`^op-b-${line}`), 'focus stays with the moved block');
      // Undo (Ctrl+Z) puts it back.
      await s.press('Control+z');
      await s.waitFor(([a, b]) => {
        const ids = [...document.querySelector('ourplan-plan').shadowRoot.querySelector('.op-plan__main > .op-plan__blocks').children].map((li) => li.id.replace(/^op-b-/, ''));
        return ids[0] === a && ids[1] === b;
      }, [words, line], { what: 'undo to restore the order' });
      const plan = await s.eval(() => document.querySelector('ourplan-plan').value);
      assert.equal(plan.blocks[0].text, 'Mornings in the garden with Mair');
      assert.equal(plan.blocks[1].costPence, 2000);
      await s.screenshot('plan');
      await clean(s);
    },
  },
  {
    name: 'a picture: chosen, made smaller by this engine’s canvas, shown and described',
    async run(s) {
      await s.goto('/plan.html');
      await drawn(s, PLAN, '#op-start-blank');
      await s.click([PLAN, '#op-start-blank']);
      await s.select([PLAN, '#op-add-top-kind'], 'picture');
      await s.click([PLAN, '#op-add-top']);
      const id = await s.waitFor(() => document.querySelector('ourplan-plan').value.blocks[0]?.id);
      // A 1,600 by 1,200 photo made in the page, chosen as a person's file box would.
      await s.eval(async (id) => {
        const canvas = document.createElement('canvas');
        canvas.width = 1600;
        canvas.height = 1200;
        const g = canvas.getContext('2d');
        g.fillStyle = '#1d70b8';
        g.fillRect(0, 0, 1600, 1200);
        g.fillStyle = '#ffc800';
        g.beginPath();
        g.arc(800, 600, 300, 0, 7);
        g.fill();
        const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
        const input = document.querySelector('ourplan-plan').shadowRoot.getElementById(`op-f-${id}-picture-file`);
        const files = new DataTransfer();
        files.items.add(new File([blob], 'photo.png', { type: 'image/png' }));
        input.files = files.files;
        input.dispatchEvent(new Event('change', { bubbles: true }));
        return true;
      }, id);
      await s.waitFor(() => {
        const img = document.querySelector('ourplan-plan').shadowRoot.querySelector('.op-plan-picture__img');
        return img?.complete && img.naturalWidth === 1200;
      }, null, { what: 'the picture shown, 1,200 pixels wide' });
      const picture = await s.eval(() => {
        const p = Object.values(document.querySelector('ourplan-plan').value.pictures)[0];
        return { type: p.type, width: p.width, height: p.height, bytes: Math.floor(p.data.length / 4) * 3 };
      });
      // WebP where the engine's canvas writes it, else JPEG (Safari's engine); never PNG.
      assert.ok(['image/webp', 'image/jpeg'].includes(picture.type), `${s.engine}: ${picture.type}`);
      assert.deepEqual([picture.width, picture.height], [1200, 900]);
      assert.ok(picture.bytes <= 200000, `${picture.bytes} bytes`);
      await s.type([PLAN, `[id="op-f-${id}-description"]`], 'Sun over the sea');
      await s.waitFor(() => document.querySelector('ourplan-plan').shadowRoot.querySelector('.op-plan-picture__img')?.alt === 'Sun over the sea', null, { what: 'the description as the picture’s words' });
      await s.screenshot('picture');
      await clean(s);
    },
  },
  {
    name: 'the language switch to Welsh: the kit’s words and its messages',
    async run(s) {
      await s.goto('/host.html');
      await drawn(s, RECORD, '.op-record:not(.op-record--loading)');
      await s.click([null, '#lang-cy']);
      await s.waitFor(() => document.querySelector('ourplan-record').getAttribute('lang') === 'cy'
        && /Ychwanegu|Dewisol|dewisol/.test(document.querySelector('ourplan-record').shadowRoot.textContent), null, { what: 'Welsh in the record' });
      // A value with problems: the kit's messages and its error summary are Welsh.
      await s.eval(() => { document.querySelector('ourplan-record').value = { visits: 99 }; });
      const verdict = await s.eval(() => document.querySelector('ourplan-record').validate());
      assert.ok(verdict.errors.length >= 2, JSON.stringify(verdict));
      for (const e of verdict.errors) assert.match(e.message, /^(Rhowch|Dewiswch|Ysgrifennwch)/, e.message);
      await drawn(s, RECORD, '.op-error-summary');
      assert.match(await s.text(RECORD), /Mae problem/);
      await s.screenshot('welsh');
      await clean(s);
    },
  },
  {
    name: 'a trap in the kit: every element keeps the value and offers it calmly',
    async run(s) {
      await s.goto('/embed-test.html');
      await s.eval(async () => {
        const kit = await import('/pkg/ourplan.js');
        window.handles = [
          kit.mount(document.getElementById('one'), { kind: 'record', level: 'full', schema: { type: 'object', properties: { name: { type: 'string', title: 'Name' } } } }),
          kit.mount(document.getElementById('three'), { kind: 'plan' }),
        ];
      });
      await s.waitFor(() => !!document.querySelector('#one ourplan-record')?.shadowRoot?.querySelector('#op-f-name') && !!document.querySelector('#three ourplan-plan')?.shadowRoot?.querySelector('.op-plan'), null, { what: 'both elements' });
      await s.type(['#one ourplan-record', '#op-f-name'], 'Typed by the person');
      await s.waitFor(() => window.handles[0].value.name === 'Typed by the person');
      await s.eval(async () => {
        const wasm = await import('/pkg/ourplan_wasm.js');
        setTimeout(() => wasm.debugTrap(), 0);
      });
      await s.waitFor(() => [...document.querySelectorAll('ourplan-record, ourplan-plan')].every((el) => el.shadowRoot.querySelector('[part="load-error"][role="alert"] a[download]')), null, { what: 'the calm fallback in every element' });
      assert.match(await s.text('#one ourplan-record'), /This form has stopped working/);
      assert.equal(await s.eval(() => window.handles[0].value.name), 'Typed by the person');
      const link = await s.eval(() => document.querySelector('#one ourplan-record').shadowRoot.querySelector('a[download]').href);
      assert.match(link, /^(data:application\/json|blob:)/);
      await s.screenshot('after-trap');
      // The trap is reported once, as the kit's own error; nothing else went wrong.
      const problems = await s.problems();
      assert.ok(problems.every((p) => /ourplan|debugTrap|unreachable|panicked|RuntimeError/i.test(p.text)), JSON.stringify(problems));
    },
  },
  {
    name: 'drafts: typed, the page opened again, and continued',
    async run(s) {
      const open = () => s.eval(async () => {
        await import('/pkg/ourplan.js');
        const el = document.createElement('ourplan-record');
        el.id = 'el';
        el.setAttribute('storage-key', 'engine-journey');
        el.schema = { type: 'object', required: ['name'], properties: { name: { type: 'string', title: 'Name' } } };
        window.saved = [];
        el.addEventListener('ourplan-draft-saved', (e) => window.saved.push(e.detail));
        document.querySelector('main').append(el);
        await el.ready;
        return true;
      });
      await s.goto('/embed-test.html');
      await open();
      await drawn(s, '#el', '#op-f-name');
      await s.type(['#el', '#op-f-name'], 'Megan');
      await s.waitFor(() => window.saved.length > 0 && document.getElementById('el').value.name === 'Megan', null, { what: 'a draft saved' });
      await s.goto('/embed-test.html');
      await open();
      await drawn(s, '#el', '#op-draft-continue');
      assert.match(await s.text('#el'), /You have a draft from/);
      await s.click(['#el', '#op-draft-continue']);
      await s.waitFor(() => document.getElementById('el').value.name === 'Megan', null, { what: 'the draft back' });
      await s.screenshot('draft-continued');
      await clean(s);
    },
  },
  {
    name: 'a first paint drawn by the server: shown before the kit, typed into, and kept when the kit takes over',
    async run(s) {
      // `?later`: the kit loads only when the page is told to (demo/first-paint.js).
      await s.goto('/first-paint.html?later');
      await s.waitFor(() => !!document.querySelector('ourplan-record').shadowRoot?.querySelector('[data-ourplan-prerendered] #op-f-person__name'), null, { what: 'the first paint, from declarative shadow DOM' });
      assert.equal(await s.eval(() => customElements.get('ourplan-record') === undefined), true, 'no kit yet');
      const border = await s.eval(() => getComputedStyle(document.querySelector('ourplan-record').shadowRoot.querySelector('#op-f-person__name')).borderTopWidth);
      assert.equal(border, '2px', 'the linked stylesheet applies to the first paint');
      await s.type([RECORD, '#op-f-person__name'], 'Ann Jones');
      await s.eval(() => { dispatchEvent(new Event('ourplan-load-kit')); });
      await s.waitFor(() => document.querySelector('ourplan-record').value?.person_name === 'Ann Jones'
        && !document.querySelector('ourplan-record').shadowRoot.querySelector('[data-ourplan-prerendered]'), null, { what: 'the kit took over, with what was typed' });
      await s.type([RECORD, '#op-f-person__name'], ' Smith');
      await s.waitFor(() => document.querySelector('ourplan-record').value?.person_name === 'Ann Jones Smith', null, { what: 'typing goes on in the kit' });
      await s.screenshot('first-paint');
      await clean(s);
    },
  },
  {
    name: 'the strict-CSP page: the kit works and its look applies, with no violation',
    async run(s) {
      await s.goto('/strict.html');
      await drawn(s, RECORD, '#op-f-person__name');
      await s.type([RECORD, '#op-f-person__name'], 'Ann');
      await s.eval(() => document.querySelector('ourplan-record').validate());
      await drawn(s, RECORD, '.op-error-summary');
      const border = await s.eval(() => getComputedStyle(document.querySelector('ourplan-record').shadowRoot.querySelector('.op-error-summary')).borderTopWidth);
      assert.equal(border, '5px', 'the kit’s stylesheet applies in the shadow root');
      await s.screenshot('strict');
      await clean(s);
    },
  },
];
