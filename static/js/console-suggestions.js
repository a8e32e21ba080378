// The console's merge suggestions on open steps: groups of cards that say the same idea in other
// words (the server finds them as answers arrive), each with the words they share, merged into
// its first card with one click or dismissed, with a way back. Drawn anew with every results
// update without losing the facilitator's place: what had the focus keeps it.

import { el } from "./dom.js";
import { formatNumber, t } from "./i18n.js";
import { keepFocus, shorten } from "./console-selection.js";

const FIRST = 3; // suggestions shown before "Show all N suggestions"

export class Suggestions {
  /** `command(action, args)` sends a facilitator command; `undo(text, action, args)`. */
  constructor({ box, command, undo }) {
    this.box = box;
    this.command = command;
    this.undo = undo;
    this.open = new Set(); // steps whose whole list is shown
    this.busy = new Set(); // suggestions whose merge or dismissal is on its way
    this.step = null;
  }

  render(summary, step) {
    const list = (summary && Array.isArray(summary.suggestions) && summary.suggestions) || [];
    const focus = this.focused();
    this.step = step ? step.id : null;
    if (!list.length) {
      this.drawn = null;
      this.box.replaceChildren();
      this.box.hidden = true;
      // The last suggestion done from the keyboard: on to its way back, not lost on the page.
      if (focus) keepFocus(document.querySelector("#tidy-undo:not([hidden]) button"));
      return;
    }
    this.box.hidden = false;
    const cards = new Map((summary.answers || []).map((card) => [card.answer_id, card]));
    const all = this.open.has(this.step);
    // Unchanged, the panel stays as it is: a button is not swapped under a click on its way.
    const drawn = JSON.stringify([this.step, all, list, list.map((s) => s.answer_ids.map((id) => cards.get(id) && [cards.get(id).text, cards.get(id).weight]))]);
    if (drawn === this.drawn && this.box.firstChild) return;
    this.drawn = drawn;
    const section = el("section", "suggestions");
    section.setAttribute("aria-labelledby", "suggestions-heading");
    const head = el("div", "suggestions-head");
    const title = el("h3", "", t("suggestions_title", { n: formatNumber(list.length) }));
    title.id = "suggestions-heading";
    head.append(title, el("p", "muted small", t("suggestions_hint")));
    section.append(head);
    const items = el("ol", "suggestion-list");
    list.forEach((suggestion, index) => {
      if (!all && index >= FIRST) return;
      items.append(this.item(suggestion, cards));
    });
    section.append(items);
    if (list.length > FIRST) {
      const more = el("button", "btn btn-small btn-ghost suggestions-more", all ? t("suggestions_fewer") : t("suggestions_all", { n: formatNumber(list.length) }));
      more.type = "button";
      more.dataset.tool = "suggestions-more";
      more.setAttribute("aria-expanded", String(all));
      more.addEventListener("click", () => {
        if (all) this.open.delete(this.step);
        else this.open.add(this.step);
        this.render(summary, step);
        this.box.querySelector("[data-tool=suggestions-more]")?.focus();
      });
      section.append(more);
    }
    this.box.replaceChildren(section);
    this.restore(focus, list);
  }

  item(suggestion, cards) {
    const ids = suggestion.answer_ids.map(String);
    const key = ids.join(" ");
    const item = el("li", "suggestion");
    item.dataset.suggestion = key;
    const words = el("p", "suggestion-words");
    words.append(el("span", "visually-hidden", t("suggestion_words")));
    for (const word of suggestion.words || []) words.append(el("span", "word-chip", word));
    const texts = el("ul", "suggestion-texts");
    for (const id of ids) {
      const card = cards.get(id);
      const line = el("li");
      line.append(el("span", "suggestion-text", card ? card.text : t("an_answer")));
      const weight = card ? Number(card.weight) || 1 : 1;
      if (weight > 1) line.append(el("span", "weight", `×${formatNumber(weight)}`));
      texts.append(line);
    }
    const tools = el("div", "suggestion-tools");
    const merge = el("button", "btn btn-small btn-primary", t("suggestion_merge"));
    merge.type = "button";
    merge.dataset.tool = "suggestion-merge";
    merge.title = t("suggestion_merge_into", { text: shorten(cards.get(ids[0])?.text || "") });
    const dismiss = el("button", "btn btn-small", t("suggestion_dismiss"));
    dismiss.type = "button";
    dismiss.dataset.tool = "suggestion-dismiss";
    dismiss.title = t("suggestion_dismiss_hint");
    const busy = this.busy.has(key);
    merge.disabled = dismiss.disabled = busy;
    merge.addEventListener("click", () => this.merge(ids, cards));
    dismiss.addEventListener("click", () => this.dismiss(ids, cards));
    tools.append(merge, dismiss);
    if (words.childNodes.length > 1) item.append(words);
    item.append(texts, tools);
    return item;
  }

  async merge(ids, cards) {
    const [into, ...rest] = ids;
    const ack = await this.send(ids, "merge", { step: this.step, answer_ids: rest, into });
    if (ack && ack.ok) {
      const text = shorten(cards.get(into)?.text || "", 40);
      keepFocus(this.undo(t("suggestion_merged", { n: formatNumber(ids.length), text }), "unmerge", { answer_ids: rest }));
    }
  }

  async dismiss(ids, cards) {
    const ack = await this.send(ids, "dismiss_suggestion", { step: this.step, answer_ids: ids });
    if (ack && ack.ok) {
      const text = shorten(cards.get(ids[0])?.text || "", 40);
      keepFocus(this.undo(t("suggestion_dismissed", { text }), "undismiss_suggestion", { step: this.step, answer_ids: ids }));
    }
  }

  async send(ids, action, args) {
    const key = ids.join(" ");
    if (this.busy.has(key)) return null;
    this.busy.add(key);
    const buttons = () => this.box.querySelectorAll(`[data-suggestion="${CSS.escape(key)}"] button`);
    for (const button of buttons()) button.disabled = true;
    let ack = null;
    try {
      ack = await this.command(action, args);
    } finally {
      this.busy.delete(key);
      // Refused, it can go again; done, the panel drawn from the next results leaves it out.
      if (!ack || !ack.ok) for (const button of buttons()) button.disabled = false;
    }
    return ack;
  }

  /** What in the panel has the keyboard's focus: its suggestion and its button. */
  focused() {
    const active = document.activeElement;
    if (!active || !this.box.contains(active)) return null;
    const item = active.closest("[data-suggestion]");
    return { key: item ? item.dataset.suggestion : null, tool: active.dataset.tool || null, index: item ? [...item.parentElement.children].indexOf(item) : -1 };
  }

  /** The focus back where it was; its suggestion gone (merged, say), on the one now there. */
  restore(focus, list) {
    if (!focus) return;
    const items = [...this.box.querySelectorAll("[data-suggestion]")];
    let item = items.find((node) => node.dataset.suggestion === focus.key);
    if (!item && focus.index >= 0) item = items[Math.min(focus.index, items.length - 1)];
    const scope = item || this.box;
    const target = (focus.tool && scope.querySelector(`[data-tool="${focus.tool}"]`)) || scope.querySelector("button");
    if (target && list.length) target.focus({ preventScroll: true });
  }
}
