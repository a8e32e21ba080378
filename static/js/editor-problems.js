// The problems the server found in a draft, shown where they are: at the field of each
// problem's path (aria-invalid and the message beside it), counted on the step they belong to,
// and listed in a summary whose links lead to each field. A fixed field loses its message.

import { el } from "./dom.js";
import { fieldId } from "./editor-form.js";
import { plural, t } from "./i18n.js";

/**
 * A problem's path as the editor's fields are named: "steps.2.options.0.text". A path written
 * as uploads name it ("options[1].text", counted from 1) is read too, and a problem with only
 * a step id and a field is placed at that step.
 */
export function pathOf(problem, steps) {
  let path = problem.path;
  if (!path) {
    const index = steps.findIndex((step) => step.id && step.id === problem.step);
    const field = problem.field || "";
    path = index >= 0 ? `steps.${index}${field ? `.${field}` : ""}` : field;
  }
  return String(path).replace(/\[(\d+)\]/g, (_match, n) => `.${Number(n) - 1}`);
}

/**
 * What is wrong, without the "Step x, field y:" an upload's message begins with: beside the
 * field, and in the summary after the step's number and the field's label, that is said.
 */
export function shortMessage(problem) {
  if (problem.text) return problem.text;
  const message = String(problem.message || "");
  const colon = message.indexOf(": ");
  return colon >= 0 && (problem.step || problem.field) ? message.slice(colon + 2) : message;
}

/** The step index a path is in, or -1 for the tool's own fields. */
export function stepOf(path) {
  const found = /^steps\.(\d+)/.exec(path);
  return found ? Number(found[1]) : -1;
}

/** The element that shows the value at `path`, or at the nearest enclosing path on the page. */
export function targetOf(root, path) {
  let parts = path.split(".");
  while (parts.length) {
    const found = root.querySelector(`[data-path="${CSS.escape(parts.join("."))}"]`);
    if (found) return found;
    parts = parts.slice(0, -1);
  }
  return null;
}

/** Marks each field that has a problem and clears the rest. */
export function markFields(root, problems, steps) {
  for (const node of root.querySelectorAll("[aria-invalid]")) {
    node.removeAttribute("aria-invalid");
    const said = (node.getAttribute("aria-describedby") || "").split(" ").filter((id) => !id.endsWith("-problem"));
    if (said.length) node.setAttribute("aria-describedby", said.join(" "));
    else node.removeAttribute("aria-describedby");
  }
  for (const node of root.querySelectorAll(".field-problem")) {
    node.replaceChildren();
    node.hidden = true;
  }
  for (const problem of problems) {
    const target = targetOf(root, pathOf(problem, steps));
    if (!target) continue;
    const id = target.id || fieldId(target.dataset.path);
    const box = document.getElementById(`${id}-problem`);
    if (box) {
      box.append(el("span", "", shortMessage(problem)));
      box.hidden = false;
    }
    if (target.matches("input, select, textarea")) {
      target.setAttribute("aria-invalid", "true");
      const said = (target.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      if (!said.includes(`${id}-problem`)) said.push(`${id}-problem`);
      target.setAttribute("aria-describedby", said.join(" "));
    }
  }
}

/**
 * The summary: how many problems, and a link to each that opens its step and its field,
 * named by the field's label (`labelOf(path)`).
 */
export function drawSummary(box, problems, steps, go, labelOf, more = 0) {
  const list = box.querySelector("ul");
  const heading = box.querySelector("h2");
  list.replaceChildren();
  box.hidden = problems.length === 0;
  heading.textContent = plural("problems_to_fix", problems.length + more);
  for (const problem of problems) {
    const path = pathOf(problem, steps);
    const item = el("li");
    const index = stepOf(path);
    const label = labelOf(path);
    const link = el("a", "", label ? `${label}: ${shortMessage(problem)}` : problem.message);
    link.href = `#${fieldId(path)}`;
    link.dataset.code = problem.code || "";
    link.addEventListener("click", (event) => {
      event.preventDefault();
      go(path);
    });
    if (index >= 0) item.append(el("span", "problem-where", `${t("step_n", { n: index + 1 })}: `));
    item.append(link);
    list.append(item);
  }
  // Only the first problems come with their places; the rest are counted.
  if (more) list.append(el("li", "muted", t("more_problems", { n: more })));
}
