// Phone view: join the session, pick a table, follow the current step, answer it with a receipt
// per answer, see the time box and, when the facilitator shows them, the results.

import { AnswerBook, newAnswerId, storage } from "./answers.js";
import { el, pageData, paragraphs } from "./dom.js";
import { t } from "./i18n.js";
import { connect } from "./socket.js";
import { copyButton, listAnswers, receipt } from "./kinds/common.js";
import { answerable, kindOf } from "./kinds/index.js";
import { renderResults } from "./results.js";
import { tablePicker } from "./phone-tables.js";
import { clockView } from "./timer.js";
import { formatDay } from "./card-view.js";

const { code, practice, practiceName } = pageData();
// A rehearsal's simulated phones share one browser: each keeps its own memory.
const slot = practice ? `${code}:practice${practice}` : code;
const meKey = `workshop:${slot}:me`;
const $ = (id) => document.getElementById(id);
const joinBox = $("join");
const view = $("view");

let me = storage.get(meKey, null); // {token, name, table, is_table}
let client = null;
let state = null;
let viewKey = "";
let refreshControls = () => {};
const drafts = new Map(); // step_id -> what the participant has picked or typed but not sent
const clock = clockView("phone-clock");
const resultsBox = el("section", "card phone-results");
resultsBox.setAttribute("aria-live", "polite");
const resultsBody = el("div", "results results-compact results-phone");

/** A random value kept on this phone: it orders the ideas to vote on, the same every time. */
function phoneSeed() {
  const seedKey = practice ? `workshop:${slot}:seed` : "workshop:seed";
  let seed = storage.get(seedKey, null);
  if (!seed) {
    seed = newAnswerId();
    storage.set(seedKey, seed);
  }
  return seed;
}

// An answer to the current step waits for approval when the step is pre-moderated and its
// kind can wait (the server decides the same way when it stores the answer).
const book = new AnswerBook(
  slot,
  () => refreshControls(),
  (stepId) => {
    const step = state && state.step;
    return Boolean(step && step.id === stepId && step.settings && step.settings.premoderate && kindOf(step.kind).premoderable);
  },
);
const tables = tablePicker($("tables"), {
  request: (payload) => client.request("profile", payload),
  saved(ack, asTable) {
    me = { ...me, table: ack.table || null, is_table: Boolean(ack.table) && asTable };
    storage.set(meKey, me);
    tables.render(state, me);
  },
});

function start() {
  if (!me && practiceName) me = { token: null, name: practiceName };
  if (me) {
    go();
    return;
  }
  joinBox.hidden = false;
  $("join-name").value = storage.get("workshop:name", "") || "";
  $("join-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const name = $("join-name").value.trim().slice(0, 40);
    me = { token: null, name };
    storage.set(meKey, me);
    storage.set("workshop:name", name);
    joinBox.hidden = true;
    go();
  });
}

function go() {
  client = connect({
    auth: () => {
      const auth = { role: "participant", code };
      if (me.token) auth.token = me.token;
      if (me.name) auth.name = me.name;
      return auth;
    },
    onState,
    onResults,
    onRefused,
    onConnect: () => book.resume(),
  });
  book.attach(client);
  $("retry").addEventListener("click", () => {
    $("refused").hidden = true;
    client.retry();
  });
}

function onState(next) {
  if (next.you) {
    const sameParticipant = !me.token || me.token === next.you.token;
    me = { ...me, token: next.you.token, name: next.you.name || me.name, table: next.you.table, is_table: next.you.is_table };
    storage.set(meKey, me);
    book.mergeServer(next.you.answers, sameParticipant);
  }
  state = next;
  render();
}

function onResults(update) {
  if (!state || !state.step || update.step_id !== state.step.id || !state.results_visible) return;
  state = { ...state, results: update };
  renderPhoneResults();
}

function onRefused(error) {
  joinBox.hidden = true;
  view.hidden = true;
  $("tables").hidden = true;
  $("refused-message").textContent = error.message;
  $("retry").hidden = error.code !== "locked";
  $("refused").hidden = false;
}

function render() {
  view.hidden = false;
  $("refused").hidden = true;
  tables.render(state, me);
  const step = state.step;
  // A step on the cards of an earlier one (a vote) is drawn again when those cards change.
  const cards = step ? (step.cards || []).map((card) => card.answer_id).join(",") : "";
  const plan = state.session.status === "ended" ? JSON.stringify(state.plan || []) : "";
  const key = [state.session.status, step ? step.id : "", state.answering, cards, plan].join("|");
  clock.update(state.session.status === "running" ? state.timer : null);
  if (key === viewKey) {
    refreshControls();
    renderPhoneResults();
    return;
  }
  viewKey = key;
  refreshControls = () => {};
  view.replaceChildren();
  window.scrollTo(0, 0);
  if (state.session.status === "lobby") {
    view.append(notice(t("lobby_title"), state.session.title, t("lobby_text"), "is-lobby"));
  } else if (state.session.status === "ended") {
    view.append(notice(t("thanks_title"), state.session.title, t("thanks_text"), "is-ended"));
    view.append(agreedPlan(state.plan || []));
  } else if (step) {
    renderStep(step);
  }
  renderPhoneResults();
}

