// Phone widget for `vote`: the ideas of an earlier step, with + and − to place a few votes.

import { bar } from "../bars.js";
import { weightBadge } from "../card-view.js";
import { wordCount } from "../wall.js";
import { el } from "../dom.js";
import { formatNumber, plural, t } from "../i18n.js";
import { singleAnswerForm } from "./common.js";
import { register } from "./index.js";

/**
 * A number from a text: the same text always gives the same number. FNV-1a alone lets texts
 * that differ only in their last character ("idea-0001", "idea-0002") keep their order
 * under most seeds, so its result is mixed once more (MurmurHash3's finaliser) until every
 * bit depends on every character.
 */
function hash(text) {
  let value = 0x811c9dc5;
  for (const ch of text) value = Math.imul(value ^ ch.codePointAt(0), 0x01000193) >>> 0;
  value ^= value >>> 16;
  value = Math.imul(value, 0x85ebca6b);
  value ^= value >>> 13;
  value = Math.imul(value, 0xc2b2ae35);
  value ^= value >>> 16;
  return value >>> 0;
}

/**
 * The ideas in an order of this phone's own, the same every time it looks: in the order
 * they were given, the first ideas would collect the most votes. The most supported come
 * first (a card's weight counts the answers merged into it, ×N), in this phone's order
 * among equal support.
 */
export function phoneOrder(cards, seed, stepId) {
  const place = new Map(cards.map((card) => [card.answer_id, hash(`${seed}:${stepId}:${card.answer_id}`)]));
  const support = (card) => Number(card.weight) || 1;
  return [...cards].sort((a, b) => support(b) - support(a) || place.get(a.answer_id) - place.get(b.answer_id));
}

/**
 * Text as the search compares it: without case or accents, and ø, æ, aa as o, ae, a, so
 * "grøn", "Grøn" and "gron" typed on a phone without Danish letters find the same ideas.
 */
export function folded(text) {
  return String(text)
    .toLocaleLowerCase("da")
    .replace(/æ/g, "ae")
    .replace(/ø/g, "o")
    .replace(/ß/g, "ss")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/aa/g, "a");
}

/** Whether a card's folded text holds every word of the folded search. */
function matches(key, words) {
  return words.every((word) => key.includes(word));
}

// From this many ideas on, the list is compact and searchable, and shown a page at a time:
// every card keeps a 44 px button, so 120 cards at once would be a page of 8,000 px and more.
const COMPACT_FROM = 13;
const PAGE = 15;

