// A sheet over the page (a picker): a title, big buttons, and a close button.
import { $ } from "./config.js";

const sheet = $("#sheet");

export function openSheet(title, nodes) {
  $("#sheet-title").textContent = title;
  $("#sheet-content").replaceChildren(...nodes);
  sheet.hidden = false;
}

export function closeSheet() {
  sheet.hidden = true;
  $("#sheet-content").replaceChildren();
}

$("#sheet-close").addEventListener("click", closeSheet);
sheet.addEventListener("click", (event) => {
  if (event.target === sheet) closeSheet();
});
