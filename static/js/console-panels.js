// The console's set-up panels: any step's settings, tables, participants, report details.

import { el } from "./dom.js";
import { plural } from "./i18n.js";
import { answerable, kindOf } from "./kinds/index.js";

const $ = (id) => document.getElementById(id);

/** Forms keep what the facilitator typed until it is saved; a new state fills them otherwise. */
function trackDirty(form) {
  form.addEventListener("input", () => (form.dataset.dirty = "true"));
  form.addEventListener("change", () => (form.dataset.dirty = "true"));
}
const isDirty = (form) => form.dataset.dirty === "true";
const clean = (form) => delete form.dataset.dirty;

export class Panels {
  constructor({ code, command, t }) {
    this.code = code;
    this.command = command;
    this.t = t;
    this.state = null;
    this.list = null; // participants_list, refreshed between states
    this.stepId = null;
    this.chosenStep = null; // a step picked in the settings panel, other than the room's
    this.roomAt = null; // where the room was when the panel was last drawn
    this.settings = $("settings-form");
    this.tables = $("tables-form");
    this.details = $("details-form");
    for (const form of [this.settings, this.tables, this.details]) trackDirty(form);
    this.settings.addEventListener("submit", (event) => this.saveSettings(event));
    this.settings.elements.step.addEventListener("change", (event) => this.pickStep(event));
    this.tables.addEventListener("submit", (event) => this.saveTables(event));
    this.details.addEventListener("submit", (event) => this.saveDetails(event));
    this.removeMany = $("remove-many-form");
    this.removeMany.addEventListener("submit", (event) => this.removeRecent(event));
    $("remove-silent").addEventListener("click", () => this.removeSilent());
    $("by-table").addEventListener("change", (event) => {
      this.command("by_table", { on: event.target.checked }).then((ack) => {
        if (!ack.ok) event.target.checked = !event.target.checked;
      });
    });
  }

  render(state, presence) {
    this.state = state;
    this.list = state.participants_list || [];
    this.renderSettings();
    this.renderTables();
    this.renderParticipants();
    this.renderPresence(presence);
    this.renderDetails();
  }

  /**
   * The settings of a step: the room's current one, or any other the facilitator picks to set
   * up before the room gets there (pre-moderation, say, so not even the first answer slips by).
   */
  renderSettings() {
    const steps = this.state.steps || [];
    const panel = $("panel-settings");
    panel.hidden = !steps.length || this.state.session.status === "ended";
    if (!steps.length) return;
    const form = this.settings;
    const picker = form.elements.step;
    const current = this.state.session.status === "running" ? this.state.step_index : 0;
    // When the room moves on, the panel follows it, unless something typed is not saved yet.
    const roomAt = `${this.state.session.status}:${current}`;
    if (roomAt !== this.roomAt) {
      this.roomAt = roomAt;
      if (!isDirty(form)) this.chosenStep = null;
    }
    // The picker follows the room, unless the facilitator chose another step to set up.
    const chosen = this.chosenStep !== null && this.chosenStep < steps.length ? this.chosenStep : current;
    picker.replaceChildren();
    for (const step of steps) {
      const here = step.index === current && this.state.session.status === "running";
      const label = `${step.index + 1}. ${step.prompt}${here ? ` (${this.t("room_is_here")})` : ""}`;
      const option = el("option", "", label);
      option.value = String(step.index);
      picker.append(option);
    }
    picker.value = String(chosen);
    const step = steps[chosen];
    for (const node of form.querySelectorAll("[data-answers-only]")) node.hidden = !answerable(step.kind);
    for (const node of form.querySelectorAll("[data-premoderable-only]")) node.hidden = !kindOf(step.kind).premoderable;
    if (isDirty(form) && this.stepId === step.id) return;
    this.stepId = step.id;
    clean(form);
    const s = step.settings || {};
    form.elements.anonymous.checked = s.anonymous !== false;
    form.elements.screen_results.value = s.screen_results || "live";
    form.elements.phone_results.value = s.phone_results || "closed";
    form.elements.opens.value = s.opens || "on_arrival";
    form.elements.time_box.value = s.time_box || "";
    form.elements.auto_close.checked = Boolean(s.auto_close);
    form.elements.premoderate.checked = Boolean(s.premoderate);
    form.elements.notes.value = s.notes || "";
  }

  /** The facilitator picked a step in the settings panel: show its settings. */
  pickStep(event) {
    const index = Number(event.target.value);
    const running = this.state.session.status === "running";
    this.chosenStep = running && index === this.state.step_index ? null : index;
    clean(this.settings);
    this.stepId = null;
    this.renderSettings();
  }

