// The `review` kind: the earlier meeting's action points. The room gives each a status (done,
// under way, not started, dropped) with a comment; the facilitator records what the meeting
// agreed, and carries an unfinished point into the new plan with a new deadline, or drops it.

import { formatDay } from "../card-view.js";
import { el } from "../dom.js";
import { formatNumber, plural, t } from "../i18n.js";
import { singleAnswerForm } from "./common.js";
import { agreement } from "./review-agreement.js";
import { CARRIABLE, MAX_COMMENT, outcomeOf, STATUSES, statusName } from "./review-statuses.js";
import { register } from "./index.js";

// On the projector each point shows at most its newest two comments; the rest are counted.
const SCREEN_COMMENTS = 2;

/** Why a review step cannot be answered: a meeting that follows up no earlier one. */
function unavailable(step) {
  return (step.plan || []).length ? null : nothingToReview(step.earlier);
}

/**
 * Why there are no points: the earlier meeting confirmed none (`earlier`, the meeting followed
 * up), or this meeting follows up no meeting at all.
 */
function nothingToReview(earlier) {
  return earlier ? t("review_empty_plan", { title: earlier.title }) : t("review_nothing");
}

/** "Mette · Deadline 16 Dec 2026": who answers for a point, and by when. */
function pointMeta(point) {
  const meta = el("p", "review-meta");
  meta.append(el("span", "review-who", point.who), el("span", "review-when", t("review_deadline", { date: formatDay(point.when) })));
  return meta;
}

/** "From the meeting “Kredsmøde i marts”, 2 Dec 2026". */
function earlierLine(earlier) {
  if (!earlier) return null;
  const text = earlier.held
    ? t("review_of", { title: earlier.title, date: formatDay(earlier.held) })
    : t("review_of_undated", { title: earlier.title });
  return el("p", "review-of", text);
}

// ---------- the phone ----------

function reviewForm(ctx) {
  const { step } = ctx;
  const points = step.plan || [];
  if (!points.length) {
    ctx.view.append(el("p", "card review-nothing", nothingToReview(step.earlier)));
    return;
  }
  const known = new Set(points.map((point) => point.id));
  const makeDraft = (entry) => {
    const given = entry && entry.value && typeof entry.value === "object" && !Array.isArray(entry.value) ? entry.value : {};
    const draft = { statuses: {}, comments: {}, open: new Set(), value: {} };
    for (const [id, view] of Object.entries(given)) {
      if (!known.has(id) || !view) continue;
      draft.statuses[id] = view.status;
      if (view.comment) {
        draft.comments[id] = view.comment;
        draft.open.add(id);
      }
    }
    draft.value = valueOf(draft, points);
    return draft;
  };
  let current = null; // the draft, once the form has made it
  // Something to send, and no comment left without the status it belongs to.
  const ready = (value) => Object.keys(value).length > 0 && !orphanComments(current, points).length;
  singleAnswerForm(
    ctx,
    makeDraft,
    (form, draft, refresh) => {
      current = draft;
      form.append(el("p", "hint", t("review_hint")));
      const of = earlierLine(step.earlier);
      if (of) form.append(of);
      const list = el("ol", "review-items");
      const rows = [];
      for (const point of points) {
        const row = reviewItem(point, draft, () => {
          draft.value = valueOf(draft, points);
          refresh();
        });
        rows.push(row);
        list.append(row.node);
      }
      const given = el("p", "review-given");
      given.setAttribute("aria-live", "polite");
      form.append(list, given);
      draft.onRefresh = () => {
        const n = Object.keys(draft.value).length;
        given.textContent = t("review_given", { n: formatNumber(n), total: formatNumber(points.length) });
        for (const row of rows) row.update();
      };
    },
    ready,
  );
}

/** The value to send: each point with a status, its comment when there is one. */
function valueOf(draft, points) {
  const value = {};
  for (const point of points) {
    const status = draft.statuses[point.id];
    if (!status) continue;
    const comment = (draft.comments[point.id] || "").trim();
    value[point.id] = comment ? { status, comment } : { status };
  }
  return value;
}

function orphanComments(draft, points) {
  if (!draft) return [];
  return points.filter((point) => (draft.comments[point.id] || "").trim() && !draft.statuses[point.id]);
}

