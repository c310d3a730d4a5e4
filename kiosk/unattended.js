// A screen nobody looks after for months: screen hours, blank screens, the nightly reload,
// Screen Wake Lock, burn-in care and the service worker that lets a cold boot without the
// server show a calm waiting screen instead of a browser error page.
//
// Blank screens show no child at all: "dark" outside the board's screen hours (a small
// clock), "revoked" when the link was withdrawn (how to link the screen again), "waiting"
// when the server has not answered since the page loaded.

import { schoolClock, withinHours } from "./hours.js";
import { translator } from "./dom.js";

const CHECK_MS = 15000;
const SHIFT_MS = 3 * 60000;
const SHIFT_PX = 4;
const RELOAD_AFTER_MS = 20 * 3600000;
const NIGHT = ["02:00", "05:00"]; // a board shown always reloads in this window
const CACHE = "pleinmunt-kiosk";
const WAIT_MS = 5000;

export class Unattended {
  constructor(config, { blankOut, freshSnapshot, redraw }) {
    this.config = config;
    this.t = translator(config.text);
    this.blankOut = blankOut;
    this.freshSnapshot = freshSnapshot;
    this.redraw = redraw;
    this.blank = null;
    this.hours = null;
    this.timezone = undefined;
    this.seen = false; // a snapshot arrived since the page loaded
    this.state = "connecting";
    this.loadedAt = Date.now();
    this.screen = document.getElementById("screen");
    this.cover = document.getElementById("blank");
  }

  start() {
    // A server that does not answer at all (no refusal either) must not leave "connecting".
    setTimeout(() => {
      if (!this.seen && !this.blank) this.show("waiting");
    }, WAIT_MS);
    setInterval(() => this.check(), CHECK_MS);
    setInterval(() => this.shift(), SHIFT_MS);
    document.addEventListener("visibilitychange", () => {
      if (!document.hidden) this.keepAwake();
    });
    this.keepAwake();
    this.offline();
  }

  snapshot(board) {
    this.seen = true;
    this.hours = board.hours;
    this.timezone = board.timezone;
    if (withinHours(this.hours, this.timezone)) this.show(null);
    else this.show("dark");
  }

  connection(state) {
    this.state = state;
    if (state === "revoked") this.show("revoked");
    else if (state === "reconnecting" && !this.seen) this.show("waiting");
  }

  check() {
    if (this.blank === "dark" && withinHours(this.hours, this.timezone)) {
      this.show(null);
      this.freshSnapshot(); // back by itself: today's board, not the one from last night
    } else if (this.blank === null && this.seen && !withinHours(this.hours, this.timezone)) {
      this.show("dark");
    } else if (this.blank === null) {
      this.redraw(); // the ticker keeps today's coins only, also after midnight
    }
    this.clock();
    this.nightlyReload();
  }

  show(kind) {
    if (kind === this.blank) return;
    this.blank = kind;
    if (kind) this.blankOut();
    this.screen.dataset.blank = kind || "";
    this.cover.hidden = !kind;
    this.cover.dataset.kind = kind || "";
    const title = document.getElementById("blank-title");
    const body = document.getElementById("blank-body");
    title.textContent = kind && kind !== "dark" ? this.t(`kiosk.${kind}_title`) : "";
    body.textContent = kind && kind !== "dark" ? this.t(`kiosk.${kind}_body`) : "";
    this.clock();
  }

  clock() {
    const clock = document.getElementById("blank-clock");
    clock.textContent = this.blank ? schoolClock(this.timezone).time : "";
  }

  // Once a night, while the server answers, the page starts over (it sheds whatever a month
  // of coins may have left behind). Never while children are on the screen during hours.
  nightlyReload() {
    if (this.state !== "live" || Date.now() - this.loadedAt < RELOAD_AFTER_MS) return;
    const { time } = schoolClock(this.timezone);
    const night = this.hours ? this.blank === "dark" : time >= NIGHT[0] && time < NIGHT[1];
    if (night) location.reload();
  }

  // Burn-in care: the whole screen drifts a few pixels every few minutes.
  shift() {
    const dx = Math.round((Math.random() * 2 - 1) * SHIFT_PX);
    const dy = Math.round((Math.random() * 2 - 1) * SHIFT_PX);
    this.screen.style.translate = `${dx}px ${dy}px`;
    this.cover.style.translate = `${-dx * 3}px ${-dy * 3}px`;
  }

  async keepAwake() {
    if (!("wakeLock" in navigator) || document.hidden) return;
    try {
      await navigator.wakeLock.request("screen");
    } catch {
      // not allowed here (no user gesture on some browsers): the kiosk setup disables blanking
    }
  }

  // The page and its files go into the cache, and a service worker serves them when the server
  // does not answer, so a screen that boots before the server shows "waiting", then connects.
  offline() {
    if (!("serviceWorker" in navigator) || !window.caches) return;
    const worker = new URL("sw.js", import.meta.url).pathname;
    navigator.serviceWorker.register(worker, { scope: "/kiosk/" }).catch(() => {});
    const links = document.querySelectorAll('link[rel="modulepreload"], link[rel="stylesheet"]');
    const scripts = document.querySelectorAll("script[type=module][src]");
    const files = [location.href, ...Array.from(links, (link) => link.href)];
    files.push(...Array.from(scripts, (script) => script.src));
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(files))
      .catch(() => {});
  }
}
