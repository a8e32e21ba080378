// Moderation of live answer cards in the console: highlight, hide and show again, merge and undo,
// and the tools a kind adds of its own (its `moderationTools` and `editForm`: action points are
// confirmed and rewritten). What is hidden and merged comes from the server's summary, so a
// second facilitator laptop sees and can undo what the first one did.

import { weightBadge } from "./card-view.js";
import { el } from "./dom.js";
import { plural, t } from "./i18n.js";
import { kindOf } from "./kinds/index.js";

export class Moderation {
  constructor({ command, rerender }) {
    this.command = command;
    this.rerender = rerender;
    this.editing = null; // {answer_id, draft}: a card rewritten in its kind's `editForm`
    this.merging = null; // the answer being merged, while the facilitator picks the target
    this.openFolds = new Set(); // cards whose list of identical answers is open
  }

  /** The function that makes the tools of one card, or null for kinds without cards. */
  toolsFor(summary, step) {
    const kind = kindOf(summary.kind);
    if (!kind.cards) return null;
    const all = cardsOf(summary);
    const mergedTexts = summary.merged_texts || {};
    return (card) => {
      if (kind.editForm && this.editing && this.editing.answer_id === card.answer_id) {
        return kind.editForm(card, this.editing.draft, this.kindTools(card));
      }
      return this.tools(card, all, kind, mergedTexts);
    };
  }

  tools(card, all, kind, mergedTexts) {
    const box = el("div", "card-tools");
    const id = card.answer_id;
    if (this.merging && this.merging !== id) {
      // Merging: every other card offers itself as the one to merge into.
      const into = toolButton(t("merge_here"), "", "merge-into");
      into.classList.add("is-merge-target");
      into.addEventListener("click", () => {
        const from = this.merging;
        this.merging = null;
        this.command("merge", { answer_id: from, into: id });
      });
      box.append(into);
      return box;
    }
    if (this.merging === id) {
      const cancel = toolButton(t("cancel_merge"), "", "merge-cancel");
      cancel.addEventListener("click", () => {
        this.merging = null;
        this.rerender();
      });
      box.append(el("span", "merge-hint", t("merge_choose")), cancel);
      return box;
    }
    // A kind may name the tools its cards take (`moderation`); by default they take them all.
    const offers = (tool) => !kind.moderation || kind.moderation.includes(tool);
    if (offers("highlight")) {
      const star = toolButton(card.highlighted ? `★ ${t("unhighlight")}` : `☆ ${t("highlight")}`, "", "highlight");
      star.setAttribute("aria-pressed", String(Boolean(card.highlighted)));
      star.addEventListener("click", () => this.command(card.highlighted ? "unhighlight" : "highlight", { answer_id: id }));
      box.append(star);
    }
    // The kind's own tools (action points: confirm into the plan, rewrite).
    if (kind.moderationTools) box.append(...kind.moderationTools(card, this.kindTools(card)));
    if (offers("hide")) {
      const hide = toolButton(t("hide_answer"), "", "hide");
      hide.addEventListener("click", () => this.command("hide_answer", { answer_id: id }));
      box.append(hide);
    }
    if (offers("merge") && all.some((other) => other.answer_id !== id)) {
      const merge = toolButton(t("merge"), "", "merge");
      merge.addEventListener("click", () => {
        this.merging = id;
        this.rerender();
      });
      box.append(merge);
    }
    // Identical answers the server folded into this card: each can be pulled apart again.
    const folded = new Set(card.folded || []);
    if (folded.size) box.append(this.foldedList(card, mergedTexts));
    for (const mergedId of card.merged || []) {
      if (folded.has(mergedId)) continue;
      const text = mergedTexts[mergedId] || t("an_answer");
      const undo = toolButton(t("unmerge", { text: shorten(text) }), "", "unmerge");
      undo.addEventListener("click", () => this.command("unmerge", { answer_id: mergedId }));
      box.append(undo);
    }
    return box;
  }

  /** "3 ens svar": the identical answers folded into `card`, each with "Pull apart". */
  foldedList(card, mergedTexts) {
    const id = card.answer_id;
    const details = el("details", "folded-list");
    details.open = this.openFolds.has(id);
    details.addEventListener("toggle", () => (details.open ? this.openFolds.add(id) : this.openFolds.delete(id)));
    details.append(el("summary", "", plural("folded_answers", card.folded.length)));
    const list = el("ul");
    for (const foldedId of card.folded) {
      const item = el("li");
      item.dataset.foldedId = foldedId;
      const apart = toolButton(t("pull_apart"), "", "pull-apart");
      apart.title = t("pull_apart_hint"); // a hint only: the spoken name is the button's words
      apart.addEventListener("click", () => this.command("unmerge", { answer_id: foldedId }));
      item.append(el("span", "folded-text", mergedTexts[foldedId] || card.text), apart);
      list.append(item);
    }
    details.append(list);
    return details;
  }

