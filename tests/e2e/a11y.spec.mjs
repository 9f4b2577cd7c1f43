// Accessibility beyond axe, in Chromium, for both elements in their demo states: reflow at
// 320 CSS px (WCAG 1.4.10), forced colours and reduced motion (1.4.11, 2.4.7, 2.3.3), target
// size (2.5.8), and keyboard-only journeys (2.1.1) that use page.keyboard and nothing else.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, openPage, screenshot } from './harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const RECORDS = ['what-matters', 'community-hub', 'review-note', 'welsh-what-matters'];
const examples = (name) => JSON.parse(readFileSync(new URL(`../../schemas/records/${name}.examples.json`, import.meta.url), 'utf8'));

/** The fullest valid example of a shipped record (the one whose JSON is longest). */
function fullestExample(name) {
  return examples(name).valid.map((e) => e.value).sort((a, b) => JSON.stringify(b).length - JSON.stringify(a).length)[0];
}

/** A plan starter holding every kind of block, with the longest words a person might type. */
const EVERY_KIND = {
  id: 'every-kind',
  title: { en: 'Every kind of block', cy: 'Pob math o floc' },
  description: { en: 'A starter for tests: one block of each kind.', cy: 'Dechrau ar gyfer profion: un bloc o bob math.' },
  blocks: [
    {
      kind: 'section',
      title: { en: 'My mornings and my independence', cy: 'Fy moreau a fy annibyniaeth' },
      children: [
        { kind: 'heading', text: 'Getting up and out of the house' },
        { kind: 'text', text: 'I like a slow start with the radio on. Please do not rush me before ten.' },
        { kind: 'list', items: ['Radio Cymru', 'A strong cup of tea', 'The paper'] },
      ],
    },
    { kind: 'checklist', items: ['Ring the lunch club', 'Book the optician'] },
    { kind: 'whatMatters', text: 'Seeing my grandchildren and keeping my garden.' },
    { kind: 'person', name: 'Sian Evans', relationship: 'Daughter', howTheyHelp: 'Rings every evening.', contact: '07700 900123' },
    { id: 'goal', kind: 'outcome', what: 'Go swimming every week', howIWillKnow: 'I have been ten times', byWhen: 'March' },
    { kind: 'action', who: 'Sam Patel', what: 'Find a swimming buddy', byWhen: 'Next month' },
    { kind: 'budgetLine', what: 'Personal assistant', costPence: 12345, frequency: 'weekly', paidFrom: 'direct-payment', outcomeId: 'goal', secondLook: false },
    { kind: 'doDont', pleaseDo: ['Knock and wait'], pleaseDont: ['Move my things'] },
    { kind: 'labelValue', label: 'Allergies', value: 'Penicillin' },
  ],
};
const RULES = { limit: { amount: '250.00', period: 'week' }, noSecondLook: true, notComplex: true };
const SAM = { name: 'Sam Patel', role: 'Social worker' };

async function recordReady(page) {
  await page.waitForFunction(() => document.querySelector('ourplan-record')?.shadowRoot?.querySelector('.op-record:not(.op-record--loading)'), null, { timeout: 20000 });
}

async function planReady(page) {
  await page.waitForFunction(() => document.querySelector('ourplan-plan')?.shadowRoot?.querySelector('.op-plan'), null, { timeout: 20000 });
}

/** Loads `name` into the demo record at level full with `value`, after the schema has drawn. */
async function loadRecord(page, name, value, lang = 'en') {
  await page.evaluate(async ({ name, value, lang }) => {
    const el = document.querySelector('ourplan-record');
    el.setAttribute('lang', lang);
    el.setAttribute('level', 'full');
    el.setAttribute('schema-src', `/schemas/records/${name}.schema.json`);
    // The schema is fetched: wait until it is drawn, then set the value.
    await el.ready;
    el.value = value;
  }, { name, value, lang });
}

