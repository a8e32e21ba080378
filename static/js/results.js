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

/**
 * The per-table view on the projector's wall: each table's cards are items of their own
 * (`<table id>|<card key>`), so a page holds the cards that fit, grouped under their
 * tables, and every card comes up within a cycle; a kind without cards is one item a table.
 */
export function tableWall(summary, options) {
  const columns = tablesOf(summary, options).map((table) => {
    const part = table.part;
    const kind = part && part.count ? kindOf(part.kind || summary.kind) : null;
    const own = kind && kind.wall ? kind.wall({ kind: summary.kind, ...part }) : null;
    const cards = own ? [...own.spotlight, ...own.items] : [];
    if (!cards.length) return [{ key: `${table.id}|`, words: 4 + Math.min(40, 3 * ((part && part.count) || 0)) }];
    return cards.map((card) => ({ key: `${table.id}|${card.key}`, words: card.words }));
  });
  // Round the tables in turn (each table's newest first), so a page fills every table's box.
  const items = [];
  for (let row = 0; columns.some((cards) => row < cards.length); row += 1) {
    for (const cards of columns) if (row < cards.length) items.push(cards[row]);
  }
  return { items, spotlight: [] };
}

/** One small result per table, each under the table's name (on the wall, the page's cards). */
function tableGrid(summary, options) {
  const grid = el("div", "table-results");
  const inner = { ...options, compact: true, cardTools: null, facilitator: null, byTable: false, wall: null, maxCards: 8, maxWords: 20 };
  // On the wall: the keys of this page, by table.
  const page = new Map();
  for (const key of (options.wall && options.wall.keys) || []) {
    const cut = key.indexOf("|");
    const [table, card] = [key.slice(0, cut), key.slice(cut + 1)];
    if (!page.has(table)) page.set(table, []);
    if (card) page.get(table).push(card);
  }
  for (const table of tablesOf(summary, options)) {
    if (options.wall && !page.has(table.id)) continue;
    const part = table.part;
    const box = el("section", "table-result");
    box.dataset.table = table.id;
    box.classList.toggle("is-no-table", table.id === NO_TABLE);
    box.append(el("h3", "table-name", table.name));
    if (!part || !part.count) {
      box.append(el("p", "muted", t("no_answers")));
    } else {
      const cards = options.wall && page.get(table.id).length ? { ...inner, maxCards: 0, wall: { keys: page.get(table.id), spotlight: [] } } : inner;
      box.append(el("p", "results-count", plural(countKey(part), part.count)), kindView({ kind: summary.kind, ...part }, cards));
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
