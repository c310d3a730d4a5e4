// Draws the board: the children's cards (in pages when they do not all fit), the group tubes,
// bikes, last winner and the ticker. Text comes from the catalog (config.text); names only as
// the board sent them.
//
// Called at most once per animation frame (kiosk.js batches messages), and it only touches
// what changed: a card's count is one text node, a tube's fill one custom property. Nothing
// here makes the browser recalculate style for the whole board per coin.

import { standings, tickerItems } from "./board.js";
import { avatar, el, emoji, translator, weekNumber } from "./dom.js";
import { chooseLayout } from "./layout.js";
import { Pager } from "./pages.js";

const GAP = 0.012; // of the viewport height, between cards
const MIN_FONT = 2; // rem (1rem = 1/54 of the screen height): 40 px at 1080, 26.7 px at 720
const MAX_FONT = 5;

export class BoardView {
  constructor(config, { onPageTurn }) {
    this.config = config;
    this.t = translator(config.text);
    this.screen = document.getElementById("screen");
    this.grid = document.getElementById("children");
    this.tickerList = document.getElementById("ticker");
    this.cards = new Map(); // child_id → {node, name, count, avatarKey, nameText, coins}
    this.tubes = new Map(); // group_id → {node, fill, count, star}
    this.ticks = new Map(); // ticker key → {node, amount}
    this.shown = []; // child ids in the grid, in order
    this.layoutKey = "";
    this.layout = null;
    this.drawn = {};
    this.pager = new Pager(config, onPageTurn, document.getElementById("pages"), this.t);
    this.time = new Intl.DateTimeFormat(config.lang, { hour: "2-digit", minute: "2-digit" });
    this.canvas = document.createElement("canvas").getContext("2d");
    new ResizeObserver(() => {
      this.layoutKey = "";
      onPageTurn();
    }).observe(this.grid);
  }

  render(board) {
    this.board = board;
    this.screen.dataset.seq = String(board.seq);
    this.screen.dataset.display = board.display;
    this.screen.dataset.mode = board.mode;
    this.text("title", board.title);
    this.text("week", this.t("kiosk.week", { week: weekNumber(board.week) }));
    this.renderChildren(board);
    this.renderTubes(board);
    if (this.drawn.bikes !== board.bikes) this.renderBikes(board);
    if (this.drawn.winner !== board.lastWinner) this.renderWinner(board);
    this.renderTicker(board);
  }

  text(id, value) {
    if (this.drawn[id] === value) return;
    this.drawn[id] = value;
    document.getElementById(id).textContent = value;
  }

  // Nothing of the board stays on the screen (revoked, outside screen hours, no server yet).
  clear() {
    this.grid.replaceChildren();
    this.cards.clear();
    this.shown = [];
    this.layoutKey = "";
    document.getElementById("tubes").replaceChildren();
    this.tubes.clear();
    this.tickerList.replaceChildren();
    this.ticks.clear();
    document.getElementById("bikes").replaceChildren();
    document.getElementById("winner").replaceChildren();
    for (const id of ["tubes-panel", "bikes-panel", "winner-panel"]) {
      document.getElementById(id).hidden = true;
    }
    this.drawn = {};
    this.pager.stop();
  }

  status(state) {
    const status = document.getElementById("status");
    status.dataset.state = state;
    this.screen.dataset.state = state;
    document.getElementById("status-text").textContent = this.t(`kiosk.${state}`);
  }

  card(childId) {
    const entry = this.cards.get(childId);
    return entry && entry.node.isConnected ? entry.node : null;
  }

  // Widths per px of font size, measured on a canvas (no layout involved).
  measure(text, weight) {
    if (!this.family) this.family = getComputedStyle(this.grid).fontFamily;
    this.canvas.font = `${weight} 100px ${this.family}`;
    return this.canvas.measureText(text).width / 100;
  }

  relayout(children) {
    const names = children.map((child) => ("name" in child && child.name) || "");
    const most = Math.max(9, ...children.map((child) => child.coins));
    const key = `${names.join("|")}#${String(most).length}`;
    if (key === this.layoutKey) return;
    this.layoutKey = key;
    const rem = window.innerHeight / 54;
    const widest = Math.max(0, ...names.map((name) => this.measure(name, 700)));
    const digits = this.measure("0".repeat(Math.max(2, String(most).length)), 800);
    const { width, height } = this.grid.getBoundingClientRect();
    const box = {
      width,
      height,
      gap: window.innerHeight * GAP,
      min: rem * MIN_FONT,
      max: rem * (children.length <= 4 ? MAX_FONT + 1 : MAX_FONT),
    };
    this.layout = chooseLayout(children.length, box, {
      name: widest,
      coins: 0.8 + 0.2 + digits,
    });
    const style = this.grid.style;
    style.setProperty("--cols", String(this.layout.cols));
    style.setProperty("--card-h", `${Math.floor(this.layout.height)}px`);
    style.setProperty("--name", `${this.layout.font.toFixed(1)}px`);
    style.setProperty("--coin", `${(this.layout.font * 1.05).toFixed(1)}px`);
    style.setProperty("--face", `${Math.floor(this.layout.avatar)}px`);
    this.grid.dataset.shape = this.layout.shape;
    this.pager.setPages(this.layout.pages, this.layout.perPage);
  }

