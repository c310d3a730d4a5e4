// Signing in: pick your name, type your PIN on a big number pad. Wrong PINs and throttling
// (429 with Retry-After) are said plainly; the pad stays locked until the wait is over.
import { $, t } from "./config.js";
import { api, NetworkError } from "./net.js";

const MIN_PIN = 6;
const MAX_PIN = 8;

export function initSignin({ onSignedIn }) {
  const section = $("#signin");
  const names = $(".names", section);
  const form = $("#pin-form");
  const dots = $("#pin-dots");
  const message = $("#pin-message");
  const state = { logger: null, pin: "", lockedUntil: 0, timer: null };

  function render() {
    dots.textContent = "●".repeat(state.pin.length) + "○".repeat(Math.max(MIN_PIN - state.pin.length, 0));
    const locked = Date.now() < state.lockedUntil;
    for (const key of form.querySelectorAll(".key")) key.disabled = locked;
    $(".ok", form).disabled = locked || state.pin.length < MIN_PIN;
  }

  function say(text, kind = "error") {
    message.textContent = text;
    message.dataset.kind = kind;
  }

  function choose(logger, note = "") {
    state.logger = logger;
    state.pin = "";
    names.hidden = true;
    form.hidden = false;
    $("#pin-title").textContent = t("tablet.pin.for", { name: logger.name });
    say(note, "info");
    render();
  }

  function press(key) {
    if (Date.now() < state.lockedUntil) return;
    if (key === "erase") state.pin = state.pin.slice(0, -1);
    else if (state.pin.length < MAX_PIN) state.pin += key;
    render();
  }

  function lock(seconds) {
    state.lockedUntil = Date.now() + seconds * 1000;
    clearInterval(state.timer);
    const tick = () => {
      const left = Math.ceil((state.lockedUntil - Date.now()) / 1000);
      if (left <= 0) {
        clearInterval(state.timer);
        say(t("tablet.pin.try_again"), "info");
      } else {
        say(t("tablet.pin.throttled", { minutes: Math.floor(left / 60), seconds: String(left % 60).padStart(2, "0") }));
      }
      render();
    };
    tick();
    state.timer = setInterval(tick, 1000);
  }

  async function submit(event) {
    event.preventDefault();
    if (state.pin.length < MIN_PIN || Date.now() < state.lockedUntil) return;
    const pin = state.pin;
    state.pin = "";
    render();
    let answer;
    try {
      answer = await api.post("/api/v1/session/pin", { logger_id: state.logger.id, pin });
    } catch (error) {
      if (!(error instanceof NetworkError)) throw error;
      say(t("tablet.pin.offline"));
      return;
    }
    if (answer.ok) {
      say("");
      onSignedIn(state.logger);
    } else if (answer.status === 429) {
      lock(answer.retryAfter ?? 60);
    } else if (answer.status === 401) {
      say(t("tablet.pin.wrong"));
      form.classList.remove("shake");
      void form.offsetWidth; // restart the animation
      form.classList.add("shake");
    } else {
      say(t("tablet.pin.invalid"));
    }
  }

  for (const button of section.querySelectorAll(".logger")) {
    button.addEventListener("click", () =>
      choose({ id: Number(button.dataset.id), name: button.dataset.name }),
    );
  }
  for (const key of form.querySelectorAll(".key[data-key]")) {
    key.addEventListener("click", () => press(key.dataset.key));
  }
  form.addEventListener("submit", submit);
  $("#pin-back").addEventListener("click", () => show());
  document.addEventListener("keydown", (event) => {
    if (form.hidden || section.hidden) return;
    if (/^[0-9]$/.test(event.key)) press(event.key);
    else if (event.key === "Backspace") press("erase");
  });

  function show() {
    section.hidden = false;
    names.hidden = false;
    form.hidden = true;
  }

  return {
    show,
    hide: () => {
      section.hidden = true;
    },
    // Signed out while coins wait (401): ask the same intern for their PIN again.
    askPin(logger, note) {
      section.hidden = false;
      choose(logger, note);
    },
  };
}
