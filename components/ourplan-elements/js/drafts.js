// drafts.js: keeping drafts on the device, in IndexedDB, for an element with a `storage-key`.
//
// The saving path lives here, in JavaScript, not in the wasm module: after a trap no Rust runs
// (`panic = abort`), and the person's last value must still reach the store. The element hands
// this keeper the value's JSON text after every change (it holds it anyway, for a trap); the
// keeper writes an envelope within a second, and at once when the page is hidden. Reading,
// checking and migrating envelopes is Rust's (ourplan-core's `draft` module), where the person's
// words are.
//
// One database per origin, `ourplan-drafts`, one store, `drafts`: records `{ id, slot, savedAt,
// text }`, where `slot` is the element's kind and key (`record:case-42`) and `text` the envelope
// as JSON text (kept as text, so a save copies a string rather than cloning a large object).

import { VERSION } from './kit.js';

const DB_NAME = 'ourplan-drafts';
const STORE = 'drafts';
/**
 * A plan's pictures, each once, by key (`sha256:…`), as Blobs: a draft saved after each change
 * names its pictures without their data, so a plan with ten pictures saves as fast as one
 * without. Version 2 of the database added this store.
 */
const PICTURES = 'pictures';
const DB_VERSION = 2;
/** The newest envelope version this kit writes (ourplan-core's `draft::VERSION`). */
const ENVELOPE_VERSION = 1;
/** How long after a change the draft is written: within a second, as promised. */
const SAVE_AFTER_MS = 400;
/**
 * Where the last copy waits when the page closes: a write to IndexedDB started in `pagehide` is
 * lost when the page goes first (measured in Chromium: a tab closed within 100 ms of the last
 * keystroke kept nothing), and localStorage writes at once. The next visit moves it into
 * IndexedDB and removes it.
 */
const PENDING = 'ourplan-draft-pending:';

/** Moves a copy left in localStorage when a page closed into the store (see `PENDING`). */
async function adoptPending(slot) {
  let pending = null;
  try {
    pending = JSON.parse(globalThis.localStorage?.getItem(PENDING + slot) ?? 'null');
  } catch {
    pending = null;
  }
  if (!pending || typeof pending.id !== 'string' || typeof pending.text !== 'string') {
    globalThis.localStorage?.removeItem(PENDING + slot);
    return;
  }
  const stored = await transact('readonly', (store) => store.get(pending.id));
  if (!stored || String(stored.savedAt) < String(pending.savedAt)) {
    await transact('readwrite', (store) => store.put({ ...pending, slot }));
  }
  globalThis.localStorage?.removeItem(PENDING + slot);
}

let opening = null;

/** The database, opened once per page (a rejected promise when IndexedDB is not there). */
function database() {
  if (!opening) {
    opening = new Promise((resolve, reject) => {
      if (!globalThis.indexedDB) {
        reject(Object.assign(new Error('IndexedDB is not available'), { name: 'unavailable' }));
        return;
      }
      const request = indexedDB.open(DB_NAME, DB_VERSION);
      request.onupgradeneeded = (event) => {
        const db = request.result;
        if (event.oldVersion < 1) db.createObjectStore(STORE, { keyPath: 'id' }).createIndex('slot', 'slot');
        if (event.oldVersion < 2) db.createObjectStore(PICTURES, { keyPath: 'key' });
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB could not be opened'));
      request.onblocked = () => reject(Object.assign(new Error('IndexedDB is blocked'), { name: 'blocked' }));
    });
    // A failed open is tried again next time (private browsing may change, a quota may free up).
    opening.catch(() => { opening = null; });
  }
  return opening;
}

/**
 * Runs `work(store)` in one transaction; resolves with what the last request gave. With
 * `pictures`, `work(store, pictureStore)` runs over both stores, all or nothing.
 */
async function transact(mode, work, pictures = false) {
  const db = await database();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(pictures ? [STORE, PICTURES] : STORE, mode);
    let result;
    const request = work(tx.objectStore(STORE), pictures ? tx.objectStore(PICTURES) : null);
    if (request) request.onsuccess = () => { result = request.result; };
    tx.oncomplete = () => resolve(result);
    tx.onabort = () => reject(tx.error ?? new Error('the transaction was aborted'));
    tx.onerror = () => reject(tx.error ?? new Error('the transaction failed'));
  });
}