  renderChildren(board) {
    const children = board.mode === "groups" ? [] : standings(board);
    if (!children.length) {
      if (this.cards.size || !this.grid.firstChild) {
        this.cards.clear();
        this.shown = [];
        this.pager.setPages(1, 1);
        this.grid.replaceChildren(
          board.mode === "groups" ? "" : el("p", { class: "empty" }, this.t("kiosk.no_children")),
        );
      }
      return;
    }
    this.relayout(children);
    const visible = this.pager.visible(children);
    const ids = visible.map((child) => child.child_id);
    const moved = ids.length !== this.shown.length || ids.some((id, i) => id !== this.shown[i]);
    const glide = moved && this.layout.pages === 1 && this.shown.length && board.mode === "ranking";
    const before = glide ? this.positions() : null;
    for (const child of visible) this.updateCard(child);
    if (moved) {
      this.grid.replaceChildren(...visible.map((child) => this.cards.get(child.child_id).node));
      this.shown = ids;
      if (before) this.slide(before);
    }
    if (this.pager.turned) {
      this.pager.turned = false;
      if (!matchMedia("(prefers-reduced-motion: reduce)").matches) {
        this.grid.animate([{ opacity: 0 }, { opacity: 1 }], { duration: 700, easing: "ease-out" });
      }
    }
    if (moved) this.forget(ids);
  }

  updateCard(child) {
    let entry = this.cards.get(child.child_id);
    if (!entry) {
      const count = document.createTextNode("");
      const node = el(
        "article",
        { class: "card", "data-child": String(child.child_id) },
        el("span", { class: "slot" }),
        el("span", { class: "coins" }, emoji("🪙", "", "coin"), el("span", { class: "count" }, count)),
      );
      entry = { node, count, avatarKey: null, nameText: null, coins: null };
      this.cards.set(child.child_id, entry);
    }
    if (entry.avatarKey !== child.avatar) {
      entry.avatarKey = child.avatar;
      entry.node.firstChild.replaceWith(avatar(this.config, child.avatar));
    }
    const name = ("name" in child && child.name) || "";
    if (entry.nameText !== name) {
      entry.nameText = name;
      entry.node.querySelector(".name")?.remove();
      if (name) entry.node.children[0].after(el("span", { class: "name" }, name));
    }
    if (entry.coins !== child.coins) {
      entry.coins = child.coins;
      entry.count.data = String(child.coins);
      entry.node.classList.toggle("zero", child.coins === 0);
    }
  }

  // Cards of other pages are made again when their page comes: a page turn costs a few
  // elements, and the DOM holds only what is on the screen.
  forget(ids) {
    const keep = new Set(ids);
    for (const id of this.cards.keys()) if (!keep.has(id)) this.cards.delete(id);
  }

  positions() {
    const map = new Map();
    for (const id of this.shown) {
      const entry = this.cards.get(id);
      if (entry) map.set(id, entry.node.getBoundingClientRect());
    }
    return map;
  }

  // Cards that changed place glide there (FLIP), unless motion is reduced. A card moving up
  // glides above the others, never underneath them.
  slide(before) {
    if (matchMedia("(prefers-reduced-motion: reduce)").matches) return;
    for (const id of this.shown) {
      const old = before.get(id);
      if (!old) continue;
      const node = this.cards.get(id).node;
      const now = node.getBoundingClientRect();
      const dx = old.left - now.left;
      const dy = old.top - now.top;
      if (!dx && !dy) continue;
      const rising = dy > 0 || (dy === 0 && dx > 0);
      node.style.zIndex = rising ? "3" : "1";
      const motion = node.animate(
        [{ transform: `translate(${dx}px, ${dy}px)` }, { transform: "translate(0, 0)" }],
        { duration: 600, easing: "ease-out" },
      );
      motion.onfinish = () => {
        node.style.zIndex = "";
      };
    }
  }

  renderTubes(board) {
    const panel = document.getElementById("tubes-panel");
    panel.hidden = !board.groups.length;
    const key = board.groups.map((group) => `${group.group_id}:${group.name}`).join("|");
    if (this.drawn.tubes !== key) {
      this.drawn.tubes = key;
      this.tubes.clear();
      const nodes = board.groups.map((group) => {
        const fill = el("div", { class: "tube-fill" });
        const count = document.createTextNode("");
        const star = emoji("⭐", "", "tube-star");
        const node = el(
          "div",
          { class: "tube", "data-group": String(group.group_id) },
          el("div", { class: "tube-glass" }, fill, star),
          el("p", { class: "tube-name" }, group.name),
          el("p", { class: "tube-count" }, count),
        );
        this.tubes.set(group.group_id, { node, fill, count, state: "" });
        return node;
      });
      document.getElementById("tubes").replaceChildren(...nodes);
    }
    const most = Math.max(1, ...board.groups.map((group) => group.goal || group.coins));
    for (const group of board.groups) {
      const tube = this.tubes.get(group.group_id);
      const target = group.goal || most;
      const full = group.goal != null && group.coins >= group.goal;
      const state = `${group.coins}/${group.goal}/${target}`;
      if (tube.state === state) continue;
      tube.state = state;
      tube.fill.style.setProperty("--fill", String(Math.min(1, group.coins / target)));
      tube.count.data = group.goal ? `${group.coins} / ${group.goal}` : String(group.coins);
      tube.node.classList.toggle("full", full);
    }
  }

