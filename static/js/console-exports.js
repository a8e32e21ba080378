// The console's exports: download the report as PDF, CSV or JSON, and the files kept on the server.
//
// Every download is also kept in the export folder; the panel lists those files (newest first) so
// the facilitator can fetch one again. The list comes from the API with the console's key cookie.

import { el } from "./dom.js";
import { formatNumber } from "./i18n.js";

const $ = (id) => document.getElementById(id);

// A new export is written while it downloads: look for it a little later, a few times if needed.
const AFTER_DOWNLOAD = [2000, 5000, 10000];

export class Exports {
  constructor({ code, t }) {
    this.t = t;
    this.url = `/api/sessions/${encodeURIComponent(code)}/exports`;
    this.panel = $("panel-exports");
    this.list = $("export-list");
    this.status = $("exports-status");
    this.summary = $("exports-summary");
    this.kept = null; // the last list read, or null before the first read
    this.loading = false;
    this.again = false;
    this.timers = [];
    this.panel.addEventListener("toggle", () => {
      if (this.panel.open) this.refresh();
    });
    // Clicks on any "export now" link, in the header or in the panel.
    for (const link of document.querySelectorAll("a[data-export]")) {
      link.addEventListener("click", () => this.downloadStarted());
    }
    this.refresh(); // for the count on the closed panel
  }

  /** Read the list again after a download, until the new file shows up. */
  downloadStarted() {
    for (const timer of this.timers) clearTimeout(timer);
    const before = this.kept ? this.kept.length : null;
    this.timers = AFTER_DOWNLOAD.map((delay, index) =>
      setTimeout(() => {
        const arrived = before !== null && this.kept && this.kept.length > before;
        if (index === 0 || !arrived) this.refresh();
      }, delay),
    );
  }

  async refresh() {
    if (this.loading) {
      this.again = true;
      return;
    }
    this.loading = true;
    if (this.kept === null) this.showStatus(this.t("exports_loading"));
    try {
      const response = await fetch(this.url, { credentials: "same-origin", cache: "no-store" });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const kept = await response.json();
      if (!Array.isArray(kept)) throw new Error("not a list");
      this.kept = kept;
      this.render();
    } catch (_error) {
      // Keep what was shown; say that it may be out of date.
      this.showStatus(this.t("exports_failed"), true);
    } finally {
      this.loading = false;
      if (this.again) {
        this.again = false;
        this.refresh();
      }
    }
  }

  showStatus(text, isError = false) {
    this.status.textContent = text;
    this.status.classList.toggle("is-error", isError);
    this.status.hidden = !text;
  }

  render() {
    const kept = this.kept || [];
    this.summary.textContent = kept.length ? `(${formatNumber(kept.length)})` : "";
    this.showStatus(kept.length ? "" : this.t("exports_none"));
    this.list.replaceChildren(...kept.map((entry) => this.item(entry)));
  }

  item(entry) {
    const format = String(entry.format || "").toLowerCase();
    const link = el("a", "export-item");
    link.href = entry.url;
    link.setAttribute("download", entry.name || "");
    link.title = this.t("download_again", { name: entry.name || format });
    link.append(
      el("span", `export-format format-${format}`, format.toUpperCase()),
      el("span", "export-time", this.when(entry.created_at)),
      el("span", "export-size", this.size(entry.size)),
    );
    const item = el("li");
    item.append(link);
    return item;
  }

  when(stamp) {
    const moment = new Date(stamp);
    if (Number.isNaN(moment.getTime())) return "";
    return moment.toLocaleString(document.documentElement.lang || undefined);
  }

  size(bytes) {
    const kb = Math.max(0, Number(bytes) || 0) / 1024;
    // Small files keep a decimal, so a 0.4 KB JSON file does not read as "0 KB".
    return this.t("size_kb", { n: formatNumber(kb, kb < 10 ? 1 : 0) });
  }
}
