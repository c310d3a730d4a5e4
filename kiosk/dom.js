// Small DOM and text helpers shared by the kiosk modules.

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

// An avatar ("fox:orange") as an emoji on its colour.
export function avatar(config, text, size = "") {
  const [animal, colour] = String(text || "").split(":");
  const node = el("span", { class: size ? `avatar ${size}` : "avatar", "aria-hidden": "true" });
  node.textContent = config.animals[animal] || "⭐";
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
