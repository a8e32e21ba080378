// The phone's table picker: which table am I at, and does this phone answer for the whole table.

import { el } from "./dom.js";
import { t } from "./i18n.js";

/**
 * Shows a picker when the room has tables and this phone has none, and afterwards a small bar
 * ("Bord 2 · Change table") to change it. `request(payload)` sends the `profile` event;
 * `saved(ack, asTable)` is told what the server accepted.
 */
export function tablePicker(container, { request, saved }) {
  let open = false;
  let dismissed = false;
  let asTable = false;
  let busy = false;
  let error = "";
  let last = { state: null, me: null };
  let key = "";

  function render(state, me) {
    last = { state, me };
    const tables = (state && state.session.tables) || [];
    const ended = !state || state.session.status === "ended";
    const current = tables.find((table) => me && table.id === me.table);
    if (!tables.length || ended) {
      container.hidden = true;
      key = "";
      return;
    }
    const picking = open || (!current && !dismissed);
    const next = JSON.stringify([tables, current && current.id, me && me.is_table, picking, busy, error]);
    container.hidden = false;
    if (next === key) return;
    key = next;
    container.replaceChildren();
    container.className = picking ? "card table-picker" : "table-bar";
    if (picking) picker(tables, current);
    else bar(current, me);
  }

  function bar(current, me) {
    const text = !current ? t("no_table") : me.is_table ? t("table_shared", { name: current.name }) : t("table_is", { name: current.name });
    const change = el("button", "btn btn-small btn-ghost", current ? t("change_table") : t("choose_table"));
    change.type = "button";
    change.addEventListener("click", () => {
      open = true;
      asTable = Boolean(me && me.is_table);
      rerender();
    });
    container.append(el("span", "table-bar-text", text), change);
  }

  function picker(tables, current) {
    container.append(el("h2", "", t("which_table")));
    const shared = el("label", "check");
    const box = el("input");
    box.type = "checkbox";
    box.checked = asTable;
    box.addEventListener("change", () => (asTable = box.checked));
    shared.append(box, el("span", "", t("answer_for_table")));
    const list = el("div", "table-buttons");
    for (const table of tables) {
      const button = el("button", "btn table-button", table.name);
      button.type = "button";
      button.disabled = busy;
      if (current && current.id === table.id) button.setAttribute("aria-pressed", "true");
      button.addEventListener("click", () => choose(table.id));
      list.append(button);
    }
    container.append(list, shared);
    if (error) container.append(el("p", "receipt is-failed", error));
    const later = el("button", "btn btn-small btn-ghost", current ? t("cancel") : t("not_now"));
    later.type = "button";
    later.addEventListener("click", () => {
      open = false;
      dismissed = true;
      error = "";
      rerender();
    });
    container.append(later);
  }

  async function choose(tableId) {
    busy = true;
    error = "";
    rerender();
    const ack = await request({ table: tableId, as_table: asTable });
    busy = false;
    if (ack.ok) {
      open = false;
      saved(ack, asTable);
    } else {
      error = ack.error.message;
    }
    rerender();
  }

  function rerender() {
    render(last.state, last.me);
  }

  return { render };
}
