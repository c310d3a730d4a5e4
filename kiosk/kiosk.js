// The wall display: a board that stays live by itself. Entry point of the kiosk page.
//
// The first message on a socket is a snapshot (or, after a reconnect, the events we missed);
// then events in seq order. An event at or below the seq we applied is ignored. Messages are
// applied as they come (cheap) and drawn once per animation frame, so a recess burst of
// hundreds of coins costs a few frames, not hundreds of layouts.

import { applyEvent, fromSnapshot } from "./board.js";
import { Effects } from "./effects.js";
import { Unattended } from "./unattended.js";
import { LiveSocket } from "./socket.js";
import { BoardView } from "./view.js";

const config = JSON.parse(document.getElementById("kiosk-config").textContent);
const params = new URLSearchParams(location.search);
config.pageSeconds = Number(params.get("page_seconds")) || 0;

let board = null;
let changes = [];
let frame = 0;

function draw() {
  frame = 0;
  if (!board || unattended.blank) return;
  view.render(board);
  if (changes.length) effects.play(changes);
  changes = [];
}

function schedule() {
  if (!frame) frame = requestAnimationFrame(draw);
}

const view = new BoardView(config, { onPageTurn: schedule });
const effects = new Effects(config, view);
const unattended = new Unattended(config, {
  blankOut: () => {
    board = null; // nothing of the board is kept while the screen is blank
    changes = [];
    view.clear();
    effects.clear();
  },
  freshSnapshot: () => socket.fresh(),
  redraw: schedule,
});

function onMessage(message) {
  if (message.type === "snapshot") {
    if (message.version && message.version !== config.version) {
      location.reload(); // the server was upgraded: fetch the new page and scripts
      return;
    }
    board = fromSnapshot(message);
    changes = [];
    unattended.snapshot(board);
    schedule();
    return;
  }
  if (!board) return;
  const change = applyEvent(board, message);
  if (change) changes.push(change);
  schedule();
}

const socket = new LiveSocket({
  url: socketUrl(),
  heartbeat: config.heartbeat,
  silence: config.silence,
  since: () => (board ? board.seq : 0),
  onMessage,
  onState: (state) => {
    view.status(state);
    unattended.connection(state);
  },
});

function socketUrl() {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  const token = params.get("token");
  const query = token ? `token=${encodeURIComponent(token)}` : "kiosk=1";
  return `${scheme}//${location.host}/ws/boards/${encodeURIComponent(config.slug)}?${query}`;
}

view.status("connecting");
unattended.start();
socket.start();
