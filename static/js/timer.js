// The time box as a live countdown: remaining time from the server's clock, shown as m:ss.

import { el } from "./dom.js";
import { t } from "./i18n.js";

/** 125.3 seconds -> "2:06"; an hour and more -> "1:02:06". */
export function formatClock(seconds) {
  const total = Math.max(0, Math.ceil(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

/**
 * Follows `state.timer` between snapshots. The server sends `ends_at` and its own clock
 * `server_time`; the difference to our clock corrects a phone whose clock is off.
 */
export class Countdown {
  constructor(onTick) {
    this.onTick = onTick;
    this.timer = null;
    this.offset = 0; // server clock minus local clock, in seconds
    this.interval = null;
  }

  update(timer) {
    this.timer = timer && timer.duration !== null && timer.duration !== undefined ? timer : null;
    if (this.timer && typeof this.timer.server_time === "number") {
      this.offset = this.timer.server_time - Date.now() / 1000;
    }
    clearInterval(this.interval);
    this.interval = null;
    if (this.timer && this.timer.running) this.interval = setInterval(() => this.tick(), 250);
    this.tick();
  }

  /** Seconds left now, or null without a time box. */
  remaining() {
    const timer = this.timer;
    if (!timer) return null;
    if (timer.running && typeof timer.ends_at === "number") {
      return Math.max(0, timer.ends_at - (Date.now() / 1000 + this.offset));
    }
    return Math.max(0, Number(timer.remaining) || 0);
  }

  /** "idle" (set, not started), "running", "paused" or "done"; null without a time box. */
  phase() {
    const timer = this.timer;
    if (!timer) return null;
    const left = this.remaining();
    if (left <= 0) return "done";
    if (timer.running) return "running";
    return left < timer.duration ? "paused" : "idle";
  }

  tick() {
    this.onTick(this.remaining(), this.phase());
  }
}

/**
 * A clock element ("3:59", with a label saying paused or time is up) that follows a timer.
 * `showIdle`: also show a time box that has not started yet.
 */
export function clockView(className, { showIdle = false } = {}) {
  const node = el("div", `clock ${className}`);
  node.setAttribute("role", "timer");
  const label = el("span", "clock-label");
  const time = el("span", "clock-time");
  node.append(label, time);
  node.hidden = true;
  const countdown = new Countdown((left, phase) => {
    node.hidden = phase === null || (phase === "idle" && !showIdle);
    if (node.hidden) return;
    node.dataset.phase = phase;
    node.classList.toggle("is-ending", phase === "running" && left <= 30);
    time.textContent = formatClock(left);
    label.textContent = { running: t("time_left"), paused: t("timer_paused"), done: t("time_up"), idle: t("time_box") }[phase];
  });
  return { node, countdown, update: (timer) => countdown.update(timer) };
}
