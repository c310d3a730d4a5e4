// The tablet app: sign in, pick a group, give coins (through the outbox), bikes and tally.
import { initAward } from "./award.js";
import { initBikes } from "./bikes.js";
import { $, config, el, errorText, t } from "./config.js";
import { readJson, SignedOut } from "./data.js";
import { api, NetworkError } from "./net.js";
import { outbox } from "./outbox.js";
import { closeSheet, openSheet } from "./sheet.js";
import { initNetwork, initTabs, showPending, showSignedIn } from "./shell.js";
import { initSignin } from "./signin.js";
import { prefs, snapshots } from "./store.js";
import { toast } from "./toast.js";
import { initTally } from "./tally.js";

const state = { groups: [], me: null, refreshTimer: null, rosterTimer: null };
const award = initAward({ outbox });
const bikes = initBikes({ outbox, children: () => award.view?.children ?? [] });
const tally = initTally({ outbox });
const tabs = initTabs((name) => {
  if (name === "bikes") bikes.show(prefs.groupId);
  else bikes.hide();
  if (name === "tally") tally.show();
  else tally.hide();
});
const signin = initSignin({ onSignedIn });

function currentGroup() {
  return state.groups.find((group) => group.id === prefs.groupId) ?? state.groups[0] ?? null;
}

function showGroup(group) {
  prefs.groupId = group.id;
  $("#group-button").hidden = false;
  $("#group-button").textContent = `${group.kind === "daycare" ? "🧸" : "🏫"} ${group.name} ▾`;
  tabs.showBikes(group.kind === "daycare");
  if (group.kind !== "daycare" && tabs.current() === "bikes") tabs.select("award");
}

async function loadGroup() {
  const group = currentGroup();
  if (!group) return;
  showGroup(group);
  const view = await readJson(`/api/v1/tablet/groups/${group.id}`);
  if (view) await award.show(view.data);
  if (tabs.current() === "bikes") bikes.show(group.id);
}

function chooseGroup() {
  openSheet(
    t("tablet.group.choose"),
    state.groups.map((group) =>
      el("button", { type: "button", class: "group-choice", "aria-pressed": String(group.id === prefs.groupId), onclick: () => {
        prefs.groupId = group.id;
        closeSheet();
        guarded(loadGroup);
      } }, `${group.kind === "daycare" ? "🧸" : "🏫"} ${group.name}`),
    ),
  );
}

// Any read may find the session gone: then the PIN is asked again (the outbox keeps waiting).
async function guarded(action) {
  try {
    await action();
  } catch (error) {
    if (!(error instanceof SignedOut)) throw error;
    signedOut();
  }
}

function showApp() {
  signin.hide();
  $("#app").hidden = false;
  showSignedIn(state.me);
}

async function startApp() {
  showApp();
  const groups = await readJson("/api/v1/groups");
  state.groups = groups?.data ?? [];
  if (state.groups.length === 0) $("#grid").replaceChildren(el("p", { class: "empty" }, t("tablet.offline_first_time")));
  await loadGroup();
  outbox.resume();
  clearInterval(state.rosterTimer);
  state.rosterTimer = setInterval(() => guarded(refreshRoster), config.refresh_ms);
}

// The desk changes the roster while tablets are open (a child switched off, a new child, a
// renamed group): ask again now and then. The outbox is not touched; its coins stay counted.
async function refreshRoster() {
  if ($("#app").hidden || document.visibilityState === "hidden") return;
  const groups = await readJson("/api/v1/groups");
  if (groups?.fresh) state.groups = groups.data;
  await loadGroup();
}

async function onSignedIn(logger) {
  const answer = await api.get("/api/v1/tablet/me").catch(() => null);
  state.me = answer?.ok ? answer.data : { id: logger.id, name: logger.name, role: "logger" };
  prefs.me = state.me;
  await guarded(startApp);
}

