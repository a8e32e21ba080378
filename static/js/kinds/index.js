// The one registry of step kinds in the browser: everything else asks it, never a kind's name.
//
// A kind: {name, answerable?, form(ctx), describe(step, value), results(summary, options),
// several?, countKey?, cards?(summary), cardsFromSource?, premoderable?, moderation?,
// screenItems?(summary), screenPages?(summary, limit), pageSeconds?(summary),
// unavailable?(step), moderationTools?(card, tools), editForm?(card, draft, tools)}.
// See docs/adding-a-kind.md.

import actions from "./actions.js";
import choice from "./choice.js";
import info from "./info.js";
import open from "./open.js";
import points from "./points.js";
import review from "./review.js";
import scale from "./scale.js";
import vote from "./vote.js";
import wordcloud from "./wordcloud.js";

const KINDS = new Map([info, open, choice, scale, wordcloud, points, vote, actions, review].map((kind) => [kind.name, kind]));

/** The kind called `name`; an unknown kind shows its prompt and nothing else. */
export function kindOf(name) {
  return KINDS.get(name) || { name, answerable: true };
}

/** Whether a step of this kind takes answers. */
export function answerable(name) {
  return kindOf(name).answerable !== false;
}
