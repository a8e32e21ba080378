// Facilitator console: the step list, the controls that move the room (steps, answering, who sees
// the results, the time box), live results with moderation, and the set-up panels.

import { el, pageData, paragraphs } from "./dom.js";
import { formatNumber, plural, t } from "./i18n.js";
import { connect } from "./socket.js";
import { Exports } from "./console-exports.js";
import { Moderation } from "./console-moderation.js";
import { Panels } from "./console-panels.js";
import { answerable } from "./kinds/index.js";
import { renderResults, showProgress } from "./results.js";
import { clockView } from "./timer.js";

// The key stays in its HttpOnly cookie: the socket and the API read it from there.
// `status`: the session's status when the server drew this page.
const { code, status: drawnAs } = pageData();
const $ = (id) => document.getElementById(id);
const buttons = [...document.querySelectorAll("[data-action]")];

let state = null;
let results = null;
let participants = 0;
let progress = null;
let connected = null;
let busy = false;
let refused = false;
let resultsPending = false;
let leaving = false;

const clock = clockView("console-clock", { showIdle: true });
$("timer").prepend(clock.node);

const client = connect({
  auth: () => ({ role: "facilitator", code }),
  onState(next) {
    state = next;
    results = next.results;
    participants = next.session.participants;
    progress = next.progress;
    render();
    // The server draws what comes after a meeting (its follow-up, with the points that come
    // along): a meeting that ended while this page was open is drawn anew.
    if (next.session.status === "ended" && drawnAs !== "ended" && !next.session.practice) {
      window.location.reload();
    }
  },
  onResults(update) {
    if (!state || !state.step || update.step_id !== state.step.id) return;
    results = update;
    renderResultsBox();
  },
  onPresence(update) {
    participants = update.participants;
    connected = update.connected;
    renderCount();
    panels.presenceChanged(update);
  },
  onProgress(update) {
    progress = update;
    renderProgress();
  },
  onRefused(error) {
    refused = true;
    if (leaving) return; // this console deleted its own rehearsal and is on its way out
    showError(error.message);
    renderControls();
  },
});

const moderation = new Moderation({ command, rerender: () => renderResultsBox(true) });
// What the facilitator has begun in a kind's own controls and not sent yet (an agreement on an
// earlier action point, say), per step: kept across redraws; live results wait while it is open.
const unsent = new Map();
const unsentOn = (step) => unsent.get(step.id) || unsent.set(step.id, new Map()).get(step.id);
const panels = new Panels({ code, command, t });
new Exports({ code, t });

/** "14 of 23 have answered" for the current step, whether or not results are shown. */
function renderProgress() {
  $("progress").hidden = !showProgress($("progress"), progress, state);
}

function render() {
  renderCount();
  renderProgress();
  renderSteps();
  renderControls();
  renderCurrent();
  panels.render(state, { participants, connected });
}

function renderCount() {
  const limit = state && state.session.participant_limit;
  const full = limit && participants >= limit ? ` (${t("session_full", { n: formatNumber(limit) })})` : "";
  $("participants").textContent = plural("participants", participants) + full;
  $("connected").textContent = connected === null ? "" : `· ${t("connected_now", { n: formatNumber(connected) })}`;
  panels.renderPresence({ participants, connected });
}

function renderSteps() {
  const list = $("steps");
  list.replaceChildren();
  const running = state.session.status === "running";
  // Once the meeting has ended its steps are disabled: the list itself takes the keyboard's
  // focus, so it can still be scrolled.
  if (state.session.status === "ended") list.tabIndex = 0;
  else list.removeAttribute("tabindex");
  for (const step of state.steps || []) {
    const item = el("li");
    const button = el("button", "step-item");
    button.type = "button";
    button.title = t("go_to_step");
    if (running && step.index === state.step_index) button.setAttribute("aria-current", "step");
    button.disabled = state.session.status === "ended";
    button.append(
      el("span", "step-number", step.index + 1),
      el("span", "step-prompt", step.prompt),
      el("span", `step-kind kind-${step.kind}`, t(`kind_${step.kind}`)),
    );
    button.addEventListener("click", () => command("goto", { step: step.index }));
    item.append(button);
    list.append(item);
  }
  // Keep the current step in view inside the list, without scrolling the page.
  const current = list.querySelector("[aria-current]");
  if (current) {
    const item = current.parentElement;
    if (item.offsetTop < list.scrollTop || item.offsetTop + item.offsetHeight > list.scrollTop + list.clientHeight) {
      const before = item.previousElementSibling;
      list.scrollTop = before ? before.offsetTop : 0; // the step before stays in sight, for context
    }
  }
}

