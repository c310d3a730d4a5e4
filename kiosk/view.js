// Draws the board: the children's cards, the group tubes, bikes, last winner and the ticker.
// Text comes from the catalog (config.text); names only as the board sent them.

import { avatar, el, translator, weekNumber } from "./dom.js";

const GAP = 0.012; // of the viewport height, between cards
const CARD_RATIO = 1.45; // a card is this much wider than high, ideally
const TICKER = 8;

export class BoardView {
  constructor(config) {
    this.config = config;
    this.t = translator(config.text);
    this.screen = document.getElementById("screen");
    this.grid = document.getElementById("children");
    this.cards = new Map();
    this.count = -1;
    this.time = new Intl.DateTimeFormat(config.lang, { hour: "2-digit", minute: "2-digit" });
    new ResizeObserver(() => this.layout()).observe(this.grid);
  }

  render(board) {
    this.screen.dataset.seq = String(board.seq);
    this.screen.dataset.display = board.display;
    document.getElementById("title").textContent = board.title;
    document.getElementById("week").textContent = this.t("kiosk.week", {
      week: weekNumber(board.week),
    });
    this.renderChildren(board);
    this.renderTubes(board);
    this.renderBikes(board);
    this.renderWinner(board);
    this.renderTicker(board);
  }

  status(state) {
    const status = document.getElementById("status");
    status.dataset.state = state;
    this.screen.dataset.state = state;
    document.getElementById("status-text").textContent = this.t(`kiosk.${state}`);
  }

  card(childId) {
    return this.cards.get(childId);
  }

  renderChildren(board) {
    const seen = new Set();
    const before = new Map([...this.cards].map(([id, node]) => [id, node.getBoundingClientRect()]));
    board.children.forEach((child) => {
      seen.add(child.child_id);
      let node = this.cards.get(child.child_id);
      if (!node) {
        node = el("article", { class: "card" });
        this.cards.set(child.child_id, node);
      }
      node.replaceChildren(
        avatar(this.config, child.avatar),
        ...("name" in child && child.name ? [el("span", { class: "name" }, child.name)] : []),
        el("span", { class: "coins" }, el("span", { class: "coin" }, "🪙"), String(child.coins)),
      );
      node.dataset.child = String(child.child_id);
      node.classList.toggle("zero", child.coins === 0);
      this.grid.append(node); // in standing order
    });
    for (const [id, node] of this.cards) {
      if (!seen.has(id)) {
        node.remove();
        this.cards.delete(id);
      }
    }
    if (!board.children.length) {
      this.grid.replaceChildren(el("p", { class: "empty" }, this.t("kiosk.no_children")));
    }
    if (board.children.length !== this.count) {
      this.count = board.children.length;
      this.layout();
    }
    this.slide(before);
  }

  // Cards that changed place glide there (FLIP), unless motion is reduced.
  slide(before) {
    if (matchMedia("(prefers-reduced-motion: reduce)").matches) return;
    for (const [id, node] of this.cards) {
      const old = before.get(id);
      if (!old) continue;
      const now = node.getBoundingClientRect();
      const dx = old.left - now.left;
      const dy = old.top - now.top;
      if (dx || dy) {
        node.animate(
          [{ transform: `translate(${dx}px, ${dy}px)` }, { transform: "translate(0, 0)" }],
          { duration: 600, easing: "ease-out" },
        );
      }
    }
  }

  // Choose the number of columns that gives every child the biggest card that fits.
  layout() {
    const n = Math.max(1, this.count);
    const { width, height } = this.grid.getBoundingClientRect();
    const gap = window.innerHeight * GAP;
    let best = { cols: 1, size: 0 };
    for (let cols = 1; cols <= n; cols += 1) {
      const rows = Math.ceil(n / cols);
      const w = (width - gap * (cols - 1)) / cols;
      const h = Math.min((height - gap * (rows - 1)) / rows, height * 0.34);
      const size = Math.min(w / CARD_RATIO, h);
      if (size > best.size) best = { cols, rows, size };
    }
    this.grid.style.setProperty("--cols", String(best.cols));
    this.grid.style.setProperty("--card-h", `${Math.floor(best.size)}px`);
  }

