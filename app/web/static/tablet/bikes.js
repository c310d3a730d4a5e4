// Daycare bikes, picture-first: who rides, who waits (tap avatars to queue), a turn timer
// that shows plainly when a turn is over, and the handover: went well ✓ / not yet ✗.
// The queue lives on the server, so two tablets agree; the page asks again every few seconds.
// Every change goes through the outbox (idempotent by its id), so a dead Wi-Fi loses none.
import { $, config, t } from "./config.js";
import { readJson, SignedOut } from "./data.js";
import { bikeCard, pickerButton, turnLeft, updateTimer } from "./bike-card.js";
import { bikesWithPending, applyBikeChange } from "./pending.js";
import { closeSheet, openSheet } from "./sheet.js";
import { toast } from "./toast.js";
import { uuid4 } from "./uuid.js";

const POLL_MS = 5000;

export function initBikes({ outbox, children }) {
  const list = $("#bike-list");
  const state = { groupId: null, bikes: [], clockOffset: 0, visible: false, poll: null };
  const byId = (id) => children().find((child) => child.id === id);

  async function load() {
    if (state.groupId === null) return;
    let answer;
    try {
      answer = await readJson(`/api/v1/bikes?group_id=${state.groupId}`);
    } catch (error) {
      if (!(error instanceof SignedOut)) throw error;
      return; // the outbox's 401 asks for the PIN
    }
    $("#bikes-offline").hidden = answer?.fresh === true;
    if (!answer) return;
    if (answer.serverTime) state.clockOffset = answer.serverTime - Date.now();
    const pending = await outbox.entries();
    state.bikes = bikesWithPending(answer.data.filter((bike) => bike.active), pending);
    render();
  }

  function render() {
    const actions = { pick, leave, start, park, handover, minutes: config.bike_turn_minutes };
    list.replaceChildren(...state.bikes.map((bike) => bikeCard(bike, byId, actions)));
    if (state.bikes.length === 0) list.append(Object.assign(document.createElement("p"), { className: "empty", textContent: t("tablet.bikes.none") }));
    tick();
  }

  function tick() {
    const now = Date.now() + state.clockOffset;
    for (const bike of state.bikes) {
      const node = list.querySelector(`[data-bike-id="${bike.id}"]`);
      if (node) updateTimer(node, turnLeft(bike, now, config.bike_turn_minutes));
    }
  }

  // Shown at once, sent when it can be: {action: join | leave | ride, bike, child (null parks)}.
  async function change(action, bike, childId) {
    const id = uuid4();
    const at = new Date(Date.now() + state.clockOffset).toISOString();
    const request = {
      join: ["POST", `/api/v1/bikes/${bike.id}/queue`, { id, child_id: childId }],
      leave: ["DELETE", `/api/v1/bikes/${bike.id}/queue/${childId}?id=${id}`, undefined],
      ride: ["PUT", `/api/v1/bikes/${bike.id}/rider`, { id, child_id: childId }],
    }[action];
    const [method, url, body] = request;
    const changeOf = { action, bike_id: bike.id, child_id: childId, at };
    applyBikeChange(state.bikes, changeOf);
    render();
    await outbox.add({ id, kind: "bike", method, url, body, change: changeOf, label: byId(childId)?.first_name ?? bike.name });
  }

  function pick(bike) {
    const waiting = new Set(bike.queue);
    const candidates = children().filter((child) => child.active && child.id !== bike.rider_child_id && !waiting.has(child.id));
    openSheet(
      t("tablet.bikes.pick", { bike: bike.name }),
      candidates.map((child) =>
        pickerButton(child, () => {
          closeSheet();
          change("join", bike, child.id);
        }),
      ),
    );
  }

  const leave = (bike, child) => change("leave", bike, child.id);
  const start = (bike) => change("ride", bike, bike.queue[0]);
  const park = (bike) => change("ride", bike, null);

  // The handover is a bike turn (idempotent by its id) and goes through the outbox like a coin.
  async function handover(bike, wentWell) {
    const from = byId(bike.rider_child_id);
    const to = byId(bike.queue[0]);
    const id = uuid4();
    const body = { id, bike_id: bike.id, from_child_id: bike.rider_child_id, to_child_id: bike.queue[0], went_well: wentWell, at: new Date().toISOString() };
    bike.rider_child_id = body.to_child_id;
    bike.rider_since = new Date(Date.now() + state.clockOffset).toISOString();
    bike.queue = bike.queue.slice(1);
    render();
    await outbox.add({ id, kind: "turn", url: "/api/v1/bike-turns", body, label: to?.first_name ?? "" });
    const names = `${from?.emoji ?? ""} ${from?.first_name ?? ""} → ${to?.emoji ?? ""} ${to?.first_name ?? ""}`;
    toast({ text: wentWell ? t("tablet.bikes.well_done", { names }) : t("tablet.bikes.not_yet_done", { names }) });
  }

  // Ask again once a change is in, or refused (the server's queue is the truth).
  for (const type of ["sent", "rejected"]) {
    outbox.addEventListener(type, (event) => {
      if (["turn", "bike"].includes(event.detail.entry.kind) && state.visible) load();
    });
  }
  setInterval(() => state.visible && tick(), 1000);

  return {
    show(groupId) {
      state.groupId = groupId;
      state.visible = true;
      clearInterval(state.poll);
      state.poll = setInterval(load, POLL_MS);
      return load();
    },
    hide() {
      state.visible = false;
      clearInterval(state.poll);
    },
  };
}
