// The recess tally: count conflicts per zone, this recess. Anonymous: no child is named.
// Every tap goes through the outbox (idempotent by its id), so a dead Wi-Fi loses no tally.
import { $, config, el, t } from "./config.js";
import { readJson, SignedOut } from "./data.js";
import { talliesWithPending } from "./pending.js";
import { uuid4 } from "./uuid.js";

export function initTally({ outbox }) {
  const state = { recess: null, rows: [], zones: [], counts: new Map(), visible: false };
  const key = (recess, zone) => `${recess}:${zone}`;

  async function load() {
    let answer;
    try {
      answer = await readJson("/api/v1/tallies");
    } catch (error) {
      if (!(error instanceof SignedOut)) throw error;
      return; // the outbox's 401 asks for the PIN
    }
    state.zones = answer?.data.zones ?? state.zones; // the school's own, set on the desk
    const today = answer && answer.data.day === schoolDay(answer) ? answer.data : null;
    state.recess ??= today?.recess_now ?? null;
    state.rows = today?.tallies ?? [];
    state.counts = talliesWithPending(state.rows, await outbox.entries());
    render();
  }

  // A kept answer from another day is no count for today.
  function schoolDay(answer) {
    return answer.fresh ? answer.data.day : new Date().toLocaleDateString("sv", { timeZone: config.time_zone });
  }

  async function change(zone, delta) {
    const id = uuid4();
    const body = { id, recess: state.recess, zone: zone.slug, delta, at: new Date().toISOString() };
    const counted = key(state.recess, zone.slug);
    state.counts.set(counted, Math.max((state.counts.get(counted) ?? 0) + delta, 0));
    render();
    await outbox.add({ id, kind: "tally", url: "/api/v1/tallies", body, label: zone.name });
  }

  for (const type of ["sent", "rejected"]) {
    outbox.addEventListener(type, (event) => {
      if (event.detail.entry.kind === "tally" && state.visible) load();
    });
  }

  function render() {
    state.recess ??= config.recesses[0];
    $("#recess").replaceChildren(
      ...config.recesses.map((recess) =>
        el("button", { type: "button", class: "recess-choice", "aria-pressed": String(recess === state.recess), onclick: () => { state.recess = recess; render(); } }, t(`tablet.recess.${recess}`)),
      ),
    );
    $("#zones").replaceChildren(
      ...state.zones.map((zone) => {
        const count = state.counts.get(key(state.recess, zone.slug)) ?? 0;
        return el(
          "div",
          { class: "zone", dataset: { zone: zone.slug } },
          el("span", { class: "zone-icon", "aria-hidden": "true" }, zone.icon),
          el("span", { class: "zone-name" }, zone.name),
          el("span", { class: "zone-count", "aria-live": "polite" }, String(count)),
          el("div", { class: "zone-buttons" },
            el("button", { type: "button", class: "minus", disabled: count === 0, "aria-label": t("tablet.tally.minus", { zone: zone.name }), onclick: () => change(zone, -1) }, "−"),
            el("button", { type: "button", class: "plus", "aria-label": t("tablet.tally.plus", { zone: zone.name }), onclick: () => change(zone, 1) }, "+"),
          ),
        );
      }),
    );
    if (state.zones.length === 0) $("#zones").append(el("p", { class: "empty" }, t("tablet.tally.no_zones")));
  }

  return {
    show() {
      state.visible = true;
      return load();
    },
    hide() {
      state.visible = false;
    },
  };
}
