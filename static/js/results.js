// Live results of one step as DOM (choice bars, scale distributions, open answer cards), for console and screen.

import { el, formatNumber, plural, t } from "./client.js";

/**
 * Fill `container` with the summary of a step's answers.
 * Options: `compact` (console), `maxCards` (how many open answers fit; the newest are kept).
 */
export function renderResults(container, summary, options = {}) {
  container.replaceChildren();
  if (!summary) return;
  container.dataset.kind = summary.kind;
  const head = el("p", "results-count", summary.count ? plural("answers", summary.count) : t("no_answers"));
  container.append(head);
  if (summary.kind === "choice") container.append(choiceBars(summary));
  else if (summary.kind === "scale") container.append(scaleBlocks(summary));
  else if (summary.kind === "open") container.append(openCards(summary, options));
}

function percentText(percent) {
  const value = Number(percent) || 0;
  const digits = value % 1 ? 1 : 0;
  return new Intl.NumberFormat(document.documentElement.lang || "da", {
    style: "percent",
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value / 100);
}

function bar(percent, className = "bar-fill") {
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

function openCards(summary, options) {
  const grid = el("ol", "answer-cards");
  let answers = summary.answers || [];
  const limit = options.maxCards || 0;
  if (limit && answers.length > limit) {
    grid.append(el("li", "answer-card is-more", t("more_answers", { n: formatNumber(answers.length - limit) })));
    answers = answers.slice(-limit);
  }
  for (const answer of answers) {
    const card = el("li", "answer-card", answer.text);
    card.dataset.answerId = answer.answer_id;
    grid.append(card);
  }
  return grid;
}
