// Live results of one step as DOM, for console, screen and phone: the count, the kind's own view
// (from the kinds registry), and results per table as small multiples.

import { el } from "./dom.js";
import { formatNumber, plural, t } from "./i18n.js";
import { kindOf } from "./kinds/index.js";

/**
 * Fill `container` with the summary of a step's answers.
 * Options: `compact` (console and phone), `maxCards` (how many cards fit; highlighted and the
 * newest are kept), `page` (which of those in turn, on the projector), `cardTools(card, summary)`
 * (moderation buttons for a card, console only), `facilitator` ({command, drafts, rerender}: for
 * a kind's own facilitator controls, console only), `byTable` with `tables` ([{id, name}]): one
 * small result per table instead of the whole room.
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
  const line = el("p", "results-count", summary.count ? plural(countKey(summary), summary.count) : t("no_answers"));
  if (options.showHidden && summary.hidden) line.append(" ", el("span", "hidden-count", plural("hidden", summary.hidden)));
  return line;
}

function kindView(summary, options) {
  const kind = kindOf(summary.kind);
  return kind.results ? kind.results(summary, options) : el("div");
}

/** "N people have answered", or "N people have voted" for a kind that counts voters. */
function countKey(summary) {
  return kindOf(summary.kind).countKey || "answers";
}

/** One small result per table, each under the table's name. */
function tableGrid(summary, options) {
  const grid = el("div", "table-results");
  const inner = { ...options, compact: true, cardTools: null, facilitator: null, byTable: false, maxCards: 8, maxWords: 20 };
  for (const table of options.tables) {
    const part = summary.by_table[table.id];
    const box = el("section", "table-result");
    box.append(el("h3", "table-name", table.name));
    if (!part || !part.count) {
      box.append(el("p", "muted", t("no_answers")));
    } else {
      box.append(el("p", "results-count", plural(countKey(part), part.count)), kindView(part, inner));
    }
    grid.append(box);
  }
  return grid;
}

/**
 * "14 of 23 have answered" into `node` when `progress` is of the current step; returns
 * whether it is (the console always shows it, the projector only while results wait).
 */
export function showProgress(node, progress, state) {
  const step = state && state.step;
  const current = Boolean(progress && step && progress.step_id === step.id);
  if (current) node.textContent = t("answered_of", { n: formatNumber(progress.answered), total: formatNumber(progress.participants) });
  return current;
}
