// The connection to the session: the socket, its status on the page, and requests with acks.

/* global io */

import { t } from "./i18n.js";

// Refusals that pass by themselves: a stale socket of this phone times out meanwhile.
const RETRYABLE_REFUSALS = new Set([
  "unavailable",
  "internal_error",
  "too_many_sockets",
  "joining_busy",
  "too_fast",
]);

/**
 * Connect to the session and keep the newest `state`.
 * `auth` is a function so every reconnect sends the current token and name.
 */
export function connect({ auth, onState, onResults, onPresence, onProgress, onRefused, onConnect }) {
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
  if (onProgress) socket.on("progress", onProgress);
  // The facilitator removed this participant: the server disconnects us and refuses the token.
  socket.on("removed", (data) => {
    stopped = true;
    // The server closes the socket itself; close it here only if that does not happen.
    setTimeout(() => socket.connected && socket.disconnect(), 3000);
    setStatus("refused");
    if (onRefused) onRefused({ code: "removed", message: (data && data.message) || "" });
  });
  // The facilitator deleted the session: there is nothing left to come back to.
  socket.on("deleted", (data) => {
    stopped = true;
    socket.disconnect();
    setStatus("refused");
    if (onRefused) onRefused({ code: "session_deleted", message: (data && data.message) || "" });
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
