// The tool editor: a dialogue tool written on screen, step by step, checked while typing by the
// server's rules, previewed as the room will see it, saved as a draft and started as a meeting.
//
// The page holds the document (the tool file's mapping) and redraws a part when it changes;
// the server keeps the draft and is the one judge of it (editor-store.js). The list, the form,
// the problems and the preview are modules of their own.

import { el, pageData } from "./dom.js";
import { startValue, unique } from "./editor-form.js";
import { drawStepForm, drawTool, fieldLabel } from "./editor-parts.js";
import { drawPreview, fitStage, previewMessage } from "./editor-preview.js";
import { drawSummary, markFields, pathOf, stepOf, targetOf } from "./editor-problems.js";
import { drawPicker, drawSteps } from "./editor-steps.js";
import { PasscodeGate } from "./editor-passcode.js";
import { DraftStore } from "./editor-store.js";
import { plural, t } from "./i18n.js";

const CHECK_AFTER_MS = 400;
const $ = (id) => document.getElementById(id);
const page = pageData();

const gate = new PasscodeGate();
const store = new DraftStore(() => gate.value, t("no_reply"));
const editor = {
  doc: null,
  kinds: new Map(),
  selected: -1,
  problems: [],
  draft: { id: page.draftId || null, tool_id: null, startable: false },
  revision: 0, // changes made on the page
  savedRevision: 0,
  problemsOf: (index) => editor.problems.filter((p) => stepOf(pathOf(p, editor.doc.steps)) === index).length,
};
let removed = null; // the last removed step and where it was, for Undo
Object.assign(editor, {
  specs: { settings: [], tool_fields: [], step_fields: [] },
  autoToolId: false,
  autoStepIds: new WeakSet(),
  changed: () => changed(),
});

// ---------- drawing ----------

function drawList() {
  drawSteps($("steps"), editor);
  $("steps-empty").hidden = editor.doc.steps.length > 0;
  $("add-step").disabled = editor.doc.steps.length >= editor.maxSteps;
}

function drawAll(focusPath) {
  drawList();
  drawStepForm(editor, focusPath);
  drawProblems();
  drawState();
}

function drawProblems() {
  markFields(document.body, editor.problems, editor.doc.steps);
  const labelOf = (path) => fieldLabel(editor, path);
  drawSummary($("problem-summary"), editor.problems, editor.doc.steps, goTo, labelOf, editor.more);
  drawList();
}

function goTo(path) {
  const index = stepOf(path);
  if (index >= 0 && index !== editor.selected) {
    editor.selected = index;
    drawAll();
  }
  // A tool without steps: its problem leads to the button that adds the first one.
  const target = path === "steps" ? $("add-step") : targetOf(document.body, path);
  if (!target) return;
  const details = target.closest("details");
  if (details) details.open = true;
  target.focus();
}

// ---------- state, saving, starting ----------

function dirty() {
  return editor.revision !== editor.savedRevision;
}

function drawState() {
  const saved = $("save-state");
  const count = editor.problems.length;
  if (editor.saving) saved.textContent = t("saving");
  else if (dirty()) saved.textContent = t("unsaved");
  else if (editor.draft.id) saved.textContent = t("saved_at", { time: editor.savedAt || "" });
  else saved.textContent = t("not_saved_yet");
  saved.dataset.state = editor.saving ? "saving" : dirty() ? "unsaved" : editor.draft.id ? "saved" : "new";
  const reason = count ? plural("fix_first", count) : "";
  for (const button of [$("start"), $("practice")]) button.disabled = count > 0 || editor.saving;
  $("start-reason").textContent = reason;
  $("start-reason").hidden = !reason;
  const run = $("run-of-show");
  run.hidden = !editor.draft.tool_id;
  if (editor.draft.tool_id) run.href = `/tools/${encodeURIComponent(editor.draft.tool_id)}/run-of-show`;
  $("download").disabled = editor.saving;
}

function changed() {
  editor.revision += 1;
  drawState();
  drawList();
  scheduleCheck();
}

let checkTimer = null;
let checkRound = 0;
function scheduleCheck() {
  clearTimeout(checkTimer);
  checkTimer = setTimeout(check, CHECK_AFTER_MS);
}

async function check() {
  const round = ++checkRound;
  const sent = structuredClone(editor.doc);
  try {
    const answer = await store.check(sent, editor.draft.id);
    if (round !== checkRound) return;
    editor.problems = answer.problems || [];
    editor.more = answer.more_problems || 0;
    showError("");
  } catch (error) {
    if (round !== checkRound) return;
    return refused(error);
  }
  drawProblems();
  drawState();
  preview(sent);
}

