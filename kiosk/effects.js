// What the schoolyard sees happen: a coin landing, a tube filling up, the weekly winner.
// With prefers-reduced-motion nothing moves: cards light up, the reveal simply appears.

import { avatar, el, translator, weekNumber } from "./dom.js";

const TOAST_MS = 3500;
const LANDED_MS = 2000;
const REVEAL_MS = 30000;
const CONFETTI = 60;

function calm() {
  return matchMedia("(prefers-reduced-motion: reduce)").matches;
}

function restart(node, className) {
  node.classList.remove(className);
  void node.offsetWidth; // let the animation start again
  node.classList.add(className);
}

export class Effects {
  constructor(config, view) {
    this.config = config;
    this.view = view;
    this.t = translator(config.text);
    this.toastTimer = null;
    this.revealTimer = null;
  }

  play(change) {
    if (change.kind === "coin") this.coinLanded(change);
    else if (change.kind === "goal") this.goalReached(change.group);
    else if (change.kind === "winner") this.reveal(change.winner);
  }

  coinLanded({ child, coin }) {
    const card = this.view.card(child.child_id);
    if (card) {
      restart(card, "landed");
      setTimeout(() => card.classList.remove("landed"), LANDED_MS);
      if (!calm()) {
        const float = el("span", { class: "float" }, `+${coin.amount} 🪙`);
        float.addEventListener("animationend", () => float.remove());
        card.append(float);
      }
    }
    this.toast(
      avatar(this.config, coin.avatar, "small"),
      coin.name ? el("span", { class: "toast-name" }, coin.name) : "",
      el("span", { class: "toast-reason" }, this.view.reasonIcon(coin)),
      el("span", { class: "toast-amount" }, `+${coin.amount}`),
    );
  }

  goalReached(group) {
    const tube = document.querySelector(`.tube[data-group="${group.group_id}"]`);
    if (tube) restart(tube, "cheer");
    this.toast(
      el("span", { class: "toast-goal" }, "🎉 ", this.t("kiosk.goal_toast", { group: group.name })),
    );
  }

  toast(...content) {
    const toast = document.getElementById("toast");
    toast.replaceChildren(...content);
    toast.hidden = false;
    restart(toast, "show");
    clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => {
      toast.hidden = true;
    }, TOAST_MS);
  }

  reveal(winner) {
    const overlay = document.getElementById("reveal");
    document.getElementById("reveal-title").textContent = this.t("kiosk.reveal_title", {
      week: weekNumber(winner.week),
    });
    document
      .getElementById("reveal-avatar")
      .replaceChildren(
        winner.avatar ? avatar(this.config, winner.avatar, "huge") : el("span", {}, "🏆"),
      );
    document.getElementById("reveal-name").textContent = winner.name || "";
    const reward = document.getElementById("reveal-reward");
    reward.textContent = winner.reward
      ? `🎁 ${this.t("kiosk.reward")}: ${winner.reward}`
      : "";
    overlay.hidden = false;
    restart(overlay, "show");
    this.confetti();
    clearTimeout(this.revealTimer);
    this.revealTimer = setTimeout(() => {
      overlay.hidden = true;
    }, REVEAL_MS);
  }

  confetti() {
    const box = document.getElementById("confetti");
    if (calm()) {
      box.replaceChildren();
      return;
    }
    const pieces = [];
    for (let i = 0; i < CONFETTI; i += 1) {
      const piece = el("span", { class: "piece" }, i % 3 ? "" : "🪙");
      piece.style.setProperty("--x", `${Math.random() * 100}vw`);
      piece.style.setProperty("--delay", `${Math.random() * 2.5}s`);
      piece.style.setProperty("--hue", String(Math.floor(Math.random() * 360)));
      pieces.push(piece);
    }
    box.replaceChildren(...pieces);
  }
}
