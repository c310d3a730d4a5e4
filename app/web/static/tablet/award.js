// Giving coins: tap a child (or several), tap a reason: done. Every coin goes to the outbox
// first, with its UUID made here, and a toast offers undo for 10 seconds. Quick coins share one
// toast ("4 munten · Ongedaan maken") and one undo, so a busy recess does not bury the grid.
import { $, avatar, childName, config, el, reasonLabel, t } from "./config.js";
import { toast } from "./toast.js";
import { uuid4 } from "./uuid.js";

export function initAward({ outbox }) {
  const grid = $("#grid");
  // cards: each child's card with what it shows, kept between draws, so a tap or the server's
  // next answer draws again only the cards that changed, not the grid (500 children on a slow
  // tablet take a quarter of a second to build again).
  const state = {
    view: null, byId: new Map(), selected: new Set(), query: "", pending: new Map(),
    cards: new Map(), unseenKey: null, unseen: new Set(), first: new Set(), firstFor: null,
  };
  const undoable = { shown: null, coins: [] }; // the one undo toast and the coins it undoes

  const fold = (text) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

  function today(child) {
    return child.coins_today + (state.pending.get(child.id) ?? 0);
  }

  function capLeft(child) {
    return Math.max(state.view.daily_cap - today(child), 0);
  }

  function toggle(child) {
    if (capLeft(child) === 0) {
      toast({ text: t("tablet.cap_kind", { name: child.first_name, cap: state.view.daily_cap }), kind: "info" });
      return;
    }
    if (state.selected.has(child.id)) state.selected.delete(child.id);
    else state.selected.add(child.id);
    redraw([child.id]);
  }

  function card(child) {
    const left = capLeft(child);
    const status = left === 0
        ? t("tablet.child.cap", { cap: state.view.daily_cap })
        : t("tablet.child.today", { count: today(child) });
    return el(
      "button",
      {
        type: "button",
        class: "child",
        "aria-pressed": String(state.selected.has(child.id)),
        "data-state": left === 0 ? "cap" : null,
        "data-unseen": marked(child) ? "true" : null,
        dataset: { childId: child.id },
        onclick: () => toggle(state.byId.get(child.id) ?? child),
      },
      avatar(child, "big"),
      el("span", { class: "name" }, childName(child)),
      el("span", { class: "count" }, status),
    );
  }

  // A child given a coin a moment ago (still in the outbox) has been seen.
  function unseenNow(child) {
    return state.unseen.has(child.id) && !(state.pending.get(child.id) > 0);
  }

  // A long not-seen list: those cards go first, drawn with a dashed edge.
  function marked(child) {
    return state.view.unseen_first && unseenNow(child);
  }

  // Everything a card shows: a card kept with the same look is not built again.
  function look(child) {
    const shown = [childName(child), child.emoji, child.colour, today(child), capLeft(child), state.view.daily_cap];
    return [...shown, state.selected.has(child.id), marked(child)].join("|");
  }

  function cardOf(child) {
    const wanted = look(child);
    const kept = state.cards.get(child.id);
    if (kept?.look === wanted) return kept.node;
    const node = card(child);
    state.cards.set(child.id, { node, look: wanted });
    if (kept?.node.isConnected) kept.node.replaceWith(node);
    return node;
  }

  // Only these children changed (picked, given a coin, undone): their cards are drawn again.
  function redraw(ids) {
    for (const id of new Set(ids)) {
      const child = state.byId.get(id);
      if (child && state.cards.has(id)) cardOf(child);
    }
    renderUnseen();
    renderMine();
    renderReasons();
  }

  // A long list goes first in the grid (a row would hide most of it); a short one is a row.
  function renderUnseen() {
    const unseen = state.view.children.filter(unseenNow);
    const first = state.view.unseen_first;
    $("#unseen").hidden = unseen.length === 0;
    $("#unseen-title").textContent = first ? t("tablet.unseen_first", { count: unseen.length }) : t("tablet.unseen");
    $("#unseen-list").hidden = first;
    const key = first ? "" : unseen.map((child) => [child.id, child.first_name, child.emoji, child.colour].join(":")).join(" ");
    if (key === state.unseenKey) {
      for (const button of $("#unseen-list").children) {
        button.setAttribute("aria-pressed", String(state.selected.has(Number(button.dataset.childId))));
      }
      return;
    }
    state.unseenKey = key;
    $("#unseen-list").replaceChildren(
      ...unseen.map((child) =>
        el(
          "button",
          {
            type: "button",
            class: "unseen-child",
            "aria-pressed": String(state.selected.has(child.id)),
            dataset: { childId: child.id },
            onclick: () => toggle(state.byId.get(child.id) ?? child),
          },
          avatar(child, "small"),
          el("span", {}, child.first_name),
        ),
      ),
    );
  }

  // What this intern gave today (the server's count and the outbox's coins), for them alone.
  function renderMine() {
    const mine = state.view.mine_today;
    const children = new Set(mine.child_ids);
    let coins = mine.coins;
    for (const [child, count] of state.pending) {
      coins += count;
      if (count > 0) children.add(child);
    }
    const n = (one, many, count) => (count === 1 ? t(one) : t(many, { count }));
    $("#mine").textContent = coins <= 0
      ? t("tablet.mine.none")
      : t("tablet.mine.today", {
          coins: n("tablet.mine.coin_one", "tablet.coins_merged", coins),
          children: n("tablet.mine.child_one", "tablet.children_count", children.size),
        });
  }

  function renderReasons() {
    const count = state.selected.size;
    $("#selection").textContent = count === 0 ? t("tablet.pick_child") : t("tablet.selected", { count });
    $("#clear-selection").hidden = count < 1;
    $("#reasons").replaceChildren(
      ...state.view.reasons.map((reason) =>
        el(
          "button",
          { type: "button", class: "reason", disabled: count === 0, dataset: { reason: reason.slug }, onclick: () => award(reason) },
          el("span", { class: "icon", "aria-hidden": "true" }, reason.icon),
          el("span", { class: "label" }, reasonLabel(reason)),
        ),
      ),
    );
  }

  function render() {
    if (!state.view) return;
    const query = fold(state.query.trim());
    // Cards never move under a finger: who goes first is fixed when the group is opened.
    const first = state.view.children.filter((child) => state.first.has(child.id));
    const ordered = first.length ? [...first, ...state.view.children.filter((child) => !state.first.has(child.id))] : state.view.children;
    const shown = ordered.filter((child) => !query || fold(childName(child)).includes(query));
    const nodes = shown.map(cardOf);
    const same = nodes.length === grid.children.length && nodes.every((node, index) => grid.children[index] === node);
    if (!same) grid.replaceChildren(...nodes);
    if (shown.length === 0) grid.append(el("p", { class: "empty" }, t("tablet.no_match")));
    renderUnseen();
    renderMine();
    renderReasons();
  }

  async function award(reason) {
    const children = state.view.children.filter((child) => state.selected.has(child.id));
    state.selected.clear();
    const coins = children.map((child) => ({ child, id: uuid4() }));
    for (const { child, id } of coins) {
      const body = { id, child_id: child.id, reason: reason.slug, amount: 1, awarded_at: new Date().toISOString() };
      state.pending.set(child.id, (state.pending.get(child.id) ?? 0) + 1);
      await outbox.add({ id, kind: "coin", url: "/api/v1/coins", body, label: childName(child), child_id: child.id });
    }
    offerUndo(coins, reason);
    redraw(children.map((child) => child.id));
  }

  function offerUndo(coins, reason) {
    if (undoable.shown?.open()) {
      undoable.coins = [...undoable.coins, ...coins];
      undoable.shown.update({ text: `🪙 ${t("tablet.coins_merged", { count: undoable.coins.length })}` });
      return;
    }
    const who = coins.length === 1 ? childName(coins[0].child) : t("tablet.children_count", { count: coins.length });
    undoable.coins = coins;
    undoable.shown = toast({
      text: `🪙 ${who} · ${reason.icon} ${reasonLabel(reason)}`,
      undo: () => {
        const all = undoable.coins;
        undoable.shown = null;
        undoable.coins = [];
        return undo(all);
      },
    });
  }

  // A refused coin cannot be undone: when all coins of the toast were refused, it goes away.
  function refused(id) {
    if (!undoable.coins.some((coin) => coin.id === id)) return;
    undoable.coins = undoable.coins.filter((coin) => coin.id !== id);
    if (undoable.coins.length === 0) undoable.shown?.close();
  }

  // Undo: a coin still in the outbox is simply taken out; one already sent is voided (and
  // that void goes through the outbox too, so an undo made offline is not lost either).
  async function undo(coins) {
    for (const { child, id } of coins) {
      if (!(await outbox.cancel(id))) {
        await outbox.add({ id: uuid4(), kind: "void", url: `/api/v1/coins/${id}/void`, body: {}, label: childName(child), child_id: child.id });
      }
      state.pending.set(child.id, (state.pending.get(child.id) ?? 0) - 1);
    }
    redraw(coins.map(({ child }) => child.id));
  }

  outbox.addEventListener("rejected", ({ detail }) => refused(detail.entry.id));

  $("#search").addEventListener("input", (event) => {
    state.query = event.target.value;
    render();
  });
  $("#clear-selection").addEventListener("click", () => {
    const picked = [...state.selected];
    state.selected.clear();
    redraw(picked);
  });

  return {
    // A fresh answer from the server already counts every coin it has: start counting anew,
    // keeping only the coins still waiting in the outbox.
    async show(view) {
      if (state.firstFor !== view.group.id) {
        state.firstFor = view.group.id;
        state.first = new Set(view.unseen_first ? view.unseen : []);
      }
      state.view = view;
      state.byId = new Map(view.children.map((child) => [child.id, child]));
      state.unseen = new Set(view.unseen);
      const waiting = new Map();
      for (const entry of await outbox.entries()) {
        if (entry.kind === "coin") waiting.set(entry.child_id, (waiting.get(entry.child_id) ?? 0) + 1);
      }
      state.pending = waiting;
      const known = new Set(view.children.map((child) => child.id));
      state.selected = new Set([...state.selected].filter((id) => known.has(id)));
      render();
    },
    get view() {
      return state.view;
    },
  };
}
