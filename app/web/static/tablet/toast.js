// Toasts: what just happened, with an undo button for coins (10 seconds). On the coins view
// they sit in a dock beside (sideways) or under (upright) the children, never over a child or
// the bar; on the other views they float at the bottom. One toast of a kind at a time: a new
// message replaces the old one instead of stacking up over the screen.
import { $, el, t } from "./config.js";

const UNDO_MS = 10000;
const NOTE_MS = 6000;
const ERROR_MS = 12000;

function host() {
  return document.querySelector(".view:not([hidden]) .toast-dock") ?? $("#toasts");
}

// {text, kind: ok|info|error, undo}: returns {node, close, update({text, undo}), open()}.
export function toast({ text, kind = "ok", undo = null }) {
  const where = host();
  for (const old of where.querySelectorAll(`.toast.${kind}`)) old.remove();
  const message = el("span", { class: "toast-text" }, text);
  const node = el("div", { class: `toast ${kind}`, role: kind === "error" ? "alert" : "status" }, message);
  const state = { timer: null, undo };
  const close = () => {
    clearTimeout(state.timer);
    node.remove();
  };
  const wait = (ms) => {
    clearTimeout(state.timer);
    state.timer = setTimeout(close, ms);
  };
  if (undo) {
    const button = el("button", { type: "button", class: "undo" }, t("tablet.undo"));
    button.addEventListener("click", async () => {
      button.disabled = true;
      state.closing = true;
      await state.undo();
      message.textContent = t("tablet.undone");
      button.remove();
      wait(2500);
    });
    node.append(button);
  } else {
    node.append(el("button", { type: "button", class: "dismiss", "aria-label": t("tablet.close"), onclick: close }, "✕"));
  }
  where.append(node);
  wait(undo ? UNDO_MS : kind === "error" ? ERROR_MS : NOTE_MS);
  return {
    node,
    close,
    // Still there and still undoable: a quick next coin joins this toast instead of stacking.
    open: () => node.isConnected && !state.closing,
    update(changes) {
      message.textContent = changes.text;
      state.undo = changes.undo ?? state.undo;
      wait(UNDO_MS);
    },
  };
}
