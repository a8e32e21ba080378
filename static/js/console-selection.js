// Batch moderation in the console: select several answer cards and merge, hide or highlight
// them with one command. A click on a card's box (or on the card) selects it, Shift+click a
// range; with a card in focus the arrow keys move between cards, Space selects, Shift+arrow
// extends (adds the cards passed), Escape clears and Ctrl/Cmd+A selects every card in view. The selection is kept by
// answer id, so it survives the results drawn anew; a card gone from the results drops out.

import { el } from "./dom.js";
import { formatNumber, t } from "./i18n.js";

const CARD = "li.answer-card[data-answer-id]";
// What a click on a card leaves to itself: its buttons, links and forms.
const OWN_CLICK = "button, a, input, select, textarea, label, summary, form";

export class Selection {
  /**
   * `box`: the results container whose cards are selected; `bar`: where the action bar goes;
   * `command(action, args)` sends a facilitator command; `undo(text, action, args)` offers
   * the way back after an action.
   */
  constructor({ box, bar, command, undo }) {
    this.box = box;
    this.bar = bar;
    this.command = command;
    this.undo = undo;
    this.chosen = new Set();
    this.anchor = null; // where a Shift+click or Shift+arrow range starts
    this.cards = []; // the selectable cards in view, in the server's order (oldest first)
    box.addEventListener("click", (event) => this.clicked(event));
    box.addEventListener("keydown", (event) => this.key(event));
  }

  /** After the results were drawn: boxes on the cards, the choice kept, the bar drawn. */
  decorate(cards) {
    this.cards = cards || [];
    const present = new Set(this.cards.map((card) => card.answer_id));
    for (const id of [...this.chosen]) if (!present.has(id)) this.chosen.delete(id);
    if (this.anchor && !present.has(this.anchor)) this.anchor = null;
    const nodes = this.nodes();
    nodes.forEach((node, index) => {
      const id = node.dataset.answerId;
      const pick = el("input", "card-select");
      pick.type = "checkbox";
      pick.tabIndex = -1; // the card itself is the keyboard's stop; Space selects it
      pick.checked = this.chosen.has(id);
      pick.setAttribute("aria-label", t("select_card", { text: shorten(node.querySelector(".answer-text")?.textContent || "") }));
      node.prepend(pick);
      node.classList.add("is-selectable");
      node.classList.toggle("is-selected", pick.checked);
      node.tabIndex = index === 0 ? 0 : -1;
    });
    const list = this.box.querySelector(".answer-cards");
    if (list && nodes.length) list.setAttribute("aria-label", t("cards_to_select"));
    this.renderBar();
  }

  nodes() {
    return [...this.box.querySelectorAll(CARD)];
  }

  /** The card with `id` takes the keyboard's focus (after a redraw, say). */
  focusCard(id) {
    const node = this.nodes().find((card) => card.dataset.answerId === id);
    if (!node) return false;
    for (const other of this.nodes()) other.tabIndex = other === node ? 0 : -1;
    node.focus({ preventScroll: false });
    return true;
  }

  clicked(event) {
    const node = event.target.closest(CARD);
    if (!node || !this.box.contains(node)) return;
    const onBox = event.target.matches("input.card-select");
    if (!onBox && event.target.closest(OWN_CLICK)) return;
    // Text being selected with the mouse is not a click on the card.
    if (!onBox && String(window.getSelection && window.getSelection()).length) return;
    const id = node.dataset.answerId;
    if (event.shiftKey && this.anchor) this.range(this.anchor, id, true);
    else {
      this.toggle(id);
      this.anchor = id;
    }
    if (onBox) event.target.checked = this.chosen.has(id);
    this.refresh();
    if (!onBox) this.focusCard(id);
  }

