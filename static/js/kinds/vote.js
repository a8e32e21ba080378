// Phone widget for `vote`: the ideas of an earlier step, with + and − to place a few votes.

import { el, formatNumber, t } from "../client.js";
import { singleAnswerForm } from "./common.js";

export function voteForm(ctx) {
  const { step } = ctx;
  const cards = step.cards || [];
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
          toggle.setAttribute("aria-label", given ? t("vote_less", { text: card.text }) : t("vote_more", { text: card.text }));
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
