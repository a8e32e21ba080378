// The form of one part of a tool (the tool's own fields, a step, its settings), generated from
// the fields the kinds declare (GET /api/tool-editor/kinds): a label, its help, and an input
// by the field's type. No kind is named here: a new kind's fields get a form without a change.

import { el } from "./dom.js";
import { t } from "./i18n.js";

/** A DOM id made from a value's path in the document ("steps.2.settings.time_box"). */
export function fieldId(path) {
  return `f-${path.replace(/[^A-Za-z0-9_-]+/g, "-")}`;
}

/** A short id from a text: lowercase letters, digits and dashes, as tool files want them. */
export function slug(text, fallback) {
  const folded = String(text || "")
    .toLowerCase()
    .replace(/æ/g, "ae")
    .replace(/ø/g, "oe")
    .replace(/å/g, "aa")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 32)
    .replace(/-+$/, "");
  return folded || fallback;
}

/** `wanted`, or `wanted-2`, `-3`, … so that it is none of `taken`. */
export function unique(wanted, taken) {
  if (!taken.has(wanted)) return wanted;
  for (let n = 2; ; n += 1) {
    const candidate = `${wanted}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** A starting value for a field: its default, or an empty list with one item to fill. */
export function startValue(spec) {
  if (spec.type === "items") return [newItem(spec, [])];
  if (spec.type === "group") {
    const inner = {};
    for (const field of spec.fields || []) {
      const value = startValue(field);
      if (value !== undefined) inner[field.name] = value;
    }
    return inner;
  }
  if (spec.default !== undefined && spec.default !== null) return spec.default;
  return undefined;
}

// The field type of a pick from fixed values; the word is also a kind's name.
const CHOICE = "choice"; // not a step kind

// Items whose id follows their text until someone writes the id themselves.
const autoIds = new WeakSet();

function newItem(spec, list) {
  const item = {};
  for (const field of spec.fields || []) {
    if (field.name === "id") continue;
    const value = startValue(field);
    item[field.name] = value === undefined ? "" : value;
  }
  item.id = unique(String(list.length + 1), new Set(list.map((entry) => entry.id)));
  autoIds.add(item);
  return item;
}

function textOf(spec, item) {
  const first = (spec.fields || []).find((field) => field.name !== "id" && field.type === "text");
  return first ? item[first.name] : "";
}

function renumber(spec, list) {
  const taken = new Set(list.filter((item) => !autoIds.has(item)).map((item) => item.id));
  list.forEach((item, index) => {
    if (!autoIds.has(item)) return;
    item.id = unique(slug(textOf(spec, item), String(index + 1)), taken);
    taken.add(item.id);
  });
}

/**
 * A field's label, help and input, bound to `holder[spec.name]`. `ctx`: {changed(),
 * earlier(offers) -> [{id, label}], redraw()}; `path` is where the value sits in the document.
 */
export function fieldNode(spec, holder, path, ctx) {
  if (spec.type === "group") return groupNode(spec, holder, path, ctx);
  if (spec.type === "items") return itemsNode(spec, holder, path, ctx);
  const id = fieldId(path);
  const box = el("div", `field editor-field type-${spec.type}`);
  const label = el("label", "field-label", spec.label);
  label.htmlFor = id;
  if (spec.required) label.append(el("span", "required-mark", ` (${t("required")})`));
  const input = inputFor(spec, holder, ctx);
  input.id = id;
  input.dataset.path = path;
  const described = [];
  if (spec.help) {
    const help = el("p", "field-help", spec.help);
    help.id = `${id}-help`;
    described.push(help.id);
    box.dataset.help = help.id;
    if (spec.type === "flag") {
      const row = el("div", "flag-row");
      row.append(input, label);
      box.append(row, help);
    } else {
      box.append(label, help, input);
    }
  } else if (spec.type === "flag") {
    const row = el("div", "flag-row");
    row.append(input, label);
    box.append(row);
  } else {
    box.append(label, input);
  }
  if (described.length) input.setAttribute("aria-describedby", described.join(" "));
  box.append(problemNode(id));
  return box;
}

function problemNode(id) {
  const problem = el("p", "field-problem");
  problem.id = `${id}-problem`;
  problem.hidden = true;
  return problem;
}

function inputFor(spec, holder, ctx) {
  const value = holder[spec.name];
  if (spec.type === "flag") {
    const box = el("input");
    box.type = "checkbox";
    box.checked = value === undefined ? Boolean(spec.default) : Boolean(value);
    box.addEventListener("change", () => {
      holder[spec.name] = box.checked;
      ctx.changed();
    });
    return box;
  }
  if (spec.type === CHOICE || spec.type === "earlier") {
    const select = el("select");
    const choices =
      spec.type === CHOICE
        ? (spec.choices || []).map((choice) => ({ id: choice.value, label: choice.label }))
        : ctx.earlier(spec.offers);
    if (spec.type === "earlier" || value === undefined) {
      const none = el("option", "", spec.type === "earlier" ? t("choose_step") : "");
      none.value = "";
      if (spec.type === CHOICE) none.hidden = true;
      select.append(none);
    }
    for (const choice of choices) {
      const option = el("option", "", choice.label);
      option.value = choice.id;
      select.append(option);
    }
    select.value = value === undefined || value === null ? (spec.default ?? "") : String(value);
    select.addEventListener("change", () => {
      if (select.value === "" && spec.type === "earlier") delete holder[spec.name];
      else holder[spec.name] = select.value;
      ctx.changed();
    });
    return select;
  }
  if (spec.type === "number") {
    const input = el("input");
    input.type = "number";
    input.inputMode = "numeric";
    input.step = "1";
    if (spec.min !== undefined && spec.min !== null) input.min = String(spec.min);
    if (spec.max !== undefined && spec.max !== null) input.max = String(spec.max);
    if (spec.default !== undefined && spec.default !== null) input.placeholder = String(spec.default);
    input.value = value === undefined || value === null ? "" : String(value);
    input.addEventListener("input", () => {
      const raw = input.value.trim();
      if (raw === "") delete holder[spec.name];
      else holder[spec.name] = /^-?\d+$/.test(raw) ? Number.parseInt(raw, 10) : raw;
      ctx.changed();
    });
    return input;
  }
  const input = spec.multiline ? el("textarea") : el("input");
  if (spec.multiline) input.rows = 3;
  else input.type = "text";
  if (spec.max_length) input.maxLength = spec.max_length;
  input.value = value === undefined || value === null ? "" : String(value);
  input.autocomplete = "off";
  input.addEventListener("input", () => {
    if (input.value === "" && !spec.required) delete holder[spec.name];
    else holder[spec.name] = input.value;
    ctx.changed(spec.name);
  });
  return input;
}

function groupNode(spec, holder, path, ctx) {
  if (!holder[spec.name] || typeof holder[spec.name] !== "object") holder[spec.name] = {};
  const inner = holder[spec.name];
  const box = el("fieldset", "editor-group");
  box.dataset.path = path;
  box.append(el("legend", "", spec.label));
  if (spec.help) box.append(el("p", "field-help", spec.help));
  for (const field of spec.fields || []) box.append(fieldNode(field, inner, `${path}.${field.name}`, ctx));
  box.append(problemNode(fieldId(path)));
  return box;
}

function itemsNode(spec, holder, path, ctx) {
  if (!Array.isArray(holder[spec.name])) holder[spec.name] = [];
  const list = holder[spec.name];
  const box = el("fieldset", "editor-items");
  box.dataset.path = path;
  box.append(el("legend", "", spec.label));
  if (spec.help) box.append(el("p", "field-help", spec.help));
  const rows = el("ol", "item-rows");
  const own = (spec.fields || []).filter((field) => field.name !== "id");
  list.forEach((item, index) => {
    const row = el("li", "item-row");
    const fields = el("div", "item-fields");
    for (const field of own) {
      const inner = { ...field, label: `${field.label} ${index + 1}` };
      const node = fieldNode(inner, item, `${path}.${index}.${field.name}`, {
        ...ctx,
        changed: (name) => {
          if (name && autoIds.has(item)) renumber(spec, list);
          ctx.changed();
        },
      });
      fields.append(node);
    }
    const tools = el("div", "item-tools");
    const move = (to) => () => {
      list.splice(to, 0, list.splice(index, 1)[0]);
      ctx.changed();
      ctx.redraw(`${path}.${to}`);
    };
    tools.append(
      toolButton(t("move_up"), index === 0, move(index - 1), t("item_n", { n: index + 1 })),
      toolButton(t("move_down"), index === list.length - 1, move(index + 1), t("item_n", { n: index + 1 })),
      toolButton(t("remove"), false, () => {
        list.splice(index, 1);
        ctx.changed();
        ctx.redraw(`${path}.add`);
      }, t("item_n", { n: index + 1 })),
    );
    row.append(fields, tools);
    rows.append(row);
  });
  const add = el("button", "btn btn-small", t("add_item", { name: spec.label.toLowerCase() }));
  add.type = "button";
  add.dataset.path = `${path}.add`;
  add.disabled = list.length >= (spec.max || 30);
  add.addEventListener("click", () => {
    list.push(newItem(spec, list));
    ctx.changed();
    ctx.redraw(`${path}.${list.length - 1}`);
  });
  box.append(rows, add, problemNode(fieldId(path)));
  return box;
}

function toolButton(text, disabled, action, what) {
  const button = el("button", "btn btn-small btn-ghost", text);
  button.type = "button";
  button.disabled = disabled;
  button.setAttribute("aria-label", `${text}: ${what}`);
  button.addEventListener("click", action);
  return button;
}
