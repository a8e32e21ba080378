// Phone widget for `actions`: propose action points (what, who, by when), several each.

import { newAnswerId } from "../answers.js";
import { el } from "../dom.js";
import { formatNumber, plural, t } from "../i18n.js";
import { answerLimit } from "../limits.js";
import { formatDay, today, weightBadge } from "../card-view.js";
import { wordCount } from "../wall.js";
import { listAnswers, showInView } from "./common.js";
import { register } from "./index.js";

function describeAction(value) {
  if (!value || typeof value !== "object") return [String(value || "")];
  return [value.what, `${value.who} · ${formatDay(value.when)}`];
}

function field(labelText, input) {
  const label = el("label", "field");
  label.append(el("span", "field-label", labelText), input);
  return label;
}

function actionsForm(ctx) {
  const { step, book } = ctx;
  const max = step.max_answers || 5;
  const draft = ctx.draft(() => ({ what: "", who: "", when: "", editing: null }));
  const form = el("form", "card answer-form action-form");
  form.dataset.kind = "actions";
  const what = el("textarea", "action-what-input");
  Object.assign(what, { maxLength: answerLimit("actions", "what"), rows: 2, required: true, value: draft.what, placeholder: t("action_what_placeholder") });
  const who = el("input", "action-who-input");
  Object.assign(who, { type: "text", maxLength: answerLimit("actions", "who"), required: true, value: draft.who, autocomplete: "off", placeholder: t("action_who_placeholder") });
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
  // Why Propose is grey: what is missing, or a date that has passed.
  const note = el("p", "send-note");
  note.setAttribute("aria-live", "polite");
  form.append(field(t("action_what"), what), field(t("action_who"), who), field(t("action_when"), when), note, actions, used);
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
    const missing = [
      [what.value.trim(), "action_what"],
      [who.value.trim(), "action_who"],
      [when.value, "action_when"],
    ].filter(([value]) => !value);
    const past = Boolean(when.value) && when.value < today();
    const complete = !missing.length && !past;
    send.disabled = full || !complete;
    // Said once something is typed: an empty form needs no scolding.
    const started = what.value.trim() || who.value.trim() || when.value;
    note.textContent = full || !started ? "" : past ? t("date_passed") : missing.length ? t("still_missing", { fields: missing.map(([, key]) => t(key)).join(", ") }) : "";
    note.hidden = !note.textContent;
    note.classList.toggle("is-warning", past);
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
    // The answer just sent, with its receipt, where the eye is, until the server has said
    // what became of it: a long answer must not seem to vanish below the fold.
    if (draft.inView) {
      const sent = book.forStep(step.id).find((entry) => entry.answer_id === draft.inView);
      showInView(mine.querySelector(`[data-answer-id="${CSS.escape(draft.inView)}"] .my-answer-meta`));
      if (!sent || sent.status !== "sending") draft.inView = null;
    }
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
    const answerId = draft.editing || newAnswerId();
    draft.inView = answerId;
    book.submit(step.id, answerId, value);
    reset();
  });
  ctx.setRefresh(refresh);
  refresh();
}

/** By deadline, then by what: the order of the plan. */
function byDeadline(a, b) {
  return String(a.when).localeCompare(String(b.when)) || String(a.what).localeCompare(String(b.what));
}

/**
 * Confirmed action points as the plan (a table), proposals below. In a follow-up meeting the
 * plan also holds the earlier points carried over (`summary.carried`), marked as such.
 */
function actionPlan(summary, options) {
  const box = el("div", "action-results");
  const items = summary.items || [];
  let plan = items.filter((item) => item.confirmed).concat(summary.carried || []).sort(byDeadline);
  let proposals = items.filter((item) => !item.confirmed);
  if (options.wall) {
    // One page of the projector's wall: the points and proposals on it, none counted away.
    const page = new Set(options.wall.keys);
    const total = proposals.length;
    [plan, proposals] = [plan.filter((item) => page.has(planKey(item))), proposals.filter((item) => page.has(planKey(item)))];
    proposals.total = total;
  }

  const planBox = el("section", "action-plan");
  planBox.append(el("h3", "", t("action_plan")));
  if (plan.length) {
    const table = el("table", "plan-table");
    const head = el("tr");
    for (const key of ["what", "who", "when"]) head.append(el("th", `col-${key}`, t(`action_${key}`)));
    if (options.cardTools) head.append(el("th", "col-tools", ""));
    table.append(el("thead"), el("tbody"));
    table.tHead.append(head);
    for (const item of plan) table.tBodies[0].append(planRow(item, summary, options));
    planBox.append(table);
  } else {
    planBox.append(el("p", "muted", t("no_plan_yet")));
  }
  // A page of the wall with proposals only leaves the plan's heading out.
  if (plan.length || !options.wall || !proposals.length) box.append(planBox);

  if (proposals.length) {
    const list = el("ol", "action-proposals");
    // Where room is short (the projector), the plan stays whole and proposals are counted.
    const room = options.maxCards ? Math.max(1, options.maxCards - plan.length) : proposals.length;
    const marked = proposals.filter((item) => item.highlighted);
    const ordered = marked.concat(proposals.filter((item) => !item.highlighted));
    const shown = proposals.length > room ? ordered.slice(0, Math.max(1, room - 1)) : proposals;
    for (const item of shown) list.append(proposal(item, summary, options));
    if (shown.length < proposals.length) {
      const more = el("li", "action-card is-more", t("more_answers", { n: formatNumber(proposals.length - shown.length) }));
      more.dataset.more = String(proposals.length - shown.length);
      list.append(more);
    }
    const section = el("section", "action-proposal-box");
    section.append(el("h3", "", plural("proposals", proposals.total || proposals.length)), list);
    box.append(section);
  }
  return box;
}

