// Phone widget for `points`: share out a budget across the options; send when all of it is given.

import { bar, percentText } from "../bars.js";
import { el } from "../dom.js";
import { formatNumber, plural, t } from "../i18n.js";
import { singleAnswerForm } from "./common.js";
import { register } from "./index.js";

const total = (value) => Object.values(value).reduce((sum, n) => sum + n, 0);

// A small budget is dots to place ("5 prikker"), a large one points to share out.
const DOTS = 10;
const amount = (budget, n) => (budget <= DOTS ? plural("dots", n) : t("points_n", { n: formatNumber(n) }));

function pointsForm(ctx) {
  const { step } = ctx;
  const budget = step.budget;
  const makeDraft = (entry) => ({ value: entry && entry.value && !Array.isArray(entry.value) ? { ...entry.value } : {} });
  const ready = (value) => total(value) === budget;
  singleAnswerForm(
    ctx,
    makeDraft,
    (form, draft, refresh) => {
      const left = el("p", "points-left");
      left.setAttribute("aria-live", "polite");
      const hint = budget <= DOTS ? "dots_hint" : "points_hint";
      form.append(el("p", "hint", t(hint, { budget: formatNumber(budget) })), left);
      // Said when a typed number was more than was left: the number is lowered, never silently.
      const capped = el("p", "points-capped");
      capped.setAttribute("aria-live", "polite");
      capped.hidden = true;
      form.append(capped);
      const rows = [];
      const stepSize = budget >= 50 ? 5 : 1;
      const set = (id, wanted) => {
        const now = draft.value[id] || 0;
        const room = budget - total(draft.value) + now;
        const asked = Math.max(0, Math.round(Number(wanted) || 0));
        const next = Math.min(room, asked);
        capped.hidden = asked <= room;
        if (asked > room) capped.textContent = t("points_capped", { n: formatNumber(room), what: amount(budget, room) });
        if (next) draft.value[id] = next;
        else delete draft.value[id];
        refresh();
      };
      for (const option of step.options) {
        const row = el("div", "points-row");
        const name = el("span", "points-label", option.label);
        const minus = el("button", "stepper-button", "−");
        const plus = el("button", "stepper-button", "+");
        minus.type = plus.type = "button";
        minus.setAttribute("aria-label", t("less_for", { label: option.label }));
        plus.setAttribute("aria-label", t("more_for", { label: option.label }));
        const input = el("input", "stepper-input");
        Object.assign(input, { type: "number", inputMode: "numeric", min: "0", max: String(budget), step: "1" });
        input.setAttribute("aria-label", option.label);
        const controls = el("div", "stepper");
        controls.append(minus, input, plus);
        row.append(name, controls);
        let slider = null;
        if (budget > 10) {
          slider = el("input", "points-slider");
          Object.assign(slider, { type: "range", min: "0", max: String(budget), step: "1" });
          slider.setAttribute("aria-label", option.label);
          slider.addEventListener("input", () => set(option.id, slider.value));
          row.append(slider);
        }
        minus.addEventListener("click", () => set(option.id, (draft.value[option.id] || 0) - stepSize));
        plus.addEventListener("click", () => set(option.id, (draft.value[option.id] || 0) + stepSize));
        input.addEventListener("input", () => {
          set(option.id, input.value);
          // More than the budget allows: show at once what was kept.
          const kept = draft.value[option.id] || 0;
          if (input.value !== "" && Number(input.value) !== kept) input.value = String(kept);
        });
        input.addEventListener("change", () => {
          set(option.id, input.value);
          input.value = String(draft.value[option.id] || 0); // show what was kept within the budget
        });
        input.addEventListener("focus", () => input.select());
        rows.push({ id: option.id, minus, plus, input, slider, row });
        form.append(row);
      }
      draft.onRefresh = () => {
        const remaining = budget - total(draft.value);
        const key = budget <= DOTS ? "dots_left" : "points_left";
        left.textContent = t(key, { n: formatNumber(remaining), budget: formatNumber(budget) });
        left.classList.toggle("is-done", remaining === 0);
        for (const { id, minus, plus, input, slider, row } of rows) {
          const value = draft.value[id] || 0;
          if (document.activeElement !== input) input.value = String(value);
          if (slider) slider.value = String(value);
          minus.disabled = value <= 0;
          plus.disabled = remaining <= 0;
          row.classList.toggle("has-points", value > 0);
        }
      };
    },
    ready,
  );
}

function describe(step, value) {
  return step.options
    .filter((option) => value && value[option.id])
    .map((option) => `${option.label}: ${amount(step.budget, value[option.id])}`);
}

/** One bar per option: its points and its share of all points given. */
function pointBars(summary) {
  const list = el("ol", "choice-results point-results");
  const options = summary.options || [];
  const top = Math.max(0, ...options.map((option) => option.points));
  for (const option of options) {
    const row = el("li", "choice-row");
    if (top > 0 && option.points === top) row.classList.add("is-top");
    const numbers = el("span", "choice-numbers");
    numbers.append(
      el("strong", "", amount(summary.budget, option.points)),
      el("span", "", percentText(option.percent)),
    );
    row.append(el("span", "choice-label", option.label), numbers, bar(option.percent));
    list.append(row);
  }
  return list;
}

export default register({ name: "points", form: pointsForm, describe, results: pointBars });
