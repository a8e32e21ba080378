// Phone view: join the session, follow the current step, answer it and show a receipt per answer.

import { AnswerBook, connect, el, newAnswerId, pageData, paragraphs, storage, t } from "./client.js";

const { code } = pageData();
const meKey = `workshop:${code}:me`;
const $ = (id) => document.getElementById(id);
const joinBox = $("join");
const view = $("view");

let me = storage.get(meKey, null); // {token, name}
let client = null;
let viewKey = "";
let refreshControls = () => {};
const drafts = new Map(); // step_id -> what the participant has picked or typed but not sent

const book = new AnswerBook(code, () => refreshControls());

function start() {
  if (me) {
    go();
    return;
  }
  joinBox.hidden = false;
  $("join-name").value = storage.get("workshop:name", "") || "";
  $("join-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const name = $("join-name").value.trim().slice(0, 40);
    me = { token: null, name };
    storage.set(meKey, me);
    storage.set("workshop:name", name);
    joinBox.hidden = true;
    go();
  });
}

function go() {
  client = connect({
    auth: () => {
      const auth = { role: "participant", code };
      if (me.token) auth.token = me.token;
      if (me.name) auth.name = me.name;
      return auth;
    },
    onState,
    onRefused,
    onConnect: () => book.resume(),
  });
  book.attach(client);
}

function onState(state) {
  if (state.you) {
    const sameParticipant = !me.token || me.token === state.you.token;
    me = { ...me, token: state.you.token, name: state.you.name || me.name };
    storage.set(meKey, me);
    book.mergeServer(state.you.answers, sameParticipant);
  }
  render(state);
}

function onRefused(error) {
  joinBox.hidden = true;
  view.hidden = true;
  $("refused-message").textContent = error.message;
  $("refused").hidden = false;
}

function render(state) {
  view.hidden = false;
  $("refused").hidden = true;
  const step = state.step;
  const key = [state.session.status, step ? step.id : "", state.answering].join("|");
  if (key === viewKey) {
    refreshControls();
    return;
  }
  viewKey = key;
  refreshControls = () => {};
  view.replaceChildren();
  window.scrollTo(0, 0);
  if (state.session.status === "lobby") {
    view.append(notice(t("lobby_title"), state.session.title, t("lobby_text"), "is-lobby"));
  } else if (state.session.status === "ended") {
    view.append(notice(t("thanks_title"), state.session.title, t("thanks_text"), "is-ended"));
  } else if (step) {
    renderStep(state, step);
  }
}

function notice(title, subtitle, text, className) {
  const box = el("section", `card notice ${className}`);
  box.append(el("h1", "", title), el("p", "notice-subtitle", subtitle), el("p", "waiting", text));
  return box;
}

function renderStep(state, step) {
  const box = el("article", "card step");
  box.append(el("p", "eyebrow", t("step_of", { n: step.index + 1, total: state.step_count })));
  box.append(el("h1", "prompt", step.prompt));
  if (step.body) box.append(paragraphs(step.body, "step-body"));
  view.append(box);
  const forms = { open: openForm, choice: choiceForm, scale: scaleForm };
  if (!forms[step.kind]) {
    view.append(el("p", "waiting", t("waiting")));
  } else if (!state.answering) {
    closedView(step);
  } else {
    forms[step.kind](step);
  }
}

function draftFor(stepId, make) {
  if (!drafts.has(stepId)) drafts.set(stepId, make());
  return drafts.get(stepId);
}

function sameValue(a, b) {
  const norm = (value) => JSON.stringify(Array.isArray(value) ? [...value].sort() : sortKeys(value));
  return norm(a) === norm(b);
}

function sortKeys(value) {
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).sort(([x], [y]) => x.localeCompare(y)));
}

/** The receipt under an answer: sending, received or why it failed. */
function receipt(entry, node = el("p")) {
  node.className = `receipt is-${entry.status}`;
  if (entry.status === "received") node.textContent = t("received");
  else if (entry.status === "failed") node.textContent = `${t("failed")}: ${entry.message}`;
  else node.textContent = client && client.connected ? t("sending") : t("waiting_connection");
  return node;
}

/** A form with one send button and a receipt, shared by the choice and scale steps. */
function singleAnswerForm(step, makeDraft, buildFields) {
  const current = () => book.forStep(step.id)[0];
  const draft = draftFor(step.id, () => makeDraft(current()));
  const form = el("form", "card answer-form");
  const button = el("button", "btn btn-primary btn-wide btn-big", t("send"));
  button.type = "submit";
  const status = el("p", "receipt");
  const refresh = () => {
    const entry = current();
    const empty = Object.keys(draft.value).length === 0;
    const unchanged = entry && sameValue(entry.value, draft.value);
    button.disabled = empty || (unchanged && entry.status !== "failed");
    button.textContent = entry && !unchanged ? t("send_changes") : t("send");
    if (entry && unchanged) receipt(entry, status);
    else if (entry) Object.assign(status, { className: "receipt is-changed", textContent: t("not_sent_yet") });
    else Object.assign(status, { className: "receipt", textContent: "" });
  };
  buildFields(form, draft, refresh);
  form.append(button, status);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const entry = current();
    const value = Array.isArray(draft.value) ? [...draft.value] : { ...draft.value };
    book.submit(step.id, entry ? entry.answer_id : newAnswerId(), value);
  });
  view.append(form);
  refreshControls = refresh;
  refresh();
}