/** Every record state the reflow and target-size checks visit, each a function of the page. */
function recordStates() {
  const states = [];
  for (const name of RECORDS) {
    const lang = name.startsWith('welsh') ? 'cy' : 'en';
    states.push({
      name: `record ${name} (${lang}), full, lists filled, error summary`,
      async set(page) {
        const schema = await page.evaluate(async (n) => (await fetch(`/schemas/records/${n}.schema.json`)).json(), name);
        const value = structuredClone(fullestExample(name));
        // Take away the first required answer, so the summary has something to say.
        delete value[schema.required[0]];
        await loadRecord(page, name, value, lang);
        await page.evaluate(() => document.querySelector('ourplan-record').validate());
        await page.locator('ourplan-record .op-error-summary').waitFor();
      },
    });
    states.push({
      name: `record ${name} (${lang}), read back`,
      async set(page) {
        await loadRecord(page, name, fullestExample(name), lang);
        await page.evaluate(() => document.querySelector('ourplan-record').setAttribute('readonly', ''));
        await page.locator('ourplan-record .op-summary-list').first().waitFor();
      },
    });
  }
  states.push({
    name: 'record with a map editor open (cy)',
    async set(page) {
      await page.evaluate(() => {
        const el = document.querySelector('ourplan-record');
        el.setAttribute('level', 'full');
        el.setAttribute('lang', 'cy');
        el.schema = {
          title: 'Contacts',
          properties: {
            contacts: { type: 'object', title: 'Other people to contact', additionalProperties: { type: 'string', format: 'email', title: 'Email' } },
          },
        };
        el.value = { contacts: { 'Sian Evans (daughter)': 'sian.evans@example.org', 'Dr Rhys ap Gwilym': 'not an email' } };
      });
      await page.locator('ourplan-record .op-button').first().waitFor();
      await page.evaluate(() => document.querySelector('ourplan-record').validate());
      await page.locator('ourplan-record .op-error-summary').waitFor();
    },
  });
  return states;
}

/** Every plan state the checks visit. */
function planStates() {
  return [
    {
      name: 'plan starters',
      async set() {},
    },
    {
      name: 'plan with every kind of block, budget, sign-off and a review (en)',
      async set(page) {
        await usePlanStarter(page);
      },
    },
    {
      name: 'plan with every kind of block, second look needed, cost error (cy)',
      async set(page) {
        await usePlanStarter(page);
        await page.evaluate(() => document.querySelector('ourplan-plan').setAttribute('lang', 'cy'));
        const id = await page.evaluate(() => document.querySelector('ourplan-plan').value.blocks.find((b) => b.kind === 'budgetLine').id);
        await page.locator(`ourplan-plan [id="op-f-${id}-costPence"]`).fill('1,234.50 a week');
        await page.locator('ourplan-plan #op-complex').check();
        await page.locator(`ourplan-plan [id="op-f-${id}-costPence-error"]`).waitFor();
      },
    },
    {
      name: 'plan signed off, read-only',
      async set(page) {
        await usePlanStarter(page);
        await page.locator('ourplan-plan #op-signoff').click();
        await page.evaluate(() => document.querySelector('ourplan-plan').setAttribute('readonly', ''));
      },
    },
  ];
}

