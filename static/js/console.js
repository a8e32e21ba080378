// Facilitator console: the step list, the controls that move the room, and live results of the current step.

import { connect, el, pageData, paragraphs, plural, t } from "./client.js";
import { renderResults } from "./results.js";

const { code, key } = pageData();
const $ = (id) => document.getElementById(id);
const buttons = Object.fromEntries(
  [...document.querySelectorAll("[data-action]")].map((button) => [button.dataset.action, button]),
);

let state = null;
let results = null;
let participants = 0;
let busy = false;
let refused = false;

const client = connect({
  auth: () => ({ role: "facilitator", code, key }),
  onState(next) {
    state = next;
    results = next.results;
    participants = next.session.participants;
    render();
  },
  onResults(update) {
    if (!state || !state.step || update.step_id !== state.step.id) return;
    results = update;
    renderResults($("results"), results.summary, { compact: true });
  },
  onPresence(update) {
    participants = update.participants;
    renderCount();
  },
  onRefused(error) {
    refused = true;
    showError(error.message);
    renderControls();
  },
});

function render() {
  renderCount();
  renderSteps();
  renderControls();
  renderCurrent();
}

function renderCount() {
  $("participants").textContent = plural("participants", participants);
}

function renderSteps() {
  const list = $("steps");
  list.replaceChildren();
  const running = state.session.status === "running";
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
  const current = list.querySelector("[aria-current]");
  if (current) current.scrollIntoView({ block: "nearest" });
}

function renderControls() {
  const status = state ? state.session.status : "lobby";
  const step = state && state.step;
  const running = status === "running";
  const answerable = running && step && step.kind !== "info";
  const show = {
    start: status === "lobby",
    prev: running,
    next: running,
    open: answerable && !state.answering,
    close: answerable && state.answering,
    reveal: running && !state.results_visible,
    hide: running && state.results_visible,
    end: status !== "ended",
  };
  document.querySelector(".controls").hidden = status === "ended";
  for (const [action, button] of Object.entries(buttons)) {
    button.hidden = !show[action];
    button.disabled = busy || refused || !state;
  }
  if (running) {
    buttons.prev.disabled ||= state.step_index <= 0;
    buttons.next.disabled ||= state.step_index >= state.step_count - 1;
  }
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
  $("results").replaceChildren();
  if (status === "ended" || !step) {
    const ended = status === "ended";
    $("current-position").textContent = "";
    $("current-prompt").textContent = ended ? t("ended_title") : t("lobby_title");
    $("current-body").append(paragraphs(ended ? t("ended") : t("lobby")));
    return;
  }
  $("current-position").textContent = t("step_of", { n: step.index + 1, total: state.step_count });
  badges.append(badge(t(`kind_${step.kind}`), `kind-${step.kind}`));
  if (step.kind !== "info") {
    badges.append(
      state.answering ? badge(t("answering_open"), "is-open") : badge(t("answering_closed"), "is-closed"),
      state.results_visible ? badge(t("results_shown"), "is-shown") : badge(t("results_hidden"), "is-hidden"),
    );
  }
  $("current-prompt").textContent = step.prompt;
  if (step.body) $("current-body").append(paragraphs(step.body));
  if (results && results.step_id === step.id) {
    renderResults($("results"), results.summary, { compact: true });
  }
}

function showError(message) {
  $("command-error-text").textContent = message;
  $("command-error").hidden = false;
}

async function command(action, extra = {}) {
  if (busy || !state) return;
  if (action === "end" && !window.confirm(t("confirm_end"))) return;
  const payload = { action, ...extra };
  // A stale tab must not skip a step that another window already moved past.
  if (action === "next" || action === "prev") payload.revision = state.revision;
  busy = true;
  renderControls();
  $("command-error").hidden = true;
  const ack = await client.request("command", payload);
  busy = false;
  renderControls();
  if (!ack.ok) showError(ack.error.message);
}

for (const [action, button] of Object.entries(buttons)) {
  button.addEventListener("click", () => command(action));
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
