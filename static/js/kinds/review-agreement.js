// The console side of the review kind: the facilitator records what the meeting agreed on
// each earlier point, and carries an unfinished one into the new plan or drops it.

import { today } from "../card-view.js";
import { el } from "../dom.js";
import { t } from "../i18n.js";
import { CARRIABLE, MAX_COMMENT, outcomeOf, STATUSES, statusName } from "./review-statuses.js";

/**
 * The console's controls for one point. `facilitator`: {command(action, args) -> ack,
 * drafts (a Map kept across redraws), rerender()}. An agreement being written is a draft
 * until it is saved: {status, carry: bool, carry_to, comment, error}.
 */
export function agreement(point, facilitator) {
  const { drafts } = facilitator;
  const box = el("div", "review-agree");
  box.setAttribute("role", "group");
  box.setAttribute("aria-label", t("review_agree_for", { what: point.what }));
  const draft = drafts.get(point.id);
  if (draft) {
    box.append(agreementForm(point, draft, facilitator));
    return box;
  }
  const start = (status) => {
    const agreed = point.agreed || {};
    drafts.set(point.id, {
      status,
      carry: agreed.status === status ? Boolean(agreed.carry_to) : true,
      carry_to: (agreed.status === status && agreed.carry_to) || "",
      comment: agreed.comment || "",
      error: "",
    });
    facilitator.rerender();
  };
  if (point.agreed) {
    const change = toolButton(t("review_change"), "agree-change");
    change.addEventListener("click", () => start(point.agreed.status));
    const undo = toolButton(t("review_take_back"), "agree-undo");
    undo.addEventListener("click", () => send(point, { status: null }, facilitator, null));
    box.append(change, undo);
    return box;
  }
  box.append(el("span", "review-agree-label", t("review_agree")));
  for (const status of STATUSES) {
    const button = toolButton(statusName(status), `agree-${status}`);
    button.classList.add(`is-${status}`);
    button.addEventListener("click", () => start(status));
    box.append(button);
  }
  return box;
}

function agreementForm(point, draft, facilitator) {
  const form = el("form", "review-agree-form");
  form.noValidate = true; // its own message for a missing date, the server's for a wrong one
  const statuses = el("div", "review-agree-statuses");
  statuses.setAttribute("role", "group");
  statuses.setAttribute("aria-label", t("review_agreed_status"));
  statuses.append(el("span", "review-agree-label", t("review_agree")));
  for (const status of STATUSES) {
    const button = toolButton(statusName(status), `agree-${status}`);
    button.classList.add(`is-${status}`);
    button.setAttribute("aria-pressed", String(draft.status === status));
    button.addEventListener("click", () => {
      draft.status = status;
      facilitator.rerender();
    });
    statuses.append(button);
  }
  form.append(statuses);
  const date = el("input", "review-carry-date");
  Object.assign(date, { type: "date", min: today(), value: draft.carry_to || "" });
  if (CARRIABLE.has(draft.status)) {
    // Not done: it goes on in the new plan with a new deadline, or it is dropped.
    const choice = el("fieldset", "review-carry");
    choice.append(el("legend", "visually-hidden", t("review_goes_on")));
    const name = `carry-${point.id}`;
    const carry = radio(name, draft.carry, t("review_carry"), "carry");
    const drop = radio(name, !draft.carry, t("review_drop"), "drop");
    const when = el("label", "review-carry-when");
    when.append(el("span", "", t("review_new_deadline")), date);
    date.disabled = !draft.carry;
    carry.input.addEventListener("change", () => {
      draft.carry = true;
      date.disabled = false;
      date.focus();
    });
    drop.input.addEventListener("change", () => {
      draft.carry = false;
      date.disabled = true;
    });
    date.addEventListener("input", () => (draft.carry_to = date.value));
    const carryLine = el("div", "review-carry-line");
    carryLine.append(carry.label, when);
    choice.append(carryLine, drop.label);
    form.append(choice);
  }
  const comment = el("input", "review-agree-comment");
  Object.assign(comment, { type: "text", maxLength: MAX_COMMENT, value: draft.comment || "", autocomplete: "off" });
  comment.addEventListener("input", () => (draft.comment = comment.value));
  const field = el("label", "field review-agree-field");
  field.append(el("span", "field-label", t("review_agree_comment")), comment);
  form.append(field);
  const error = el("p", "review-agree-error", draft.error || "");
  error.hidden = !draft.error;
  const save = el("button", "btn btn-primary btn-small", t("review_save"));
  save.type = "submit";
  save.dataset.tool = "agree-save";
  const cancel = el("button", "btn btn-small", t("review_cancel"));
  cancel.type = "button";
  cancel.dataset.tool = "agree-cancel";
  cancel.addEventListener("click", () => {
    facilitator.drafts.delete(point.id);
    facilitator.rerender();
  });
  const buttons = el("div", "review-agree-buttons");
  buttons.append(save, cancel);
  form.append(error, buttons);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const carries = CARRIABLE.has(draft.status) && draft.carry;
    if (carries && !draft.carry_to) {
      draft.error = t("review_needs_date");
      facilitator.rerender();
      return;
    }
    const args = { status: draft.status, comment: (draft.comment || "").trim() };
    if (CARRIABLE.has(draft.status)) args.carry_to = carries ? draft.carry_to : null;
    send(point, args, facilitator, draft);
  });
  return form;
}

/** Send an agreement (`status: null` takes it back); on success show it before the server's next results. */
async function send(point, args, facilitator, draft) {
  const ack = await facilitator.command("agree", { point: point.id, ...args });
  if (!ack.ok) {
    if (draft && ack.error) {
      draft.error = ack.error.message;
      facilitator.rerender();
    }
    return;
  }
  facilitator.drafts.delete(point.id);
  point.agreed = args.status ? { status: args.status, comment: args.comment || "", carry_to: args.carry_to || null } : null;
  point.outcome = outcomeOf(point.agreed);
  facilitator.rerender();
}

function radio(name, checked, text, value) {
  const label = el("label", "check review-radio");
  const input = el("input");
  Object.assign(input, { type: "radio", name, value, checked });
  label.append(input, el("span", "", text));
  return { label, input };
}

function toolButton(text, tool) {
  const button = el("button", "tool-button", text);
  button.type = "button";
  button.dataset.tool = tool;
  return button;
}