/** Starts the plan from the every-kind starter, with sign-off rules, checks and a review. */
async function usePlanStarter(page) {
  await page.evaluate(({ tpl, RULES, SAM }) => {
    const el = document.querySelector('ourplan-plan');
    el.templates = [tpl];
    el.signoffRules = RULES;
    el.practitioner = SAM;
    el.setAttribute('checks', 'wales');
  }, { tpl: EVERY_KIND, RULES, SAM });
  await page.locator('ourplan-plan #op-start-every-kind').click();
  const reviews = () => page.evaluate(() => document.querySelector('ourplan-plan').value?.reviews?.length ?? 0);
  const before = await reviews();
  // Blocks drawn with content-visibility: auto take their real height once near the viewport,
  // a frame after a scroll. A failed run showed focus on the button and no review: the press
  // and the release of the click landed on different boxes. Scroll first and let it settle.
  const add = page.locator('ourplan-plan #op-add-review');
  await add.scrollIntoViewIfNeeded();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await add.click();
  // Focus moves to the new review's date once the builder has drawn it (under CI load that can
  // be after click() resolves). If it does not, say what happened rather than time out blind.
  try {
    await page.waitForFunction(() => /-date$/.test(document.querySelector('ourplan-plan').shadowRoot.activeElement?.id ?? ''), null, { timeout: 10000 });
  } catch {
    const focused = await page.evaluate(() => {
      const a = document.querySelector('ourplan-plan').shadowRoot.activeElement;
      return a ? `${a.tagName}#${a.id}` : `outside the plan: ${document.activeElement?.tagName}`;
    });
    assert.fail(`after Add review: ${before} -> ${await reviews()} reviews, focus on ${focused}`);
  }
  const rid = await page.evaluate(() => document.querySelector('ourplan-plan').shadowRoot.activeElement.id);
  await page.locator(`ourplan-plan [id="${rid.replace(/-date$/, '-by')}"]`).fill('Me, my daughter Sian and Sam');
}

/**
 * What overflows sideways at the current viewport: the page itself, and any box inside the
 * elements' shadow roots that is wider than its own box or sticks out past the viewport.
 * Text areas and text inputs scroll their own text, and visually hidden text is clipped on purpose.
 */
async function overflow(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const found = [];
    const describe = (el) => {
      const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      return `${el.getRootNode().host?.localName ?? 'document'} ${el.localName}${el.id ? `#${el.id}` : ''}${cls}`;
    };
    for (const host of document.querySelectorAll('ourplan-record, ourplan-plan')) {
      for (const el of host.shadowRoot.querySelectorAll('*')) {
        if (el.closest('.op-visually-hidden, [hidden]')) continue;
        const style = getComputedStyle(el);
        if (style.display === 'none' || style.display === 'contents') continue;
        const own = el.localName === 'textarea' || (el.localName === 'input' && !['checkbox', 'radio'].includes(el.type));
        if (!own && style.display !== 'inline' && el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1) {
          found.push(`${describe(el)} scrolls: ${el.scrollWidth} > ${el.clientWidth}`);
        }
        const rect = el.getBoundingClientRect();
        if (rect.width > 0 && rect.right > width + 0.5) found.push(`${describe(el)} ends at ${Math.round(rect.right)} px`);
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, found };
  });
}

/**
 * Visits each state on one page per element (reloaded between states, which is quicker than a
 * fresh browser context): `check(page, state)` runs with the state set.
 */
async function visit(states, viewport, check) {
  for (const path of ['/', '/plan.html']) {
    const mine = states.filter((s) => (path === '/plan.html') === s.name.startsWith('plan'));
    if (!mine.length) continue;
    const page = await openPage(browser, path);
    await page.setViewportSize(viewport);
    for (const [i, state] of mine.entries()) {
      if (i > 0) await page.reload();
      await (path === '/plan.html' ? planReady(page) : recordReady(page));
      await state.set(page);
      await check(page, state);
    }
    assert.deepEqual(page.pageErrors, [], `${path}: uncaught errors`);
    await page.context().close();
  }
}

const slug = (name) => name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();

test('reflow: at 320 CSS px nothing scrolls sideways, in the record or the plan', async () => {
  const failures = [];
  await visit([...recordStates(), ...planStates()], { width: 320, height: 640 }, async (page, state) => {
    const { scrollWidth, found } = await overflow(page);
    if (scrollWidth > 320) failures.push(`${state.name}: the page is ${scrollWidth} px wide`);
    for (const f of found) failures.push(`${state.name}: ${f}`);
    // Pictures of the fullest states, and of any state that overflows.
    if (found.length || scrollWidth > 320 || /error summary|every kind of block, budget/.test(state.name)) {
      await screenshot(page, `reflow-320-${slug(state.name)}`);
    }
  });
  assert.deepEqual(failures, []);
});

