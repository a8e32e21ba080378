// Phone widgets for text: `wordcloud` (a few short words) and `open` (one or several answers).

import { el, newAnswerId, t } from "../client.js";
import { listAnswers, singleAnswerForm } from "./common.js";

const MAX_WORD = 30;

/** The words as the server will count them (it also case-folds), so a resend is not offered for nothing. */
function cleanWords(words) {
  return words.map((word) => (word || "").trim().toLowerCase()).filter(Boolean);
}

export function wordcloudForm(ctx) {
  const { step } = ctx;
  const max = step.max_words || 1;
  const makeDraft = (entry) => ({ words: Array.isArray(entry && entry.value) ? [...entry.value] : [], value: [] });
  singleAnswerForm(ctx, makeDraft, (form, draft, refresh) => {
    form.append(el("p", "hint", max === 1 ? t("words_hint_one") : t("words_hint", { n: max })));
    const inputs = [];
    const box = el("div", "word-inputs");
    for (let i = 0; i < max; i += 1) {
      const input = el("input", "word-input");
      Object.assign(input, { type: "text", maxLength: MAX_WORD, autocomplete: "off", value: draft.words[i] || "" });
      input.setAttribute("autocapitalize", "none");
      input.setAttribute("enterkeyhint", i === max - 1 ? "send" : "next");
      input.setAttribute("aria-label", t("word_n", { n: i + 1 }));
      input.placeholder = t("word_n", { n: i + 1 });
      input.addEventListener("input", () => {
        draft.words[i] = input.value;
        draft.value = cleanWords(draft.words);
        refresh();
      });
      inputs.push(input);
      box.append(input);
    }
    draft.value = cleanWords(draft.words);
    form.append(box);
  });
}

export function openForm(ctx) {
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
