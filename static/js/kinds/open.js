// The `open` kind: free text, one answer or a brainstorm of several, shown as cards.

import { answerCards, answerWall } from "../card-view.js";
import { newAnswerId } from "../answers.js";
import { el } from "../dom.js";
import { t } from "../i18n.js";
import { answerLimit } from "../limits.js";
import { decided, listAnswers, showInView } from "./common.js";
import { register } from "./index.js";

function openForm(ctx) {
  const { step, book } = ctx;
  const max = step.max_answers || 1;
  const draft = ctx.draft(() => ({ text: "", editing: null }));
  const form = el("form", "card answer-form");
  form.dataset.kind = "open";
  const area = el("textarea", "open-text");
  area.maxLength = answerLimit("open", "text");
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
    // One answer allowed, and the facilitator has decided on it: it cannot be replaced.
    const settled = Boolean(previous && decided(previous));
    const full = (max > 1 && entries.length >= max && !draft.editing) || settled;
    counter.textContent = t("chars", { n: area.value.length, max: area.maxLength });
    area.disabled = full;
    send.disabled = full || !area.value.trim();
    send.textContent = draft.editing ? t("save") : previous ? t("send_replaces") : t("send");
    cancel.hidden = !draft.editing;
    if (max > 1) used.textContent = t("answers_used", { n: entries.length, max });
    else used.textContent = settled ? t("answer_settled") : previous && !draft.editing ? t("open_replaces") : "";
    used.classList.toggle("is-full", full);
    listAnswers(ctx, mine, (value) => [value], (entry) => {
      draft.editing = entry.answer_id;
      draft.text = area.value = entry.value;
      area.focus();
      refresh();
    });
    // The answer just sent, with its receipt, where the eye is, until the server has said
    // what became of it: a long answer must not seem to vanish below the fold.
    if (draft.inView) {
      const sent = book.forStep(step.id).find((entry) => entry.answer_id === draft.inView);
      showInView(mine.querySelector(`[data-answer-id="${CSS.escape(draft.inView)}"] .my-answer-meta`));
      if (!sent || sent.status !== "sending") draft.inView = null;
    }
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
    const answerId = draft.editing || (previous && previous.answer_id) || newAnswerId();
    draft.inView = answerId;
    book.submit(step.id, answerId, text);
    draft.editing = null;
    draft.text = area.value = "";
    refresh();
    // The answer, with its receipt, where the eye is: not below the fold.
  });
  ctx.setRefresh(refresh);
  refresh();
}

export default register({
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
});