/** Opens `path` at `viewport`, waits for the element, and puts it in `state`. */
async function openState(path, state, viewport = { width: 1024, height: 900 }) {
  const page = await openPage(browser, path);
  await page.setViewportSize(viewport);
  await (path === '/plan.html' ? planReady(page) : recordReady(page));
  await state.set(page);
  return page;
}

/**
 * Every control a person can reach in the elements' shadow roots, with how it is drawn when
 * focused and not: border widths and styles, outline, and whether anything shows at all.
 */
async function focusLooks(page) {
  return page.evaluate(() => {
    const looks = [];
    const visible = (width, style, color) => parseFloat(width) > 0 && style !== 'none' && style !== 'hidden' && !/rgba\([^)]*,\s*0\)$|transparent/.test(color);
    for (const host of document.querySelectorAll('ourplan-record, ourplan-plan')) {
      for (const el of host.shadowRoot.querySelectorAll('button, a[href], input, select, textarea, [tabindex]')) {
        if (el.closest('.op-visually-hidden') || el.disabled || !el.getClientRects().length) continue;
        el.focus();
        const s = getComputedStyle(el);
        looks.push({
          what: `${host.localName} ${el.localName}${el.type ? `[${el.type}]` : ''}#${el.id || '(no id)'}.${String(el.className).split(' ')[0]}`,
          tag: el.localName,
          type: el.type ?? '',
          focused: host.shadowRoot.activeElement === el && el.matches(':focus'),
          outline: visible(s.outlineWidth, s.outlineStyle, s.outlineColor),
          border: ['Top', 'Right', 'Bottom', 'Left'].every((side) => visible(s[`border${side}Width`], s[`border${side}Style`], s[`border${side}Color`])),
          detail: `outline ${s.outlineWidth} ${s.outlineStyle} ${s.outlineColor}; border ${s.borderTopWidth} ${s.borderTopStyle} ${s.borderTopColor}`,
        });
      }
    }
    return looks;
  });
}

test('forced colours: controls keep their edges and focus stays visible, in both elements', async () => {
  const problems = [];
  const states = [recordStates()[0], recordStates().at(-1), planStates()[1]];
  for (const state of states) {
    const path = state.name.startsWith('plan') ? '/plan.html' : '/';
    const page = await openState(path, state);
    // In ordinary colours a focused button shows GOV.UK's yellow fill with a transparent
    // outline; forced colours drop the fill, so the outline is what has to show there.
    const ordinary = await focusLooks(page);
    assert.ok(ordinary.some((l) => l.tag === 'button' && !l.outline), 'the check sees a transparent outline');
    await page.emulateMedia({ forcedColors: 'active' });
    assert.equal(await page.evaluate(() => matchMedia('(forced-colors: active)').matches), true);
    const looks = await focusLooks(page);
    assert.ok(looks.length > 5, `${state.name}: ${looks.length} controls`);
    for (const l of looks) {
      if (!l.focused) problems.push(`${state.name}: ${l.what} cannot take focus`);
      if (!l.outline) problems.push(`${state.name}: ${l.what} shows no outline when focused (${l.detail})`);
      // Text boxes, selects and buttons keep a border; checkboxes, radios and the file
      // chooser are drawn by the system in forced colours.
      const boxed = ['textarea', 'select', 'button'].includes(l.tag) || (l.tag === 'input' && !['checkbox', 'radio', 'file'].includes(l.type));
      if (boxed && !l.border) problems.push(`${state.name}: ${l.what} has no border (${l.detail})`);
    }
    await screenshot(page, `forced-colours-${state.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`);
    await page.context().close();
  }
  assert.deepEqual(problems, []);
});

