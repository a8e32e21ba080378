// Bars and percentages, the building blocks of the option kinds' results.

import { el } from "./dom.js";

export function percentText(percent) {
  const value = Number(percent) || 0;
  const digits = value % 1 ? 1 : 0;
  return new Intl.NumberFormat(document.documentElement.lang || "da", {
    style: "percent",
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value / 100);
}

export function bar(percent, className = "bar-fill") {
  const track = el("div", "bar-track");
  const fill = el("div", className);
  // CSSOM, not a style attribute: allowed by the Content-Security-Policy.
  fill.style.width = `${Math.max(0, Math.min(100, Number(percent) || 0))}%`;
  track.append(fill);
  return track;
}