  async saveSettings(event) {
    event.preventDefault();
    const steps = (this.state && this.state.steps) || [];
    const step = steps[Number(this.settings.elements.step.value)];
    if (!step) return;
    const form = this.settings;
    const s = step.settings || {};
    const minutes = form.elements.time_box.value.trim();
    const wanted = {
      anonymous: form.elements.anonymous.checked,
      screen_results: form.elements.screen_results.value,
      phone_results: form.elements.phone_results.value,
      opens: form.elements.opens.value,
      time_box: minutes ? Math.round(Number(minutes)) : null,
      auto_close: form.elements.auto_close.checked,
      premoderate: form.elements.premoderate.checked,
      notes: form.elements.notes.value.trim(),
    };
    const changes = {};
    for (const [name, value] of Object.entries(wanted)) {
      const now = name === "notes" ? s.notes || "" : name === "time_box" ? s.time_box ?? null : s[name];
      if (value !== now) changes[name] = value;
    }
    if (!Object.keys(changes).length) return clean(form);
    const ack = await this.command("settings", { step: step.index, ...changes });
    if (ack.ok) {
      clean(form);
      $("settings-saved").hidden = false;
      setTimeout(() => ($("settings-saved").hidden = true), 2500);
    }
  }

  renderTables() {
    const tables = this.state.session.tables || [];
    $("tables-summary").textContent = tables.length ? `(${tables.length})` : "";
    if (!isDirty(this.tables)) this.tables.elements.names.value = tables.map((table) => table.name).join("\n");
    const byTable = $("by-table");
    byTable.checked = Boolean(this.state.by_table);
    byTable.disabled = !tables.length || this.state.session.status === "ended";
  }

  async saveTables(event) {
    event.preventDefault();
    const names = this.tables.elements.names.value
      .split("\n")
      .map((name) => name.trim())
      .filter(Boolean);
    const ack = await this.command("tables", { names });
    if (ack.ok) clean(this.tables);
  }

  renderPresence({ participants, connected }) {
    $("participants-summary").textContent = `(${participants})`;
    const parts = [plural("participants", participants)];
    if (connected !== null && connected !== undefined) parts.push(this.t("connected_now", { n: connected }));
    $("presence-line").textContent = parts.join(" · ");
  }

  renderParticipants() {
    const list = $("participant-list");
    list.replaceChildren();
    const tables = new Map((this.state.session.tables || []).map((table) => [table.id, table.name]));
    const people = this.list || [];
    this.removeMany.hidden = this.state.session.status === "ended" || !people.length;
    if (!people.length) {
      list.append(el("li", "muted", this.t("no_participants")));
      return;
    }
    const ended = this.state.session.status === "ended";
    people.forEach((person, position) => {
      const item = el("li", "participant");
      item.classList.toggle("is-removed", Boolean(person.removed));
      // Numbered as they joined here, not by database id: the third to join is number 3.
      const name = person.name || this.t("anonymous_participant", { n: position + 1 });
      const text = el("span", "participant-name", name);
      const meta = [];
      if (person.table && tables.has(person.table)) meta.push(tables.get(person.table));
      if (person.is_table) meta.push(this.t("shared_phone"));
      if (person.removed) meta.push(this.t("removed_label"));
      item.append(text);
      if (meta.length) item.append(el("span", "participant-meta", meta.join(" · ")));
      if (!person.removed && !ended) {
        const remove = el("button", "btn btn-small btn-danger", this.t("remove"));
        remove.type = "button";
        remove.addEventListener("click", async () => {
          if (!window.confirm(this.t("confirm_remove", { name }))) return;
          await this.command("remove_participant", { participant_id: person.id });
        });
        item.append(remove);
      }
      list.append(item);
    });
  }

  /** A fake crowd: everyone who joined in the last N minutes goes in one command. */
  async removeRecent(event) {
    event.preventDefault();
    const minutes = Number(this.removeMany.elements.minutes.value);
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440) {
      this.removeMany.elements.minutes.reportValidity();
      return;
    }
    if (!window.confirm(this.t("confirm_remove_recent", { n: minutes }))) return;
    await this.command("remove_participants", { joined_within: minutes * 60 });
  }

  async removeSilent() {
    if (!window.confirm(this.t("confirm_remove_silent"))) return;
    await this.command("remove_participants", { never_answered: true });
  }

  /** Somebody joined, left or changed table: `presence` carries only them; merge by id. */
  presenceChanged(update) {
    const changed = (update && update.participants_changed) || [];
    if (!changed.length || !this.list) return;
    const position = new Map(this.list.map((person, index) => [person.id, index]));
    for (const person of changed) {
      if (position.has(person.id)) this.list[position.get(person.id)] = person;
      else this.list.push(person);
    }
    this.renderParticipants();
  }

  renderDetails() {
    const form = this.details;
    if (isDirty(form)) return;
    const details = this.state.details || {};
    for (const name of ["organisation", "place", "facilitator", "notes"]) form.elements[name].value = details[name] || "";
  }

  async saveDetails(event) {
    event.preventDefault();
    const form = this.details;
    const payload = {};
    for (const name of ["organisation", "place", "facilitator", "notes"]) payload[name] = form.elements[name].value.trim();
    const ack = await this.command("details", payload);
    if (ack.ok) {
      clean(form);
      $("details-saved").hidden = false;
      setTimeout(() => ($("details-saved").hidden = true), 2500);
    }
  }
}
