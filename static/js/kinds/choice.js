// The `choice` kind: pick one option or several, and the bars of how the room chose.

import { bar, percentText } from "../bars.js";
import { el } from "../dom.js";
import { formatNumber, t } from "../i18n.js";
import { singleAnswerForm } from "./common.js";
import { register } from "./index.js";

function choiceForm(ctx) {
  const { step } = ctx;
  const makeDraft = (entry) => ({ value: entry && Array.isArray(entry.value) ? [...entry.value] : [] });
  singleAnswerForm(ctx, makeDraft, (form, draft, refresh) => {
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

/** Lines that say what this phone answered, for the closed view. */
function describe(step, value) {
  const labels = new Map(step.options.map((option) => [option.id, option.label]));
  return (value || []).map((id) => labels.get(id) || id);
}

function choiceBars(summary) {
  const list = el("ol", "choice-results");
  const top = Math.max(0, ...summary.options.map((option) => option.count));
  for (const option of summary.options) {
    const row = el("li", "choice-row");
    if (top > 0 && option.count === top) row.classList.add("is-top");
    const label = el("span", "choice-label", option.label);
    const numbers = el("span", "choice-numbers");
    numbers.append(el("strong", "", formatNumber(option.count)), el("span", "", percentText(option.percent)));
    row.append(label, numbers, bar(option.percent));
    list.append(row);
  }
  return list;
}

export default register({ name: "choice", form: choiceForm, describe, results: choiceBars });
