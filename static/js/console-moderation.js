// Moderation of live answer cards in the console: highlight, hide and show again, merge and undo,
// and for action points confirm and edit. What is hidden and merged comes from the server's
// summary, so a second facilitator laptop sees and can undo what the first one did.

import { today, weightBadge } from "./card-view.js";
import { el } from "./dom.js";
import { plural, t } from "./i18n.js";
import { kindOf } from "./kinds/index.js";
import { answerLimit } from "./limits.js";

export class Moderation {
  constructor({ command, rerender }) {
    this.command = command;
    this.rerender = rerender;
    this.editing = null; // {answer_id, what, who, when}
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
      if (this.editing && this.editing.answer_id === card.answer_id) return this.editForm(card, summary.kind);
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
    if (kind.plan) {
      const confirm = toolButton(card.confirmed ? t("unconfirm_action") : `✓ ${t("confirm_action")}`, "", card.confirmed ? "unconfirm" : "confirm");
      confirm.classList.add(card.confirmed ? "is-confirmed" : "is-proposal");
      confirm.addEventListener("click", () => this.command(card.confirmed ? "unconfirm_action" : "confirm_action", { answer_id: id }));
      box.append(confirm);
      const edit = toolButton(t("edit_action"), "", "edit");
      edit.addEventListener("click", () => {
        this.editing = { answer_id: id, what: card.what, who: card.who, when: card.when };
        this.rerender();
      });
      box.append(edit);
    }
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

  /** Rewriting a confirmed point before it is kept: the fields hold what its kind takes. */
  editForm(card, kind) {
    const draft = this.editing;
    const form = el("form", "edit-action");
    const what = el("textarea");
    Object.assign(what, { value: draft.what, maxLength: answerLimit(kind, "what"), rows: 2, required: true });
    const who = el("input");
    Object.assign(who, { value: draft.who, maxLength: answerLimit(kind, "who"), required: true });
    const when = el("input");
    Object.assign(when, { type: "date", value: draft.when, min: today(), required: true });
    what.setAttribute("aria-label", t("action_what"));
    who.setAttribute("aria-label", t("action_who"));
    when.setAttribute("aria-label", t("action_when"));
    what.addEventListener("input", () => (draft.what = what.value));
    who.addEventListener("input", () => (draft.who = who.value));
    when.addEventListener("input", () => (draft.when = when.value));
    const save = el("button", "btn btn-primary btn-small", t("save"));
    save.type = "submit";
    const cancel = el("button", "btn btn-small", t("cancel"));
    cancel.type = "button";
    cancel.addEventListener("click", () => {
      this.editing = null;
      this.rerender();
    });
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const ack = await this.command("edit_action", {
        answer_id: card.answer_id,
        value: { what: what.value.trim(), who: who.value.trim(), when: when.value },
      });
      if (ack.ok) {
        this.editing = null;
        this.rerender();
      }
    });
    const row = el("div", "edit-row");
    row.append(who, when);
    const buttons = el("div", "edit-buttons");
    buttons.append(save, cancel);
    form.append(what, row, buttons);
    return form;
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
