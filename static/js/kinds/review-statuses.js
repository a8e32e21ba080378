// What the review kind's phone, results and console share: the statuses a point can have,
// their names in the page's language, and what became of a point once it was agreed.

import { t } from "../i18n.js";
import { answerLimit } from "../limits.js";

export const STATUSES = ["done", "under_way", "not_started", "dropped"];
// A point under way or not started may go on in the new plan, with a new deadline.
export const CARRIABLE = new Set(["under_way", "not_started"]);
export const MAX_COMMENT = answerLimit("review", "comment");

export const statusName = (status) => t(`review_${status}`);

/** done, carried (into the new plan), dropped, or undecided (nothing agreed yet). */
export function outcomeOf(agreed) {
  if (!agreed) return "undecided";
  if (agreed.status === "done") return "done";
  return agreed.carry_to ? "carried" : "dropped";
}
