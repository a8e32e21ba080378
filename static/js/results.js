// Live results of one step as DOM, for console, screen and phone: the count, each kind's view,
// and results per table as small multiples. Kinds with cards and words live in their own modules.

import { el, formatNumber, plural, t } from "./client.js";
import { actionPlan, answerCards, voteRanking } from "./results-cards.js";
import { pointBars, wordCloud } from "./results-words.js";

/**
 * Fill `container` with the summary of a step's answers.
 * Options: `compact` (console and phone), `maxCards` (how many cards fit; highlighted and the
 * newest are kept), `cardTools(card, summary)` (moderation buttons for a card, console only),
 * `byTable` with `tables` ([{id, name}]): one small result per table instead of the whole room.
 */
export function renderResults(container, summary, options = {}) {
  container.replaceChildren();
  if (!summary) return;
  container.dataset.kind = summary.kind;
  if (options.byTable && summary.by_table && (options.tables || []).length) {
    container.append(countLine(summary, options), tableGrid(summary, options));
    return;
  }
  container.append(countLine(summary, options), kindView(summary, options));
}

function countLine(summary, options) {
  const line = el("p", "results-count", summary.count ? plural(summary.kind === "vote" ? "voted" : "answers", summary.count) : t("no_answers"));
  if (options.showHidden && summary.hidden) line.append(" ", el("span", "hidden-count", plural("hidden", summary.hidden)));
  return line;
}

function kindView(summary, options) {
  switch (summary.kind) {
    case "choice":
      return choiceBars(summary);
    case "scale":
      return scaleBlocks(summary);
    case "open":
      return answerCards(summary, summary.answers || [], options);
    case "wordcloud":
      return wordCloud(summary, options);
    case "points":
      return pointBars(summary);
    case "vote":
      return voteRanking(summary, options);
    case "actions":
      return actionPlan(summary, options);
    default:
      return el("div");
  }
}

/** One small result per table, each under the table's name. */
function tableGrid(summary, options) {
  const grid = el("div", "table-results");
  const inner = { ...options, compact: true, cardTools: null, byTable: false, maxCards: 8, maxWords: 20 };
  for (const table of options.tables) {
    const part = summary.by_table[table.id];
    const box = el("section", "table-result");
    box.append(el("h3", "table-name", table.name));
    if (!part || !part.count) {
      box.append(el("p", "muted", t("no_answers")));
    } else {
      box.append(el("p", "results-count", plural(part.kind === "vote" ? "voted" : "answers", part.count)), kindView(part, inner));
    }
    grid.append(box);
  }
  return grid;
}

export function percentText(percent) {
  const value = Number(percent) || 0;
  const digits = value % 1 ? 1 : 0;
  return new Intl.NumberFormat(document.documentElement.lang || "da", {
    style: "percent",
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value / 100);
}

export function bar(percent, className = "bar-fill") {
  const track = el("div", "bar-track");
  const fill = el("div", className);
  // CSSOM, not a style attribute: allowed by the Content-Security-Policy.
  fill.style.width = `${Math.max(0, Math.min(100, Number(percent) || 0))}%`;
  track.append(fill);
  return track;
}

function choiceBars(summary) {
  const list = el("ol", "choice-results");
  const top = Math.max(0, ...summary.options.map((option) => option.count));
  for (const option of summary.options) {
    const row = el("li", "choice-row");
    if (top > 0 && option.count === top) row.classList.add("is-top");
    const label = el("span", "choice-label", option.label);
    const numbers = el("span", "choice-numbers");
    numbers.append(el("strong", "", formatNumber(option.count)), el("span", "", percentText(option.percent)));
    row.append(label, numbers, bar(option.percent));
    list.append(row);
  }
  return list;
}

function scaleBlocks(summary) {
  const box = el("div", "scale-results");
  const scale = summary.scale || {};
  for (const statement of summary.statements) {
    const block = el("section", "scale-statement");
    const head = el("div", "scale-head");
    head.append(el("h3", "scale-text", statement.text));
    const mean = el("p", "scale-mean");
    mean.append(el("span", "scale-mean-label", t("mean")));
    mean.append(el("strong", "", statement.mean === null ? "–" : formatNumber(statement.mean, 1)));
    head.append(mean);
    block.append(head, histogram(statement.distribution));
    const ends = el("div", "scale-ends");
    ends.append(
      el("span", "", `${scale.min} ${scale.min_label || ""}`.trim()),
      el("span", "", `${scale.max} ${scale.max_label || ""}`.trim()),
    );
    block.append(ends);
    box.append(block);
  }
  return box;
}

function histogram(distribution) {
  const list = el("ol", "histogram");
  const top = Math.max(0, ...distribution.map((bucket) => bucket.count));
  for (const bucket of distribution) {
    const item = el("li", "histogram-bucket");
    const column = el("div", "histogram-column");
    const fill = el("div", "histogram-fill");
    fill.style.height = `${top ? (bucket.count / top) * 100 : 0}%`;
    column.append(el("span", "histogram-count", bucket.count ? formatNumber(bucket.count) : ""), fill);
    item.append(column, el("span", "histogram-value", bucket.value));
    list.append(item);
  }
  return list;
}
