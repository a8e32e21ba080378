// The `wordcloud` kind: a few short words each, and the cloud of how often each was given.

import { wordTools } from "../console-words.js";
import { el } from "../dom.js";
import { formatNumber, plural, t } from "../i18n.js";
import { answerLimit } from "../limits.js";
import { singleAnswerForm } from "./common.js";
import { register } from "./index.js";

const MAX_WORD = answerLimit("wordcloud", "word");

/** The words as the server will count them (it also case-folds), so a resend is not offered for nothing. */
function cleanWords(words) {
  return words.map((word) => (word || "").trim().toLowerCase()).filter(Boolean);
}

function wordcloudForm(ctx) {
  const { step } = ctx;
  const max = step.max_words || 1;
  const makeDraft = (entry) => ({ words: Array.isArray(entry && entry.value) ? [...entry.value] : [], value: [] });
  singleAnswerForm(ctx, makeDraft, (form, draft, refresh) => {
    form.append(el("p", "hint", max === 1 ? t("words_hint_one") : t("words_hint", { n: max })));
    const inputs = [];
    const box = el("div", "word-inputs");
    for (let i = 0; i < max; i += 1) {
      const input = el("input", "word-input");
      Object.assign(input, { type: "text", maxLength: MAX_WORD, autocomplete: "off", value: draft.words[i] || "" });
      input.setAttribute("autocapitalize", "none");
      input.setAttribute("enterkeyhint", i === max - 1 ? "send" : "next");
      input.setAttribute("aria-label", t("word_n", { n: i + 1 }));
      input.placeholder = t("word_n", { n: i + 1 });
      input.addEventListener("input", () => {
        draft.words[i] = input.value;
        draft.value = cleanWords(draft.words);
        refresh();
      });
      inputs.push(input);
      box.append(input);
    }
    draft.value = cleanWords(draft.words);
    form.append(box);
  });
}

function describe(step, value) {
  return [(value || []).join(", ")];
}

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
function wordCloud(summary, options) {
  const cloud = drawCloud(summary, options);
  // In the console: the facilitator's tools to hide words and merge spelling variants.
  if (!options.facilitator) return cloud;
  const box = el("div", "word-cloud-tidy");
  box.append(cloud, wordTools(summary, options.facilitator));
  return box;
}

function drawCloud(summary, options) {
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

export default register({ name: "wordcloud", premoderable: true, form: wordcloudForm, describe, results: wordCloud });
