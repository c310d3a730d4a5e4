// The outbox: every coin (and undo, bike turn, bike-queue change and tally) is stored in
// IndexedDB first and sent from here. Each entry carries its own UUID, so sending it twice never
// doubles anything: the server answers a replay with what it stored (200), not a second change. The page flushes the outbox itself (on load, when the
// network comes back, on a timer), since iPads have no Background Sync.
import { withStore } from "./idb.js";
import { NetworkError, request } from "./net.js";

const TIMER_MS = 15000;
const MAX_BACKOFF_S = 60;

export class Outbox extends EventTarget {
  constructor() {
    super();
    this.inFlight = null; // the id being sent right now: undo must not delete it under us
    this.flushing = false;
    this.paused = false; // signed out: keep everything until the PIN is given again
    this.backoff = 0;
    this.retryTimer = null;
    this.waiting = false; // a retry is scheduled after a failure
    this.again = false;
  }

  async add(entry) {
    const row = { ...entry, created_at: new Date().toISOString() };
    await withStore("readwrite", (store) => store.add(row));
    this.changed();
    this.flush();
  }

  entries() {
    return withStore("readonly", (store) => store.getAll());
  }

  async first() {
    const rows = await withStore("readonly", (store) => store.getAll(null, 1));
    return rows[0] ?? null;
  }

  // Take an entry out before it is sent. False when it is on its way (or gone) already.
  async cancel(id) {
    if (this.inFlight === id) return false;
    const key = await withStore("readonly", (store) => store.index("id").getKey(id));
    if (key === undefined) return false;
    await withStore("readwrite", (store) => store.delete(key));
    this.changed();
    return true;
  }

  async remove(entry) {
    await withStore("readwrite", (store) => store.delete(entry.seq));
    this.changed();
  }

  changed() {
    this.dispatchEvent(new CustomEvent("change"));
  }

  start() {
    window.addEventListener("online", () => this.retryNow());
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") this.flush();
    });
    setInterval(() => this.flush(), TIMER_MS);
    this.flush();
  }

  resume() {
    this.paused = false;
    this.retryNow();
  }

  retryNow() {
    this.backoff = 0;
    this.waiting = false;
    clearTimeout(this.retryTimer);
    this.flush();
  }

  // One flush at a time per page (and per tablet where Web Locks exist); entries in order.
  async flush() {
    if (this.paused) return;
    if (this.flushing) {
      this.again = true; // an entry added while draining must not wait for the timer
      return;
    }
    this.flushing = true;
    try {
      do {
        this.again = false;
        await this.drainLocked();
      } while (this.again && !this.paused && !this.waiting);
    } finally {
      this.flushing = false;
    }
  }

  drainLocked() {
    if (!navigator.locks) return this.drain();
    return navigator.locks.request("pleinmunt-outbox", { ifAvailable: true }, (lock) =>
      lock ? this.drain() : null,
    );
  }

  async drain() {
    for (;;) {
      const entry = await this.first();
      if (!entry || !(await this.send(entry))) break;
    }
    this.dispatchEvent(new CustomEvent("drained"));
  }

  // Send one entry; true to go on with the next one, false to stop for now.
  async send(entry) {
    this.inFlight = entry.id;
    let answer;
    try {
      answer = await request(entry.method ?? "POST", entry.url, entry.body);
    } catch (error) {
      if (!(error instanceof NetworkError)) throw error;
      this.retryLater(null);
      return false;
    } finally {
      this.inFlight = null;
    }
    return this.settle(entry, answer);
  }

  async settle(entry, answer) {
    const { status, data } = answer;
    if (answer.ok) {
      await this.remove(entry);
      this.backoff = 0;
      this.emit("sent", { entry, data });
      return true;
    }
    if (status === 401) {
      this.paused = true;
      this.emit("auth", {});
      return false;
    }
    if (status >= 500 || status === 408 || status === 429) {
      this.retryLater(answer.retryAfter);
      return false;
    }
    // 409, 422, 403, 404: this entry can never succeed; drop it and say why.
    await this.remove(entry);
    this.emit("rejected", { entry, status, code: data?.code ?? "error", params: data?.params, detail: data?.detail });
    return true;
  }

  retryLater(retryAfter) {
    this.backoff = Math.min(Math.max(1, this.backoff * 2), MAX_BACKOFF_S);
    const seconds = Math.max(retryAfter ?? 0, this.backoff);
    clearTimeout(this.retryTimer);
    this.waiting = true;
    this.retryTimer = setTimeout(() => {
      this.waiting = false;
      this.flush();
    }, seconds * 1000);
    this.emit("retry", { seconds });
  }

  emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}

export const outbox = new Outbox();
