// The list of a tool's steps: select one, move it (drag and drop, or "Move up"/"Move down" for
// the keyboard and touch), duplicate or remove it (with undo), and the picker that adds a step
// of any kind, each described in plain words with an example.

import { el } from "./dom.js";
import { plural, t } from "./i18n.js";

/**
 * Draws the list into `list`. `editor`: {doc, kinds (by name), selected, maxSteps,
 * problemsOf(index), select(index), move(from, to), duplicate(index), remove(index)}.
 */
export function drawSteps(list, editor) {
  list.replaceChildren();
  const steps = editor.doc.steps;
  steps.forEach((step, index) => {
    const kind = editor.kinds.get(step.kind);
    const item = el("li", "step-item");
    item.dataset.index = String(index);
    item.draggable = true;
    if (index === editor.selected) item.classList.add("is-selected");
    const pick = el("button", "step-pick");
    pick.type = "button";
    pick.dataset.stepId = step.id || "";
    if (index === editor.selected) pick.setAttribute("aria-current", "step");
    pick.append(
      el("span", "step-number", `${index + 1}.`),
      el("span", "step-kind", kind ? kind.title : step.kind),
      el("span", "step-prompt", step.prompt || t("no_prompt")),
    );
    const count = editor.problemsOf(index);
    if (count) pick.append(el("span", "step-problems", plural("problems", count)));
    pick.addEventListener("click", () => editor.select(index));
    const tools = el("div", "step-tools");
    const name = t("step_n", { n: index + 1 });
    tools.append(
      tool(t("move_up"), name, index === 0, () => editor.move(index, index - 1), "up"),
      tool(t("move_down"), name, index === steps.length - 1, () => editor.move(index, index + 1), "down"),
      tool(t("duplicate"), name, steps.length >= editor.maxSteps, () => editor.duplicate(index), "duplicate"),
      tool(t("remove"), name, false, () => editor.remove(index), "remove"),
    );
    item.append(pick, tools);
    dragging(item, index, editor);
    list.append(item);
  });
}

function tool(text, what, disabled, action, role) {
  const button = el("button", "btn btn-small btn-ghost", text);
  button.type = "button";
  button.disabled = disabled;
  button.dataset.action = role;
  button.setAttribute("aria-label", `${text}: ${what}`);
  button.addEventListener("click", action);
  return button;
}

function dragging(item, index, editor) {
  item.addEventListener("dragstart", (event) => {
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", String(index));
    item.classList.add("is-dragged");
  });
  item.addEventListener("dragend", () => item.classList.remove("is-dragged"));
  item.addEventListener("dragover", (event) => {
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    item.classList.add("is-drop-target");
  });
  item.addEventListener("dragleave", () => item.classList.remove("is-drop-target"));
  item.addEventListener("drop", (event) => {
    event.preventDefault();
    item.classList.remove("is-drop-target");
    const from = Number.parseInt(event.dataTransfer.getData("text/plain"), 10);
    if (Number.isInteger(from) && from !== index) editor.move(from, index);
  });
}

/** The picker: every kind the server describes, each with a button that adds a step of it. */
export function drawPicker(list, kinds, add) {
  list.replaceChildren();
  for (const kind of kinds) {
    const card = el("li", "kind-card");
    const button = el("button", "btn btn-small kind-add", t("add_kind", { kind: kind.title }));
    button.type = "button";
    button.dataset.kind = kind.name;
    button.addEventListener("click", () => add(kind.name));
    card.append(el("h3", "kind-title", kind.title));
    if (kind.description) card.append(el("p", "kind-description", kind.description));
    const example = exampleText(kind.example);
    if (example) {
      const line = el("p", "kind-example");
      line.append(el("span", "kind-example-label", `${t("example")}: `), example);
      card.append(line);
    }
    card.append(button);
    list.append(card);
  }
}

function exampleText(example) {
  if (!example) return "";
  if (typeof example === "string") return example;
  return example.prompt || "";
}