function voteForm(ctx) {
  const { step } = ctx;
  const cards = phoneOrder(step.cards || [], ctx.seed || "", step.id);
  if (!cards.length) {
    ctx.view.append(el("p", "waiting", t("no_cards")));
    return;
  }
  const known = new Set(cards.map((card) => card.answer_id));
  const votes = step.votes;
  const perCard = step.max_per_answer || votes;
  const compact = cards.length >= COMPACT_FROM;
  const makeDraft = (entry) => ({ value: entry && Array.isArray(entry.value) ? [...entry.value] : [] });
  let list = null;
  let measure = () => {};
  const form = singleAnswerForm(ctx, makeDraft, (form, draft, refresh) => {
    // Votes on ideas that were merged away or hidden since cannot be sent.
    draft.value = draft.value.filter((id) => known.has(id));
    const count = (id) => draft.value.filter((x) => x === id).length;
    const left = el("p", "votes-left");
    left.setAttribute("aria-live", "polite");
    const hint = perCard === 1 ? t("vote_hint_one") : t("vote_hint", { n: formatNumber(perCard) });
    form.append(el("p", "hint", hint));
    if (!compact) form.append(left);
    list = el("ol", compact ? "vote-cards is-compact" : "vote-cards");
    const rows = [];
    for (const card of cards) {
      const item = el("li", "vote-card");
      item.dataset.answerId = card.answer_id;
      // The idea, with ×N when answers were merged into it.
      const main = el("div", "vote-card-main");
      const body = el("p", "vote-card-body");
      body.append(el("span", "vote-card-text", card.text));
      const weight = weightBadge(card);
      if (weight && !compact) body.append(" ", weight);
      main.append(body);
      const row = { card, item, body, key: folded(card.text) };
      if (compact) {
        // Under the two lines: the ×N (never the part cut off) and "Vis hele" where needed.
        const meta = el("div", "vote-card-meta");
        if (weight) meta.append(weight);
        main.append(meta);
        // A long idea is cut after two lines; its whole text is one tap away.
        const whole = el("button", "btn btn-ghost btn-small vote-card-whole", t("vote_whole"));
        whole.type = "button";
        whole.hidden = true;
        whole.setAttribute("aria-expanded", "false");
        whole.addEventListener("click", () => {
          const open = !item.classList.contains("is-whole");
          item.classList.toggle("is-whole", open);
          whole.setAttribute("aria-expanded", String(open));
          whole.textContent = open ? t("vote_less_text") : t("vote_whole");
        });
        meta.append(whole);
        row.whole = whole;
      }
      const add = () => {
        if (draft.value.length < votes && count(card.answer_id) < perCard) draft.value.push(card.answer_id);
        if (compact) draft.search.kept.add(card.answer_id);
        refresh();
      };
      const remove = () => {
        const at = draft.value.lastIndexOf(card.answer_id);
        if (at >= 0) draft.value.splice(at, 1);
        refresh();
      };
      if (perCard === 1) {
        // One vote per idea: a toggle reads better than a counter that only goes to 1.
        const toggle = el("button", "btn vote-toggle");
        toggle.type = "button";
        toggle.addEventListener("click", () => (count(card.answer_id) ? remove() : add()));
        item.append(main, toggle);
        rows.push({ ...row, toggle });
      } else {
        const minus = el("button", "stepper-button", "−");
        const plus = el("button", "stepper-button", "+");
        minus.type = plus.type = "button";
        minus.setAttribute("aria-label", t("vote_less", { text: card.text }));
        plus.setAttribute("aria-label", t("vote_more", { text: card.text }));
        const mine = el("span", "vote-mine");
        const controls = el("div", "stepper");
        controls.append(minus, mine, plus);
        item.append(main, controls);
        minus.addEventListener("click", remove);
        plus.addEventListener("click", add);
        rows.push({ ...row, minus, plus, mine });
      }
      list.append(item);
    }
    const showControls = (remaining) => {
      for (const { card, item, toggle, minus, plus, mine } of rows) {
        const given = count(card.answer_id);
        item.classList.toggle("has-votes", given > 0);
        if (toggle) {
          toggle.textContent = given ? `✓ ${t("voted")}` : t("cast_vote");
          toggle.setAttribute("aria-pressed", String(given > 0));
          // The name a screen reader says starts with the words on the button (WCAG 2.5.3).
          toggle.setAttribute("aria-label", `${toggle.textContent}: ${card.text}`);
          toggle.disabled = !given && remaining === 0;
          continue;
        }
        mine.textContent = formatNumber(given);
        mine.setAttribute("aria-label", t("your_votes_here", { n: given }));
        minus.disabled = given === 0;
        plus.disabled = remaining === 0 || given >= perCard;
      }
    };
    if (!compact) {
      form.append(list);
      draft.onRefresh = () => {
        const remaining = votes - draft.value.length;
        left.textContent = t("votes_left", { n: formatNumber(remaining), max: formatNumber(votes) });
        left.classList.toggle("is-done", remaining === 0);
        showControls(remaining);
      };
      return;
    }
    // Many ideas: a search, a page of cards at a time, and the count and Send at hand below.
    // What was searched stays while the page is drawn again (a card merged meanwhile).
    draft.search = draft.search || { query: "", pages: 1, mine: false, kept: new Set() };
    const search = draft.search;
    const searchBox = el("div", "vote-search");
    const input = el("input", "vote-search-input");
    input.type = "search";
    input.id = `vote-search-${step.id}`;
    input.autocomplete = "off";
    input.spellcheck = false;
    input.setAttribute("enterkeyhint", "search");
    input.value = search.query;
    const label = el("label", "field-label", t("vote_search"));
    label.htmlFor = input.id;
    searchBox.append(label, input);
    const said = el("p", "vote-matches");
    said.setAttribute("role", "status");
    said.setAttribute("aria-live", "polite");
    const more = el("button", "btn btn-wide vote-more");
    more.type = "button";
    const dock = el("div", "vote-bar");
    dock.setAttribute("role", "group");
    dock.setAttribute("aria-label", t("vote_bar"));
    const barRow = el("div", "vote-bar-row");
    const mineOnly = el("button", "btn btn-small vote-mine-only");
    mineOnly.type = "button";
    barRow.append(left, mineOnly);
    dock.append(barRow);
    form.append(searchBox, said, list, more, dock);
    const supported = cards.some((card) => (Number(card.weight) || 1) > 1);
    // A new search or "my votes" starts from what is chosen now: a card chosen since stays in
    // view until the next search, so nothing moves away under a finger.
    const restart = () => {
      search.pages = 1;
      search.kept = new Set(draft.value);
      refresh();
    };
    const show = () => {
      const words = folded(search.query).split(/\s+/).filter(Boolean);
      const chosen = new Set(draft.value);
      const found = rows.filter((row) => (search.mine ? chosen.has(row.card.answer_id) : matches(row.key, words)));
      const page = new Set(found.slice(0, search.pages * PAGE));
      let visible = 0;
      for (const row of rows) {
        const id = row.card.answer_id;
        row.item.hidden = !(page.has(row) || chosen.has(id) || search.kept.has(id));
        if (!row.item.hidden) visible += 1;
      }
      const rest = found.length - page.size;
      more.hidden = rest <= 0;
      more.textContent = plural("vote_show_more", Math.min(rest, PAGE));
      const query = search.query.trim();
      if (search.mine) said.textContent = chosen.size ? plural("vote_mine_shown", chosen.size) : t("vote_mine_none");
      else if (query && !found.length) said.textContent = t("vote_no_match", { query });
      else if (query) said.textContent = plural("vote_matches", found.length);
      else {
        const shown = t(supported ? "vote_shown_supported" : "vote_shown", {
          n: formatNumber(visible),
          max: formatNumber(cards.length),
        });
        said.textContent = shown;
      }
      said.classList.toggle("is-none", Boolean(query) && !found.length && !search.mine);
      input.disabled = search.mine;
      mineOnly.setAttribute("aria-pressed", String(search.mine));
      mineOnly.textContent = t("vote_mine_only", { n: formatNumber(chosen.size) });
      mineOnly.hidden = !search.mine && !chosen.size;
    };
    input.addEventListener("input", () => {
      search.query = input.value;
      restart();
    });
    // Enter in the search closes the keyboard; it does not send the votes.
    input.addEventListener("keydown", (event) => {
      if (event.key !== "Enter") return;
      event.preventDefault();
      input.blur();
    });
    more.addEventListener("click", () => {
      search.pages += 1;
      refresh();
    });
    mineOnly.addEventListener("click", () => {
      search.mine = !search.mine;
      restart();
    });
    draft.onRefresh = () => {
      const remaining = votes - draft.value.length;
      left.textContent = t("votes_used", { n: formatNumber(draft.value.length), max: formatNumber(votes) });
      left.classList.toggle("is-done", remaining === 0);
      showControls(remaining);
      show();
      measure();
    };
    // "Vis hele" only where two lines cut the idea short, measured as the phone lays it out.
    measure = () => {
      for (const row of rows) {
        if (row.item.hidden || row.item.classList.contains("is-whole")) continue;
        row.whole.hidden = row.body.scrollHeight <= row.body.clientHeight + 1;
      }
    };
  });
  if (!compact) return;
  // The note on Send and Send itself go in the bar that stays at the bottom of the screen.
  const dock = form.querySelector(".vote-bar");
  dock.append(...form.querySelectorAll(":scope > .send-note, :scope > button[type=submit]"));
  measure();
  if (typeof ResizeObserver === "function") {
    let width = 0;
    new ResizeObserver(([entry]) => {
      if (Math.abs(entry.contentRect.width - width) < 1) return;
      width = entry.contentRect.width;
      measure();
    }).observe(list);
  }
}

