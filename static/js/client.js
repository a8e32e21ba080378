// Shared client for every surface: i18n strings, the socket and its status, and the phone's answer outbox.

/* global io */

const stringTable = Object.assign(
  {},
  readJson("i18n-common"),
  readJson("i18n"),
);

function readJson(id) {
  const node = document.getElementById(id);
  if (!node) return {};
  try {
    return JSON.parse(node.textContent);
  } catch (_error) {
    return {};
  }
}

/** The translated text for `key`, with `{name}` placeholders filled from `vars`. */
export function t(key, vars = {}) {
  const text = key in stringTable ? stringTable[key] : key;
  return text.replace(/\{(\w+)\}/g, (match, name) => (name in vars ? String(vars[name]) : match));
}

/** `key_one` for 1, `key_other` otherwise (Danish and English count the same way). */
export function plural(key, n) {
  return t(n === 1 ? `${key}_one` : `${key}_other`, { n: formatNumber(n) });
}

export function formatNumber(value, digits = 0) {
  return new Intl.NumberFormat(document.documentElement.lang || "da", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

/** "482913" -> "482 913", easier to read aloud and to type. */
export function formatCode(code) {
  return String(code).replace(/^(\d{3})(\d{3})$/, "$1\u2009$2");
}

/** A new element with a class and text; user data only ever goes in through textContent. */
export function el(tag, className = "", text = null) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== null && text !== undefined) node.textContent = String(text);
  return node;
}

/** Long text as paragraphs, split on blank lines. */
export function paragraphs(text, className = "") {
  const box = el("div", className);
  for (const part of String(text || "").split(/\n\s*\n/)) {
    if (part.trim()) box.append(el("p", "", part.trim()));
  }
  return box;
}

export function pageData() {
  return { ...document.body.dataset };
}

const RETRYABLE_REFUSALS = new Set(["unavailable", "internal_error"]);

/**
 * Connect to the session and keep the newest `state`.
 * `auth` is a function so every reconnect sends the current token and name.
 */
export function connect({ auth, onState, onResults, onPresence, onRefused, onConnect }) {
  const socket = io({ auth: (send) => send(auth()), transports: ["websocket", "polling"] });
  const statusNodes = document.querySelectorAll("[data-connection]");
  let latest = null;
  let refusedRetries = 0;
  let stopped = false; // refused for good (removed): never reconnect

  function setStatus(status) {
    for (const node of statusNodes) {
      node.dataset.state = status;
      node.textContent = t(status);
    }
    document.body.dataset.connection = status;
  }

  setStatus(navigator.onLine === false ? "offline" : "connecting");

  socket.on("connect", () => {
    refusedRetries = 0;
    setStatus("connected");
    if (onConnect) onConnect();
  });
  socket.on("disconnect", (reason) => {
    setStatus(navigator.onLine === false ? "offline" : "reconnecting");
    if (stopped) {
      setStatus("refused");
      return;
    }
    // The server closed us on purpose: Socket.IO will not come back by itself.
    if (reason === "io server disconnect") setTimeout(() => stopped || socket.connect(), 2000);
  });
  socket.io.on("reconnect_attempt", () => {
    if (!socket.connected) setStatus(navigator.onLine === false ? "offline" : "reconnecting");
  });
  socket.on("connect_error", (error) => {
    const data = error && error.data;
    if (!data || !data.code) return; // a transport failure: the manager keeps retrying
    if (RETRYABLE_REFUSALS.has(data.code)) {
      setStatus("reconnecting");
      refusedRetries += 1;
      setTimeout(() => socket.connect(), backoff(refusedRetries));
      return;
    }
    setStatus("refused");
    if (onRefused) onRefused({ code: data.code, message: data.message || error.message });
  });
  socket.on("state", (state) => {
    if (latest && typeof state.revision === "number" && state.revision < latest.revision) return;
    latest = state;
    onState(state);
  });
  if (onResults) socket.on("results", onResults);
  if (onPresence) socket.on("presence", onPresence);
  // The facilitator removed this participant: the server disconnects us and refuses the token.
  socket.on("removed", (data) => {
    stopped = true;
    // The server closes the socket itself; close it here only if that does not happen.
    setTimeout(() => socket.connected && socket.disconnect(), 3000);
    setStatus("refused");
    if (onRefused) onRefused({ code: "removed", message: (data && data.message) || "" });
  });

  window.addEventListener("offline", () => setStatus("offline"));
  window.addEventListener("online", () => {
    setStatus(socket.connected ? "connected" : "reconnecting");
    if (!stopped && !socket.connected && !socket.active) socket.connect();
  });
  // A phone that slept or a tab that was in the background: come back at once, not at the
  // next scheduled reconnection attempt.
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState !== "visible" || stopped || socket.connected) return;
    setStatus(navigator.onLine === false ? "offline" : "reconnecting");
    socket.connect();
  });

  return {
    socket,
    get connected() {
      return socket.connected;
    },
    get state() {
      return latest;
    },
    /** Try again after a refusal that may pass later (joining was locked). */
    retry() {
      if (!stopped && !socket.connected) socket.connect();
    },
    /** Emit and wait for the ack; a missing reply becomes an error ack, never an exception. */
    async request(event, payload) {
      try {
        const ack = await socket.timeout(8000).emitWithAck(event, payload);
        return ack && typeof ack === "object" ? ack : { ok: false, error: { code: "bad_reply", message: t("no_reply") } };
      } catch (_timeout) {
        return { ok: false, error: { code: "timeout", message: t("no_reply") } };
      }
    },
  };
}

export function backoff(attempt) {
  return Math.min(30000, 1000 * 2 ** Math.min(attempt, 5)) + Math.floor(Math.random() * 700);
}

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

/**
 * The phone's own answers, kept in localStorage per session until the server acks them.
 * Each entry: {answer_id, step_id, value, status: "sending"|"received"|"failed", message}.
 */
export class AnswerBook {
  constructor(code, onChange) {
    this.key = `workshop:${code}:answers`;
    this.onChange = onChange;
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
      this.entries.set(answer.answer_id, { ...answer, status: "received", message: "", version: 0 });
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
    } else if (RETRYABLE_ACKS.has(ack.error && ack.error.code)) {
      entry.message = ack.error.message || "";
      this.scheduleRetry();
    } else {
      entry.status = "failed";
      entry.message = (ack.error && ack.error.message) || "";
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