function signedOut() {
  outbox.paused = true;
  clearInterval(state.rosterTimer);
  $("#app").hidden = true;
  showSignedIn(null);
  outbox.entries().then((rows) => {
    const note = rows.length ? t("tablet.signin.waiting", { count: rows.length }) : t("tablet.signin.expired");
    if (state.me) signin.askPin(state.me, note);
    else signin.show();
  });
}

async function signOut() {
  const waiting = (await outbox.entries()).length;
  if (waiting > 0) {
    toast({ text: t("tablet.signout.waiting", { count: waiting }), kind: "error" });
    return;
  }
  try {
    await api.delete("/api/v1/session");
  } catch (error) {
    if (!(error instanceof NetworkError)) throw error;
    toast({ text: t("tablet.signout.offline"), kind: "error" });
    return;
  }
  state.me = null;
  prefs.me = null;
  snapshots.clear();
  location.reload();
}

function refreshSoon() {
  clearTimeout(state.refreshTimer);
  state.refreshTimer = setTimeout(() => guarded(loadGroup), 400);
}

function wireOutbox() {
  const count = async () => showPending((await outbox.entries()).length);
  outbox.addEventListener("change", count);
  outbox.addEventListener("auth", signedOut);
  outbox.addEventListener("sent", refreshSoon);
  outbox.addEventListener("rejected", ({ detail }) => {
    const why = errorText(detail, { alone: false });
    const key = { bike: "tablet.rejected.bike", tally: "tablet.rejected.tally" }[detail.entry.kind] ?? "tablet.rejected";
    toast({ text: t(key, { name: detail.entry.label, why }), kind: "error" });
    refreshSoon();
  });
  count();
}

function wireDevice() {
  if (!window.isSecureContext) {
    // No service worker: the outbox works, reloading offline not. Said once, then out of the way.
    $("#insecure").hidden = prefs.insecureSeen === true;
    $("#insecure-dismiss").addEventListener("click", () => {
      $("#insecure").hidden = true;
      prefs.insecureSeen = true;
    });
  } else if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/tablet/sw.js", { scope: "/tablet" }).catch(() => {});
    navigator.serviceWorker.ready.then(() => {
      document.documentElement.dataset.offlineReady = "true";
    });
  }
  navigator.storage?.persist?.().catch(() => {});
  initNetwork(() => outbox.retryNow());
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible" && state.me) guarded(refreshRoster);
  });
  $("#group-button").addEventListener("click", chooseGroup);
  $("#signout").addEventListener("click", signOut);
}

// A tablet opened again shows the children it kept at once, without waiting for the network
// (three answers in a row, a second on a slow Wi-Fi); the server's answers replace them as
// they come, and a session gone (401) still asks for the PIN. Signing out forgets both.
function showKept() {
  const groups = snapshots.get("/api/v1/groups");
  if (!prefs.me || !groups?.length) return Promise.resolve();
  state.me = prefs.me;
  state.groups = groups;
  showApp();
  const group = currentGroup();
  showGroup(group);
  const view = snapshots.get(`/api/v1/tablet/groups/${group.id}`);
  return view ? award.show(view) : Promise.resolve();
}

async function boot() {
  wireDevice();
  wireOutbox();
  outbox.paused = true; // until we know someone is signed in
  outbox.start();
  const asking = api.get("/api/v1/tablet/me");
  asking.catch(() => {}); // read below; a network error is not unhandled meanwhile
  await showKept();
  let answer = null;
  try {
    answer = await asking;
  } catch (error) {
    if (!(error instanceof NetworkError)) throw error;
  }
  if (answer?.ok || (answer === null && prefs.me)) {
    // Offline: trust this tablet's last sign-in; a 401 from the outbox will tell otherwise.
    state.me = answer?.ok ? answer.data : prefs.me;
    prefs.me = state.me;
    await guarded(startApp);
  } else if (answer?.status === 401 && prefs.me) {
    state.me = prefs.me;
    signedOut();
  } else {
    signin.show();
  }
  document.documentElement.dataset.ready = "true";
}

boot();