function describe(step, value) {
  const texts = new Map((step.cards || []).map((card) => [card.answer_id, card.text]));
  const counts = new Map();
  for (const id of value || []) counts.set(id, (counts.get(id) || 0) + 1);
  return [...counts].map(([id, n]) => `${texts.get(id) || "…"}${n > 1 ? ` (×${n})` : ""}`);
}

/** The ideas ordered by votes; the first three stand out. Equal votes share a rank. */
function voteRanking(summary, options) {
  const list = el("ol", "vote-ranking");
  let ranking = summary.ranking || [];
  // Places over the whole ranking (equal votes share one), before any are left out.
  const places = new Map();
  ranking.forEach((card, position) => {
    const before = ranking[position - 1];
    places.set(card, before && before.votes === card.votes ? places.get(before) : position + 1);
  });
  let hidden = 0;
  const limit = options.maxCards || 0;
  if (options.wall) {
    // One page of the projector's wall: the places keep their numbers over the whole ranking.
    const page = new Set(options.wall.keys);
    ranking = ranking.filter((card) => page.has(card.answer_id));
  } else if (limit && ranking.length > limit) {
    // The top of the ranking, and whatever the facilitator highlighted; the rest is counted.
    const room = Math.max(1, limit - 1);
    const keep = new Set(ranking.slice(0, room));
    for (const card of ranking.filter((c) => c.highlighted && !keep.has(c))) {
      const last = [...keep].reverse().find((c) => !c.highlighted);
      if (last) keep.delete(last);
      keep.add(card);
    }
    hidden = ranking.length - keep.size;
    ranking = ranking.filter((card) => keep.has(card));
  }
  const top = Math.max(0, ...(summary.ranking || []).map((card) => card.votes));
  ranking.forEach((card) => {
    const rank = places.get(card);
    const row = el("li", "vote-row");
    row.dataset.answerId = card.answer_id;
    if (card.votes > 0 && rank <= 3) row.classList.add("is-top", `rank-${rank}`);
    row.classList.toggle("is-highlighted", Boolean(card.highlighted));
    const text = el("span", "vote-text");
    text.append(el("span", "vote-text-inner", card.text));
    const weight = weightBadge(card);
    if (weight) text.append(" ", weight);
    row.append(el("span", "vote-rank", formatNumber(rank)), text, el("span", "vote-count", plural("votes", card.votes)));
    if (options.mine && options.mine.has(card.answer_id)) {
      row.classList.add("is-mine");
      text.append(" ", el("span", "vote-mine-mark", t("your_vote")));
    }
    row.append(bar(top ? (card.votes / top) * 100 : 0));
    const tools = options.cardTools && options.cardTools(card, summary);
    if (tools) row.append(tools);
    list.append(row);
  });
  if (!ranking.length) list.append(el("li", "muted", t("no_cards")));
  if (hidden) {
    const more = el("li", "vote-row is-more", t("more_answers", { n: formatNumber(hidden) }));
    more.dataset.more = String(hidden);
    list.append(more);
  }
  return list;
}

export default register({
  name: "vote",
  form: voteForm,
  describe,
  results: voteRanking,
  // On the projector: the whole ranking, a page at a time from the top.
  wall: (summary) => ({
    items: (summary.ranking || []).map((card) => ({ key: card.answer_id, words: wordCount(card.text) + 2 })),
    spotlight: [],
    ordered: true,
  }),
  // The count says how many voted, not answered.
  countKey: "voted",
  // Its cards are the answers of the step it votes on.
  cards: (summary) => summary.ranking || [],
});