/** One earlier point on the phone: what, who, when, four status buttons and a comment. */
function reviewItem(point, draft, changed) {
  const node = el("li", "review-item");
  node.dataset.point = point.id;
  const group = el("fieldset", "review-fieldset");
  group.append(el("legend", "review-what", point.what), pointMeta(point));
  const buttons = el("div", "review-statuses");
  const pressed = [];
  for (const status of STATUSES) {
    const button = el("button", `status-button is-${status}`, statusName(status));
    button.type = "button";
    button.dataset.status = status;
    button.addEventListener("click", () => {
      // Pressed again, a status is taken back: a point may be left without one.
      draft.statuses[point.id] = draft.statuses[point.id] === status ? undefined : status;
      if (!draft.statuses[point.id]) delete draft.statuses[point.id];
      changed();
    });
    pressed.push(button);
    buttons.append(button);
  }
  const add = el("button", "btn btn-small btn-ghost review-add-comment", `+ ${t("review_add_comment")}`);
  add.type = "button";
  const field = el("label", "field review-comment-field");
  const area = el("textarea", "review-comment-input");
  Object.assign(area, { maxLength: MAX_COMMENT, rows: 2, value: draft.comments[point.id] || "" });
  field.append(el("span", "field-label", t("review_comment")), area);
  const orphan = el("p", "review-needs-status", t("review_needs_status"));
  add.addEventListener("click", () => {
    draft.open.add(point.id);
    update();
    area.focus();
  });
  area.addEventListener("input", () => {
    draft.comments[point.id] = area.value;
    changed();
  });
  group.append(buttons, add, field, orphan);
  node.append(group);
  const update = () => {
    const status = draft.statuses[point.id];
    for (const button of pressed) button.setAttribute("aria-pressed", String(button.dataset.status === status));
    node.classList.toggle("has-status", Boolean(status));
    const open = draft.open.has(point.id);
    add.hidden = open;
    field.hidden = !open;
    orphan.hidden = !(draft.comments[point.id] || "").trim() || Boolean(status);
  };
  update();
  return { node, update };
}

/** What this phone answered, a line per point, for the closed view. */
function describe(step, value) {
  if (!value || typeof value !== "object") return [];
  return (step.plan || [])
    .filter((point) => value[point.id])
    .map((point) => {
      const view = value[point.id];
      const line = `${point.what}: ${statusName(view.status)}`;
      return view.comment ? `${line}. “${view.comment}”` : line;
    });
}

// ---------- the results: screen, console, phone ----------

/**
 * The projector's layouts of a review, from the tightest to the roomiest; the projector draws
 * them (`maxCards`: which one) to find the roomiest that fits. The `base` layouts grow with the
 * number of points on a page: the most points that fit come first, the projector pages through
 * the rest. After each come its extras while they fit: the number of comments, who and by when,
 * and when every point fits, the newest comments themselves. A single point too tall for the
 * box shows its text on one line, and at last without its counts (the bar stays), rather than
 * be cut off.
 */
function screenLayouts(summary) {
  const points = summary.points || [];
  const most = Math.min(SCREEN_COMMENTS, Math.max(0, ...points.map((point) => (point.comments || []).length)));
  if (!points.length) return [];
  const layout = (n, more) => ({ points: n, comments: 0, count: false, meta: false, squeeze: 0, base: false, ...more });
  const layouts = [layout(1, { squeeze: 2, base: true }), layout(1, { squeeze: 1, base: true })];
  for (let n = 1; n <= points.length; n += 1) {
    layouts.push(layout(n, { base: true }), layout(n, { count: true }), layout(n, { count: true, meta: true }));
  }
  for (let comments = 1; comments <= most; comments += 1) layouts.push(layout(points.length, { comments, meta: true }));
  return layouts;
}

/** The projector's layout for `maxCards` (see `screenLayouts`), the roomiest when all fit. */
function screenLayout(summary, maxCards) {
  const layouts = screenLayouts(summary);
  return layouts[Math.max(0, Math.min(layouts.length, maxCards) - 1)];
}

/**
 * Per point the room's statuses as one stacked bar with the counts under it, the agreed
 * status as a badge, and the comments. `options.maxCards`: on the projector how many of
 * `screenItems` fit (it pages through the points that do not), elsewhere how many points;
 * `options.facilitator` adds the console's controls to record what the meeting agreed.
 */
