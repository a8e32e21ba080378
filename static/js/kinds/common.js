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

/**
 * What became of a received answer, as the server last said: waiting for approval, hidden,
 * merged, edited or confirmed by the facilitator, approved, or simply received.
 */
export function fateOf(ctx, entry) {
  if (entry.status !== "received") return entry.status;
  if (entry.pending) return "pending";
  if (entry.hidden) return "hidden";
  if (entry.edited && entry.confirmed) return "edited_confirmed";
  if (entry.confirmed) return "confirmed";
  if (entry.edited) return "edited";
  if (entry.merged) return "merged";
  const settings = ctx.step && ctx.step.settings;
  if (settings && settings.premoderate && ctx.step.id === entry.step_id) return "approved";
  return "received";
}

/** Whether the facilitator has decided on this answer, so its author can no longer change it. */
export function decided(entry) {
  if (entry.settled) return true; // the server refused a change: the facilitator had decided
  return entry.status === "received" && Boolean(entry.hidden || entry.merged || entry.edited || entry.confirmed);
}

/** The receipt under an answer: sending, received (and what became of it) or why it failed. */
export function receipt(ctx, entry, node = el("p")) {
  const fate = fateOf(ctx, entry);
  node.className = `receipt is-${entry.status} fate-${fate}`;
  node.dataset.fate = fate;
  if (entry.status === "failed") node.textContent = `${t("failed")}: ${entry.message}`;
  else if (entry.status === "received") node.textContent = t(`fate_${fate}`);
  else node.textContent = ctx.client && ctx.client.connected ? t("sending") : t("waiting_connection");
  return node;
}

/**
 * Brings a receipt into view once its answer is sent: a long answer must not seem to vanish
 * below the fold. Instant, so nothing moves on its own after the first look.
 */
export function showInView(node) {
  if (!node || !node.isConnected) return;
  node.scrollIntoView({ block: "nearest", inline: "nearest" });
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
  // Why Send is grey, or what will be left out, said before sending (see `ctx.sendNote`).
  const note = el("p", "send-note");
  note.setAttribute("aria-live", "polite");
  const status = el("p", "receipt");
  const refresh = () => {
    const entry = current();
    const unchanged = entry && sameValue(entry.value, draft.value);
    const said = draft.sendNote ? draft.sendNote(draft.value) : "";
    note.textContent = said || "";
    note.hidden = !said;
    button.disabled = !ready(draft.value) || (unchanged && entry.status !== "failed");
    button.textContent = entry && !unchanged ? t("send_changes") : t("send");
    if (entry && unchanged) receipt(ctx, entry, status);
    else if (entry) Object.assign(status, { className: "receipt is-changed", textContent: t("not_sent_yet") });
    else Object.assign(status, { className: "receipt", textContent: "" });
    if (draft.onRefresh) draft.onRefresh();
    // The receipt in view after Send, until the server has said what became of the answer.
    if (draft.inView && entry) {
      showInView(status);
      if (entry.status !== "sending") draft.inView = false;
    }
  };
  buildFields(form, draft, refresh);
  form.append(note, button, status);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!ready(draft.value)) return;
    const entry = current();
    const value = Array.isArray(draft.value) ? [...draft.value] : { ...draft.value };
    draft.inView = true;
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
    item.dataset.answerId = entry.answer_id;
    item.dataset.fate = fateOf(ctx, entry);
    for (const line of describe(entry.value)) item.append(el("p", "my-answer-text", line));
    const meta = el("div", "my-answer-meta");
    meta.append(receipt(ctx, entry, el("span")));
    if (entry.status === "failed") meta.append(copyButton(describe(entry.value)));
    // What the facilitator decided stands: an edited, confirmed, merged or hidden answer
    // has no Edit button (the server would refuse the change).
    if (onEdit && !decided(entry)) {
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
