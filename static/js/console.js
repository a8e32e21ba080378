// Facilitator console: the step list, the controls that move the room (steps, answering, who sees
// the results, the time box), live results with moderation, and the set-up panels.

import { el, pageData, paragraphs } from "./dom.js";
import { formatNumber, plural, t } from "./i18n.js";
import { connect } from "./socket.js";
import { Exports } from "./console-exports.js";
import { Moderation } from "./console-moderation.js";
import { Panels } from "./console-panels.js";
import { Selection } from "./console-selection.js";
import { Sender } from "./console-sender.js";
import { Suggestions } from "./console-suggestions.js";
import { mountUndo } from "./console-undo.js";
import { mountWallControls } from "./console-wall.js";
import { answerable, kindOf } from "./kinds/index.js";
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
let busy = false; // a step command (next, prev, goto, start, end) is on its way
let refused = false;
let resultsPending = false;
let leaving = false;

// Commands that move the room: one at a time, and a second click while one is on its way is
// not a second step.
const STEP_ACTIONS = new Set(["start", "next", "prev", "goto", "end", "finish"]);

const clock = clockView("console-clock", { showIdle: true });
const wallControls = mountWallControls(document.getElementById("wall-controls"), command);
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
    renderBar();
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
  onConnect() {
    sender.retryWaiting(); // commands refused while the server was away go again, in order
  },
  onRefused(error) {
    refused = true;
    if (leaving) return; // this console deleted its own rehearsal and is on its way out
    showError(error.message);
    renderControls();
  },
});
const sender = new Sender(client);

const moderation = new Moderation({ command, rerender: () => renderResultsBox(true) });
// What the facilitator has begun in a kind's own controls and not sent yet (an agreement on an
// earlier action point, say), per step: kept across redraws; live results wait while it is open.
const unsent = new Map();
const unsentOn = (step) => unsent.get(step.id) || unsent.set(step.id, new Map()).get(step.id);
const panels = new Panels({ code, command, t });
// Tidying the answers of an open step: the merge suggestions, batch selection, and the way back.
const tidyUndo = mountUndo($("tidy-undo"), command);
const suggestions = new Suggestions({ box: $("suggestions"), command, undo: tidyUndo });
const selection = new Selection({ box: $("results"), bar: $("selection-bar"), command, undo: tidyUndo });
new Exports({ code, t });

/** "14 of 23 have answered" for the current step, whether or not results are shown. */
function renderProgress() {
  const running = state && state.session.status === "running";
  $("progress").hidden = !(showProgress($("progress"), progress, state) && running);
}

/** The sticky bar: where the room is, whether it answers, who has and what waits for approval. */
function renderBar() {
  const step = state && state.session.status === "running" ? state.step : null;
  $("bar-position").textContent = step ? t("step_of", { n: step.index + 1, total: state.step_count }) : "";
  // Ended, the page itself says so once; in the lobby the bar says the room waits.
  $("bar-title").textContent = step ? step.prompt : state && state.session.status === "lobby" ? t("lobby_title") : "";
  const answering = $("bar-answering");
  answering.hidden = !(step && answerable(step.kind));
  const waits = state && !state.answering && state.awaiting_open;
  answering.textContent = state && state.answering ? t("answering_open") : t(waits ? "answering_not_open" : "answering_closed");
  answering.className = `badge ${state && state.answering ? "is-open" : "is-closed"}`;
  const summary = step && results && results.step_id === step.id ? results.summary : null;
  const waiting = summary ? (summary.pending_cards || []).length : 0;
  $("bar-pending").hidden = !waiting;
  $("bar-pending").textContent = waiting ? plural("waiting_approval", waiting) : "";
}

function render() {
  renderCount();
  renderProgress();
  renderBar();
  renderSteps();
  renderControls();
  renderCurrent();
  panels.render(state, { participants, connected });
  wallControls.update(state);
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
      el("span", `step-kind kind-${step.kind}`, [t(`kind_${step.kind}`), ...setUp(step)].join(" · ")),
    );
    button.addEventListener("click", () => jump(step.index));
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

