// The `open` kind: free text, one answer or a brainstorm of several, shown as cards.

import { answerCards, answerWall } from "../card-view.js";
import { newAnswerId } from "../answers.js";
import { el } from "../dom.js";
import { t } from "../i18n.js";
import { listAnswers } from "./common.js";

function openForm(ctx) {
  const { step, book } = ctx;
  const max = step.max_answers || 1;
  const draft = ctx.draft(() => ({ text: "", editing: null }));
  const form = el("form", "card answer-form");
  form.dataset.kind = "open";
  const area = el("textarea", "open-text");
  area.maxLength = 1000;
  area.rows = 4;
  area.placeholder = t("open_placeholder");
  area.setAttribute("aria-label", step.prompt);
  area.value = draft.text;
  const counter = el("p", "counter");
  const actions = el("div", "actions");
  const cancel = el("button", "btn btn-ghost", t("cancel"));
  cancel.type = "button";
  const send = el("button", "btn btn-primary btn-big", t("send"));
  send.type = "submit";
  actions.append(cancel, send);
  const used = el("p", "used");
  const mine = el("section", "my-answers");
  form.append(area, counter, actions, used);
  ctx.view.append(form, mine);

  // With one answer allowed, a new send replaces the earlier answer under the same id.
  const single = () => (max === 1 ? book.forStep(step.id)[0] : null);
  const refresh = () => {
    const entries = book.forStep(step.id);
    const previous = single();
    const full = max > 1 && entries.length >= max && !draft.editing;
    counter.textContent = t("chars", { n: area.value.length, max: 1000 });
    area.disabled = full;
    send.disabled = full || !area.value.trim();
    send.textContent = draft.editing ? t("save") : previous ? t("send_replaces") : t("send");
    cancel.hidden = !draft.editing;
    if (max > 1) used.textContent = t("answers_used", { n: entries.length, max });
    else used.textContent = previous && !draft.editing ? t("open_replaces") : "";
    used.classList.toggle("is-full", full);
    listAnswers(ctx, mine, (value) => [value], (entry) => {
      draft.editing = entry.answer_id;
      draft.text = area.value = entry.value;
      area.focus();
      refresh();
    });
  };
  area.addEventListener("input", () => {
    draft.text = area.value;
    refresh();
  });
  cancel.addEventListener("click", () => {
    draft.editing = null;
    draft.text = area.value = "";
    refresh();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = area.value.trim();
    if (!text) return;
    const previous = single();
    book.submit(step.id, draft.editing || (previous && previous.answer_id) || newAnswerId(), text);
    draft.editing = null;
    draft.text = area.value = "";
    refresh();
  });
  ctx.setRefresh(refresh);
  refresh();
}

export default {
  name: "open",
  // Its answers can wait for the facilitator's approval before the room sees them.
  premoderable: true,
  form: openForm,
  // A participant may have several answers: the closed view lists them all.
  several: true,
  describe: (step, value) => [value],
  results: (summary, options) => answerCards(summary, summary.answers || [], options),
  // On the projector: every answer in turn, identical ones once, highlighted ones whole.
  wall: (summary) => answerWall(summary.answers || []),
  // Moderation: the answers are cards the facilitator can highlight, hide and merge.
  cards: (summary) => summary.answers || [],
};