function renderControls() {
  const status = state ? state.session.status : "lobby";
  const step = state && state.step;
  const running = status === "running";
  const takesAnswers = running && step && answerable(step.kind);
  const visibility = (state && state.visibility) || {};
  const timer = state && state.timer;
  const hasBox = Boolean(timer && timer.duration !== null);
  const show = {
    start: status === "lobby",
    prev: running,
    next: running,
    open: takesAnswers && !state.answering,
    close: takesAnswers && state.answering,
    "reveal:screen": takesAnswers && !visibility.screen,
    "hide:screen": takesAnswers && visibility.screen,
    "reveal:phones": takesAnswers && !visibility.phones,
    "hide:phones": takesAnswers && visibility.phones,
    timer_start: running && !(timer && timer.running),
    timer_pause: running && timer && timer.running,
    timer_add: running && hasBox,
    timer_reset: running && hasBox && (timer.running || timer.remaining < timer.duration),
    end: status !== "ended",
    lock: state && status !== "ended" && !state.session.locked,
    unlock: state && status !== "ended" && state.session.locked,
  };
  document.querySelector(".controls").hidden = status === "ended";
  $("header-pdf").classList.toggle("btn-primary", status === "ended"); // now the report is what is left
  $("step-controls").hidden = !running;
  $("visibility").hidden = !takesAnswers;
  $("timer-minutes").hidden = hasBox;
  for (const button of buttons) {
    const name = button.dataset.audience ? `${button.dataset.action}:${button.dataset.audience}` : button.dataset.action;
    button.hidden = !show[name];
    button.disabled = busy || refused || !state;
  }
  for (const audience of ["screen", "phones"]) {
    const node = document.querySelector(`[data-audience-state="${audience}"]`);
    node.textContent = visibility[audience] ? t("results_visible") : t("results_not_visible");
    node.dataset.shown = String(Boolean(visibility[audience]));
  }
  if (state) {
    const ended = state.session.status === "ended";
    $("lock-state").hidden = ended; // nobody joins an ended session: nothing to say
    $("lock-state").textContent = state.session.locked ? t("joining_locked") : t("joining_open");
    $("lock-state").dataset.locked = String(state.session.locked);
  }
  clock.update(running ? timer : null);
  const paused = hasBox && !timer.running && timer.remaining < timer.duration;
  byAction("timer_start").textContent = `▶ ${paused ? t("resume_timer") : t("start_timer")}`;
  if (running) {
    byAction("prev").disabled ||= state.step_index <= 0;
    byAction("next").disabled ||= state.step_index >= state.step_count - 1;
  }
}

function byAction(action) {
  return buttons.find((button) => button.dataset.action === action);
}

function badge(text, className) {
  return el("span", `badge ${className}`, text);
}

function renderCurrent() {
  const status = state.session.status;
  const step = state.step;
  const badges = $("current-badges");
  badges.replaceChildren();
  $("current-body").replaceChildren();
  $("notes").hidden = true;
  if (status === "ended" || !step) {
    const ended = status === "ended";
    $("current-position").textContent = "";
    $("current-prompt").textContent = ended ? t("ended_title") : t("lobby_title");
    $("current-body").append(paragraphs(ended ? t("ended") : t("lobby")));
    $("results").replaceChildren();
    $("hidden-answers").replaceChildren();
    return;
  }
  $("current-position").textContent = t("step_of", { n: step.index + 1, total: state.step_count });
  badges.append(badge(t(`kind_${step.kind}`), `kind-${step.kind}`));
  if (answerable(step.kind)) {
    badges.append(state.answering ? badge(t("answering_open"), "is-open") : badge(t("answering_closed"), "is-closed"));
  }
  $("current-prompt").textContent = step.prompt;
  const notes = (step.settings && step.settings.notes) || "";
  $("notes").hidden = !notes;
  $("notes-text").textContent = notes;
  if (step.body) $("current-body").append(paragraphs(step.body));
  renderResultsBox(true);
}

