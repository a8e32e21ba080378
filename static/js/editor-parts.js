// The forms of the tool's own fields and of the selected step, from the kinds' declarations
// (editor-form.js draws each field). A step's id follows its question, and the tool's its
// title, until someone writes the id themselves; a later step that reads a renamed step (a
// vote on its ideas) follows the new id.

import { el } from "./dom.js";
import { fieldNode, slug, unique } from "./editor-form.js";
import { markFields, targetOf } from "./editor-problems.js";
import { t } from "./i18n.js";

const $ = (id) => document.getElementById(id);

function fieldContext(editor, redraw) {
  return {
    changed: () => editor.changed(),
    redraw,
    earlier: (offers) =>
      editor.doc.steps.slice(0, Math.max(editor.selected, 0)).flatMap((step, index) => {
        const kind = editor.kinds.get(step.kind);
        const fits = !offers || !kind || kind[offers] === true || (kind.offers || []).includes(offers);
        return fits && step.id ? [{ id: step.id, label: `${index + 1}. ${step.prompt || step.id}` }] : [];
      }),
  };
}

/** The tool's own fields (its id in the advanced part). */
export function drawTool(editor) {
  const box = $("tool-fields");
  box.replaceChildren();
  const advanced = el("details", "advanced");
  advanced.append(el("summary", "", t("advanced")));
  const ctx = fieldContext(editor, () => drawTool(editor));
  for (const spec of editor.specs.tool_fields) {
    if (spec.name === "steps") continue;
    const node = fieldNode(spec, editor.doc, spec.name, {
      ...ctx,
      changed: () => {
        if (spec.name === "id") editor.autoToolId = false;
        if (spec.name === "title" && editor.autoToolId) {
          editor.doc.id = slug(editor.doc.title, "");
          const idInput = $("f-id");
          if (idInput) idInput.value = editor.doc.id;
        }
        editor.changed();
      },
    });
    if (spec.name === "id") advanced.append(node);
    else box.append(node);
  }
  if (advanced.childElementCount > 1) box.append(advanced);
}

/** The selected step's form: its question and text, its kind's fields, its settings. */
export function drawStepForm(editor, focusPath) {
  const box = $("step-form");
  const index = editor.selected;
  const step = editor.doc.steps[index];
  box.replaceChildren();
  if (!step) {
    box.append(el("p", "muted", t("choose_or_add")));
    return;
  }
  const kind = editor.kinds.get(step.kind);
  const heading = el("h2", "step-form-heading", `${t("step_n", { n: index + 1 })}: ${kind ? kind.title : step.kind}`);
  heading.id = "step-form-heading";
  heading.tabIndex = -1;
  box.append(heading);
  if (kind && kind.description) box.append(el("p", "muted small", kind.description));
  // Below the form on a tablet: one step down to see it.
  const toPreview = el("a", "to-preview small", t("to_preview"));
  toPreview.href = "#preview-heading";
  box.append(toPreview);
  const base = `steps.${index}`;
  const ctx = fieldContext(editor, (path) => drawStepForm(editor, path));
  const promptChanged = () => {
    if (editor.autoStepIds.has(step)) renameStep(editor, step, slug(step.prompt, `trin-${index + 1}`));
    editor.changed();
  };
  let idSpec = null;
  for (const spec of editor.specs.step_fields) {
    if (spec.name === "id") {
      idSpec = spec;
      continue;
    }
    const own = spec.name === "prompt" ? { ...ctx, changed: promptChanged } : ctx;
    box.append(fieldNode(spec, step, `${base}.${spec.name}`, own));
  }
  for (const spec of kind ? kind.fields : []) box.append(fieldNode(spec, step, `${base}.${spec.name}`, ctx));
  if (!step.settings || typeof step.settings !== "object") step.settings = {};
  const settings = el("details", "step-settings");
  settings.open = true;
  settings.append(el("summary", "", t("settings")));
  for (const spec of editor.specs.settings) settings.append(fieldNode(spec, step.settings, `${base}.settings.${spec.name}`, ctx));
  const advanced = el("details", "advanced");
  advanced.append(el("summary", "", t("advanced")));
  box.append(settings);
  if (idSpec) {
    const idChanged = () => {
      editor.autoStepIds.delete(step);
      editor.changed();
    };
    advanced.append(fieldNode(idSpec, step, `${base}.id`, { ...ctx, changed: idChanged }));
    box.append(advanced);
  }
  markFields(document.body, editor.problems, editor.doc.steps);
  if (focusPath) focusAt(box, focusPath);
}

/** Focus on the input at `path`, or the first one inside it (a new item's text). */
function focusAt(box, path) {
  const exact = box.querySelector(`:is(input, select, textarea, button)[data-path="${CSS.escape(path)}"]`);
  const inside = box.querySelector(`:is(input, select, textarea)[data-path^="${CSS.escape(`${path}.`)}"]`);
  const target = exact || inside || targetOf(box, path);
  if (target) target.focus();
}

function renameStep(editor, step, wanted) {
  const old = step.id;
  const taken = new Set(editor.doc.steps.filter((other) => other !== step).map((other) => other.id));
  step.id = unique(wanted, taken);
  const input = $(`f-steps-${editor.doc.steps.indexOf(step)}-id`);
  if (input) input.value = step.id;
  // A later step that reads this one (a vote on its ideas) follows the new id.
  for (const other of editor.doc.steps) {
    const kind = editor.kinds.get(other.kind);
    for (const spec of kind ? kind.fields : []) {
      if (spec.type === "earlier" && old && other[spec.name] === old) other[spec.name] = step.id;
    }
  }
}

/** The label of the field at `path` ("Valgmuligheder 2" for "steps.1.options.1.label"). */
export function fieldLabel(editor, path) {
  if (path === "steps") return t("steps"); // the list itself, as when it is empty
  let parts = path.split(".");
  let specs = editor.specs.tool_fields;
  if (parts[0] === "steps") {
    const step = editor.doc.steps[Number(parts[1])];
    const kind = step && editor.kinds.get(step.kind);
    const settings = { name: "settings", type: "group", label: t("settings"), fields: editor.specs.settings };
    specs = [...editor.specs.step_fields, ...(kind ? kind.fields : []), settings];
    parts = parts.slice(2);
  }
  let label = "";
  while (parts.length) {
    const spec = specs.find((field) => field.name === parts[0]);
    if (!spec) break;
    label = spec.label;
    parts = parts.slice(1);
    if (spec.type === "items" && /^\d+$/.test(parts[0] || "")) {
      const inner = (spec.fields || []).find((field) => field.name === parts[1]);
      return `${inner ? inner.label : spec.label} ${Number(parts[0]) + 1}`;
    }
    if (spec.type !== "group") break;
    specs = spec.fields || [];
  }
  return label;
}