function reviewResults(summary, options) {
  const box = el("div", "review-results");
  const points = summary.points || [];
  if (!points.length) {
    // The phone and the projector say so in place of the step (`unavailable`); only the
    // console says it here.
    if (options.facilitator) box.append(el("p", "review-nothing", nothingToReview(summary.of)));
    return box;
  }
  const of = earlierLine(summary.of);
  if (of) box.append(of);
  const decided = outcomeLine(points);
  if (decided) box.append(decided);
  let shown = points;
  // The projector (`maxCards`) draws one of its layouts; a phone and the console show it all.
  const layout = options.maxCards && !options.compact ? screenLayout(summary, options.maxCards) : null;
  const comments = layout ? layout.comments : Infinity;
  // On the console, above the first comments shown: hiding one hides the person's whole answer.
  const view = { ...options, comments, hideNote: Boolean(options.cardTools), screen: Boolean(layout) };
  let left = 0;
  if (layout) {
    box.classList.toggle("is-paged", layout.points < points.length);
    box.classList.toggle("no-meta", !layout.meta);
    box.classList.toggle("no-count", !layout.count);
    if (layout.squeeze) box.classList.add(`is-squeezed-${layout.squeeze}`);
  }
  if (layout && layout.points < points.length) {
    // The "+N more" line goes under the points, across the whole width.
    const start = firstOnPage(options.page || 0, points.length);
    shown = points.slice(start, start + layout.points);
    turn.shown = shown.length; // the last drawing of a page is the one that fits
    left = points.length - shown.length;
  }
  const list = el("ol", "review-points");
  for (const point of shown) list.append(pointResult(point, summary, view));
  if (left) {
    const more = el("li", "review-point is-more", plural("review_more_points", left));
    more.dataset.more = String(left);
    list.append(more);
  }
  box.append(list);
  return box;
}

/**
 * Where the projector's page `page` starts: where the page before it ended, so that each point
 * comes in turn however many fit on a page (the projector finds that out by drawing a page with
 * fewer and fewer points); back at the first point after the last.
 */
const turn = { page: 0, start: 0, shown: 0 };

function firstOnPage(page, total) {
  if (page === 0) Object.assign(turn, { page: 0, start: 0, shown: 0 });
  else if (page !== turn.page) Object.assign(turn, { page, start: turn.start + turn.shown });
  if (turn.start >= total) turn.start = 0;
  return turn.start;
}

/** "Agreed so far: 1 done, 1 carried over, 0 dropped, 2 to go", once something is agreed. */
function outcomeLine(points) {
  const counts = { done: 0, carried: 0, dropped: 0, undecided: 0 };
  for (const point of points) counts[outcomeOf(point.agreed)] += 1;
  if (counts.undecided === points.length) return null;
  const vars = Object.fromEntries(Object.entries(counts).map(([key, n]) => [key, formatNumber(n)]));
  return el("p", "review-outcomes", t("review_outcomes", vars));
}

/** What became of a point, as the server counts it: done, carried, dropped or undecided. */
function pointResult(point, summary, options) {
  const item = el("li", "review-point");
  item.dataset.point = point.id;
  item.dataset.outcome = outcomeOf(point.agreed);
  const head = el("div", "review-point-head");
  const text = el("div", "review-point-text");
  text.append(el("h3", "review-what", point.what), pointMeta(point));
  head.append(text);
  if (point.agreed) head.append(agreedBadge(point.agreed));
  const comments = point.comments || [];
  if (options.screen) {
    // On the projector the counts and the bar share a line where there is room (else the bar
    // goes under them), and comments left out for room are counted after them.
    const tally = el("div", "review-tally");
    tally.append(statusCounts(point), statusBar(point));
    if (comments.length && !options.comments) tally.append(commentList(comments, summary, options));
    item.append(head, tally);
    if (comments.length && options.comments) item.append(commentList(comments, summary, options));
    return item;
  }
  item.append(head, statusBar(point), statusCounts(point));
  if (comments.length && options.hideNote) {
    item.append(el("p", "review-hide-note", t("review_hide_note")));
    options.hideNote = false; // once per step
  }
  if (comments.length) item.append(commentList(comments, summary, options));
  if (options.facilitator) item.append(agreement(point, options.facilitator));
  return item;
}