test('reduced motion: nothing in either element moves when the person asks for less motion', async () => {
  for (const [path, state] of [['/', recordStates()[0]], ['/plan.html', planStates()[1]]]) {
    const page = await openState(path, state);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const moving = await page.evaluate(() => {
      const found = [];
      for (const host of document.querySelectorAll('ourplan-record, ourplan-plan')) {
        for (const el of [host.shadowRoot.firstElementChild, ...host.shadowRoot.querySelectorAll('*')]) {
          for (const pseudo of [null, '::before', '::after']) {
            const s = getComputedStyle(el, pseudo);
            const durations = `${s.transitionDuration},${s.animationDuration}`.split(',').map((d) => parseFloat(d) || 0);
            if (s.animationName !== 'none' && s.animationName !== '' && Math.max(...durations) > 0) found.push(`${el.localName}.${el.className}${pseudo ?? ''} animates`);
            else if (Math.max(...durations) > 0) found.push(`${el.localName}.${el.className}${pseudo ?? ''} has a transition`);
          }
        }
      }
      return { found, smooth: [...document.querySelectorAll('ourplan-record, ourplan-plan')].map((h) => getComputedStyle(h.shadowRoot.firstElementChild).scrollBehavior) };
    });
    assert.deepEqual(moving.found, [], path);
    // A host's (or a later change's) transition is switched off too: the kit's reduce rule wins.
    const added = await page.evaluate(() => {
      const host = document.querySelector('ourplan-record, ourplan-plan');
      const sheet = new CSSStyleSheet();
      sheet.replaceSync('.op-button { transition: background-color 0.4s; }');
      host.shadowRoot.adoptedStyleSheets = [...host.shadowRoot.adoptedStyleSheets, sheet];
      const button = host.shadowRoot.querySelector('.op-button');
      return getComputedStyle(button).transitionDuration;
    });
    assert.equal(added, '0s', `${path}: a transition under reduced motion`);
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('ourplan-record, ourplan-plan').shadowRoot.querySelector('.op-button')).transitionDuration), '0.4s');
    assert.ok(moving.smooth.every((b) => b === 'auto'), path);
    await page.context().close();
  }
});

/**
 * WCAG 2.2 2.5.8 target size (minimum) for every control in the elements: each is at least 24 by
 * 24 CSS px (a checkbox or radio counts with its label, which also takes the click), or passes
 * the spacing exception (a 24 px circle on its centre touches no other target and no other
 * undersized target's circle). Returns the controls that fail, with their sizes.
 */
async function smallTargets(page) {
  return page.evaluate(() => {
    const targets = [];
    for (const host of document.querySelectorAll('ourplan-record, ourplan-plan')) {
      const root = host.shadowRoot;
      for (const el of root.querySelectorAll('button, a[href], input, select, textarea, summary, label')) {
        if (el.closest('.op-visually-hidden') || !el.getClientRects().length) continue;
        if (el.localName === 'label') continue; // counted with its control below
        let rect = el.getBoundingClientRect();
        if (el.type === 'checkbox' || el.type === 'radio') {
          for (const label of el.labels ?? []) {
            if (label.closest('.op-visually-hidden') || !label.getClientRects().length) continue;
            const r = label.getBoundingClientRect();
            // The label joins the hit area when it touches the box (it sits beside it).
            const left = Math.min(rect.left, r.left);
            const top = Math.min(rect.top, r.top);
            const right = Math.max(rect.right, r.right);
            const bottom = Math.max(rect.bottom, r.bottom);
            if (r.width > 0 && r.height > 0 && right - left <= rect.width + r.width + 12) rect = new DOMRect(left, top, right - left, bottom - top);
          }
        }
        const id = el.id ? `#${el.id}` : `(${el.textContent.trim().slice(0, 30)})`;
        targets.push({ what: `${host.localName} ${el.localName}${el.type ? `[${el.type}]` : ''}${id}`, rect });
      }
    }
    const small = targets.filter((t) => t.rect.width < 24 || t.rect.height < 24);
    const centre = (r) => [r.left + r.width / 2, r.top + r.height / 2];
    const circleHitsRect = ([cx, cy], r) => {
      const dx = Math.max(r.left - cx, 0, cx - r.right);
      const dy = Math.max(r.top - cy, 0, cy - r.bottom);
      return dx * dx + dy * dy < 12 * 12;
    };
    const failures = [];
    for (const t of small) {
      const c = centre(t.rect);
      const hits = targets.filter((o) => o !== t && circleHitsRect(c, o.rect)).map((o) => o.what);
      const close = small.filter((o) => o !== t && Math.hypot(...centre(o.rect).map((v, i) => v - c[i])) < 24).map((o) => o.what);
      if (hits.length || close.length) {
        failures.push(`${t.what} is ${Math.round(t.rect.width)}×${Math.round(t.rect.height)} and too close to ${[...new Set([...hits, ...close])].join(', ')}`);
      }
    }
    return { count: targets.length, small: small.map((t) => `${t.what} ${Math.round(t.rect.width)}×${Math.round(t.rect.height)}`), failures };
  });
}