async function preview(sent = structuredClone(editor.doc)) {
  const step = editor.doc.steps[editor.selected];
  const phone = $("preview-phone");
  const screen = $("preview-screen");
  if (!step) return previewMessage(phone, screen, t("preview_none"));
  const round = checkRound;
  try {
    const answer = await store.preview(sent, step.id);
    if (round !== checkRound) return;
    drawPreview(phone, screen, answer, { n: editor.selected + 1, total: editor.doc.steps.length });
  } catch (error) {
    if (round !== checkRound) return;
    // A step with problems of its own waits for them to be fixed; anything else says why.
    previewMessage(phone, screen, error.status === 400 ? t("preview_cannot") : error.message);
  }
}

async function save() {
  if (editor.saving) return false;
  editor.saving = true;
  drawState();
  const revision = editor.revision;
  checkRound += 1; // a check still on its way judged an older document than the one saved
  try {
    if (!editor.draft.id) {
      const made = await store.create("blank");
      editor.draft.id = made.id;
      window.history.replaceState(null, "", `/tools/${encodeURIComponent(made.id)}/edit`);
    }
    const answer = await store.save(editor.draft.id, structuredClone(editor.doc));
    editor.draft = answer;
    editor.problems = answer.problems || [];
    editor.more = answer.more_problems || 0;
    editor.savedRevision = revision;
    editor.savedAt = new Date().toLocaleTimeString(document.documentElement.lang, { hour: "2-digit", minute: "2-digit" });
    $("in-use").hidden = !answer.in_use;
    if (answer.in_use) $("in-use").textContent = plural("in_use", answer.in_use);
    showError("");
    return true;
  } catch (error) {
    refused(error);
    return false;
  } finally {
    editor.saving = false;
    drawProblems();
    drawState();
    if (dirty()) scheduleCheck(); // changed while it was being saved
  }
}

async function start(practice) {
  if (dirty() && !(await save())) return;
  if (!editor.draft.tool_id || editor.problems.length) return drawState();
  try {
    const target = await store.start(editor.draft.tool_id, practice);
    window.location.assign(target);
  } catch (error) {
    refused(error);
  }
}

async function download() {
  if ((dirty() || !editor.draft.id) && !(await save())) return;
  try {
    const file = await store.file(editor.draft.id);
    const link = el("a");
    link.href = URL.createObjectURL(file.blob);
    link.download = file.name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
  } catch (error) {
    refused(error);
  }
}

function showError(message) {
  $("editor-error").hidden = !message;
  $("editor-error-text").textContent = message;
}

/** A refusal said at the top; a passcode asked for again is asked for before going on. */
function refused(error) {
  showError(error.message || t("no_reply"));
  if (error.status === 401) unlock(error.message);
}

// ---------- steps ----------

Object.assign(editor, {
  select(index) {
    if (!$("kind-picker").hidden) togglePicker(false);
    editor.selected = index;
    drawAll();
    $("step-form-heading")?.focus();
    preview();
  },
  move(from, to) {
    const steps = editor.doc.steps;
    if (to < 0 || to >= steps.length) return;
    const chosen = steps[editor.selected];
    steps.splice(to, 0, steps.splice(from, 1)[0]);
    editor.selected = steps.indexOf(chosen);
    changed();
    drawAll();
    // The moved step's button keeps the focus, so the keyboard can move it again.
    const moved = $("steps").children[to];
    const again = moved && moved.querySelector(`[data-action="${from < to ? "down" : "up"}"]`);
    (again && !again.disabled ? again : moved?.querySelector(".step-pick"))?.focus();
    say(t("moved_to", { n: to + 1 }));
  },
  duplicate(index) {
    const copy = structuredClone(editor.doc.steps[index]);
    copy.id = unique(copy.id || "trin", new Set(editor.doc.steps.map((step) => step.id)));
    editor.doc.steps.splice(index + 1, 0, copy);
    editor.selected = index + 1;
    changed();
    drawAll();
    say(t("duplicated", { n: index + 2 }));
  },
  remove(index) {
    removed = { step: editor.doc.steps.splice(index, 1)[0], index };
    editor.selected = Math.min(index, editor.doc.steps.length - 1);
    changed();
    drawAll();
    $("undo-text").textContent = t("removed", { n: index + 1 });
    $("undo").hidden = false;
    $("undo-button").focus();
  },
});

