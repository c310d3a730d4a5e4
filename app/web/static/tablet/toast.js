// Toasts at the bottom: what just happened, with an undo button for a coin (10 seconds).
import { $, el, t } from "./config.js";

const UNDO_MS = 10000;
const ERROR_MS = 12000;

export function toast({ text, kind = "ok", undo = null }) {
  const message = el("span", { class: "toast-text" }, text);
  const node = el("div", { class: `toast ${kind}`, role: kind === "error" ? "alert" : "status" }, message);
  let timer = null;
  const close = () => {
    clearTimeout(timer);
    node.remove();
  };
  if (undo) {
    const button = el("button", { type: "button", class: "undo" }, t("tablet.undo"));
    button.addEventListener("click", async () => {
      button.disabled = true;
      await undo();
      message.textContent = t("tablet.undone");
      button.remove();
      clearTimeout(timer);
      timer = setTimeout(close, 2500);
    });
    node.append(button);
  } else {
    node.append(el("button", { type: "button", class: "dismiss", "aria-label": t("tablet.close"), onclick: close }, "✕"));
  }
  $("#toasts").append(node);
  timer = setTimeout(close, undo ? UNDO_MS : ERROR_MS);
  return { node, close };
}