/** Every stored entry for `slot`, as `{ id, text }` (whatever `text` is: the reader checks it). */
export async function listDrafts(slot) {
  const rows = await transact('readonly', (store) => store.index('slot').getAll(slot));
  return (rows ?? []).map((row) => ({ id: String(row.id), text: typeof row.text === 'string' ? row.text : JSON.stringify(row.text ?? row) }));
}

/** A picture's base64 data as a Blob (what the store keeps: a third smaller than the text). */
function pictureBlob({ type, data }) {
  const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
  return new Blob([bytes], { type });
}

/** A Blob's bytes as base64 text. */
function base64Of(blob) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).slice(String(reader.result).indexOf(',') + 1));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

/** The picture keys a stored draft's text names. */
function keysIn(text) {
  return text.includes('"pictures"') ? text.match(/sha256:[0-9a-f]{64}/g) ?? [] : [];
}

/**
 * Puts each picture's data back into the drafts that name it without (see `PICTURES`), and
 * deletes stored pictures no draft names any more. A picture that is missing stays named
 * without data: the plan opens, and says it holds a picture it cannot show.
 */
async function withPictures(list) {
  const wanted = new Set(list.flatMap((row) => keysIn(row.text)));
  const found = new Map();
  if (wanted.size) {
    const rows = await transact('readonly', (_, pictures) => pictures.getAll(), true);
    for (const row of rows ?? []) {
      if (wanted.has(row.key) && row.blob instanceof Blob) found.set(row.key, await base64Of(row.blob));
    }
  }
  const out = list.map((row) => {
    if (!keysIn(row.text).length) return row;
    try {
      const envelope = JSON.parse(row.text);
      const pictures = envelope?.value?.pictures;
      if (!pictures || typeof pictures !== 'object') return row;
      for (const [key, picture] of Object.entries(pictures)) {
        if (picture && typeof picture === 'object' && !picture.data && found.has(key)) picture.data = found.get(key);
      }
      return { ...row, text: JSON.stringify(envelope) };
    } catch {
      return row;
    }
  });
  return out;
}

/**
 * Deletes stored pictures that no draft of any element names any more: in one transaction, so a
 * draft saved meanwhile (with its new picture) is never caught half-way.
 */
function tidyPictures() {
  return transact('readwrite', (store, pictures) => {
    const drafts = store.getAll();
    drafts.onsuccess = () => {
      const named = new Set((drafts.result ?? []).flatMap((row) => keysIn(typeof row.text === 'string' ? row.text : '')));
      const keys = pictures.getAllKeys();
      keys.onsuccess = () => {
        for (const k of keys.result ?? []) if (!named.has(k)) pictures.delete(k);
      };
    };
    return null;
  }, true);
}

/** Deletes one stored entry. */
export function deleteDraft(id) {
  return transact('readwrite', (store) => store.delete(id));
}

/** Deletes every stored entry of `slot`. */
export async function clearSlot(slot) {
  const rows = await listDrafts(slot);
  await transact('readwrite', (store) => { for (const row of rows) store.delete(row.id); return null; });
}

/** The page's local time with its offset, `2026-10-14T19:05:12.000+01:00`: read back as the time
 * the person saw on their clock. */
