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
 * small result per table instead of the whole room (and one for the people at no table);
 * `wall` ({keys, spotlight}: the projector's page, see wall.js) for the kinds that page.
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

/** The tables to show: each of the room's, and "No table" when someone sits at none. */
function tablesOf(summary, options) {
  const tables = (options.tables || []).map((table) => ({ ...table, part: (summary.by_table || {})[table.id] }));
  if (summary.without_table) tables.push({ id: NO_TABLE, name: t("without_table"), part: summary.without_table });
  return tables;
}

const NO_TABLE = "-";

/** The per-table view on the projector's wall: a page of tables at a time. */
export function tableWall(summary, options) {
  const items = tablesOf(summary, options).map((table) => ({
    key: table.id,
    words: 4 + Math.min(60, 3 * ((table.part && table.part.count) || 0)),
  }));
  return { items, spotlight: [] };
}

/** One small result per table, each under the table's name (on the wall, the page's tables). */
function tableGrid(summary, options) {
  const grid = el("div", "table-results");
  const inner = { ...options, compact: true, cardTools: null, facilitator: null, byTable: false, wall: null, maxCards: 8, maxWords: 20 };
  const page = options.wall && new Set(options.wall.keys);
  for (const table of tablesOf(summary, options)) {
    if (page && !page.has(table.id)) continue;
    const part = table.part;
    const box = el("section", "table-result");
    box.dataset.table = table.id;
    box.classList.toggle("is-no-table", table.id === NO_TABLE);
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
