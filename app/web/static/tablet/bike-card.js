// One bike as a card: rider, turn timer, handover buttons, and the queue of waiting toddlers.
import { avatar, el, t } from "./config.js";

// Toddlers know bikes by colour: take it from the bike's name when it says one.
const TINTS = [
  [/\b(rood|rode|red)\b/i, "#c0392b"],
  [/\b(blauw|blauwe|blue)\b/i, "#1f618d"],
  [/\b(groen|groene|green)\b/i, "#1e8449"],
  [/\b(geel|gele|yellow)\b/i, "#b7950b"],
  [/\b(oranje|orange)\b/i, "#d35400"],
  [/\b(roze|pink)\b/i, "#b03a6f"],
  [/\b(paars|paarse|purple)\b/i, "#6c3483"],
];

function tint(name) {
  return TINTS.find(([pattern]) => pattern.test(name))?.[1] ?? "#34495e";
}

// Milliseconds left in the rider's turn (negative when over), or null without a rider.
export function turnLeft(bike, now, minutes) {
  if (!bike.rider_child_id || !bike.rider_since) return null;
  return Date.parse(bike.rider_since) + minutes * 60000 - now;
}

export function updateTimer(card, left) {
  const timer = card.querySelector(".timer");
  if (!timer || left === null) return;
  const over = left <= 0;
  card.dataset.over = String(over);
  const total = Number(timer.dataset.total);
  // The server's clock is known to the second only: never show more than a whole turn.
  const seconds = Math.min(Math.max(Math.ceil(left / 1000), 0), total / 1000);
  timer.querySelector(".timer-text").textContent = over
    ? t("tablet.bikes.over")
    : `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
  timer.style.setProperty("--left", String(Math.min(Math.max(left / total, 0), 1)));
}

export function pickerButton(child, onclick) {
  return el("button", { type: "button", class: "pick-child", dataset: { childId: child.id }, onclick }, avatar(child, "big"), el("span", { class: "name" }, child.first_name));
}

function riderPart(bike, rider, minutes) {
  if (!rider) {
    return el("div", { class: "rider free" }, el("span", { class: "free-icon", "aria-hidden": "true" }, "🅿️"), el("span", {}, t("tablet.bikes.free")));
  }
  const timer = el("div", { class: "timer", dataset: { total: minutes * 60000 } }, el("span", { class: "timer-bar" }, el("span", { class: "timer-fill" })), el("span", { class: "timer-text" }));
  return el("div", { class: "rider" }, avatar(rider, "xl"), el("span", { class: "name" }, rider.first_name), timer);
}

function actionPart(bike, rider, next, actions) {
  const buttons = [];
  if (rider && next) {
    buttons.push(
      el("button", { type: "button", class: "handover good", "aria-label": t("tablet.bikes.went_well"), onclick: () => actions.handover(bike, true) }, el("span", { class: "big-icon" }, "✓"), el("span", {}, t("tablet.bikes.went_well"))),
      el("button", { type: "button", class: "handover notyet", "aria-label": t("tablet.bikes.not_yet"), onclick: () => actions.handover(bike, false) }, el("span", { class: "big-icon" }, "✗"), el("span", {}, t("tablet.bikes.not_yet"))),
    );
  } else if (!rider && next) {
    buttons.push(el("button", { type: "button", class: "start", onclick: () => actions.start(bike) }, el("span", { class: "big-icon" }, "▶"), avatar(next, "small"), el("span", {}, t("tablet.bikes.start", { name: next.first_name }))));
  }
  if (rider) {
    buttons.push(el("button", { type: "button", class: "park", onclick: () => actions.park(bike) }, "🅿️ ", t("tablet.bikes.park")));
  }
  return el("div", { class: "bike-actions" }, ...buttons);
}

function queuePart(bike, byId, actions) {
  const waiting = bike.queue.map(byId).filter(Boolean);
  return el(
    "div",
    { class: "queue", "aria-label": t("tablet.bikes.queue") },
    el("span", { class: "queue-icon", "aria-hidden": "true" }, "⏳"),
    ...waiting.map((child, index) =>
      el(
        "span",
        { class: "queued", dataset: { childId: child.id } },
        el("span", { class: "place" }, String(index + 1)),
        avatar(child, "medium"),
        el("span", { class: "name" }, child.first_name),
        el("button", { type: "button", class: "leave", "aria-label": t("tablet.bikes.leave", { name: child.first_name }), onclick: () => actions.leave(bike, child) }, "✕"),
      ),
    ),
    el("button", { type: "button", class: "join", "aria-label": t("tablet.bikes.join"), onclick: () => actions.pick(bike) }, "+"),
  );
}

export function bikeCard(bike, byId, actions) {
  const rider = bike.rider_child_id ? byId(bike.rider_child_id) : null;
  const next = bike.queue.length ? byId(bike.queue[0]) : null;
  const card = el(
    "article",
    { class: "bike", dataset: { bikeId: bike.id }, "aria-label": bike.name },
    el("header", { class: "bike-head" }, el("span", { class: "bike-icon", "aria-hidden": "true" }, "🚲"), el("h3", {}, bike.name)),
    riderPart(bike, rider, actions.minutes),
    actionPart(bike, rider, next, actions),
    queuePart(bike, byId, actions),
  );
  card.style.setProperty("--bike", tint(bike.name));
  return card;
}
