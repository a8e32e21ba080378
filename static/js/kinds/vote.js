// Phone widget for `vote`: the ideas of an earlier step, with + and − to place a few votes.

import { bar } from "../bars.js";
import { weightBadge } from "../card-view.js";
import { wordCount } from "../wall.js";
import { el } from "../dom.js";
import { formatNumber, plural, t } from "../i18n.js";
import { singleAnswerForm } from "./common.js";

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
 * they were given, the first ideas would collect the most votes.
 */
export function phoneOrder(cards, seed, stepId) {
  const place = new Map(cards.map((card) => [card.answer_id, hash(`${seed}:${stepId}:${card.answer_id}`)]));
  return [...cards].sort((a, b) => place.get(a.answer_id) - place.get(b.answer_id));
}

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
  const makeDraft = (entry) => ({ value: entry && Array.isArray(entry.value) ? [...entry.value] : [] });
  singleAnswerForm(ctx, makeDraft, (form, draft, refresh) => {
    // Votes on ideas that were merged away or hidden since cannot be sent.
    draft.value = draft.value.filter((id) => known.has(id));
    const count = (id) => draft.value.filter((x) => x === id).length;
    const left = el("p", "votes-left");
    left.setAttribute("aria-live", "polite");
    const hint = perCard === 1 ? t("vote_hint_one") : t("vote_hint", { n: formatNumber(perCard) });
    form.append(el("p", "hint", hint), left);
    const list = el("ol", "vote-cards");
    const rows = [];
    for (const card of cards) {
      const item = el("li", "vote-card");
      const text = el("span", "vote-card-text", card.text);
      const add = () => {
        if (draft.value.length < votes && count(card.answer_id) < perCard) draft.value.push(card.answer_id);
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
        item.append(text, toggle);
        rows.push({ card, item, toggle });
      } else {
        const minus = el("button", "stepper-button", "−");
        const plus = el("button", "stepper-button", "+");
        minus.type = plus.type = "button";
        minus.setAttribute("aria-label", t("vote_less", { text: card.text }));
        plus.setAttribute("aria-label", t("vote_more", { text: card.text }));
        const mine = el("span", "vote-mine");
        const controls = el("div", "stepper");
        controls.append(minus, mine, plus);
        item.append(text, controls);
        minus.addEventListener("click", remove);
        plus.addEventListener("click", add);
        rows.push({ card, item, minus, plus, mine });
      }
      list.append(item);
    }
    form.append(list);
    draft.onRefresh = () => {
      const remaining = votes - draft.value.length;
      left.textContent = t("votes_left", { n: formatNumber(remaining), max: formatNumber(votes) });
      left.classList.toggle("is-done", remaining === 0);
      for (const { card, item, toggle, minus, plus, mine } of rows) {
        const given = count(card.answer_id);
        item.classList.toggle("has-votes", given > 0);
        if (toggle) {
          toggle.textContent = given ? `✓ ${t("voted")}` : t("vote");
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
  });
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

export default {
  name: "vote",
  form: voteForm,
  describe,
  results: voteRanking,
  // On the projector: the whole ranking, a page at a time from the top.
  wall: (summary) => ({
    items: (summary.ranking || []).map((card) => ({ key: card.answer_id, words: wordCount(card.text) + 2 })),
    spotlight: [],
  }),
  // The count says how many voted, not answered.
  countKey: "voted",
  // Its cards are the answers of the step it votes on.
  cards: (summary) => summary.ranking || [],
  cardsFromSource: true,
};
