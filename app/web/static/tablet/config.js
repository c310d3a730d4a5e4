// The page's settings and its texts, handed over by the server as JSON (no inline script).
export const config = JSON.parse(document.getElementById("tablet-config").textContent);

// A translated text; {name} placeholders are filled from vars.
export function t(key, vars = {}) {
  const text = config.messages[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (match, name) => (name in vars ? String(vars[name]) : match));
}

// Why the server refused, in the intern's language: the tablet's words for the error's code,
// else the shared ones (error.*), with the error's values filled in; never the English detail.
// Within a sentence ("Niet gegeven aan Sam: …") it starts in lower case, alone in capitals.
export function errorText(data, { alone = true } = {}) {
  const code = data?.code ?? "error";
  const key = [`tablet.error.${code}`, `error.${code}`].find((k) => k in config.messages) ?? "tablet.error.error";
  const text = t(key, data?.params ?? {});
  return alone ? text.charAt(0).toUpperCase() + text.slice(1) : text.charAt(0).toLowerCase() + text.slice(1);
}

// "Sam B." — how the tablet names a child.
export function childName(child) {
  return child.last_initial ? `${child.first_name} ${child.last_initial}.` : child.first_name;
}

export function reasonLabel(reason) {
  return config.lang === "en" ? reason.label_en : reason.label_nl;
}

export const $ = (selector, root = document) => root.querySelector(selector);

// Build an element: el("button", {class: "x", onclick}, "text", child, ...)
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else if (name === "dataset") Object.assign(node.dataset, value);
    else node.setAttribute(name, value === true ? "" : value);
  }
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}

// A child's avatar: the animal on its colour (a CSS custom property, since CSP forbids style="").
export function avatar(child, size = "") {
  const node = el("span", { class: `avatar ${size}`, "aria-hidden": "true" }, child.emoji);
  node.style.setProperty("--avatar", child.colour);
  return node;
}