function notice(title, subtitle, text, className) {
  const box = el("section", `card notice ${className}`);
  box.append(el("h1", "", title), el("p", "notice-subtitle", subtitle), el("p", "waiting", text));
  return box;
}

function renderStep(step) {
  const box = el("article", "card step");
  box.dataset.stepId = step.id;
  const head = el("div", "step-head");
  head.append(el("p", "eyebrow", t("step_of", { n: step.index + 1, total: state.step_count })), clock.node);
  box.append(head, el("h1", "prompt", step.prompt));
  if (step.body) box.append(paragraphs(step.body, "step-body"));
  const kind = kindOf(step.kind);
  // A step nobody can answer here (a follow-up step in a meeting that follows up none) says why.
  const unavailable = kind.unavailable ? kind.unavailable(step) : null;
  // Before answering, the participant learns whether a name goes with the answer; an
  // answer given now keeps that promise even if the step is switched to names later.
  if (answerable(step.kind) && step.settings && !unavailable) {
    const named = step.settings.anonymous === false;
    const note = !named ? "anonymous_note" : me && me.name ? "named_note" : "named_no_name_note";
    box.append(el("p", named ? "named-note" : "named-note is-anonymous", t(note)));
  }
  view.append(box);
  const ctx = {
    step,
    state,
    book,
    client,
    view,
    // What makes this phone's order of the ideas its own, the same on every look.
    seed: phoneSeed(),
    draft: (make) => {
      if (!drafts.has(step.id)) drafts.set(step.id, make());
      return drafts.get(step.id);
    },
    setRefresh: (fn) => (refreshControls = fn),
  };
  if (unavailable) {
    view.append(el("p", "card unavailable", unavailable));
  } else if (!kind.form) {
    view.append(el("p", "waiting", t("waiting")));
  } else if (!state.answering) {
    closedView(ctx);
  } else {
    kind.form(ctx);
  }
}

/** What the meeting agreed, for the ended phone: the confirmed action points, by deadline. */
function agreedPlan(plan) {
  const box = el("section", "card phone-plan");
  box.append(el("h2", "", t("agreed_plan")));
  if (!plan.length) {
    box.append(el("p", "muted", t("no_agreed_plan")));
    return box;
  }
  const list = el("ol", "phone-plan-list");
  for (const item of plan) {
    const point = el("li", "phone-plan-item");
    const meta = el("p", "phone-plan-meta");
    meta.append(el("span", "action-who", item.who), el("span", "action-when", formatDay(item.when)));
    point.append(el("p", "action-what", item.what), meta);
    list.append(point);
  }
  box.append(list);
  return box;
}

function renderPhoneResults() {
  const results = state && state.results;
  // An ended meeting's phone shows what was agreed, not the last step's wall.
  const running = Boolean(state && state.session.status === "running");
  const visible = Boolean(running && state.step && state.results_visible && results && results.step_id === state.step.id);
  if (!visible) {
    resultsBox.remove();
    return;
  }
  if (!resultsBox.firstChild) resultsBox.append(el("h2", "", t("results_title")), resultsBody);
  // The ideas this phone voted for are marked in the ranking it sees.
  const voted = book.forStep(state.step.id).flatMap((entry) => (Array.isArray(entry.value) ? entry.value : []));
  renderResults(resultsBody, results.summary, { compact: true, maxCards: 30, maxWords: 30, mine: new Set(voted) });
  if (resultsBox.parentNode !== view) view.append(resultsBox);
}

/** Answering is closed: say so, and show what this phone answered. */
function closedView(ctx) {
  const { step } = ctx;
  const kind = kindOf(step.kind);
  const box = el("section", "card closed");
  box.append(el("p", "closed-note", ctx.state.awaiting_open ? t("opens_soon") : t("answering_closed")));
  const mine = el("div");
  box.append(mine);
  view.append(box);
  const refresh = () => {
    mine.replaceChildren();
    const entries = book.forStep(step.id);
    if (!entries.length) {
      mine.append(el("p", "muted", t("no_answer")));
    } else if (kind.several) {
      listAnswers(ctx, mine, (value) => kind.describe(step, value));
    } else {
      mine.append(el("h2", "", t("your_answer")));
      for (const line of describe(step, entries[0].value)) mine.append(el("p", "my-answer-text", line));
      mine.append(receipt(ctx, entries[0]));
      if (entries[0].status === "failed") mine.append(copyButton(describe(step, entries[0].value)));
    }
  };
  ctx.setRefresh(refresh);
  refresh();
}

/** What this phone answered, in words, as its kind says it. */
function describe(step, value) {
  const kind = kindOf(step.kind);
  return kind.describe ? kind.describe(step, value) : [String(value)];
}

start();
