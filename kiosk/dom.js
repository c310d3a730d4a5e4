// Small DOM and text helpers shared by the kiosk modules.

import { EMOJI_BASE, emojiFile } from "/static/emoji/emoji.js";

// el("p", {class: "x"}, "text", child, ...): an element; strings become text, never HTML.
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children) {
    if (child === "" || child == null) continue;
    node.append(child);
  }
  return node;
}

// An emoji as the shipped Twemoji picture (a Pi without an emoji font shows the same animal
// as an iPad); the text emoji only when no picture is shipped for it.
export function emoji(text, alt = text, className = "emoji") {
  const file = emojiFile(text);
  if (!file) return el("span", { class: className }, text);
  return el("img", {
    class: className,
    src: EMOJI_BASE + file,
    alt,
    draggable: "false",
    decoding: "async",
  });
}

// An avatar ("fox:orange") as its animal on its colour.
export function avatar(config, text, size = "") {
  const [animal, colour] = String(text || "").split(":");
  const node = el("span", { class: size ? `avatar ${size}` : "avatar" });
  node.append(emoji(config.animals[animal] || "⭐", animal || ""));
  const hex = config.colours[colour];
  if (hex) node.style.setProperty("--avatar", hex);
  return node;
}

// t("kiosk.week", {week: 48}) → "Week 48": the catalog's text with {placeholders} filled in.
export function translator(texts) {
  return (key, values = {}) =>
    (texts[key] || key).replace(/\{(\w+)\}/g, (whole, name) =>
      name in values ? String(values[name]) : whole,
    );
}

export function weekNumber(week) {
  const match = /W(\d+)$/.exec(week || "");
  return match ? String(Number(match[1])) : "";
}
