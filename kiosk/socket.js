// The kiosk's socket: reconnects by itself, forever, and resumes where it left off.
//
// Backoff: 0.5 s doubling up to 30 s, each wait jittered (half to full length) so that many
// screens coming back after a server restart do not knock all at once. Heartbeats both ways:
// we send one every `heartbeat` seconds, and a server silent for `silence` seconds is taken for
// gone (a half-open connection never fires "close" by itself).

const FIRST_DELAY = 500;
const MAX_DELAY = 30000;
const REVOKED = 4403;
const CONNECT_TIMEOUT = 10000;

export function backoffDelay(attempt, random = Math.random) {
  const base = Math.min(MAX_DELAY, FIRST_DELAY * 2 ** attempt);
  return Math.max(FIRST_DELAY / 2, base / 2 + (random() * base) / 2);
}

export class LiveSocket {
  constructor({ url, heartbeat, silence, since, onMessage, onState }) {
    this.url = url;
    this.heartbeat = heartbeat * 1000;
    this.silence = silence * 1000;
    this.since = since; // () => the last seq applied
    this.onMessage = onMessage;
    this.onState = onState;
    this.attempt = 0;
    this.socket = null;
    this.retryTimer = null;
    this.beatTimer = null;
    this.lastHeard = 0;
    this.lastBeat = 0;
    this.revoked = false;
  }

  start() {
    window.addEventListener("online", () => this.retryNow());
    document.addEventListener("visibilitychange", () => {
      if (!document.hidden) this.retryNow();
    });
    this.connect();
  }

  connect() {
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const since = this.since();
    const socket = new WebSocket(since > 0 ? `${this.url}&since=${since}` : this.url);
    this.socket = socket;
    // A handshake that hangs (a network gone, not refused) counts as lost after a while.
    const opening = setTimeout(() => this.lost(socket, 0), CONNECT_TIMEOUT);
    socket.onopen = () => {
      clearTimeout(opening);
      this.attempt = 0;
      this.revoked = false;
      this.lastHeard = Date.now();
      this.onState("live");
      this.beatTimer = setInterval(() => this.beat(), Math.min(this.heartbeat, 5000));
    };
    socket.onmessage = (event) => {
      this.lastHeard = Date.now();
      let message;
      try {
        message = JSON.parse(event.data);
      } catch {
        return;
      }
      if (message.type !== "heartbeat") this.onMessage(message);
    };
    socket.onclose = (event) => {
      clearTimeout(opening);
      this.lost(socket, event.code);
    };
  }

  beat() {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return;
    if (Date.now() - this.lastHeard > this.silence) {
      this.lost(socket, 0); // silent server: do not wait for a close that may never come
      return;
    }
    if (Date.now() - this.lastBeat >= this.heartbeat - 250) {
      this.lastBeat = Date.now();
      socket.send('{"type":"heartbeat"}');
    }
  }

  lost(socket, code) {
    if (socket !== this.socket) return; // an old socket closing late
    socket.onopen = socket.onmessage = socket.onclose = null;
    if (socket.readyState === WebSocket.OPEN || socket.readyState === WebSocket.CONNECTING) {
      socket.close();
    }
    this.socket = null;
    clearInterval(this.beatTimer);
    // A revoked link stays "revoked" while the server keeps refusing it (a refused handshake
    // looks like any network error to a browser); we keep trying slowly in case of a mistake.
    if (code === REVOKED) this.revoked = true;
    this.onState(this.revoked ? "revoked" : "reconnecting");
    if (this.revoked) this.attempt = Math.max(this.attempt, 6);
    const delay = backoffDelay(this.attempt);
    this.attempt += 1;
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  // Start over with a new connection now (a fresh snapshot when nothing was applied yet).
  fresh() {
    const socket = this.socket;
    if (socket) {
      socket.onopen = socket.onmessage = socket.onclose = null;
      socket.close();
      this.socket = null;
      clearInterval(this.beatTimer);
    }
    this.attempt = 0;
    this.connect();
  }

  retryNow() {
    if (this.socket || !this.retryTimer) return;
    this.attempt = 0;
    this.connect();
  }
}
