// Results made of cards: open answers on a wall, the ranking of a vote, and the action plan.

import { el, formatNumber, plural, t } from "./client.js";
import { bar } from "./results.js";

/** Today on this device's calendar, as YYYY-MM-DD (the earliest deadline allowed). */
export function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** "2025-03-01" -> "1. mar. 2025" (da) or "1 Mar 2025" (en); a bad date stays as it is. */
export function formatDay(iso) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(iso || ""));
  if (!match) return String(iso || "");
  const day = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Intl.DateTimeFormat(document.documentElement.lang || "da", {
    day: "numeric",
    month: "short",
    year: "numeric",
  }).format(day);
}

/** "×3" when two other answers were merged into this card. */
function weightBadge(card) {
  const weight = Number(card.weight) || 1;
  if (weight < 2) return null;
  const badge = el("span", "weight", `×${formatNumber(weight)}`);
  badge.title = plural("merged", weight - 1);
  return badge;
}

/** Open answers as cards; highlighted ones first in the room's eye, merged ones counted. */
export function answerCards(summary, answers, options) {
  const grid = el("ol", "answer-cards");
  let shown = answers;
  const limit = options.maxCards || 0;
  if (limit && shown.length > limit) {
    // Keep what the facilitator marked, then the newest.
    const marked = shown.filter((card) => card.highlighted).slice(-limit);
    const room = limit - marked.length;
    const newest = room > 0 ? shown.filter((card) => !card.highlighted).slice(-room) : [];
    const keep = new Set([...marked, ...newest]);
    grid.append(el("li", "answer-card is-more", t("more_answers", { n: formatNumber(shown.length - keep.size) })));
    shown = shown.filter((card) => keep.has(card));
  }
  for (const card of shown) grid.append(answerCard(card, summary, options));
  return grid;
}

function answerCard(card, summary, options) {
  const item = el("li", "answer-card");
  item.dataset.answerId = card.answer_id;
  item.classList.toggle("is-highlighted", Boolean(card.highlighted));
  item.append(el("span", "answer-text", card.text));
  const meta = el("span", "answer-meta");
  const weight = weightBadge(card);
  if (weight) meta.append(weight);
  if (card.name) meta.append(el("span", "answer-name", card.name));
  if (meta.childNodes.length) item.append(meta);
  const tools = options.cardTools && options.cardTools(card, summary);
  if (tools) item.append(tools);
  return item;
}

/** The ideas ordered by votes; the first three stand out. Equal votes share a rank. */
export function voteRanking(summary, options) {
  const list = el("ol", "vote-ranking");
  const ranking = summary.ranking || [];
  const top = Math.max(0, ...ranking.map((card) => card.votes));
  let rank = 0;
  let previous = null;
  ranking.forEach((card, position) => {
    if (card.votes !== previous) rank = position + 1;
    previous = card.votes;
    const row = el("li", "vote-row");
    row.dataset.answerId = card.answer_id;
    if (card.votes > 0 && rank <= 3) row.classList.add("is-top", `rank-${rank}`);
    row.classList.toggle("is-highlighted", Boolean(card.highlighted));
    const text = el("span", "vote-text");
    text.append(el("span", "vote-text-inner", card.text));
    const weight = weightBadge(card);
    if (weight) text.append(" ", weight);
    row.append(el("span", "vote-rank", formatNumber(rank)), text, el("span", "vote-count", plural("votes", card.votes)));
    row.append(bar(top ? (card.votes / top) * 100 : 0));
    const tools = options.cardTools && options.cardTools(card, summary);
    if (tools) row.append(tools);
    list.append(row);
  });
  if (!ranking.length) list.append(el("li", "muted", t("no_cards")));
  return list;
}

/** Confirmed action points as the plan (a table), proposals below. */
export function actionPlan(summary, options) {
  const box = el("div", "action-results");
  const items = summary.items || [];
  const plan = items.filter((item) => item.confirmed);
  const proposals = items.filter((item) => !item.confirmed);

  const planBox = el("section", "action-plan");
  planBox.append(el("h3", "", t("action_plan")));
  if (plan.length) {
    const table = el("table", "plan-table");
    const head = el("tr");
    for (const key of ["what", "who", "when"]) head.append(el("th", `col-${key}`, t(`action_${key}`)));
    if (options.cardTools) head.append(el("th", "col-tools", ""));
    table.append(el("thead"), el("tbody"));
    table.tHead.append(head);
    for (const item of plan) table.tBodies[0].append(planRow(item, summary, options));
    planBox.append(table);
  } else {
    planBox.append(el("p", "muted", t("no_plan_yet")));
  }
  box.append(planBox);

  if (proposals.length) {
    const list = el("ol", "action-proposals");
    for (const item of proposals) list.append(proposal(item, summary, options));
    const section = el("section", "action-proposal-box");
    section.append(el("h3", "", plural("proposals", proposals.length)), list);
    box.append(section);
  }
  return box;
}

function planRow(item, summary, options) {
  const row = el("tr");
  row.dataset.answerId = item.answer_id;
  row.classList.toggle("is-highlighted", Boolean(item.highlighted));
  const what = el("td", "col-what", item.what);
  const weight = weightBadge(item);
  if (weight) what.append(" ", weight);
  row.append(what, el("td", "col-who", item.who), el("td", "col-when", formatDay(item.when)));
  if (options.cardTools) {
    const cell = el("td", "col-tools");
    const tools = options.cardTools(item, summary);
    if (tools) cell.append(tools);
    row.append(cell);
  }
  return row;
}

function proposal(item, summary, options) {
  const card = el("li", "action-card");
  card.dataset.answerId = item.answer_id;
  card.classList.toggle("is-highlighted", Boolean(item.highlighted));
  const what = el("p", "action-what", item.what);
  const weight = weightBadge(item);
  if (weight) what.append(" ", weight);
  const meta = el("p", "action-meta");
  meta.append(el("span", "action-who", item.who), el("span", "action-when", formatDay(item.when)));
  if (item.name) meta.append(el("span", "action-name", t("proposed_by", { name: item.name })));
  card.append(what, meta);
  const tools = options.cardTools && options.cardTools(item, summary);
  if (tools) card.append(tools);
  return card;
}
