// Phone widgets for fixed options: `choice` (pick one or several) and `scale` (rate statements).

import { el, t } from "../client.js";
import { singleAnswerForm } from "./common.js";

export function choiceForm(ctx) {
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

export function scaleForm(ctx) {
  const { step } = ctx;
  const makeDraft = (entry) => ({ value: entry && entry.value && !Array.isArray(entry.value) ? { ...entry.value } : {} });
  singleAnswerForm(ctx, makeDraft, (form, draft, refresh) => {
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

/** Lines that say what this phone answered, for the closed view. */
export function describeChoice(step, value) {
  if (step.kind === "choice") {
    const labels = new Map(step.options.map((option) => [option.id, option.label]));
    return (value || []).map((id) => labels.get(id) || id);
  }
  const max = step.scale.max;
  return step.statements
    .filter((statement) => value && value[statement.id] !== undefined)
    .map((statement) => `${statement.text}: ${t("you_rated", { value: value[statement.id], max })}`);
}
