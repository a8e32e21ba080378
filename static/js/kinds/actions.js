// Phone widget for `actions`: propose action points (what, who, by when), several each.

import { el, newAnswerId, t } from "../client.js";
import { formatDay, today } from "../results-cards.js";
import { listAnswers } from "./common.js";

export function describeAction(value) {
  if (!value || typeof value !== "object") return [String(value || "")];
  return [value.what, `${value.who} · ${formatDay(value.when)}`];
}

function field(labelText, input) {
  const label = el("label", "field");
  label.append(el("span", "field-label", labelText), input);
  return label;
}

export function actionsForm(ctx) {
  const { step, book } = ctx;
  const max = step.max_answers || 5;
  const draft = ctx.draft(() => ({ what: "", who: "", when: "", editing: null }));
  const form = el("form", "card answer-form action-form");
  form.dataset.kind = "actions";
  const what = el("textarea", "action-what-input");
  Object.assign(what, { maxLength: 300, rows: 2, required: true, value: draft.what, placeholder: t("action_what_placeholder") });
  const who = el("input", "action-who-input");
  Object.assign(who, { type: "text", maxLength: 100, required: true, value: draft.who, autocomplete: "off", placeholder: t("action_who_placeholder") });
  who.setAttribute("autocapitalize", "words");
  const when = el("input", "action-when-input");
  Object.assign(when, { type: "date", required: true, min: today(), value: draft.when });
  const cancel = el("button", "btn btn-ghost", t("cancel"));
  cancel.type = "button";
  const send = el("button", "btn btn-primary btn-big", t("propose"));
  send.type = "submit";
  const actions = el("div", "actions");
  actions.append(cancel, send);
  const used = el("p", "used");
  form.append(field(t("action_what"), what), field(t("action_who"), who), field(t("action_when"), when), actions, used);
  const mine = el("section", "my-answers");
  ctx.view.append(form, mine);

  const fill = (values) => {
    what.value = values.what;
    who.value = values.who;
    when.value = values.when;
  };
  const refresh = () => {
    const entries = book.forStep(step.id);
    const full = entries.length >= max && !draft.editing;
    for (const input of [what, who, when]) input.disabled = full;
    const complete = what.value.trim() && who.value.trim() && when.value && when.value >= today();
    send.disabled = full || !complete;
    send.textContent = draft.editing ? t("save") : t("propose");
    cancel.hidden = !draft.editing;
    used.textContent = t("actions_used", { n: entries.length, max });
    used.classList.toggle("is-full", full);
    listAnswers(ctx, mine, describeAction, (entry) => {
      draft.editing = entry.answer_id;
      Object.assign(draft, entry.value);
      fill(entry.value);
      what.focus();
      refresh();
    });
  };
  for (const [key, input] of [["what", what], ["who", who], ["when", when]]) {
    input.addEventListener("input", () => {
      draft[key] = input.value;
      refresh();
    });
  }
  const reset = () => {
    Object.assign(draft, { what: "", who: "", when: "", editing: null });
    fill(draft);
    refresh();
  };
  cancel.addEventListener("click", reset);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (send.disabled) return;
    const value = { what: what.value.trim(), who: who.value.trim(), when: when.value };
    book.submit(step.id, draft.editing || newAnswerId(), value);
    reset();
  });
  ctx.setRefresh(refresh);
  refresh();
}