  renderTubes(board) {
    const most = Math.max(1, ...board.groups.map((group) => group.goal || group.coins));
    const tubes = board.groups.map((group) => {
      const target = group.goal || most;
      const full = group.goal != null && group.coins >= group.goal;
      const fill = el("div", { class: "tube-fill" });
      fill.style.setProperty("--fill", String(Math.min(1, group.coins / target)));
      const count = group.goal ? `${group.coins} / ${group.goal}` : String(group.coins);
      return el(
        "div",
        { class: full ? "tube full" : "tube", "data-group": String(group.group_id) },
        el("div", { class: "tube-glass" }, fill, full ? el("span", { class: "tube-star" }, "⭐") : ""),
        el("p", { class: "tube-name" }, group.name),
        el("p", { class: "tube-count" }, count),
      );
    });
    document.getElementById("tubes").replaceChildren(...tubes);
    document.getElementById("tubes-panel").hidden = !board.groups.length;
  }

  childFace(board, childId) {
    const child = board.children.find((row) => row.child_id === childId);
    return child ? avatar(this.config, child.avatar, "small") : el("span", { class: "avatar small" });
  }

  renderBikes(board) {
    const items = board.bikes.map((bike) => {
      const rider = bike.rider_child_id
        ? this.childFace(board, bike.rider_child_id)
        : el("span", { class: "bike-free" }, this.t("kiosk.bike_free"));
      const next = bike.queue.slice(0, 4).map((id) => this.childFace(board, id));
      return el(
        "li",
        { class: "bike" },
        el("span", { class: "bike-name" }, "🚲 ", bike.name),
        el("span", { class: "bike-rider" }, rider),
        el(
          "span",
          { class: "bike-next" },
          next.length ? el("span", { class: "label" }, this.t("kiosk.bike_next")) : "",
          ...next,
        ),
      );
    });
    document.getElementById("bikes").replaceChildren(...items);
    document.getElementById("bikes-panel").hidden = !board.bikes.length;
  }

  renderWinner(board) {
    const winner = board.lastWinner;
    document.getElementById("winner-panel").hidden = !winner;
    if (!winner) return;
    document.getElementById("winner-title").textContent = this.t("kiosk.winner_title", {
      week: weekNumber(winner.week),
    });
    document.getElementById("winner").replaceChildren(
      winner.avatar ? avatar(this.config, winner.avatar) : el("span", { class: "avatar" }, "🏆"),
      el(
        "div",
        { class: "winner-text" },
        winner.name ? el("p", { class: "winner-name" }, winner.name) : "",
        winner.reward ? el("p", { class: "winner-reward" }, "🎁 ", winner.reward) : "",
      ),
    );
  }

  renderTicker(board) {
    const list = document.getElementById("ticker");
    const old = new Map([...list.children].map((node) => [node.dataset.coin, node]));
    const items = board.recent.slice(0, TICKER).map((coin) => {
      const kept = old.get(coin.coin_id);
      if (kept) return kept;
      const node = el(
        "li",
        { class: old.size ? "tick fresh" : "tick", "data-coin": coin.coin_id },
        avatar(this.config, coin.avatar, "small"),
        coin.name ? el("span", { class: "tick-name" }, coin.name) : "",
        el("span", { class: "tick-reason" }, this.reasonIcon(coin)),
        el("span", { class: "tick-amount" }, `+${coin.amount}`),
        el("time", { class: "tick-time" }, this.time.format(new Date(coin.awarded_at))),
      );
      node.addEventListener("animationend", () => node.classList.remove("fresh"));
      return node;
    });
    list.replaceChildren(...items);
  }

  reasonIcon(coin) {
    const reason = this.config.reasons[coin.reason];
    return (reason && reason.icon) || coin.icon || "🪙";
  }
}
