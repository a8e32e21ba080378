// Results of a word cloud (words sized by how often they were given) and of shared-out points.

import { el, formatNumber, plural, t } from "./client.js";
import { bar, percentText } from "./results.js";

const PALETTE = 6; // colour classes word-c0 … word-c5 in results.css

function hue(word) {
  let hash = 0;
  for (const ch of word) hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
  return hash % PALETTE;
}

/**
 * The most frequent words, biggest in the middle: ranks alternate left and right of the centre,
 * and a flex-wrap row centres them. Font size grows with the square root of the count.
 */
export function wordCloud(summary, options) {
  const limit = options.maxWords || (options.compact ? 40 : 60);
  const words = (summary.words || []).slice(0, limit);
  const cloud = el("ul", "word-cloud");
  cloud.classList.toggle("is-dense", words.length > 25); // many words: smaller type, so all fit
  if (!words.length) return cloud;
  const top = words[0].count;
  const low = words[words.length - 1].count;
  const arranged = [];
  words.forEach((entry, rank) => (rank % 2 ? arranged.push(entry) : arranged.unshift(entry)));
  for (const entry of arranged) {
    const share = top === low ? 1 : Math.sqrt((entry.count - low) / (top - low));
    const item = el("li", `word word-c${hue(entry.word)}`, entry.word);
    item.style.fontSize = `${(1 + share * 2.6).toFixed(2)}em`;
    item.title = plural("times", entry.count);
    if (options.compact && entry.count > 1) item.append(el("sup", "word-count", formatNumber(entry.count)));
    cloud.append(item);
  }
  return cloud;
}

/** One bar per option: its points and its share of all points given. */
export function pointBars(summary) {
  const list = el("ol", "choice-results point-results");
  const options = summary.options || [];
  const top = Math.max(0, ...options.map((option) => option.points));
  for (const option of options) {
    const row = el("li", "choice-row");
    if (top > 0 && option.points === top) row.classList.add("is-top");
    const numbers = el("span", "choice-numbers");
    numbers.append(
      el("strong", "", t("points_n", { n: formatNumber(option.points) })),
      el("span", "", percentText(option.percent)),
    );
    row.append(el("span", "choice-label", option.label), numbers, bar(option.percent));
    list.append(row);
  }
  return list;
}
