// Projector screen: the lobby with join code and QR, the current step in big type, live results
// (per table when asked), the time box in the corner, the end.

import { el, pageData, paragraphs } from "./dom.js";
import { plural, t } from "./i18n.js";
import { connect } from "./socket.js";
import { answerable, kindOf } from "./kinds/index.js";
import { renderResults, showProgress } from "./results.js";
import { clockView } from "./timer.js";

// The key stays in its HttpOnly cookie: the socket reads it from there.
const { code } = pageData();
const $ = (id) => document.getElementById(id);
const MAX_CARDS = 24; // open answers that stay readable from the back of the room
const PAGE_SECONDS = 10; // when not every card fits, the projector shows the next ones in turn

let state = null;
let results = null;
let participants = 0;
let progress = null;
let page = 0;
let pager = null;
const clock = clockView("screen-clock");
$("corner").prepend(clock.node);

connect({
  auth: () => ({ role: "screen", code }),
  onState(next) {
    state = next;
    results = next.results;
    participants = next.session.participants;
    progress = next.progress;
    render();
  },
  onProgress(update) {
    progress = update;
    renderProgress();
  },
  onResults(update) {
    if (!state || !state.step || update.step_id !== state.step.id || !state.results_visible) return;
    results = update;
    renderResultsBox();
  },
  onPresence(update) {
    participants = update.participants;
    if (state && update.lobby_names) state.lobby_names = update.lobby_names;
    renderCount();
  },
  onRefused(error) {
    for (const id of ["lobby", "step", "ended"]) $(id).hidden = true;
    $("refused-message").textContent = error.message;
    $("refused").hidden = false;
  },
});

function show(id) {
  for (const section of ["lobby", "step", "ended", "refused"]) $(section).hidden = section !== id;
}

function render() {
  const status = state.session.status;
  document.body.dataset.status = status;
  document.body.dataset.locked = String(Boolean(state.session.locked));
  $("lobby-title").textContent = state.session.title;
  $("ended-title").textContent = state.session.title;
  $("lobby-locked").hidden = !state.session.locked;
  $("corner-locked").hidden = !state.session.locked;
  renderCount();
  clock.update(status === "running" ? state.timer : null);
  if (status === "ended") return show("ended");
  if (status === "lobby" || !state.step) return show("lobby");
  show("step");
  const step = state.step;
  document.body.dataset.kind = step.kind;
  $("position").textContent = t("step_of", { n: step.index + 1, total: state.step_count });
  $("prompt").textContent = step.prompt;
  $("body").replaceChildren();
  if (step.body) $("body").append(paragraphs(step.body));
  renderResultsBox();
  renderProgress();
}

/**
 * Results that fit the projector: cards that do not fit are left out a few at a time (the
 * highlighted ones stay) and counted in a "+N more" card, and then the projector pages
 * through the rest by itself. Nothing is ever cut off at the bottom edge unseen.
 */
function fitResults(box, summary, options) {
  const kind = kindOf(summary.kind);
  // What may be left out: the kind's cards, or what it names instead (the points of a review).
  const items = kind.screenItems || kind.cards;
  const total = items && !options.byTable ? items(summary).length : 0;
  const layouts = Boolean(kind.screenItems);
  let limit = total ? Math.min(total, layouts ? total : options.maxCards) : options.maxCards;
  const draw = () => renderResults(box, summary, { ...options, maxCards: limit, page });
  const overflows = () =>
    box.scrollHeight > box.clientHeight + 2 || (layouts && box.scrollWidth > box.clientWidth + 2);
  draw();
  if (total && layouts && overflows()) {
    // A kind's own layouts (`screenItems`), from the tightest to the roomiest, measured across
    // as well as down: the roomiest `base` layout that fits, found by halving (the tightest
    // when none does), then the extras after it while they fit.
    const all = items(summary);
    const bases = all.flatMap((layout, index) => (layout.base ? [index + 1] : []));
    let [fits, over] = [0, bases.length];
    while (over - fits > 1) {
      const middle = Math.floor((fits + over) / 2);
      limit = bases[middle];
      draw();
      if (overflows()) over = middle;
      else fits = middle;
    }
    limit = bases[fits];
    while (limit < total && !all[limit].base) {
      limit += 1;
      draw();
      if (!overflows()) continue;
      limit -= 1;
      break;
    }
    draw();
  }
  while (total && !layouts && limit > 1 && overflows()) {
    limit = Math.max(1, limit - Math.max(1, Math.ceil(limit / 8)));
    draw();
  }
  const paged = kind.screenPages ? kind.screenPages(summary, limit) : limit < total;
  if (total && paged) startPaging(kind.pageSeconds ? kind.pageSeconds(summary) : PAGE_SECONDS);
  else stopPaging();
}