test('target size: every control is at least 24 by 24 px or has room around it (WCAG 2.5.8)', async () => {
  const failures = [];
  // A read-back has no controls (a read-only plan keeps only its two download links); every other
  // state does.
  const states = [...recordStates(), ...planStates()].filter((s) => !/read back|read-only/.test(s.name));
  await visit(states, { width: 1024, height: 900 }, async (page, state) => {
    // The widest and the narrowest screens each lay the controls out differently.
    for (const viewport of [{ width: 1024, height: 900 }, { width: 320, height: 640 }]) {
      await page.setViewportSize(viewport);
      const { count, small, failures: found } = await smallTargets(page);
      assert.ok(count > 3, `${state.name}: ${count} targets`);
      console.log(`# ${state.name} at ${viewport.width} px: ${count} targets, ${small.length} under 24 px${small.length ? `: ${small.join('; ')}` : ''}`);
      failures.push(...found.map((f) => `${state.name} at ${viewport.width} px: ${f}`));
    }
    await page.setViewportSize({ width: 1024, height: 900 });
  });
  assert.deepEqual(failures, []);
});

/**
 * Where focus is, through the elements' shadow roots: `ourplan-record input#op-f-name`, with a
 * button's or link's words after it in quotes.
 */
function focusAt(page) {
  return page.evaluate(() => {
    let el = document.activeElement;
    let path = '';
    while (el?.shadowRoot?.activeElement) {
      path += `${el.localName} `;
      el = el.shadowRoot.activeElement;
    }
    const text = el?.matches('button, a') ? ` "${el.textContent.trim().replace(/\s+/g, ' ')}"` : '';
    return `${path}${el?.localName ?? ''}#${el?.id ?? ''}${text}`;
  });
}

/**
 * Presses Tab (or Shift+Tab) until focus is on the control `want` (a string `focusAt` ends with,
 * or a RegExp), as a keyboard user would; fails if it is not reached in `limit` presses.
 * Returns the number of presses.
 */