/** A plan row's or proposal's key on the wall (a point carried over has no answer here). */
function planKey(item) {
  return item.answer_id || `carried:${item.what}:${item.when}`;
}

/** On the projector: the plan's points by deadline, then the proposals, a page at a time. */
function actionWall(summary) {
  const items = summary.items || [];
  const plan = items.filter((item) => item.confirmed).concat(summary.carried || []).sort(byDeadline);
  const all = plan.concat(items.filter((item) => !item.confirmed));
  return { items: all.map((item) => ({ key: planKey(item), words: wordCount(item.what) + 3 })), spotlight: [] };
}

function planRow(item, summary, options) {
  const row = el("tr");
  row.dataset.answerId = item.answer_id;
  row.classList.toggle("is-highlighted", Boolean(item.highlighted));
  row.classList.toggle("is-carried", Boolean(item.carried));
  const what = el("td", "col-what", item.what);
  const weight = weightBadge(item);
  if (weight) what.append(" ", weight);
  if (item.carried) what.append(" ", el("span", "carried-mark", t("carried_over")));
  row.append(what, el("td", "col-who", item.who), el("td", "col-when", formatDay(item.when)));
  if (options.cardTools) {
    const cell = el("td", "col-tools");
    // A point carried over from the earlier meeting is no answer here: nothing to moderate.
    const tools = item.carried ? null : options.cardTools(item, summary);
    if (tools) cell.append(tools);
    row.append(cell);
  }
  return row;
}

/**
 * The console's tools a proposed point adds to the shared ones: confirm it into the action plan
 * (or take it out again), and rewrite it. `tools` is the console's: `command(action, args)`,
 * `button(text, tool)`, and `edit(draft)`, which shows `editForm` in place of the card.
 */
function actionTools(card, tools) {
  const id = card.answer_id;
  const confirm = tools.button(card.confirmed ? t("unconfirm_action") : `✓ ${t("confirm_action")}`, card.confirmed ? "unconfirm" : "confirm");
  confirm.classList.add(card.confirmed ? "is-confirmed" : "is-proposal");
  confirm.addEventListener("click", () => tools.command(card.confirmed ? "unconfirm_action" : "confirm_action", { answer_id: id }));
  const edit = tools.button(t("edit_action"), "edit");
  edit.addEventListener("click", () => tools.edit({ what: card.what, who: card.who, when: card.when }));
  return [confirm, edit];
}

/**
 * Rewriting a point before it is kept: `draft` holds what is typed across the console's
 * redraws, and `tools.done()` closes the form.
 */
function actionEditForm(card, draft, tools) {
  const form = el("form", "edit-action");
  const what = el("textarea");
  Object.assign(what, { value: draft.what, maxLength: answerLimit("actions", "what"), rows: 2, required: true });
  const who = el("input");
  Object.assign(who, { value: draft.who, maxLength: answerLimit("actions", "who"), required: true });
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
  cancel.addEventListener("click", () => tools.done());
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const ack = await tools.command("edit_action", {
      answer_id: card.answer_id,
      value: { what: what.value.trim(), who: who.value.trim(), when: when.value },
    });
    if (ack.ok) tools.done();
  });
  const row = el("div", "edit-row");
  row.append(who, when);
  const buttons = el("div", "edit-buttons");
  buttons.append(save, cancel);
  form.append(what, row, buttons);
  return form;
}

function proposal(item, summary, options) {
  const card = el("li", "action-card");
  card.dataset.answerId = item.answer_id;
  card.classList.toggle("is-highlighted", Boolean(item.highlighted));
  const what = el("p", "action-what", item.what);
  const weight = weightBadge(item);
  if (weight) what.append(" ", weight);
  const meta = el("p", "action-meta");
  meta.append(el("span", "action-who", item.who), el("span", "action-when", formatDay(item.when)));
  if (item.name) meta.append(el("span", "action-name", t("proposed_by", { name: item.name })));
  card.append(what, meta);
  const tools = options.cardTools && options.cardTools(item, summary);
  if (tools) card.append(tools);
  return card;
}

export default register({
  name: "actions",
  // Its answers can wait for the facilitator's approval before the room sees them.
  premoderable: true,
  form: actionsForm,
  several: true,
  describe: (step, value) => describeAction(value),
  results: actionPlan,
  // On the projector: the whole plan and every proposal, a page at a time.
  wall: actionWall,
  cards: (summary) => summary.items || [],
  // The console's own tools on a point: confirm it into the action plan, or rewrite it.
  moderationTools: actionTools,
  editForm: actionEditForm,
});
