// The recess tally: count conflicts per zone, this recess. Anonymous: no child is named.
import { $, config, el, errorText, t } from "./config.js";
import { api, NetworkError } from "./net.js";
import { toast } from "./toast.js";

const ICONS = { plein: "🏫", voetbal: "⚽", klimrek: "🧗", zandbak: "🏖️", fietsen: "🚲" };

export function initTally() {
  const state = { recess: null, counts: new Map() };
  const key = (recess, zone) => `${recess}:${zone}`;

  async function load() {
    let answer;
    try {
      answer = await api.get("/api/v1/tallies");
    } catch (error) {
      if (!(error instanceof NetworkError)) throw error;
      render();
      return;
    }
    if (!answer.ok) return;
    state.recess ??= answer.data.recess_now;
    state.counts = new Map(answer.data.tallies.map((row) => [key(row.recess, row.zone), row.conflicts]));
    render();
  }

  async function change(zone, delta) {
    try {
      const answer = await api.post("/api/v1/tallies", { recess: state.recess, zone, delta });
      if (answer.ok) state.counts.set(key(state.recess, zone), answer.data.conflicts);
      else toast({ text: errorText(answer.data), kind: "error" });
    } catch (error) {
      if (!(error instanceof NetworkError)) throw error;
      toast({ text: t("tablet.tally.offline"), kind: "error" });
    }
    render();
  }

  function render() {
    state.recess ??= config.recesses[0];
    $("#recess").replaceChildren(
      ...config.recesses.map((recess) =>
        el("button", { type: "button", class: "recess-choice", "aria-pressed": String(recess === state.recess), onclick: () => { state.recess = recess; render(); } }, t(`tablet.recess.${recess}`)),
      ),
    );
    $("#zones").replaceChildren(
      ...config.zones.map((zone) => {
        const count = state.counts.get(key(state.recess, zone)) ?? 0;
        const label = t(`tablet.zone.${zone}`);
        return el(
          "div",
          { class: "zone", dataset: { zone } },
          el("span", { class: "zone-icon", "aria-hidden": "true" }, ICONS[zone] ?? "📍"),
          el("span", { class: "zone-name" }, label),
          el("span", { class: "zone-count", "aria-live": "polite" }, String(count)),
          el("div", { class: "zone-buttons" },
            el("button", { type: "button", class: "minus", disabled: count === 0, "aria-label": t("tablet.tally.minus", { zone: label }), onclick: () => change(zone, -1) }, "−"),
            el("button", { type: "button", class: "plus", "aria-label": t("tablet.tally.plus", { zone: label }), onclick: () => change(zone, 1) }, "+"),
          ),
        );
      }),
    );
  }

  return { show: load };
}
