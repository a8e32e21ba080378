// How an answer card looks on every surface (text, merged-count badge, name) and deadline dates.

import { el } from "./dom.js";
import { formatNumber, plural, t } from "./i18n.js";
import { wallCards, wordCount } from "./wall.js";

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
export function weightBadge(card) {
  const weight = Number(card.weight) || 1;
  if (weight < 2) return null;
  const badge = el("span", "weight", `×${formatNumber(weight)}`);
  badge.title = plural("merged", weight - 1);
  return badge;
}

/** An answer longer than this reads better across two of the projector's columns. */
const LONG_ANSWER = 120;

/**
 * Open answers on the projector's wall: identical ones as one card, newest first; the
 * highlighted ones are the spotlight, shown whole above the pages.
 */
export function answerWall(answers) {
  const cards = wallCards(answers);
  const item = (card) => ({ key: card.key, words: wordCount(card.text) });
  return {
    items: cards.filter((card) => !card.highlighted).map(item),
    spotlight: cards.filter((card) => card.highlighted).map(item),
  };
}

/** One page of the wall: `wall.spotlight` (keys) whole, then the cards of `wall.keys`. */
function wallPage(summary, answers, options) {
  const cards = new Map(wallCards(answers).map((card) => [card.key, card]));
  const box = el("div", "wall");
  const spotlight = options.wall.spotlight.map((key) => cards.get(key)).filter(Boolean);
  if (spotlight.length) {
    const list = el("ol", "answer-cards wall-spotlight");
    for (const card of spotlight) list.append(answerCard(card, summary, options));
    box.append(list);
  }
  const grid = el("ol", "answer-cards wall-page");
  for (const key of options.wall.keys) if (cards.has(key)) grid.append(answerCard(cards.get(key), summary, options));
  box.append(grid);
  return box;
}

/** Open answers as cards; highlighted ones first in the room's eye, merged ones counted. */
export function answerCards(summary, answers, options) {
  if (options.wall) return wallPage(summary, answers, options);
  const grid = el("ol", "answer-cards");
  let shown = answers;
  // A phone gets only the cards it shows; the server counts the rest in `left_out`.
  let away = Number(summary.left_out) || 0;
  const limit = options.maxCards || 0;
  if (limit && shown.length > limit) {
    // Keep what the facilitator marked, then the newest; with `page`, the next ones in turn
    // (the projector pages through them by itself).
    const marked = shown.filter((card) => card.highlighted).slice(-limit);
    // One place is the "+N more" tile; without a marked card, one other is always shown.
    const room = Math.max(marked.length ? 0 : 1, limit - 1 - marked.length);
    const others = shown.filter((card) => !card.highlighted).reverse(); // newest first
    const pages = room ? Math.ceil(others.length / room) : 1;
    const start = ((options.page || 0) % pages) * room;
    const keep = new Set([...marked, ...others.slice(start, start + room)]);
    away += shown.length - keep.size;
    shown = shown.filter((card) => keep.has(card));
  }
  for (const card of shown) grid.append(answerCard(card, summary, options));
  if (away) {
    // After the cards: what is left out is counted last.
    const more = el("li", "answer-card is-more", t("more_answers", { n: formatNumber(away) }));
    more.dataset.more = String(away);
    grid.append(more);
  }
  return grid;
}

function answerCard(card, summary, options) {
  const item = el("li", "answer-card");
  item.dataset.answerId = card.answer_id;
  // On the wall one card may stand for several identical answers: all their ids.
  if (card.ids) item.dataset.answerIds = card.ids.join(" ");
  item.classList.toggle("is-highlighted", Boolean(card.highlighted));
  item.classList.toggle("is-long", card.text.length > LONG_ANSWER);
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