function add(kindName) {
  const kind = editor.kinds.get(kindName);
  const n = editor.doc.steps.length + 1;
  const step = { id: "", kind: kindName, prompt: "" };
  for (const spec of kind.fields) {
    const value = spec.type === "earlier" ? lastOffering(spec.offers) : startValue(spec);
    if (value !== undefined) step[spec.name] = value;
  }
  step.id = unique(`trin-${n}`, new Set(editor.doc.steps.map((other) => other.id)));
  editor.autoStepIds.add(step);
  editor.doc.steps.push(step);
  editor.selected = editor.doc.steps.length - 1;
  togglePicker(false);
  changed();
  drawAll(`steps.${editor.selected}.prompt`);
  preview();
}

/** The id of the last step so far whose kind offers `offers` (a vote's ideas), if any. */
function lastOffering(offers) {
  const fits = editor.doc.steps.filter((step) => (editor.kinds.get(step.kind)?.offers || []).includes(offers));
  return fits.length ? fits[fits.length - 1].id : undefined;
}

/** The kinds to choose from, in place of the step's form until one is chosen. */
function togglePicker(open) {
  $("kind-picker").hidden = !open;
  $("step-form").hidden = open;
  $("add-step").setAttribute("aria-expanded", String(open));
  if (open) {
    $("kind-picker").scrollIntoView({ block: "nearest" });
    $("kind-list").querySelector("button")?.focus();
  }
}

function say(text) {
  $("announce").textContent = text;
}

// ---------- the passcode ----------

async function unlock(message = "") {
  await gate.unlock(message, () => store.drafts());
  page.needsPasscode = "0";
  showError("");
}

// ---------- start ----------

async function begin() {
  if (page.needsPasscode === "1") await unlock();
  try {
    const described = await store.kinds();
    editor.specs = { ...editor.specs, ...described };
    editor.maxSteps = described.max_steps || 50;
    editor.kinds = new Map(described.kinds.map((kind) => [kind.name, kind]));
    drawPicker($("kind-list"), described.kinds, add);
    if (editor.draft.id) {
      editor.draft = await store.load(editor.draft.id);
    } else if (page.from || page.edit) {
      // Editing a tool that a meeting not ended runs opens a copy: the server says so.
      editor.draft = page.edit ? await store.create(page.edit, true) : await store.create(page.from);
      window.history.replaceState(null, "", `/tools/${encodeURIComponent(editor.draft.id)}/edit`);
      const copiedFor = editor.draft.copied_in_use || 0;
      $("copied-note").hidden = !copiedFor;
      if (copiedFor) $("copied-note").textContent = plural("copied_in_use", copiedFor);
    }
  } catch (error) {
    if (error.status !== 401) {
      $("loading").hidden = true; // nothing to edit: the refusal says why
      return refused(error);
    }
    await unlock(error.message);
    return begin();
  }
  editor.doc = editor.draft.document || { id: "", title: "", language: document.documentElement.lang, steps: [] };
  if (!Array.isArray(editor.doc.steps)) editor.doc.steps = [];
  editor.autoToolId = !editor.doc.id;
  editor.problems = editor.draft.problems || [];
  editor.more = editor.draft.more_problems || 0;
  editor.selected = editor.doc.steps.length ? 0 : -1;
  if (editor.draft.id) editor.savedAt = formatTime(editor.draft.updated_at);
  drawTool(editor);
  drawAll();
  $("editor").hidden = false;
  $("loading").hidden = true;
  document.body.dataset.ready = "1";
  if (editor.draft.id) preview();
  else check();
}

function formatTime(value) {
  const moment = typeof value === "number" ? new Date(value * 1000) : new Date(value || Date.now());
  if (Number.isNaN(moment.getTime())) return "";
  return moment.toLocaleTimeString(document.documentElement.lang, { hour: "2-digit", minute: "2-digit" });
}

$("save").addEventListener("click", save);
$("start").addEventListener("click", () => start(false));
$("practice").addEventListener("click", () => start(true));
$("download").addEventListener("click", download);
$("add-step").addEventListener("click", () => togglePicker($("kind-picker").hidden));
$("kind-picker-close").addEventListener("click", () => {
  togglePicker(false);
  $("add-step").focus();
});
$("undo-button").addEventListener("click", () => {
  if (!removed) return;
  editor.doc.steps.splice(removed.index, 0, removed.step);
  editor.selected = removed.index;
  removed = null;
  $("undo").hidden = true;
  changed();
  drawAll();
  say(t("restored"));
});
document.addEventListener("keydown", (event) => {
  if ((event.ctrlKey || event.metaKey) && event.key === "s") {
    event.preventDefault();
    save();
  }
  if (event.key === "Escape" && !$("kind-picker").hidden) {
    togglePicker(false);
    $("add-step").focus();
  }
});
window.addEventListener("beforeunload", (event) => {
  if (dirty()) event.preventDefault();
});
fitStage($("preview-screen-frame"), $("preview-screen"));
begin();