function choiceForm(step) {
  const makeDraft = (entry) => ({ value: entry && Array.isArray(entry.value) ? [...entry.value] : [] });
  singleAnswerForm(step, makeDraft, (form, draft, refresh) => {
    const max = step.multiple ? step.max_choices || step.options.length : 1;
    const hint = !step.multiple ? t("choose_one") : step.max_choices ? t("choose_up_to", { n: max }) : t("choose_many");
    const fieldset = el("fieldset", "choices");
    fieldset.append(el("legend", "hint", hint));
    const inputs = [];
    const limit = () => {
      for (const input of inputs) input.disabled = step.multiple && !input.checked && draft.value.length >= max;
    };
    for (const option of step.options) {
      const label = el("label", "choice");
      const input = el("input");
      input.type = step.multiple ? "checkbox" : "radio";
      input.name = `choice-${step.id}`;
      input.value = option.id;
      input.checked = draft.value.includes(option.id);
      input.addEventListener("change", () => {
        draft.value = inputs.filter((box) => box.checked).map((box) => box.value);
        limit();
        refresh();
      });
      inputs.push(input);
      label.append(input, el("span", "choice-text", option.label));
      fieldset.append(label);
    }
    limit();
    form.append(fieldset);
  });
}

function scaleForm(step) {
  const makeDraft = (entry) => ({ value: entry && entry.value && !Array.isArray(entry.value) ? { ...entry.value } : {} });
  singleAnswerForm(step, makeDraft, (form, draft, refresh) => {
    const scale = step.scale;
    form.append(el("p", "hint", t("rate_hint")));
    for (const statement of step.statements) {
      const group = el("fieldset", "rating");
      group.append(el("legend", "rating-text", statement.text));
      const row = el("div", "rating-buttons");
      const buttons = [];
      for (let value = scale.min; value <= scale.max; value += 1) {
        const button = el("button", "rating-button", value);
        button.type = "button";
        button.setAttribute("aria-pressed", String(draft.value[statement.id] === value));
        button.addEventListener("click", () => {
          draft.value[statement.id] = value;
          for (const other of buttons) other.setAttribute("aria-pressed", String(other === button));
          refresh();
        });
        buttons.push(button);
        row.append(button);
      }
      const ends = el("div", "rating-ends");
      ends.append(el("span", "", scale.min_label || ""), el("span", "", scale.max_label || ""));
      group.append(row, ends);
      form.append(group);
    }
  });
}

function openForm(step) {
  const draft = draftFor(step.id, () => ({ text: "", editing: null }));
  const form = el("form", "card answer-form");
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
  const mine = el("section", "my-answers");
  form.append(area, counter, actions, el("p", "hint", t("open_more")));
  view.append(form, mine);

  const refresh = () => {
    counter.textContent = t("chars", { n: area.value.length, max: 1000 });
    send.disabled = !area.value.trim();
    send.textContent = draft.editing ? t("save") : t("send");
    cancel.hidden = !draft.editing;
    listAnswers(step, mine, (entry) => {
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
    book.submit(step.id, draft.editing || newAnswerId(), text);
    draft.editing = null;
    draft.text = area.value = "";
    refresh();
  });
  refreshControls = refresh;
  refresh();
}

/** The participant's own answers to an open step, each with its receipt (and an edit button). */
function listAnswers(step, box, onEdit) {
  const entries = book.forStep(step.id);
  box.replaceChildren();
  if (!entries.length) return;
  box.append(el("h2", "", entries.length === 1 ? t("your_answer") : t("your_answers")));
  const list = el("ol", "my-answer-list");
  for (const entry of entries) {
    const item = el("li", "my-answer");
    item.append(el("p", "my-answer-text", entry.value));
    const meta = el("div", "my-answer-meta");
    meta.append(receipt(entry, el("span")));
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

/** Answering is closed: say so, and show what this phone answered. */
function closedView(step) {
  const box = el("section", "card closed");
  box.append(el("p", "closed-note", t("answering_closed")));
  const mine = el("div");
  box.append(mine);
  view.append(box);
  const refresh = () => {
    mine.replaceChildren();
    const entries = book.forStep(step.id);
    if (!entries.length) {
      mine.append(el("p", "muted", t("no_answer")));
    } else if (step.kind === "open") {
      listAnswers(step, mine, null);
    } else {
      mine.append(el("h2", "", t("your_answer")));
      for (const line of describe(step, entries[0].value)) mine.append(el("p", "my-answer-text", line));
      mine.append(receipt(entries[0]));
    }
  };
  refreshControls = refresh;
  refresh();
}

function describe(step, value) {
  if (step.kind === "choice") {
    const labels = new Map(step.options.map((option) => [option.id, option.label]));
    return (value || []).map((id) => labels.get(id) || id);
  }
  const max = step.scale.max;
  return step.statements
    .filter((statement) => value && value[statement.id] !== undefined)
    .map((statement) => `${statement.text}: ${t("you_rated", { value: value[statement.id], max })}`);
}

start();
