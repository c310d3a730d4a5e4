// What the schoolyard sees happen: a coin landing, a tube filling up, the weekly winner.
// With prefers-reduced-motion nothing moves: cards light up, the reveal simply appears.
//
// Effects come once per frame with every change of that frame. A recess burst is one
// celebration: the toast pops once and then only changes its text; at most a few cards light
// up per frame. Animations are Web Animations (no classes to restart, no forced layout, no
// listeners left behind).

import { avatar, el, emoji, translator, weekNumber } from "./dom.js";

const TOAST_MS = 3500;
const REVEAL_MS = 30000;
const CONFETTI = 60;
const CARDS_PER_FRAME = 6;

function calm() {
  return matchMedia("(prefers-reduced-motion: reduce)").matches;
}

const LANDED = [
  { transform: "scale(1)", borderColor: "var(--gold)", backgroundColor: "#fff3c4" },
  { transform: "scale(1.07)", offset: 0.25 },
  { transform: "scale(1)", borderColor: "transparent", backgroundColor: "var(--card)" },
];
const FLOAT = [
  { opacity: 1, transform: "translateY(0)" },
  { opacity: 0, transform: "translateY(-1.2em)" },
];

export class Effects {
  constructor(config, view) {
    this.config = config;
    this.view = view;
    this.t = translator(config.text);
    this.toastTimer = null;
    this.revealTimer = null;
    this.landing = new WeakMap(); // card → its running animation
  }

  play(changes) {
    const coins = changes.filter((change) => change.kind === "coin");
    if (coins.length) this.coinsLanded(coins);
    for (const change of changes) {
      if (change.kind === "goal") this.goalReached(change.group);
      else if (change.kind === "winner") this.reveal(change.winner);
    }
  }

  coinsLanded(coins) {
    const lit = new Set();
    for (const { child, coin } of coins.slice(-CARDS_PER_FRAME)) {
      const card = child ? this.view.card(child.child_id) : null;
      if (!card || lit.has(card)) continue;
      lit.add(card);
      this.light(card, coin);
    }
    const { coin } = coins[coins.length - 1];
    if (coin.child_id != null) {
      this.toast(
        avatar(this.config, coin.avatar, "small"),
        coin.name ? el("span", { class: "toast-name" }, coin.name) : "",
        el("span", { class: "toast-reason" }, this.view.reason(coin).icon),
        el("span", { class: "toast-amount" }, `+${coin.amount}`),
      );
    } else {
      const reason = this.view.reason(coin, true);
      this.toast(
        el("span", { class: "toast-name" }, this.view.groupName(this.view.board, coin.group_id)),
        el("span", { class: "toast-reason" }, reason.icon, " ", reason.label),
        el("span", { class: "toast-amount" }, `+${coin.amount}`),
      );
    }
  }

  light(card, coin) {
    if (calm()) {
      card.classList.add("landed");
      setTimeout(() => card.classList.remove("landed"), 2000);
      return;
    }
    const running = this.landing.get(card);
    if (running && running.playState === "running") return; // already celebrating
    this.landing.set(card, card.animate(LANDED, { duration: 1400, easing: "ease-out" }));
    let float = card.querySelector(".float");
    if (!float) {
      float = el("span", { class: "float", "aria-hidden": "true" });
      card.append(float);
    }
    float.textContent = `+${coin.amount}`;
    float.animate(FLOAT, { duration: 1600, easing: "ease-out", fill: "forwards" });
  }

  goalReached(group) {
    const tube = this.view.tube(group.group_id);
    if (tube && !calm()) {
      tube.firstChild.animate(
        [
          { transform: "scale(1)" },
          { transform: "scale(1.08)", boxShadow: "0 0 2rem var(--gold)" },
          { transform: "scale(1)" },
        ],
        { duration: 1200, iterations: 3, easing: "ease-in-out" },
      );
    }
    this.toast(
      el("span", { class: "toast-goal" }, emoji("🎉", ""), " ", this.t("kiosk.goal_toast", { group: group.name })),
    );
  }

  // The toast sits at the bottom, over the ticker: it never covers the board's title.
  toast(...content) {
    const toast = document.getElementById("toast");
    toast.replaceChildren(...content);
    if (toast.hidden) {
      toast.hidden = false;
      if (!calm()) {
        toast.animate(
          [
            { opacity: 0, transform: "translateX(-50%) scale(0.6)" },
            { opacity: 1, transform: "translateX(-50%) scale(1)" },
          ],
          { duration: 500, easing: "ease-out" },
        );
      }
    }
    clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => {
      toast.hidden = true;
      toast.replaceChildren();
    }, TOAST_MS);
  }

  // Nothing left on screen (a blank screen took over).
  clear() {
    clearTimeout(this.toastTimer);
    clearTimeout(this.revealTimer);
    const toast = document.getElementById("toast");
    toast.hidden = true;
    toast.replaceChildren();
    this.hideReveal();
  }

  hideReveal() {
    document.getElementById("reveal").hidden = true;
    document.getElementById("reveal-avatar").replaceChildren();
    document.getElementById("reveal-name").textContent = "";
    document.getElementById("confetti").replaceChildren();
  }

  reveal(winner) {
    const overlay = document.getElementById("reveal");
    document.getElementById("reveal-title").textContent = this.t("kiosk.reveal_title", {
      week: weekNumber(winner.week),
    });
    document
      .getElementById("reveal-avatar")
      .replaceChildren(
        winner.avatar ? avatar(this.config, winner.avatar, "huge") : emoji("🏆", "", "avatar huge trophy"),
      );
    document.getElementById("reveal-name").textContent = winner.name || winner.group || "";
    const reward = document.getElementById("reveal-reward");
    reward.replaceChildren();
    if (winner.reward) {
      reward.append(emoji("🎁", ""), ` ${this.t("kiosk.reward")}: ${winner.reward}`);
    }
    overlay.hidden = false;
    overlay.classList.remove("show");
    void overlay.offsetWidth; // once a week: let the reveal's animation start again
    overlay.classList.add("show");
    this.confetti();
    clearTimeout(this.revealTimer);
    this.revealTimer = setTimeout(() => this.hideReveal(), REVEAL_MS);
  }

  confetti() {
    const box = document.getElementById("confetti");
    if (calm()) {
      box.replaceChildren();
      return;
    }
    const pieces = [];
    for (let i = 0; i < CONFETTI; i += 1) {
      const piece = el("span", { class: "piece" });
      if (i % 3 === 0) piece.append(emoji("🪙", ""));
      piece.style.setProperty("--x", `${Math.random() * 100}vw`);
      piece.style.setProperty("--delay", `${Math.random() * 2.5}s`);
      piece.style.setProperty("--hue", String(Math.floor(Math.random() * 360)));
      pieces.push(piece);
    }
    box.replaceChildren(...pieces);
  }
}