/** What a step was set up to do that the room will notice: said in the step list, ahead. */
function setUp(step) {
  const settings = step.settings || {};
  const notes = [];
  if (answerable(step.kind) && settings.opens === "by_facilitator") notes.push(t("opens_by_you"));
  if (settings.premoderate && kindOf(step.kind).premoderable) notes.push(t("approved_first"));
  return notes;
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
    next: running && state.step_index < state.step_count - 1,
    finish: running && state.step_index >= state.step_count - 1,
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
  $("step-controls").hidden = !takesAnswers;
  $("timer").hidden = !running;
  $("visibility").hidden = !takesAnswers;
  $("timer-minutes").hidden = hasBox;
  for (const button of buttons) {
    const name = button.dataset.audience ? `${button.dataset.action}:${button.dataset.audience}` : button.dataset.action;
    button.hidden = !show[name];
    // Step commands wait for the one on its way; the rest queue up behind it (see `command`).
    button.disabled = refused || !state || (busy && STEP_ACTIONS.has(button.dataset.action));
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
  $("ended-report").hidden = status !== "ended" || state.session.practice;
  if (status === "ended" || !step) {
    const ended = status === "ended";
    $("current-position").textContent = "";
    $("current-prompt").textContent = ended ? t("ended_title") : t("lobby_title");
    $("current-body").append(paragraphs(ended ? t("ended") : t("lobby")));
    $("results").replaceChildren();
    $("pending-answers").replaceChildren();
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
  // A card's select box in focus is no typing: the cards may be drawn anew around it.
  const typing = box.contains(document.activeElement) && document.activeElement.matches("select, input:not(.card-select), textarea");
  const step = state && state.step;
  const drafting = Boolean(step && unsentOn(step).size);
  if (!force && (typing || moderation.editing || moderation.merging || drafting)) {
    resultsPending = true;
    return;
  }
  resultsPending = false;
  if (!step || !results || results.step_id !== step.id) {
    box.replaceChildren();
    $("pending-answers").replaceChildren();
    $("hidden-answers").replaceChildren();
    suggestions.render(null, step);
    selection.decorate([]);
    return;
  }
  const place = focusIn(box);
  renderResults(box, results.summary, {
    compact: true,
    showHidden: true,
    cardTools: moderation.toolsFor(results.summary, step),
    // The kind's own facilitator controls send commands through the console.
    facilitator: { command, step: step.id, drafts: unsentOn(step), rerender: () => renderResultsBox(true) },
  });
  moderation.renderPending($("pending-answers"), results.summary, step);
  moderation.renderHidden($("hidden-answers"), results.summary);
  suggestions.render(results.summary, step);
  const kind = kindOf(results.summary.kind);
  selection.decorate(kind.cards ? kind.cards(results.summary) : []);
  refocus(box, place);
}

/** Which card (and which of its controls) has the keyboard's focus in `box`, if any. */
function focusIn(box) {
  const active = document.activeElement;
  if (!active || !box.contains(active)) return null;
  const card = active.closest("[data-answer-id]");
  if (!card) return null;
  const tool = active.dataset.tool || (active.matches(".card-select") ? "select" : null);
  const cards = [...box.querySelectorAll("li[data-answer-id]")];
  return { id: card.dataset.answerId, tool, index: cards.indexOf(card) };
}

/** The focus back on the same card and control after the cards were drawn anew; the card
 * gone (merged or hidden), on the card now in its place. */
function refocus(box, place) {
  if (!place) return;
  const cards = [...box.querySelectorAll("li[data-answer-id]")];
  const card = cards.find((node) => node.dataset.answerId === place.id) || cards[Math.min(place.index, cards.length - 1)];
  if (!card) return;
  const target = place.tool === "select" ? card : (place.tool && card.querySelector(`[data-tool="${place.tool}"]`)) || card;
  if (target === card && card.classList.contains("is-selectable")) selection.focusCard(card.dataset.answerId);
  else target.focus({ preventScroll: true });
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


/** Send a facilitator command in its turn; returns the ack. `asked`: "end" was confirmed. */
function command(action, extra = {}, { asked = false } = {}) {
  if (!state) return Promise.resolve({ ok: false });
  if (STEP_ACTIONS.has(action) && busy) return Promise.resolve({ ok: false });
  const practice = state.session.practice;
  if (action === "end" && !asked && !window.confirm(t(practice ? "confirm_end_practice" : "confirm_end"))) {
    return Promise.resolve({ ok: false });
  }
  const payload = { action, ...extra };
  // A stale tab must not skip a step that another window already moved past.
  const seen = action === "next" || action === "prev" ? state.revision : null;
  const moves = STEP_ACTIONS.has(action);
  if (moves) busy = true;
  renderControls();
  $("command-error").hidden = true;
  return sender.inTurn(async (send) => {
    // What this console itself changed while the command waited its turn is no reason to refuse it.
    if (seen !== null) payload.revision = seen + sender.ownChangesAfter(seen);
    const ack = await send(payload);
    if (moves) busy = false;
    renderControls();
    if (!ack.ok && ack.error) showError(ack.error.message);
    if (ack.ok && action === "end" && practice) await deleteRehearsal();
    return ack;
  });
}

// A jump in the step list moves the room at once; for a while the bar offers the way back.
const UNDO_MS = 10000;
let undoTimer = null;

async function jump(index) {
  if (!state || state.session.status !== "running" || index === state.step_index) {
    if (state && state.session.status === "lobby") await command("goto", { step: index });
    return;
  }
  const from = state.step_index;
  const ack = await command("goto", { step: index });
  if (ack.ok) offerUndo(from, index);
}

function offerUndo(from, to) {
  const box = $("jump-undo");
  $("jump-undo-text").textContent = t("jumped_to", { n: to + 1 });
  const back = $("jump-undo-button");
  back.textContent = t("back_to_step", { n: from + 1 });
  back.onclick = async () => {
    hideUndo();
    await command("goto", { step: from });
  };
  box.hidden = false;
  clearTimeout(undoTimer);
  undoTimer = setTimeout(hideUndo, UNDO_MS);
}

function hideUndo() {
  clearTimeout(undoTimer);
  $("jump-undo").hidden = true;
}

/** The last step's "End the meeting and get the report": asked once, then the PDF comes. */
async function finish() {
  const practice = state.session.practice;
  if (!window.confirm(t(practice ? "confirm_end_practice" : "confirm_finish"))) return;
  if (!practice) sessionStorage.setItem(`report-wanted:${code}`, "1");
  const ack = await command("end", {}, { asked: true });
  if (!ack.ok) sessionStorage.removeItem(`report-wanted:${code}`);
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
  button.addEventListener("click", () => {
    if (button.dataset.action === "finish") finish();
    else command(button.dataset.action, extraFor(button));
  });
}

// The meeting was ended with "End the meeting and get the report": the report comes once.
if (drawnAs === "ended" && sessionStorage.getItem(`report-wanted:${code}`)) {
  sessionStorage.removeItem(`report-wanted:${code}`);
  $("ended-pdf").click();
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
  else if (state.session.status === "running" && !(forward && state.step_index >= state.step_count - 1)) {
    command(forward ? "next" : "prev");
  }
});
