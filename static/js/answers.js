// The phone's own answers: ids made here, kept in localStorage until acked, sent again.

import { backoff } from "./socket.js";

/** An id for a new answer: 16 random bytes, URL-safe base64 (22 characters). */
export function newAnswerId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** localStorage that tolerates private mode and full disks. */
export const storage = {
  get(key, fallback = null) {
    try {
      const raw = localStorage.getItem(key);
      return raw === null ? fallback : JSON.parse(raw);
    } catch (_error) {
      return fallback;
    }
  },
  set(key, value) {
    try {
      localStorage.setItem(key, JSON.stringify(value));
    } catch (_error) {
      // Nothing to do: the answer still lives in memory for this visit.
    }
  },
};

// Failures worth sending again later; every other refusal is final for that value.
const RETRYABLE_ACKS = new Set(["unavailable", "internal_error", "timeout", "bad_reply", "bad_auth"]);

// What the facilitator may have done with an answer, as `state.you.answers` says it.
const FATE = { pending: false, hidden: false, merged: false, edited: false, confirmed: false };

/**
 * The phone's own answers, kept in localStorage per session until the server acks them.
 * Each entry: {answer_id, step_id, value, status: "sending"|"received"|"failed", message,
 * pending, hidden, merged, edited, confirmed}. `waitsForApproval(stepId)` says whether a new
 * answer to that step waits for the facilitator's approval (the step is pre-moderated).
 */
export class AnswerBook {
  constructor(code, onChange, waitsForApproval = () => false) {
    this.key = `workshop:${code}:answers`;
    this.onChange = onChange;
    this.waitsForApproval = waitsForApproval;
    this.client = null;
    this.entries = new Map();
    this.inFlight = new Set();
    this.attempts = 0;
    this.retryTimer = null;
    for (const entry of storage.get(this.key, [])) {
      if (entry && entry.answer_id) this.entries.set(entry.answer_id, { version: 0, ...entry });
    }
  }

  attach(client) {
    this.client = client;
  }

  forStep(stepId) {
    return [...this.entries.values()].filter((entry) => entry.step_id === stepId);
  }

  /** Take the server's list of this participant's answers; local unsent changes win. */
  mergeServer(answers, sameParticipant) {
    const seen = new Set();
    for (const answer of answers || []) {
      seen.add(answer.answer_id);
      const local = this.entries.get(answer.answer_id);
      if (local && local.status !== "received") continue;
      this.entries.set(answer.answer_id, { ...FATE, ...answer, status: "received", message: "", version: 0 });
    }
    for (const [id, entry] of this.entries) {
      const forgotten = entry.status === "received" && !seen.has(id);
      if (forgotten || (!sameParticipant && entry.status === "failed")) this.entries.delete(id);
    }
    this.changed();
  }

  /** Store and send an answer; the same answer_id with a new value changes the answer. */
  submit(stepId, answerId, value) {
    const previous = this.entries.get(answerId);
    const entry = {
      answer_id: answerId,
      step_id: stepId,
      value,
      status: "sending",
      message: "",
      version: previous ? previous.version + 1 : 0,
    };
    if (previous) {
      Object.assign(previous, entry);
    } else {
      this.entries.set(answerId, entry);
    }
    this.changed();
    this.attempts = 0;
    this.flush();
  }

  /** Send every unacked answer once; called on submit, on (re)connect and by the backoff timer. */
  flush() {
    if (!this.client || !this.client.connected) return;
    for (const entry of this.entries.values()) {
      if (entry.status === "sending" && !this.inFlight.has(entry.answer_id)) this.send(entry);
    }
  }

  async send(entry) {
    const version = entry.version;
    this.inFlight.add(entry.answer_id);
    const ack = await this.client.request("answer", {
      step_id: entry.step_id,
      answer_id: entry.answer_id,
      value: entry.value,
    });
    this.inFlight.delete(entry.answer_id);
    if (this.entries.get(entry.answer_id) !== entry) return;
    if (entry.version !== version) {
      this.flush(); // changed while on its way: send the newer value
      return;
    }
    if (ack.ok) {
      entry.status = "received";
      entry.message = "";
      // A new answer starts undecided; on a pre-moderated step it waits for approval until
      // the server says otherwise.
      Object.assign(entry, FATE, { pending: this.waitsForApproval(entry.step_id) });
    } else if (RETRYABLE_ACKS.has(ack.error && ack.error.code)) {
      entry.message = ack.error.message || "";
      this.scheduleRetry();
    } else {
      entry.status = "failed";
      entry.message = (ack.error && ack.error.message) || "";
      // The facilitator has dealt with this answer: it cannot be changed from here any more.
      if (ack.error && ack.error.code === "moderated") entry.settled = true;
    }
    this.changed();
  }

  scheduleRetry() {
    if (this.retryTimer) return;
    this.attempts += 1;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.flush();
    }, backoff(this.attempts));
  }

  /** After a reconnect: start the backoff over and send what is waiting. */
  resume() {
    this.attempts = 0;
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.flush();
  }

  changed() {
    storage.set(this.key, [...this.entries.values()].map(({ version, ...rest }) => rest));
    if (this.onChange) this.onChange();
  }
}
