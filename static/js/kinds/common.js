// What the phone's answer widgets share: receipts, the one-answer form, and the list of own answers.
//
// Every widget gets a `ctx`: {step, state, book, client, view, draft(make), setRefresh(fn)}.

import { newAnswerId } from "../answers.js";
import { el } from "../dom.js";
import { t } from "../i18n.js";

export function sameValue(a, b) {
  const norm = (value) => JSON.stringify(Array.isArray(value) ? [...value].sort() : sortKeys(value));
  return norm(a) === norm(b);
}

function sortKeys(value) {
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).sort(([x], [y]) => x.localeCompare(y)));
}

/** The receipt under an answer: sending, received or why it failed. */
export function receipt(ctx, entry, node = el("p")) {
  node.className = `receipt is-${entry.status}`;
  if (entry.status === "received") node.textContent = t("received");
  else if (entry.status === "failed") node.textContent = `${t("failed")}: ${entry.message}`;
  else node.textContent = ctx.client && ctx.client.connected ? t("sending") : t("waiting_connection");
  return node;
}

/**
 * "Copy" for an answer that could not be sent: what was typed is never lost, and can be
 * pasted elsewhere (a note to the facilitator, a later step). Plain http on a venue network
 * has no clipboard API, so the text is selected and copied the old way there.
 */
export function copyButton(lines) {
  const text = lines.join("\n");
  const button = el("button", "btn btn-small btn-ghost copy-answer", t("copy"));
  button.type = "button";
  button.addEventListener("click", async () => {
    let copied = false;
    if (navigator.clipboard && window.isSecureContext) {
      copied = await navigator.clipboard.writeText(text).then(() => true, () => false);
    }
    if (!copied) {
      const area = el("textarea", "copy-source");
      area.value = text;
      area.setAttribute("readonly", "");
      document.body.append(area);
      area.select();
      copied = document.execCommand("copy");
      area.remove();
    }
    button.textContent = copied ? t("copied") : t("copy_failed");
  });
  return button;
}

/**
 * A form for kinds with one answer per participant: one send button and a receipt.
 * `makeDraft(entry)` -> {value}; `buildFields(form, draft, refresh)` adds the inputs;
 * `ready(value)` says whether the value may be sent (default: not empty).
 */
export function singleAnswerForm(ctx, makeDraft, buildFields, ready = notEmpty) {
  const { step, book } = ctx;
  const current = () => book.forStep(step.id)[0];
  const draft = ctx.draft(() => makeDraft(current()));
  const form = el("form", "card answer-form");
  form.dataset.kind = step.kind;
  const button = el("button", "btn btn-primary btn-wide btn-big", t("send"));
  button.type = "submit";
  const status = el("p", "receipt");
  const refresh = () => {
    const entry = current();
    const unchanged = entry && sameValue(entry.value, draft.value);
    button.disabled = !ready(draft.value) || (unchanged && entry.status !== "failed");
    button.textContent = entry && !unchanged ? t("send_changes") : t("send");
    if (entry && unchanged) receipt(ctx, entry, status);
    else if (entry) Object.assign(status, { className: "receipt is-changed", textContent: t("not_sent_yet") });
    else Object.assign(status, { className: "receipt", textContent: "" });
    if (draft.onRefresh) draft.onRefresh();
  };
  buildFields(form, draft, refresh);
  form.append(button, status);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!ready(draft.value)) return;
    const entry = current();
    const value = Array.isArray(draft.value) ? [...draft.value] : { ...draft.value };
    ctx.book.submit(step.id, entry ? entry.answer_id : newAnswerId(), value);
  });
  ctx.view.append(form);
  ctx.setRefresh(refresh);
  refresh();
  return form;
}

function notEmpty(value) {
  return Array.isArray(value) ? value.length > 0 : Object.keys(value || {}).length > 0;
}

/**
 * The participant's own answers to a step, each with its receipt and, while answering is
 * open, an edit button. `describe(value)` gives the lines to show for one answer.
 */
export function listAnswers(ctx, box, describe, onEdit = null) {
  const entries = ctx.book.forStep(ctx.step.id);
  box.replaceChildren();
  if (!entries.length) return;
  box.append(el("h2", "", entries.length === 1 ? t("your_answer") : t("your_answers")));
  const list = el("ol", "my-answer-list");
  for (const entry of entries) {
    const item = el("li", "my-answer");
    for (const line of describe(entry.value)) item.append(el("p", "my-answer-text", line));
    const meta = el("div", "my-answer-meta");
    meta.append(receipt(ctx, entry, el("span")));
    if (entry.status === "failed") meta.append(copyButton(describe(entry.value)));
    if (onEdit) {
      const edit = el("button", "btn btn-small btn-ghost", t("edit"));
      edit.type = "button";
      edit.addEventListener("click", () => onEdit(entry));
      meta.append(edit);
    }
    item.append(meta);
    list.append(item);
  }
  box.append(list);
}