function startPaging(seconds) {
  if (pager && pager.seconds === seconds) return;
  clearInterval(pager && pager.id);
  const id = setInterval(() => {
    page += 1;
    renderResultsBox();
  }, seconds * 1000);
  pager = { id, seconds };
}

function stopPaging() {
  clearInterval(pager && pager.id);
  pager = null;
  page = 0;
}

/** "14 of 23 have answered": while answering is open and the results are not on screen. */
function renderProgress() {
  const current = showProgress($("progress"), progress, state);
  $("progress").hidden = !current || !state.answering || state.results_visible;
}

function renderResultsBox() {
  const box = $("results");
  const step = state.step;
  // A step nobody can answer here says why, instead of asking the room to answer or
  // showing results that cannot come (also once they are revealed).
  const unavailable = kindOf(step.kind).unavailable;
  const reason = unavailable && unavailable(step);
  const visible = !reason && state.results_visible && results && results.step_id === step.id;
  document.body.dataset.results = visible ? "shown" : "hidden";
  document.body.dataset.byTable = String(Boolean(visible && state.by_table));
  if (visible) {
    fitResults(box, results.summary, {
      maxCards: state.by_table ? 6 : MAX_CARDS,
      byTable: state.by_table,
      tables: state.session.tables,
    });
    return;
  }
  stopPaging();
  box.replaceChildren();
  if (!answerable(step.kind)) return;
  if (reason) {
    box.append(el("p", "screen-unavailable", reason));
    return;
  }
  if (state.answering) box.append(el("p", "screen-hint", t("answer_on_phone")));
  const policy = step.settings && step.settings.screen_results;
  if (policy === "closed" && state.answering) box.append(el("p", "screen-later", t("results_soon")));
  if (policy === "reveal") box.append(el("p", "screen-later", t("results_on_reveal")));
}

function renderCount() {
  $("count").textContent = plural("participants", participants);
  // In the lobby the room sees itself arrive: how many, and the names people gave.
  $("lobby-count").textContent = participants ? plural("joined", participants) : t("nobody_yet");
  $("lobby-names").replaceChildren(...((state && state.lobby_names) || []).map((name) => el("li", "", name)));
}

// The projector's window goes full screen at a click (browsers allow it only then), or with F.
function toggleFullscreen() {
  if (document.fullscreenElement) document.exitFullscreen();
  else document.documentElement.requestFullscreen().catch(() => {});
}
$("fullscreen").addEventListener("click", toggleFullscreen);
document.addEventListener("keydown", (event) => {
  if (event.key === "f" || event.key === "F") toggleFullscreen();
});
document.addEventListener("fullscreenchange", () => {
  $("fullscreen").hidden = Boolean(document.fullscreenElement);
});

// The screen view is often opened on the laptop, then dragged to the projector and made full
// screen: the results are fitted again for the window they are in now, once it stops changing.
let refit = null;
window.addEventListener("resize", () => {
  clearTimeout(refit);
  refit = setTimeout(() => {
    if (state && state.step && !$("step").hidden) renderResultsBox();
  }, 150);
});