  /**
   * What a kind's own tools on `card` (its `moderationTools` and `editForm`) may do: send a
   * command, make a tool button, show its form to rewrite the card with a `draft` kept across
   * redraws (`edit`), and close that form again (`done`).
   */
  kindTools(card) {
    return {
      command: (action, args) => this.command(action, args),
      button: (text, tool) => toolButton(text, "", tool),
      edit: (draft) => {
        this.editing = { answer_id: card.answer_id, draft };
        this.rerender();
      },
      done: () => {
        this.editing = null;
        this.rerender();
      },
    };
  }

  /** Above the results: late answers and the answers waiting for approval, first in view. */
  renderPending(box, summary, step) {
    box.replaceChildren();
    if (summary.late) {
      // Answers that reached us after answering closed (a phone that was offline, say).
      const late = el("div", "late-answers");
      late.append(el("p", "", plural("late_answers", summary.late)));
      const admit = el("button", "btn btn-small", t("admit_late"));
      admit.type = "button";
      admit.dataset.tool = "admit-late";
      admit.addEventListener("click", () => this.command("admit_late", { step: step.id }));
      late.append(admit);
      box.append(late);
    }
    const waiting = summary.pending_cards || [];
    if (waiting.length) {
      // Pre-moderation: what waits for the facilitator before the room may see it.
      const box2 = el("section", "pending-list");
      const head = el("div", "pending-head");
      head.append(el("h3", "", t("pending_answers", { n: waiting.length })));
      const all = el("button", "btn btn-small btn-primary", t("approve_all"));
      all.type = "button";
      all.dataset.tool = "approve-all";
      all.addEventListener("click", () => this.command("approve_all", { step: summary.step_id || step.id }));
      head.append(all);
      box2.append(head);
      const list = el("ul");
      for (const card of waiting) {
        const item = el("li", "pending-card");
        item.dataset.answerId = card.answer_id;
        const approve = toolButton(t("approve"), "", "approve");
        approve.addEventListener("click", () => this.command("approve", { answer_id: card.answer_id }));
        const reject = toolButton(t("hide_answer"), "", "reject");
        reject.addEventListener("click", () => this.command("hide_answer", { answer_id: card.answer_id }));
        const tools = el("div", "card-tools");
        tools.append(approve, reject);
        item.append(el("span", "answer-text", card.text || t("an_answer")), tools);
        list.append(item);
      }
      box2.append(list);
      box.append(box2);
    }
  }

  /** Under the results: the hidden answers (from any console), each with "Show again". */
  renderHidden(box, summary) {
    box.replaceChildren();
    const hidden = kindOf(summary.kind).cards ? summary.hidden_cards || [] : [];
    if (!hidden.length) return;
    const details = el("details", "hidden-list");
    details.append(el("summary", "", t("hidden_answers", { n: hidden.length })));
    const list = el("ul");
    for (const card of hidden) {
      const item = el("li");
      const again = el("button", "btn btn-small", t("unhide_answer"));
      again.type = "button";
      again.dataset.tool = "unhide";
      again.addEventListener("click", () => this.command("unhide_answer", { answer_id: card.answer_id }));
      const text = el("span", "", card.text || t("an_answer"));
      // A hidden card may stand for identical answers hidden with it.
      if (Number(card.weight) > 1) text.append(" ", weightBadge(card));
      item.append(text, again);
      list.append(item);
    }
    details.append(list);
    box.append(details);
  }
}

function cardsOf(summary) {
  const kind = kindOf(summary.kind);
  return kind.cards ? kind.cards(summary) : [];
}


function toolButton(text, title, tool) {
  const button = el("button", "tool-button", text);
  button.type = "button";
  if (title) {
    button.title = title;
    button.setAttribute("aria-label", title);
  }
  button.dataset.tool = tool;
  return button;
}

function shorten(text) {
  const clean = String(text).replace(/\s+/g, " ").trim();
  return clean.length > 60 ? `${clean.slice(0, 57)}…` : clean;
}
