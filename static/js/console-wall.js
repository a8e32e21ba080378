// The console's controls for the projector's wall of answers: a page back, a page forward,
// and hold (the wall stays on its page until let go). Keys: Shift+→ / Shift+← (or
// Shift+PageDown / Shift+PageUp from a presenter clicker) page it; P holds it or lets it go.

import { el } from "./dom.js";
import { t } from "./i18n.js";

/**
 * Mount the controls into `node`; `command(action, args)` sends a facilitator command (the
 * console's own, with its retries). Returns `update(state)`, to call with every new state.
 */
export function mountWallControls(node, command) {
  if (!node) return { update() {} };
  let state = null;
  const group = el("div", "wall-controls");
  group.setAttribute("role", "group");
  group.setAttribute("aria-label", t("wall_controls"));
  const button = (text, hint) => {
    const made = el("button", "btn btn-small", text);
    made.type = "button";
    made.title = hint;
    return made;
  };
  const back = button(`‹ ${t("wall_prev")}`, t("wall_prev_keys"));
  const hold = button(t("wall_hold"), t("wall_hold_keys"));
  const forward = button(`${t("wall_next")} ›`, t("wall_next_keys"));
  back.dataset.wall = "prev";
  hold.dataset.wall = "hold";
  forward.dataset.wall = "next";
  group.append(el("span", "wall-controls-label", t("wall_controls")), back, hold, forward);
  node.append(group);

  const held = () => Boolean(state && state.wall && state.wall.hold);
  const running = () => Boolean(state && state.session.status === "running");
  const move = (to) => running() && command("wall", { move: to });
  const toggle = () => running() && command("wall", { hold: !held() });
  back.addEventListener("click", () => move("prev"));
  forward.addEventListener("click", () => move("next"));
  hold.addEventListener("click", toggle);

  // Caught before the console's own keys (arrows move the room a step): with Shift they
  // page the wall instead.
  window.addEventListener(
    "keydown",
    (event) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.target.closest && event.target.closest("input, textarea, select, [contenteditable]")) return;
      // In the answer cards the arrows (with Shift too) move between cards and select them.
      if (event.target.closest && event.target.closest(".answer-card.is-selectable")) return;
      const forwardKey = ["ArrowRight", "PageDown"].includes(event.key);
      const backKey = ["ArrowLeft", "PageUp"].includes(event.key);
      if (event.shiftKey && (forwardKey || backKey)) {
        event.preventDefault();
        event.stopPropagation();
        move(forwardKey ? "next" : "prev");
      } else if (!event.shiftKey && (event.key === "p" || event.key === "P")) {
        event.preventDefault();
        toggle();
      }
    },
    true,
  );

  return {
    update(next) {
      state = next;
      // Only while the projector shows results: the wall is what it pages.
      node.hidden = !running() || !next.results_visible;
      hold.setAttribute("aria-pressed", String(held()));
      hold.classList.toggle("is-on", held());
      hold.textContent = held() ? t("wall_release") : t("wall_hold");
    },
  };
}