async function tabTo(page, want, { back = false, limit = 150 } = {}) {
  const hit = (at) => (typeof want === 'string' ? at.endsWith(want) || at.includes(`${want} "`) : want.test(at));
  for (let n = 0; n <= limit; n += 1) {
    if (hit(await focusAt(page))) return n;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  assert.fail(`${want} was not reached by ${back ? 'Shift+Tab' : 'Tab'} in ${limit} presses (at ${await focusAt(page)})`);
}

test('keyboard only: the “what matters” record is completed, an error fixed from the summary', async () => {
  const page = await openPage(browser, '/');
  await recordReady(page);
  await page.evaluate(() => {
    window.invalid = 0;
    document.querySelector('ourplan-record').addEventListener('invalid', () => { window.invalid += 1; });
  });
  let keys = 0;
  const tab = async (want, opts) => { keys += await tabTo(page, want, opts); };
  const type = async (text) => { await page.keyboard.type(text); keys += [...text].length; };
  const press = async (key) => { await page.keyboard.press(key); keys += 1; };

  // From the top of the page: past the demo's links into the record.
  await tab('#op-f-person__name');
  await type('Ann Jones');
  await press('Tab');
  await type('20');
  await press('Tab');
  await type('11');
  await press('Tab');
  await type('2026');
  await press('Tab');
  // The conversation radios: an arrow key picks the next one, as in any radio group.
  assert.match(await focusAt(page), /input#op-f-conversation$/);
  await press('Space');
  await press('ArrowDown');
  // "What matters" is left empty on purpose. The "Add more" buttons open more questions.
  await tab(/ourplan-record button# "Follow up in how many weeks\?"$/);
  await press('Enter');
  assert.match(await focusAt(page), /#op-f-follow__up__weeks$/, 'focus moves into the question it opened');
  await type('4');

  // Check the record with the page's button: the summary takes focus and names the problem.
  await tab('#check');
  await press('Enter');
  await page.locator('ourplan-record .op-error-summary').waitFor();
  assert.match(await focusAt(page), /^ourplan-record div#/, 'focus is on the error summary');
  assert.equal(await page.evaluate(() => document.querySelector('ourplan-record').shadowRoot.activeElement.className), 'op-error-summary');
  const links = await page.locator('ourplan-record .op-error-summary a').allTextContents();
  assert.deepEqual(links, ['Enter ‘What matters to me’']);
  assert.equal(await page.evaluate(() => window.invalid), 1);

  // Follow the summary's link by keyboard, fix the answer, and check again.
  await press('Tab');
  assert.match(await focusAt(page), /^ourplan-record a# "Enter ‘What matters to me’"$/);
  await press('Enter');
  assert.match(await focusAt(page), /#op-f-what__matters$/, 'the link moves focus to the field');
  await type('Seeing my grandchildren and keeping my garden.');
  await tab('#check');
  await press('Enter');
  await page.locator('ourplan-record .op-error-summary').waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => window.invalid), 1, 'no new invalid event');
  const result = await page.evaluate(async () => {
    const el = document.querySelector('ourplan-record');
    return { verdict: await el.validate(), value: el.value };
  });
  assert.deepEqual(result.verdict, { valid: true, errors: [] });
  assert.equal(result.value.person_name, 'Ann Jones');
  assert.equal(result.value.conversation_date, '2026-11-20');
  assert.equal(result.value.conversation, 'work-intensively');
  assert.equal(result.value.what_matters, 'Seeing my grandchildren and keeping my garden.');
  assert.equal(result.value.follow_up_weeks, 4);
  console.log(`# keyboard-only what-matters record: ${keys} key presses`);
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

test('keyboard only: a plan of five blocks from a blank page, one moved into a section, undone, signed off', async () => {
  const page = await openPage(browser, '/plan.html');
  await planReady(page);
  let keys = 0;
  const tab = async (want, opts) => { keys += await tabTo(page, want, opts); };
  const type = async (text) => { await page.keyboard.type(text); keys += [...text].length; };
  const press = async (key) => { await page.keyboard.press(key); keys += 1; };
  const plan = () => page.evaluate(() => document.querySelector('ourplan-plan').value);
  const top = async () => (await plan()).blocks.map((b) => b.kind);

  // The demo's own checkbox turns on the practitioner's view (signoffRules and practitioner).
  await tab('input#practitioner');
  await press('Space');
  await tab('#op-start-blank');
  await press('Enter');
  assert.match(await focusAt(page), /#op-title$/);
  // The title box starts as "My support plan" with the caret after it: select it to replace it.
  await press('Control+a');
  await type('Living my life');

  /** Chooses `label` in the "Add to your plan" menu with the arrow keys, then presses Add. */
  const addBlock = async (label) => {
    await tab('#op-add-top-kind');
    await press('Home');
    for (let i = 0; i < 12; i += 1) {
      const chosen = await page.evaluate(() => {
        const s = document.querySelector('ourplan-plan').shadowRoot.getElementById('op-add-top-kind');
        return s.selectedOptions[0].textContent;
      });
      if (chosen === label) break;
      await press('ArrowDown');
    }
    await press('Tab');
    assert.match(await focusAt(page), /button#op-add-top "Add"$/);
    await press('Enter');
    // Focus goes into the new block.
    assert.match(await focusAt(page), /#op-f-[^-]+-/);
  };

  await addBlock('Section');
  await type('Mornings');
  await addBlock('Text');
  await type('I like a slow start with the radio on.');
  await addBlock('Outcome');
  await type('Go swimming every week');
  await addBlock('Budget line');
  await type('Personal assistant');
  await press('Tab');
  await type('20');
  await addBlock('Heading');
  await type('Who helps me');
  assert.deepEqual(await top(), ['section', 'text', 'outcome', 'budgetLine', 'heading']);
  assert.equal((await plan()).title, 'Living my life');
  assert.equal((await plan()).blocks[3].costPence, 2000);
  const [section, text] = (await plan()).blocks.map((b) => b.id);

  // Back up the page to the text block's "Move into the section above", and press it.
  await tab(`#op-b-${text}-into`, { back: true });
  await press('Enter');
  assert.deepEqual(await top(), ['section', 'outcome', 'budgetLine', 'heading']);
  assert.deepEqual((await plan()).blocks[0].children.map((b) => b.id), [text]);

  // Undo with Ctrl+Z, from wherever focus is in the builder.
  await press('Control+z');
  assert.deepEqual(await top(), ['section', 'text', 'outcome', 'budgetLine', 'heading']);
  assert.equal((await plan()).blocks[0].id, section);
  assert.match(await focusAt(page), /^ourplan-plan /, 'focus stays in the builder after undo');

  // Sign off: £20 a week is within Sam's limit.
  await tab('#op-signoff');
  await press('Enter');
  const signed = await plan();
  assert.equal(signed.signoff?.name, 'Sam Patel');
  assert.match(await page.locator('ourplan-plan #op-signoff-status').textContent(), /Signed off by Sam Patel/);
  await screenshot(page, 'keyboard-plan-signed-off');
  console.log(`# keyboard-only plan (five blocks, a move, an undo, sign-off): ${keys} key presses`);
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

/** Chromium's accessibility tree (CDP Accessibility.getFullAXTree): the nodes a person's tools see. */
async function axNodes(page) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  await cdp.detach();
  return nodes.filter((n) => !n.ignored).map((n) => ({
    role: n.role?.value,
    name: n.name?.value ?? '',
    props: Object.fromEntries((n.properties ?? []).map((p) => [p.name, p.value?.value])),
  }));
}

const CONTROLS = new Set(['button', 'link', 'textbox', 'checkbox', 'radio', 'combobox', 'spinbutton', 'listbox', 'slider', 'switch']);

test('accessibility tree: every control has a name, fields showing an error are marked invalid', async () => {
  const problems = [];
  const states = [recordStates()[0], recordStates().at(-1), planStates()[1], planStates()[2]];
  await visit(states, { width: 1024, height: 900 }, async (page, state) => {
    const nodes = await axNodes(page);
    const controls = nodes.filter((n) => CONTROLS.has(n.role));
    assert.ok(controls.length > 5, `${state.name}: ${controls.length} controls`);
    for (const n of controls) if (!n.name.trim()) problems.push(`${state.name}: a ${n.role} has no name`);
    // Block kinds are headings a screen reader reads as words, not letters ("TEXT").
    for (const n of nodes.filter((n) => n.role === 'heading')) {
      if (n.name.length > 3 && n.name === n.name.toUpperCase() && /[A-Z]{4}/.test(n.name) && n.name !== 'PATH') problems.push(`${state.name}: heading "${n.name}" is read in capitals`);
    }
    const errors = await page.evaluate(() => [...document.querySelectorAll('ourplan-record')]
      .flatMap((h) => [...h.shadowRoot.querySelectorAll('.op-input--error, .op-textarea--error, .op-select--error')].map((el) => el.id)));
    if (state.name.startsWith('record')) {
      assert.ok(errors.length > 0, `${state.name}: some field shows an error`);
      const invalid = controls.filter((n) => n.props.invalid === 'true').length;
      if (invalid < errors.length) problems.push(`${state.name}: ${errors.length} fields show an error, ${invalid} are marked invalid`);
    }
  });
  assert.deepEqual(problems, []);
});