export function localMoment(date = new Date()) {
  const pad = (n, w = 2) => String(Math.abs(n)).padStart(w, '0');
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:`
    + `${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`
    + `${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
}

/** A name for a new draft: unique enough never to meet another (the time and randomness). */
function newId() {
  const random = globalThis.crypto?.randomUUID?.() ?? `${Math.random()}`.slice(2);
  return `d-${Date.now().toString(36)}-${random}`;
}

/**
 * Keeps one element's drafts: writes its value on each change (within a second) and at once when
 * asked (`flush`, on `pagehide`), prunes the oldest beyond `max`, and reports how saving went.
 * `source` is the element: `_draftSnapshot()` gives `{ valueText, schema, place }` (the last
 * known, even after a trap) and `_draftReport(event, detail)` tells it what happened.
 */
export class DraftKeeper {
  #source;
  #slot;
  #key;
  #kind;
  #id = newId();
  #timer = null;
  #dirty = false;
  #writing = Promise.resolve();
  #savedOnce = false;
  #max;
  /** Main-thread milliseconds the save in flight has taken so far. */
  #cost = 0;
  /** Keys of the pictures already in the store (each is written once). */
  #pictures = new Set();
  /** False on a shared computer: nothing is written, anywhere. */
  enabled = true;

  constructor(source, kind, key, max) {
    this.#source = source;
    this.#kind = kind;
    this.#key = key;
    this.#slot = `${kind}:${key}`;
    this.#max = max;
  }

  get slot() { return this.#slot; }
  get kind() { return this.#kind; }
  get currentId() { return this.#id; }
  set max(n) { this.#max = n; }

  /** Write to this stored draft from now on (the person continued it). */
  writeTo(id) { this.#id = id; this.#pictures.clear(); }
  /** Write to a new draft from now on (the person started again). */
  writeNew() { this.#id = newId(); this.#pictures.clear(); }

  /** Something changed: the draft is written within a second. */
  changed() {
    if (!this.enabled) return;
    this.#dirty = true;
    if (this.#timer === null) this.#timer = setTimeout(() => this.flush(), SAVE_AFTER_MS);
  }

  /**
   * Writes now, if anything changed since the last write. `closing`: the page is going, so the
   * copy is also left in localStorage at once (see `PENDING`).
   */
  flush(closing = false) {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    if (!this.#dirty || !this.enabled) return this.#writing;
    this.#dirty = false;
    // Made now, in this task (a page being hidden gives no more), and written after any write
    // still in flight, in order.
    const started = performance.now();
    const snapshot = this.#source._draftSnapshot();
    const record = this.#record(snapshot);
    const pictures = this.#source._draftPictures(this.#pictures);
    this.#cost = performance.now() - started;
    if (closing) {
      try {
        // A picture not yet in the store goes with the copy, whole (the value with its data).
        const whole = pictures.length ? this.#record({ ...snapshot, valueText: snapshot.wholeText }) : record;
        globalThis.localStorage?.setItem(PENDING + this.#slot, JSON.stringify(whole));
      } catch {
        // Full or refused: IndexedDB may still make it.
      }
    }
    this.#writing = this.#writing.then(() => this.#write(record, pictures));
    return this.#writing;
  }

  /** The store's record for a snapshot: the envelope as text, made without parsing the value. */
  #record({ valueText, schema, place }) {
    const savedAt = localMoment();
    const meta = {
      format: 'ourplan-draft', version: ENVELOPE_VERSION, kind: this.#kind, key: this.#key, savedAt,
      ...(schema ? { schema } : {}), kit: VERSION, place: place ?? null,
    };
    // The value goes in as the text the element already holds: no parse, no second stringify.
    const text = `${JSON.stringify(meta).slice(0, -1)},"value":${valueText || 'null'}}`;
    return { id: this.#id, slot: this.#slot, savedAt, text };
  }

  async #write(record, pictures = []) {
    const { id, savedAt } = record;
    try {
      await transact('readwrite', (store, pictureStore) => {
        // New pictures and the draft that names them: together, or neither.
        for (const p of pictures) pictureStore.put({ key: p.key, blob: pictureBlob(p), width: p.width, height: p.height });
        // The put copies the record (a structured clone of its strings) on the main thread.
        const started = performance.now();
        const request = store.put(record);
        this.#cost += performance.now() - started;
        return request;
      }, pictures.length > 0);
      for (const p of pictures) this.#pictures.add(p.key);
      // What the save cost the main thread (taking the snapshot, writing the envelope's text,
      // handing it to IndexedDB), for `cargo xtask bench`: one entry, the last save's.
      performance.clearMeasures?.('ourplan-draft-save');
      performance.measure?.('ourplan-draft-save', { start: 0, duration: this.#cost });
      // The page stayed after all (hidden, not closed): no copy need wait in localStorage.
      try {
        if (JSON.parse(globalThis.localStorage?.getItem(PENDING + this.#slot) ?? 'null')?.savedAt === savedAt) {
          globalThis.localStorage.removeItem(PENDING + this.#slot);
        }
      } catch {
        // Nothing waiting, or not readable: the next visit tidies it.
      }
      if (!this.#savedOnce) {
        this.#savedOnce = true;
        this.#askToPersist();
      }
      await this.#prune(id);
      this.#source._draftReport('ourplan-draft-saved', { key: this.#key, savedAt, id });
    } catch (error) {
      const reason = error?.name === 'QuotaExceededError' ? 'quota' : (error?.name || 'unavailable');
      // Not saved: the value stays in memory, and the next change tries again.
      this.#dirty = true;
      this.#source._draftReport('ourplan-storage-error', { reason, error });
    }
  }

  /** Keeps at most `max` drafts for the slot: the oldest go, never the one just written. */
  async #prune(keep) {
    const rows = await transact('readonly', (store) => store.index('slot').getAll(this.#slot));
    if (!rows || rows.length <= this.#max) return;
    rows.sort((a, b) => String(b.savedAt).localeCompare(String(a.savedAt)));
    const extra = rows.filter((r) => r.id !== keep).slice(Math.max(0, this.#max - 1));
    await transact('readwrite', (store) => { for (const r of extra) store.delete(r.id); return null; });
  }

  #askToPersist() {
    const storage = globalThis.navigator?.storage;
    if (!storage?.persist) {
      this.#source._draftReport('persist', { persisted: null });
      return;
    }
    storage.persist().then(
      (persisted) => this.#source._draftReport('persist', { persisted }),
      () => this.#source._draftReport('persist', { persisted: null }),
    );
  }
}

/**
 * The drafts of one mounted element: the keeper that writes them, the Rust handle that reads
 * them and draws the offer and the list, and the page events that must save at once. The element
 * makes one when it mounts with a `storage-key`, and lets it go when it unmounts.
 */
export class ElementDrafts {
  #element;
  #handle = null;
  #keeper;
  #last = { schema: '', place: null };
  #persisted = null;

  #key;
  #shared;
  #channel = null;
  /** The other tabs with this element and key open, by their id. */
  #others = new Set();
  #tab = newId();

  constructor(element, key, max, shared) {
    this.#element = element;
    this.#key = key;
    this.#shared = Boolean(shared);
    const kind = element.constructor.tag === 'ourplan-plan' ? 'plan' : 'record';
    this.#keeper = new DraftKeeper(this, kind, key, max);
    this.#keeper.enabled = !this.#shared;
    globalThis.addEventListener?.('pagehide', this.#now);
    globalThis.document?.addEventListener('visibilitychange', this.#hidden);
    // Another tab with the same element and key: both stay editable, each keeps its own draft
    // (never last-write-wins); the person is told. BroadcastChannel reaches this origin's tabs.
    if (globalThis.BroadcastChannel) {
      this.#channel = new BroadcastChannel(`ourplan-drafts:${this.#keeper.slot}`);
      this.#channel.onmessage = (event) => this.#heard(event.data);
      this.#channel.postMessage({ type: 'hello', tab: this.#tab });
    }
  }

  #heard(message) {
    if (!message || typeof message.tab !== 'string' || message.tab === this.#tab) return;
    if (message.type === 'hello') this.#channel?.postMessage({ type: 'here', tab: this.#tab });
    if (message.type === 'hello' || message.type === 'here') this.#others.add(message.tab);
    if (message.type === 'bye') this.#others.delete(message.tab);
    // Combining two tabs of one plan or record: one asks, each other tab answers with its copy
    // (a plan's value carries its history; a record's copy carries it beside the value), and the
    // asking tab combines each answer in (as "Combine with a copy" does; nothing is lost).
    if (message.type === 'want') {
      let value;
      try {
        const el = this.#element;
        value = JSON.stringify(el.constructor.tag === 'ourplan-plan' ? el.value : el.copy());
      } catch (error) {
        console.warn(`ourplan: this tab's copy could not be offered: ${error?.message ?? error}`);
      }
      if (value !== undefined) this.#channel?.postMessage({ type: 'value', tab: this.#tab, to: message.tab, value });
    }
    if (message.type === 'value' && message.to === this.#tab && typeof message.value === 'string') {
      try {
        this.#element.merge(message.value);
      } catch (error) {
        console.warn(`ourplan: the other tab's copy was not combined: ${error?.message ?? error}`);
      }
    }
    this.#element._call(() => this.#handle?.set_other_tabs(this.#others.size));
  }

  /** What `navigator.storage.persist()` answered after the first save, or null. */
  get persisted() { return this.#persisted; }
  set max(n) { this.#keeper.max = n; }

  /** Reads the stored drafts into the element's Rust half (`handle`), which draws them. */
  async load(elementHandle, mountPoint) {
    this.#handle = this.#element._call(() => elementHandle.drafts()) ?? null;
    if (this.#shared) {
      // A shared computer: nothing is read (another person's drafts are not shown) or written.
      this.#element._call(() => this.#handle?.set_shared_device(true));
      if (this.#handle) this.#element._call(() => this.#handle.load('[]', mountPoint));
      return;
    }
    let list = [];
    try {
      await adoptPending(this.#keeper.slot);
      list = await withPictures(await listDrafts(this.#keeper.slot));
      // Pictures no draft names any more go (a draft pruned, a picture taken out).
      tidyPictures().catch(() => {});
    } catch (error) {
      this._draftReport('ourplan-storage-error', { reason: error?.name || 'unavailable', error });
    }
    if (!this.#handle) return;
    this.#element._call(() => this.#handle.load(JSON.stringify(list), mountPoint));
    this.#element._call(() => this.#handle.set_other_tabs(this.#others.size));
    this.consider();
    const problems = JSON.parse(this.#element._call(() => this.#handle.problems()) ?? '[]');
    for (const p of problems) {
      console.warn(`ourplan: a stored draft (${p.id}) could not be opened: ${p.reason}. It is kept aside and can be downloaded.`);
    }
  }

  /**
   * Offers the newest draft that differs from the element's value, after asking the host: the
   * cancellable `ourplan-draft-found` lets a host decide itself (say, when it set `value` from
   * its case system). Called when the drafts are read, when the host sets `value`, and when the
   * browser restores a form value on back-navigation.
   */
  consider() {
    const found = JSON.parse(this.#element._call(() => this.#handle?.candidate()) ?? 'null');
    if (!found) return;
    const event = new CustomEvent('ourplan-draft-found', {
      bubbles: true, composed: true, cancelable: true,
      detail: { key: this.#key, id: found.id, savedAt: found.savedAt, summary: found.summary },
    });
    if (this.#element.dispatchEvent(event)) this.#element._call(() => this.#handle?.offer(found.id));
  }

  /** The host says whether this is a shared computer (`shared-device`). */
  setShared(on) {
    this.#shared = on;
    this.#keeper.enabled = !on;
    if (on) globalThis.localStorage?.removeItem(PENDING + this.#keeper.slot);
    this.#element._call(() => this.#handle?.set_shared_device(on));
  }

  /** The person changed something: save within a second. */
  changed() { this.#keeper.changed(); }

  /** Saves now (the page is going, the element is leaving, the kit stopped). */
  flush() { return this.#keeper.flush(); }

  /** Carries out what the Rust half asked of the store (continue a draft, start again, delete). */
  async commands() {
    const list = JSON.parse(this.#element._call(() => this.#handle?.take_commands()) ?? '[]');
    for (const c of list) {
      if (c.op === 'write-to') this.#keeper.writeTo(c.id);
      else if (c.op === 'write-new') this.#keeper.writeNew();
      else if (c.op === 'shared-device') {
        this.#keeper.enabled = !c.on;
        if (c.on) globalThis.localStorage?.removeItem(PENDING + this.#keeper.slot);
      } else if (c.op === 'clear') {
        try {
          await clearSlot(this.#keeper.slot);
          globalThis.localStorage?.removeItem(PENDING + this.#keeper.slot);
          this.#keeper.writeNew();
        } catch (error) {
          this._draftReport('ourplan-storage-error', { reason: error?.name || 'unavailable', error });
        }
      }
      else if (c.op === 'ask-other-tab') this.#channel?.postMessage({ type: 'want', tab: this.#tab });
      else if (c.op === 'delete') {
        try {
          await deleteDraft(c.id);
        } catch (error) {
          this._draftReport('ourplan-storage-error', { reason: error?.name || 'unavailable', error });
        }
      }
    }
  }

  /** The drafts, as `drafts()` lists them. */
  list() {
    return JSON.parse(this.#element._call(() => this.#handle?.list()) ?? '[]');
  }

  /** Opens a stored draft as "Open" would; false when there is none this kit can open by `id`. */
  open(id) { return Boolean(this.#element._call(() => this.#handle?.open(String(id)))); }

  /** Deletes every draft of this element's key, then shows none. */
  async clear(mountPoint) {
    await clearSlot(this.#keeper.slot);
    this.#keeper.writeNew();
    if (this.#handle) this.#element._call(() => this.#handle.load('[]', mountPoint));
  }

  /** Stops listening to the page; saves first. */
  detach() {
    this.flush();
    this.#channel?.postMessage({ type: 'bye', tab: this.#tab });
    this.#channel?.close();
    this.#channel = null;
    globalThis.removeEventListener?.('pagehide', this.#now);
    globalThis.document?.removeEventListener('visibilitychange', this.#hidden);
    this.#handle = null;
  }

  #now = () => {
    this.#keeper.flush(true);
    this.#channel?.postMessage({ type: 'bye', tab: this.#tab });
  };
  #hidden = () => { if (globalThis.document?.visibilityState === 'hidden') this.#keeper.flush(true); };

  // For the keeper: what to write (the last known, even with the module stopped) and how it went.
  _draftSnapshot() {
    if (this.#handle) {
      const schema = this.#element._call(() => this.#handle.schema());
      const place = this.#element._call(() => this.#handle.place());
      if (schema !== undefined) this.#last.schema = schema;
      if (place !== undefined) this.#last.place = JSON.parse(place);
    }
    return {
      valueText: this.#element._draftValueText(),
      wholeText: this.#element._lastValueText(),
      schema: this.#last.schema,
      place: this.#last.place,
    };
  }

  _draftPictures(known) { return this.#element._draftPictures(known); }

  _draftReport(type, detail) {
    if (type === 'persist') {
      this.#persisted = detail.persisted;
      return;
    }
    const failed = type === 'ourplan-storage-error';
    if (failed) console.warn(`ourplan: a draft could not be saved on this device (${detail.reason}); the work is kept in the page.`, detail.error);
    this.#element._call(() => this.#handle?.saved(
      failed ? detail.reason : '', detail.id ?? '', this.#keeper.kind, detail.key ?? '', detail.savedAt ?? '',
    ));
    const init = { bubbles: true, composed: true };
    this.#element.dispatchEvent(failed
      ? new CustomEvent('ourplan-storage-error', { ...init, detail: { reason: detail.reason } })
      : new CustomEvent('ourplan-draft-saved', { ...init, detail: { key: detail.key, savedAt: detail.savedAt } }));
  }
}
