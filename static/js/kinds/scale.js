// The `scale` kind: rate statements on a scale, and per statement the mean and a histogram.

import { el } from "../dom.js";
import { formatNumber, t } from "../i18n.js";
import { singleAnswerForm } from "./common.js";
import { register } from "./index.js";

function scaleForm(ctx) {
  const { step } = ctx;
  const makeDraft = (entry) => ({ value: entry && entry.value && !Array.isArray(entry.value) ? { ...entry.value } : {} });
  singleAnswerForm(ctx, makeDraft, (form, draft, refresh) => {
    const scale = step.scale;
    form.append(el("p", "hint", t("rate_hint")));
    // Before sending: nothing rated yet, or which statements are still without a rating.
    draft.sendNote = (value) => {
      const unrated = step.statements.filter((statement) => value[statement.id] === undefined);
      if (unrated.length === step.statements.length) return t("rate_one_first");
      if (!unrated.length) return "";
      return t("not_rated_yet", { list: unrated.map((statement) => `«${statement.text}»`).join(", ") });
    };
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
function describe(step, value) {
  const max = step.scale.max;
  return step.statements
    .filter((statement) => value && value[statement.id] !== undefined)
    .map((statement) => `${statement.text}: ${t("you_rated", { value: value[statement.id], max })}`);
}

function scaleBlocks(summary) {
  const box = el("div", "scale-results");
  const scale = summary.scale || {};
  for (const statement of summary.statements) {
    const block = el("section", "scale-statement");
    const head = el("div", "scale-head");
    head.append(el("h3", "scale-text", statement.text));
    const mean = el("p", "scale-mean");
    mean.append(el("span", "scale-mean-label", t("mean")));
    mean.append(el("strong", "", statement.mean === null ? "–" : formatNumber(statement.mean, 1)));
    head.append(mean);
    block.append(head, histogram(statement.distribution));
    const ends = el("div", "scale-ends");
    ends.append(
      el("span", "", `${scale.min} ${scale.min_label || ""}`.trim()),
      el("span", "", `${scale.max} ${scale.max_label || ""}`.trim()),
    );
    block.append(ends);
    box.append(block);
  }
  return box;
}

function histogram(distribution) {
  const list = el("ol", "histogram");
  const top = Math.max(0, ...distribution.map((bucket) => bucket.count));
  for (const bucket of distribution) {
    const item = el("li", "histogram-bucket");
    const column = el("div", "histogram-column");
    const fill = el("div", "histogram-fill");
    fill.style.height = `${top ? (bucket.count / top) * 100 : 0}%`;
    column.append(el("span", "histogram-count", bucket.count ? formatNumber(bucket.count) : ""), fill);
    item.append(column, el("span", "histogram-value", bucket.value));
    list.append(item);
  }
  return list;
}

export default register({ name: "scale", form: scaleForm, describe, results: scaleBlocks });