/** Live results with moderation; while the facilitator is using a control in them, wait. */
function renderResultsBox(force = false) {
  const box = $("results");
  const typing = box.contains(document.activeElement) && document.activeElement.matches("select, input, textarea");
  const step = state && state.step;
  const drafting = Boolean(step && unsentOn(step).size);
  if (!force && (typing || moderation.editing || moderation.merging || drafting)) {
    resultsPending = true;
    return;
  }
  resultsPending = false;
  if (!step || !results || results.step_id !== step.id) {
    box.replaceChildren();
    $("hidden-answers").replaceChildren();
    return;
  }
  renderResults(box, results.summary, {
    compact: true,
    showHidden: true,
    cardTools: moderation.toolsFor(results.summary, step),
    // The kind's own facilitator controls send commands through the console.
    facilitator: { command, drafts: unsentOn(step), rerender: () => renderResultsBox(true) },
  });
  moderation.renderHidden($("hidden-answers"), results.summary, step);
}

$("results").addEventListener("focusout", () => {
  setTimeout(() => {
    if (resultsPending && !$("results").contains(document.activeElement)) renderResultsBox();
  }, 0);
});

function showError(message) {
  $("command-error-text").textContent = message;
  $("command-error").hidden = false;
}

/** Send a facilitator command; returns the ack. */
async function command(action, extra = {}) {
  if (busy || !state) return { ok: false };
  const practice = state.session.practice;
  if (action === "end" && !window.confirm(t(practice ? "confirm_end_practice" : "confirm_end"))) {
    return { ok: false };
  }
  const payload = { action, ...extra };
  // A stale tab must not skip a step that another window already moved past.
  if (action === "next" || action === "prev") payload.revision = state.revision;
  busy = true;
  renderControls();
  $("command-error").hidden = true;
  const ack = await client.request("command", payload);
  busy = false;
  renderControls();
  if (!ack.ok && ack.error) showError(ack.error.message);
  if (ack.ok && action === "end" && practice) await deleteRehearsal();
  return ack;
}

/**
 * Delete this meeting on the server and go to the front page with `arrived` in the address;
 * on failure stay and say `failure`.
 */
async function deleteAndLeave(arrived, failure) {
  leaving = true;
  let response = null;
  try {
    response = await fetch(`/api/sessions/${code}`, { method: "DELETE", credentials: "same-origin" });
  } catch (_error) {
    response = null;
  }
  if (response && (response.ok || response.status === 404)) {
    window.location.assign(`/?${arrived}`);
    return;
  }
  leaving = false;
  showError(t(failure));
}

/** Delete the meeting for good, confirmed twice: a question, then its code typed again. */
async function deleteMeeting() {
  if (!window.confirm(t("confirm_delete"))) return;
  const typed = window.prompt(t("confirm_delete_code", { code }), "");
  if (typed === null) return;
  if (typed.replace(/\s+/g, "") !== code) {
    showError(t("delete_not_confirmed"));
    return;
  }
  await deleteAndLeave(`deleted=${code}`, "delete_failed");
}

$("delete-meeting").addEventListener("click", deleteMeeting);

/** A rehearsal leaves nothing behind: delete it and go back to the front page. */
function deleteRehearsal() {
  return deleteAndLeave("rehearsed=1", "rehearsal_not_deleted");
}

function extraFor(button) {
  const action = button.dataset.action;
  if (button.dataset.audience) return { audience: button.dataset.audience };
  if (action === "timer_add") return { seconds: 60 };
  if (action === "timer_start" && state.timer.duration === null) {
    const minutes = Math.round(Number($("timer-minutes-input").value));
    return { minutes: Math.min(180, Math.max(1, minutes || 5)) };
  }
  return {};
}

for (const button of buttons) {
  button.addEventListener("click", () => command(button.dataset.action, extraFor(button)));
}

// Presenter clickers send PageDown/PageUp; arrows work too, unless the user is typing.
document.addEventListener("keydown", (event) => {
  if (event.altKey || event.ctrlKey || event.metaKey || event.target.closest("input, textarea, select")) return;
  const forward = ["PageDown", "ArrowRight"].includes(event.key);
  const back = ["PageUp", "ArrowLeft"].includes(event.key);
  if (!forward && !back) return;
  event.preventDefault();
  if (!state) return;
  if (state.session.status === "lobby" && forward) command("start");
  else if (state.session.status === "running") command(forward ? "next" : "prev");
});
