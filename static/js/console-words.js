// The console's tools for a word cloud: hide a word (and show it again), merge the spelling
// variants the server suggests ("grøn + grønne") in one click, and undo either. What is hidden
// and merged comes from the facilitator's summary, so a second laptop sees and can undo it.

import { el } from "./dom.js";
import { formatNumber, t } from "./i18n.js";

const SHOWN_WORDS = 60; // as many words as the projector's cloud shows
// The newest change: {text, undo: [[action, args], …], shows(summary), step, seen}. `seen` once
// a summary has shown it; before that, older summaries still on their way do not take it back.
let lastDone = null;
let listOpen = false; // the facilitator opened the list of words to hide
let focused = null; // the tool that had the keyboard's focus, to give it back after a redraw

// Which of the tools has the focus; elsewhere on the page, none (a redraw then leaves it be).
document.addEventListener("focusin", (event) => {
  focused = event.target.closest(".word-tools") ? event.target.dataset.key || null : null;
});

/**
 * The tools under the console's cloud. `summary`: the facilitator's word cloud summary;
 * `facilitator`: {command(action, args), step, rerender}.
 */
export function wordTools(summary, facilitator) {
  const box = el("section", "word-tools");
  box.setAttribute("aria-label", t("words_tidy"));
  const send = (action, args, done) => {
    lastDone = done && { ...done, step: facilitator.step, seen: false };
    facilitator.command(action, args);
  };
  // Offered while the change still stands on this step: not after moving on, nor once a summary
  // that showed it shows it undone (from here or another laptop). A summary sent before the
  // change reached the server does not count: on a busy venue it can arrive after the click.
  if (lastDone) {
    if (lastDone.step !== facilitator.step) lastDone = null;
    else if (lastDone.shows(summary)) lastDone.seen = true;
    else if (lastDone.seen) lastDone = null;
  }
  const undo = undoLine(facilitator);
  if (undo) box.append(undo);
  const suggestions = suggestionList(summary.word_suggestions || [], send);
  if (suggestions) box.append(suggestions);
  box.append(hideList(summary.words || [], send));
  const merged = mergedList(summary.merged_words || {}, send);
  if (merged) box.append(merged);
  const hidden = hiddenList(summary.hidden_words || [], send);
  if (hidden) box.append(hidden);
  // Drawn anew with every update: the keyboard stays where it was (or on the list it acted in).
  if (focused) queueMicrotask(() => refocus(box));
  return box;
}

function refocus(box) {
  if (!box.isConnected || !focused) return;
  const [area] = focused.split(":");
  const target =
    box.querySelector(`[data-key="${CSS.escape(focused)}"]`) ||
    box.querySelector(`[data-area="${area}"] button`) ||
    box.querySelector("button");
  if (target) target.focus({ preventScroll: true });
}

function button(text, key, label) {
  const node = el("button", "tool-button", text);
  node.type = "button";
  node.dataset.key = key;
  if (label) node.setAttribute("aria-label", label);
  return node;
}

/** "Slå sammen: grøn + grønne": one click, and the cloud counts them as the first. */
function suggestionList(suggestions, send) {
  if (!suggestions.length) return null;
  const part = el("div", "word-suggestions");
  part.dataset.area = "suggest";
  part.append(el("h4", "", t("words_suggested")));
  const list = el("ul");
  for (const suggestion of suggestions) {
    const variants = suggestion.words.filter((word) => word !== suggestion.into);
    const joined = suggestion.words.join(" + ");
    const merge = button(t("words_merge", { words: joined }), `suggest:${joined}`, t("words_merge_label", { words: joined, into: suggestion.into }));
    merge.dataset.tool = "merge-words";
    merge.addEventListener("click", () =>
      send("merge_words", { words: variants, into: suggestion.into }, {
        text: t("words_merged_done", { words: joined }),
        undo: variants.map((word) => ["unmerge_word", { word }]),
        shows: (now) => variants.every((word) => (now.merged_words || {})[word] === suggestion.into),
      }),
    );
    const item = el("li");
    item.append(merge);
    list.append(item);
  }
  part.append(list);
  return part;
}

/** Every word of the cloud with its count and "Skjul", in a list opened on demand. */
function hideList(words, send) {
  const details = el("details", "word-hide-list");
  details.dataset.area = "hide";
  details.open = listOpen;
  details.addEventListener("toggle", () => (listOpen = details.open));
  details.append(el("summary", "", t("words_hide_some")));
  const list = el("ul");
  for (const entry of words.slice(0, SHOWN_WORDS)) {
    const item = el("li");
    item.dataset.word = entry.word;
    const hide = button(t("words_hide"), `hide:${entry.word}`, t("words_hide_label", { word: entry.word }));
    hide.dataset.tool = "hide-word";
    hide.addEventListener("click", () =>
      send("hide_word", { word: entry.word }, {
        text: t("words_hidden_done", { word: entry.word }),
        undo: [["show_word", { word: entry.word }]],
        shows: (now) => (now.hidden_words || []).some((hidden) => hidden.word === entry.word),
      }),
    );
    item.append(el("span", "word-name", entry.word), el("span", "word-tally", formatNumber(entry.count)), hide);
    list.append(item);
  }
  if (!words.length) list.append(el("li", "muted", t("no_answers")));
  details.append(list);
  return details;
}

/** "grønne → grøn · Fortryd": each merged variant, counted on its own again in one click. */
function mergedList(merged, send) {
  const variants = Object.keys(merged);
  if (!variants.length) return null;
  const part = el("div", "word-merged");
  part.dataset.area = "merged";
  part.append(el("h4", "", t("words_merged")));
  const list = el("ul");
  for (const variant of variants.sort()) {
    const item = el("li");
    item.dataset.word = variant;
    const apart = button(t("words_undo"), `merged:${variant}`, t("words_unmerge_label", { word: variant, into: merged[variant] }));
    apart.dataset.tool = "unmerge-word";
    apart.addEventListener("click", () => send("unmerge_word", { word: variant }, null));
    item.append(el("span", "word-name", `${variant} → ${merged[variant]}`), apart);
    list.append(item);
  }
  part.append(list);
  return part;
}

/** The hidden words with how often they were given, each with "Vis igen". */
function hiddenList(hidden, send) {
  if (!hidden.length) return null;
  const part = el("div", "word-hidden");
  part.dataset.area = "hidden";
  part.append(el("h4", "", t("words_hidden", { n: formatNumber(hidden.length) })));
  const list = el("ul");
  for (const entry of hidden) {
    const item = el("li");
    item.dataset.word = entry.word;
    const again = button(t("words_show"), `hidden:${entry.word}`, t("words_show_label", { word: entry.word }));
    again.dataset.tool = "show-word";
    again.addEventListener("click", () => send("show_word", { word: entry.word }, null));
    item.append(el("span", "word-name", entry.word), el("span", "word-tally", formatNumber(entry.count)), again);
    list.append(item);
  }
  part.append(list);
  return part;
}

/** "Slået sammen: grøn + grønne · Fortryd": the newest change, taken back in one click. */
function undoLine(facilitator) {
  if (!lastDone) return null;
  const done = lastDone;
  const line = el("p", "word-undo");
  line.setAttribute("role", "status");
  const back = button(t("words_undo"), "undo:last", t("words_undo_label", { text: done.text }));
  back.dataset.tool = "undo-words";
  back.addEventListener("click", () => {
    lastDone = null;
    for (const [action, args] of done.undo) facilitator.command(action, args);
  });
  line.append(el("span", "", done.text), back);
  return line;
}
