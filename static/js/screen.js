// Projector screen: the lobby with join code and QR, the current step in big type, live results
// (per table when asked), the time box in the corner, the end.

import { el, pageData, paragraphs } from "./dom.js";
import { plural, t } from "./i18n.js";
import { connect } from "./socket.js";
import { answerable, kindOf } from "./kinds/index.js";
import { renderResults, showProgress, tableWall } from "./results.js";
import { clockView } from "./timer.js";
import { arrive, emptyWall, largestFitting, nextPage, pageCount, paging, previousPage, readingSeconds, typeSizes } from "./wall.js";

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
// The wall of answers (see wall.js): its cycle of pages, type size, timer, and the
// facilitator's hold and page moves as last seen.
const wallView = { scope: null, wall: emptyWall(), size: 0, spot: 1.15, alone: false, timer: null, shownAt: 0, moves: null };
const clock = clockView("screen-clock");
$("corner").prepend(clock.node);

connect({
  auth: () => ({ role: "screen", code }),
  onState(next) {
    const moves = next.wall ? next.wall.moves : 0;
    const delta = wallView.moves === null ? 0 : moves - wallView.moves;
    wallView.moves = moves;
    state = next;
    results = next.results;
    participants = next.session.participants;
    progress = next.progress;
    render();
    if (delta) moveWall(delta);
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
  // A title with a long compound word takes smaller type, so the word breaks rarely, if ever.
  const longest = Math.max(0, ...String(state.session.title).split(/\s+/u).map((word) => word.length));
  for (const id of ["lobby-title", "ended-title"]) $(id).classList.toggle("has-long-word", longest > 16);
  $("lobby-locked").hidden = !state.session.locked;
  $("corner-locked").hidden = !state.session.locked;
  renderCount();
  clock.update(status === "running" ? state.timer : null);
  if (status === "ended" || status === "lobby" || !state.step) {
    // No wall without a step: its pages stop turning.
    stopWall();
    return show(status === "ended" ? "ended" : "lobby");
  }
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
  if (!items) fitScale(box);
  const paged = kind.screenPages ? kind.screenPages(summary, limit) : limit < total;
  if (total && paged) startPaging(kind.pageSeconds ? kind.pageSeconds(summary) : PAGE_SECONDS);
  else stopPaging();
}

/**
 * Results without cards (a word cloud, bars): when anything is cut at an edge, their type
 * shrinks (`--fit`, a share of its size) until every part is inside the box.
 */
function fitScale(box) {
  box.style.removeProperty("--fit");
  const edge = box.getBoundingClientRect();
  const outside = () =>
    box.scrollHeight > box.clientHeight + 1 ||
    [...box.querySelectorAll("li, tr")].some((node) => {
      const r = node.getBoundingClientRect();
      return r.left < edge.left - 1 || r.right > edge.right + 1 || r.top < edge.top - 1 || r.bottom > edge.bottom + 1;
    });
  if (!outside()) return;
  const scales = Array.from({ length: 15 }, (_, n) => Math.round((0.3 + n * 0.05) * 100) / 100);
  const scale = largestFitting(scales, (share) => {
    box.style.setProperty("--fit", String(share));
    return !outside();
  });
  box.style.setProperty("--fit", String(scale));
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

/*
 * The wall: every answer shown within one cycle of pages (the rules are in wall.js). Each page
 * takes from the front of the queue as many cards as fit, measured in the page itself; the
 * type is the largest between the floor and a comfortable size at which the whole cycle fits
 * on one page (the floor when it does not); a page stays up for a time that grows with its
 * words; a new answer leads the next page, and comes up early when a page has been read a
 * while. The facilitator can page it and hold it from the console.
 */
const NEWCOMER_SECONDS = 6; // a page up this long gives way to a new answer
const SPOTLIGHT_SCALES = [0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1, 1.05, 1.1, 1.15];

/** The floor of the wall's type in px: 32 at 1920 wide, never under 24 (see screen.css). */
function typeFloor() {
  return Math.min(48, Math.max(24, 12 + 0.0105 * window.innerWidth));
}

function wallOverflows(box) {
  if (box.scrollHeight > box.clientHeight + 1 || box.scrollWidth > box.clientWidth + 1) return true;
  const edge = box.getBoundingClientRect();
  // A card wider than its column, or a word wider than its card, shows at the sides.
  for (const node of box.querySelectorAll("[data-answer-id], [data-table], .answer-text, .vote-text")) {
    const r = node.getBoundingClientRect();
    if (r.left < edge.left - 1 || r.right > edge.right + 1 || r.bottom > edge.bottom + 1) return true;
    if (node.scrollWidth > node.clientWidth + 1 && node.clientWidth) return true;
  }
  return false;
}

function showWall(box, summary, options, wall) {
  const view = wallView;
  const scope = `${state.step.id}|${Boolean(options.byTable)}|${window.innerWidth}x${window.innerHeight}`;
  if (view.scope !== scope) {
    clearTimeout(view.timer);
    Object.assign(view, { scope, wall: emptyWall(), size: 0, spot: 1.15, alone: false, timer: null, shownAt: 0, order: null });
  }
  const keys = wall.items.map((item) => item.key);
  box.dataset.wallCards = String(keys.length + wall.spotlight.length); // how many the cycle shows
  const words = new Map([...wall.items, ...wall.spotlight].map((item) => [item.key, item.words]));
  const draw = (page, size) => {
    box.style.setProperty("--wall-text", `${size}px`);
    box.style.setProperty("--spot", String(view.spot));
    renderResults(box, summary, { ...options, wall: { keys: page, spotlight: wall.spotlight.map((item) => item.key) } });
  };
  const fitting = (size) => (queue) => {
    // The most cards from the front of the queue that fit, found by halving.
    let [fits, over] = [1, queue.length + 1];
    while (over - fits > 1) {
      const middle = Math.floor((fits + over) / 2);
      draw(queue.slice(0, middle), size);
      if (wallOverflows(box)) over = middle;
      else fits = middle;
    }
    return fits;
  };
  const chooseSize = () => {
    const floor = typeFloor();
    return largestFitting(typeSizes(floor, floor * 1.6), (size) => {
      draw(view.wall.known, size);
      return !wallOverflows(box);
    });
  };
  const fitSpotlight = () => {
    // A spotlight too long for the screen at its usual size takes smaller type, down to
    // 0.6 of the wall's: the room reads the whole answer the facilitator chose.
    view.spot = SPOTLIGHT_SCALES[SPOTLIGHT_SCALES.length - 1];
    if (!wall.spotlight.length) return;
    view.spot = largestFitting(SPOTLIGHT_SCALES, (scale) => {
      view.spot = scale;
      draw([], view.size);
      return !wallOverflows(box);
    });
  };
  const turn = (restart) => {
    if (restart || !view.wall.queue.length || !view.size) {
      if (restart) view.wall = arrive(emptyWall(), keys);
      view.spot = SPOTLIGHT_SCALES[SPOTLIGHT_SCALES.length - 1];
      view.size = chooseSize();
      box.dataset.fittedFor = `${window.innerWidth}x${window.innerHeight}`; // the window the type was chosen for
      fitSpotlight();
    }
    // A spotlight that leaves no room for one more card stands alone, and the pages wait.
    const next = view.wall.queue[0] || view.wall.known[0];
    view.alone = Boolean(wall.spotlight.length && next !== undefined && (draw([next], view.size), wallOverflows(box)));
    if (view.alone) {
      view.wall = { ...view.wall, queue: [...view.wall.current, ...view.wall.queue], current: [] };
      draw([], view.size);
      schedule();
      return;
    }
    view.wall = nextPage(view.wall, fitting(view.size));
    showPage();
  };
  const drawPage = () => {
    // The page on screen; false when it no longer fits.
    draw(view.wall.current, view.size);
    if (!wallOverflows(box)) return true;
    if (view.wall.current.length !== 1) return false;
    // One card taller than the screen at the wall's type: this page takes smaller type
    // (down to half), so the card is read whole rather than cut at the bottom.
    const size = largestFitting(typeSizes(Math.round(view.size / 2), view.size), (smaller) => {
      draw(view.wall.current, smaller);
      return !wallOverflows(box);
    });
    draw(view.wall.current, size);
    return true;
  };
  const showPage = () => {
    drawPage();
    view.shownAt = Date.now();
    schedule();
  };
  const schedule = (soon) => {
    clearTimeout(view.timer);
    view.timer = null;
    renderPager();
    if (view.alone || !paging(view.wall) || (state.wall && state.wall.hold)) return;
    const read = readingSeconds([...view.wall.current, ...wall.spotlight.map((item) => item.key)].reduce((sum, key) => sum + (words.get(key) || 0), 0));
    const seconds = soon ? Math.min(read, NEWCOMER_SECONDS) : read;
    const wait = Math.max(0, view.shownAt + seconds * 1000 - Date.now());
    view.timer = setTimeout(() => view.turn(false), wait);
  };
  const known = new Set(view.wall.known);
  const newcomer = keys.some((key) => !known.has(key));
  view.wall = arrive(view.wall, keys);
  Object.assign(view, { turn, showPage, schedule });
  // A card the facilitator puts in the spotlight while the wall pages is fitted as one that
  // was there from the start: smaller type when it is long, alone when nothing fits beside it.
  const spotlight = wall.spotlight.map((item) => item.key).join(" ");
  if (view.spotlight !== spotlight && view.size) fitSpotlight();
  view.spotlight = spotlight;
  // A ranking's order is what it says: when it changes, the cycle starts again from the top,
  // so the room never reads a page from the middle of the list as if it were the top.
  const order = keys.join(" ");
  const reordered = Boolean(wall.ordered) && view.order !== null && view.order !== order;
  view.order = order;
  if (reordered || view.alone || !paging(view.wall) || !view.wall.current.length) {
    // Everything was on one page (or nothing yet): the cycle starts again with all of it.
    turn(true);
    return;
  }
  // Paging: the page on screen stays, with its cards as they are now, unless it no longer fits.
  if (!drawPage()) {
    view.wall = { ...view.wall, queue: [...view.wall.current, ...view.wall.queue], current: [], page: view.wall.page - 1 };
    turn(false);
    return;
  }
  schedule(newcomer);
}

/** The facilitator paged the wall `delta` pages (forward when positive). */
function moveWall(delta) {
  const view = wallView;
  if (!view.turn || !paging(view.wall)) return;
  for (let n = 0; n < Math.abs(delta); n += 1) {
    if (delta > 0) view.turn(false);
    else view.wall = previousPage(view.wall);
  }
  if (delta < 0) view.showPage();
}

function stopWall() {
  clearTimeout(wallView.timer);
  Object.assign(wallView, { scope: null, wall: emptyWall(), size: 0, alone: false, timer: null, turn: null, showPage: null, schedule: null });
  $("results").style.removeProperty("--wall-text");
  delete $("results").dataset.wallCards;
  delete $("results").dataset.fittedFor;
  renderPager();
}

/** "Page 2 of 4" under the join code while the wall pages; "held" while the facilitator holds it. */
function renderPager() {
  const node = $("wall-pager");
  const wall = wallView.wall;
  const shown = Boolean(wallView.scope) && !wallView.alone && paging(wall);
  node.hidden = !shown;
  if (!shown) return;
  const { page, pages } = pageCount(wall);
  node.textContent = t("wall_page", { n: page, total: pages });
  const held = Boolean(state && state.wall && state.wall.hold);
  node.classList.toggle("is-held", held);
  if (held) node.append(el("span", "wall-held", t("wall_held")));
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
    const options = { byTable: state.by_table, tables: state.session.tables };
    const summary = results.summary;
    const kind = kindOf(summary.kind);
    const byTable = state.by_table && summary.by_table && (state.session.tables || []).length;
    const wall = byTable ? tableWall(summary, options) : kind.wall && kind.wall(summary);
    document.body.dataset.wall = String(Boolean(wall));
    if (wall) {
      stopPaging();
      showWall(box, summary, options, wall);
      return;
    }
    stopWall();
    fitResults(box, summary, { ...options, maxCards: state.by_table ? 6 : MAX_CARDS });
    return;
  }
  stopPaging();
  stopWall();
  document.body.dataset.wall = "false";
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