  tube(groupId) {
    const entry = this.tubes.get(groupId);
    return entry ? entry.node : null;
  }

  childFace(board, childId) {
    const child = board.children.find((row) => row.child_id === childId);
    return child ? avatar(this.config, child.avatar, "small") : el("span", { class: "avatar small" });
  }

  renderBikes(board) {
    this.drawn.bikes = board.bikes;
    const items = board.bikes.map((bike) => {
      const rider = bike.rider_child_id
        ? this.childFace(board, bike.rider_child_id)
        : el("span", { class: "bike-free" }, this.t("kiosk.bike_free"));
      const next = bike.queue.slice(0, 4).map((id) => this.childFace(board, id));
      return el(
        "li",
        { class: "bike" },
        el("span", { class: "bike-name" }, emoji("🚲", ""), " ", bike.name),
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
    this.drawn.winner = winner;
    document.getElementById("winner-panel").hidden = !winner;
    if (!winner) return;
    document.getElementById("winner-title").textContent = this.t("kiosk.winner_title", {
      week: weekNumber(winner.week),
    });
    const face = winner.avatar
      ? avatar(this.config, winner.avatar)
      : el("span", { class: "avatar trophy" }, emoji("🏆"));
    // A board that shows no children (groups mode, no consent) names the group instead.
    const who = winner.name || winner.group || "";
    document.getElementById("winner").replaceChildren(
      face,
      el(
        "div",
        { class: "winner-text" },
        who ? el("p", { class: "winner-name" }, who) : "",
        winner.reward
          ? el("p", { class: "winner-reward" }, emoji("🎁", ""), " ", winner.reward)
          : "",
      ),
    );
  }

  groupName(board, groupId) {
    const group = board.groups.find((row) => row.group_id === groupId);
    return group ? group.name : "";
  }

  renderTicker(board) {
    const items = tickerItems(board);
    const keys = [];
    const fresh = this.ticks.size > 0 || this.drawn.ticked;
    this.drawn.ticked = true;
    const seen = new Set();
    for (const item of items) {
      keys.push(item.key);
      seen.add(item.key);
      let tick = this.ticks.get(item.key);
      if (!tick) {
        tick = this.makeTick(board, item);
        this.ticks.set(item.key, tick);
        if (fresh && !matchMedia("(prefers-reduced-motion: reduce)").matches) {
          tick.node.animate(
            [{ opacity: 0, transform: "translateX(-3rem)" }, { opacity: 1, transform: "none" }],
            { duration: 600, easing: "ease-out" },
          );
        }
      }
      if (tick.total !== item.amount || tick.latest !== item.coin_id) {
        tick.total = item.amount;
        tick.latest = item.coin_id;
        tick.amount.data = `+${item.amount}`;
        tick.time.data = this.time.format(new Date(item.awarded_at));
        tick.node.dataset.coin = item.coin_id;
        tick.node.dataset.coins = item.coins.join(" ");
      }
    }
    for (const key of this.ticks.keys()) if (!seen.has(key)) this.ticks.delete(key);
    const order = keys.join("\n");
    if (this.drawn.tickOrder !== order) {
      this.drawn.tickOrder = order;
      this.tickerList.replaceChildren(...keys.map((key) => this.ticks.get(key).node));
    }
  }

  makeTick(board, item) {
    const amount = document.createTextNode("");
    const time = document.createTextNode("");
    const reason = this.reason(item, item.child_id == null);
    const who =
      item.child_id != null
        ? [
            avatar(this.config, item.avatar, "small"),
            item.name ? el("span", { class: "tick-name" }, item.name) : "",
            el("span", { class: "tick-reason" }, reason.icon),
          ]
        : [
            el("span", { class: "tick-name" }, this.groupName(board, item.group_id)),
            el("span", { class: "tick-sep", "aria-hidden": "true" }, "·"),
            el("span", { class: "tick-reason" }, reason.icon, " ", reason.label),
          ];
    const node = el(
      "li",
      { class: "tick" },
      ...who,
      el("span", { class: "tick-amount" }, amount),
      el("time", { class: "tick-time" }, time),
    );
    return { node, amount, time, total: null, latest: null };
  }

  // A reason's icon (as a picture) and label, from the board's catalog or the event itself.
  // With `labelled` the label is shown beside the icon, so the picture's alt stays empty.
  reason(coin, labelled = false) {
    const reason = this.config.reasons[coin.reason] || {};
    const label = reason.label || "";
    return { icon: emoji(reason.icon || coin.icon || "🪙", labelled ? "" : label), label };
  }
}
