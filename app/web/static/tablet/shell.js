// The bar at the top: network state, coins waiting in the outbox, who is signed in; the tabs.
import { $, t } from "./config.js";

export function showNetwork() {
  const net = $("#net");
  const online = navigator.onLine;
  net.dataset.state = online ? "online" : "offline";
  net.textContent = online ? t("tablet.net.online") : t("tablet.net.offline");
}

export function showPending(count) {
  const pending = $("#pending");
  pending.hidden = count === 0;
  pending.textContent = t("tablet.pending", { count });
  pending.dataset.count = String(count);
}

export function showSignedIn(me) {
  const button = $("#signout");
  button.hidden = !me;
  button.textContent = me ? t("tablet.signout", { name: me.name }) : "";
}

// Tabs: award (always), bikes (daycare groups only), tally (always).
export function initTabs(onShow) {
  const tabs = [...document.querySelectorAll(".tab")];
  const select = (name) => {
    for (const tab of tabs) tab.setAttribute("aria-pressed", String(tab.dataset.view === name));
    for (const view of document.querySelectorAll(".view")) view.hidden = view.id !== `view-${name}`;
    onShow(name);
  };
  for (const tab of tabs) tab.addEventListener("click", () => select(tab.dataset.view));
  return {
    select,
    current: () => tabs.find((tab) => tab.getAttribute("aria-pressed") === "true")?.dataset.view,
    showBikes(visible) {
      tabs.find((tab) => tab.dataset.view === "bikes").hidden = !visible;
    },
  };
}

export function initNetwork(onOnline) {
  showNetwork();
  window.addEventListener("online", () => {
    showNetwork();
    onOnline();
  });
  window.addEventListener("offline", showNetwork);
}