  key(event) {
    const node = event.target.closest && event.target.closest(CARD);
    const onCard = node && (event.target === node || event.target.matches("input.card-select"));
    if (!onCard) return;
    const id = node.dataset.answerId;
    const nodes = this.nodes();
    const at = nodes.indexOf(node);
    const done = () => {
      event.preventDefault();
      event.stopPropagation();
    };
    if ((event.ctrlKey || event.metaKey) && (event.key === "a" || event.key === "A")) {
      done();
      for (const card of nodes) this.chosen.add(card.dataset.answerId);
      this.refresh();
      return;
    }
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === " " || event.key === "Spacebar") {
      done();
      this.toggle(id);
      this.anchor = id;
      this.refresh();
      return;
    }
    if (event.key === "Escape") {
      if (!this.chosen.size) return;
      done();
      this.clear();
      return;
    }
    const next = this.neighbour(nodes, at, event.key);
    if (next === undefined) return;
    done();
    if (next === null) return;
    const to = next.dataset.answerId;
    if (event.shiftKey) {
      // Extends: the card left and the cards up to the one reached join the selection.
      this.range(id, to, true);
      this.anchor = to;
      this.refresh();
    }
    this.focusCard(to);
  }

  /**
   * The card an arrow key goes to: ← → the one before or after in the list, ↑ ↓ the one
   * above or below in the grid (nearest across); null at an edge, undefined for other keys.
   */
  neighbour(nodes, at, key) {
    if (key === "ArrowLeft") return nodes[at - 1] || null;
    if (key === "ArrowRight") return nodes[at + 1] || null;
    if (key === "Home") return nodes[0];
    if (key === "End") return nodes[nodes.length - 1];
    if (key !== "ArrowUp" && key !== "ArrowDown") return undefined;
    const here = nodes[at].getBoundingClientRect();
    const down = key === "ArrowDown";
    let best = null;
    let bestScore = Infinity;
    for (const node of nodes) {
      const box = node.getBoundingClientRect();
      const ahead = down ? box.top >= here.bottom - 1 : box.bottom <= here.top + 1;
      if (!ahead) continue;
      const score = Math.abs(down ? box.top - here.bottom : here.top - box.bottom) * 4 + Math.abs(box.left - here.left);
      if (score < bestScore) [best, bestScore] = [node, score];
    }
    return best;
  }

  toggle(id) {
    if (this.chosen.has(id)) this.chosen.delete(id);
    else this.chosen.add(id);
  }

  /** Every card from `from` to `to` (in the list's order) selected; `keep`: add to the rest. */
  range(from, to, keep) {
    const ids = this.nodes().map((node) => node.dataset.answerId);
    let [a, b] = [ids.indexOf(from), ids.indexOf(to)];
    if (a < 0) a = b;
    if (a > b) [a, b] = [b, a];
    if (!keep) this.chosen.clear();
    for (const id of ids.slice(a, b + 1)) this.chosen.add(id);
  }

  clear() {
    this.chosen.clear();
    this.anchor = null;
    this.refresh();
  }

  /** The boxes and the bar after the choice changed, without drawing the cards anew. */
  refresh() {
    for (const node of this.nodes()) {
      const on = this.chosen.has(node.dataset.answerId);
      node.classList.toggle("is-selected", on);
      const pick = node.querySelector("input.card-select");
      if (pick) pick.checked = on;
    }
    this.renderBar();
  }

  /** The selected cards in the server's order: the earliest first. */
  selected() {
    return this.cards.filter((card) => this.chosen.has(card.answer_id));
  }

  renderBar() {
    const bar = this.bar;
    const chosen = this.selected();
    // What in the bar had the keyboard's focus, to give it back after the bar is drawn anew.
    const had = bar.contains(document.activeElement) ? document.activeElement.dataset.batch : null;
    if (!chosen.length) {
      bar.hidden = true;
      bar.replaceChildren();
      this.drawn = null;
      return;
    }
    bar.hidden = false;
    const ids = chosen.map((card) => card.answer_id);
    const allMarked = chosen.every((card) => card.highlighted);
    // Unchanged, the bar stays as it is: a button is not swapped under a click on its way.
    const drawn = JSON.stringify(chosen.map((card) => [card.answer_id, card.text, Boolean(card.highlighted)]));
    if (drawn === this.drawn && bar.firstChild) return;
    this.drawn = drawn;
    const button = (text, tool, run, primary = false) => {
      const made = el("button", `btn btn-small${primary ? " btn-primary" : ""}`, text);
      made.type = "button";
      made.dataset.batch = tool;
      made.addEventListener("click", run);
      return made;
    };
    const merge = button(t("batch_merge"), "merge", () => this.merge(chosen), true);
    merge.disabled = chosen.length < 2;
    if (merge.disabled) merge.title = t("batch_merge_two");
    const mark = allMarked
      ? button(`★ ${t("unhighlight")}`, "unhighlight", () => this.run("unhighlight", ids, "highlight", t("batch_unhighlighted", { n: ids.length }), false))
      : button(`☆ ${t("highlight")}`, "highlight", () => {
          const fresh = chosen.filter((card) => !card.highlighted).map((card) => card.answer_id);
          this.run("highlight", fresh, "unhighlight", t("batch_highlighted", { n: fresh.length }), false);
        });
    const hide = button(t("hide_answer"), "hide", () => this.run("hide_answer", ids, "unhide_answer", t("batch_hidden", { n: ids.length }), true));
    const clear = button(t("clear_selection"), "clear", () => this.clear());
    clear.classList.add("btn-ghost");
    const count = el("span", "selection-count", t("selected_count", { n: formatNumber(chosen.length) }));
    count.setAttribute("role", "status");
    const hint = el("span", "selection-hint muted", t("selection_keys"));
    bar.replaceChildren(count, merge, mark, hide, clear, hint);
    if (had) {
      const twin = { highlight: "unhighlight", unhighlight: "highlight" }[had];
      const back = [had, twin, "clear"].map((tool) => tool && bar.querySelector(`[data-batch="${tool}"]:not(:disabled)`)).find(Boolean);
      if (back) back.focus({ preventScroll: true });
    }
  }

  /** All the selected cards into the earliest of them: one command. */
  async merge(chosen) {
    if (chosen.length < 2) return;
    const [into, ...rest] = chosen;
    const ids = rest.map((card) => card.answer_id);
    const ack = await this.command("merge", { answer_ids: ids, into: into.answer_id });
    if (!ack || !ack.ok) return;
    this.chosen.clear();
    this.anchor = null;
    this.refresh();
    keepFocus(this.undo(t("batch_merged", { n: chosen.length, text: shorten(into.text) }), "unmerge", { answer_ids: ids }));
  }

  /** One command for every selected card; `back`: its undo; `drop`: the cards leave the list. */
  async run(action, ids, back, said, drop) {
    if (!ids.length) return;
    const ack = await this.command(action, { answer_ids: ids });
    if (!ack || !ack.ok) return;
    if (drop) {
      this.chosen.clear();
      this.anchor = null;
    }
    this.refresh();
    keepFocus(this.undo(said, back, { answer_ids: ids }));
  }
}

/** The keyboard's focus on `button` when it has lost its place (its button was drawn away). */
export function keepFocus(button) {
  const active = document.activeElement;
  if (button && (!active || active === document.body)) button.focus({ preventScroll: true });
}

export function shorten(text, most = 60) {
  const clean = String(text || "").replace(/\s+/g, " ").trim();
  return clean.length > most ? `${clean.slice(0, most - 1)}…` : clean;
}
