// The wall display: a board that stays live by itself. Entry point of the kiosk page.
//
// The first message on a socket is a snapshot (or, after a reconnect, the events we missed);
// then events in seq order. An event at or below the seq we applied is ignored.

import { applyEvent, fromSnapshot } from "./board.js";
import { Effects } from "./effects.js";
import { LiveSocket } from "./socket.js";
import { BoardView } from "./view.js";

const config = JSON.parse(document.getElementById("kiosk-config").textContent);
const view = new BoardView(config);
const effects = new Effects(config, view);
let board = null;

function socketUrl() {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  const token = new URLSearchParams(location.search).get("token");
  const query = token ? `token=${encodeURIComponent(token)}` : "kiosk=1";
  return `${scheme}//${location.host}/ws/boards/${encodeURIComponent(config.slug)}?${query}`;
}

function onMessage(message) {
  if (message.type === "snapshot") {
    if (message.version && message.version !== config.version) {
      location.reload(); // the server was upgraded: fetch the new page and scripts
      return;
    }
    board = fromSnapshot(message);
    view.render(board);
    return;
  }
  if (!board) return;
  const change = applyEvent(board, message);
  if (!change) {
    view.screen.dataset.seq = String(board.seq);
    return;
  }
  view.render(board);
  effects.play(change);
}

view.status("connecting");
new LiveSocket({
  url: socketUrl(),
  heartbeat: config.heartbeat,
  silence: config.silence,
  since: () => (board ? board.seq : 0),
  onMessage,
  onState: (state) => view.status(state),
}).start();