/** The agreed status, and for a point not done whether it goes on and to when. */
function agreedBadge(agreed) {
  const badge = el("p", `review-agreed is-${outcomeOf(agreed)}`);
  badge.append(el("strong", "", t("review_agreed", { status: statusName(agreed.status) })));
  if (agreed.carry_to) badge.append(el("span", "", t("review_carried_to", { date: formatDay(agreed.carry_to) })));
  else if (CARRIABLE.has(agreed.status)) badge.append(el("span", "", t("review_not_carried")));
  if (agreed.comment) badge.append(el("span", "review-agreed-comment", agreed.comment));
  return badge;
}

/** The room's statuses as one bar; the counts below say the same in words. */
function statusBar(point) {
  const track = el("div", "review-bar");
  track.setAttribute("aria-hidden", "true");
  const answered = point.answered || 0;
  for (const status of STATUSES) {
    const n = (point.statuses || {})[status] || 0;
    if (!n) continue;
    const part = el("div", `review-bar-part is-${status}`);
    // CSSOM, not a style attribute: allowed by the Content-Security-Policy.
    part.style.width = `${(n / answered) * 100}%`;
    track.append(part);
  }
  return track;
}

function statusCounts(point) {
  const list = el("ul", "review-counts");
  if (!point.answered) {
    list.append(el("li", "review-count is-none", t("review_no_statuses")));
    return list;
  }
  for (const status of STATUSES) {
    const n = (point.statuses || {})[status] || 0;
    const item = el("li", `review-count is-${status}`);
    item.classList.toggle("is-zero", n === 0);
    item.append(el("span", "review-swatch"), el("span", "review-count-name", statusName(status)), " ", el("strong", "", formatNumber(n)));
    list.append(item);
  }
  return list;
}

function commentList(comments, summary, options) {
  const list = el("ul", "review-comments");
  // The projector has room for a few comments per point (the newest); a phone or the console shows them all.
  const room = options.comments === undefined ? Infinity : options.comments;
  const shown = comments.length > room ? comments.slice(comments.length - room) : comments;
  for (const comment of shown) {
    const item = el("li", "review-comment");
    item.dataset.answerId = comment.answer_id;
    item.append(el("span", "answer-text", comment.text));
    if (comment.name) item.append(el("span", "answer-name", comment.name));
    const tools = options.cardTools && options.cardTools(comment, summary);
    if (tools) item.append(wholeAnswerTools(tools, comment));
    list.append(item);
  }
  if (shown.length < comments.length) {
    const left = comments.length - shown.length;
    const more = el("li", "review-comment is-more", shown.length ? plural("review_more_comments", left) : plural("review_comments", left));
    more.dataset.more = String(comments.length - shown.length);
    list.append(more);
  }
  return list;
}

/**
 * A review answer is one person's statuses on every point with their comments: hiding it from
 * a comment hides all of that, so its button says so, and names the comment it sits by.
 */
function wholeAnswerTools(tools, comment) {
  for (const button of tools.querySelectorAll('[data-tool="hide"]')) {
    const label = t("review_hide_whole_for", { text: commentStart(comment.text) });
    button.textContent = t("review_hide_whole");
    button.title = label;
    button.setAttribute("aria-label", label);
  }
  return tools;
}

/** The start of a comment, enough to tell it from the others. */
function commentStart(text) {
  const clean = String(text).replace(/\s+/g, " ").trim();
  return clean.length > 40 ? `${clean.slice(0, 39)}…` : clean;
}

export default register({
  name: "review",
  // Its comments can wait for the facilitator's approval before the room sees them.
  premoderable: true,
  form: reviewForm,
  describe,
  results: reviewResults,
  unavailable,
  // Moderation: hiding an answer takes out its statuses and comments; nothing to merge or mark.
  cards: (summary) => (summary.points || []).flatMap((point) => point.comments || []),
  moderation: ["hide"],
  // The projector's layouts, tried one at a time from the roomiest (see `screenLayouts`).
  screenItems: screenLayouts,
  // Whether the projector pages through the points, and how long a page stays: time to read it.
  screenPages: (summary, limit) => screenLayout(summary, limit).points < (summary.points || []).length,
  pageSeconds: () => Math.min(30, Math.max(10, 3 * turn.shown)),
});
