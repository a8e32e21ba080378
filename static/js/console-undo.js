// The console's way back after a tidy action (a suggestion merged or dismissed, a selection
// merged, hidden or highlighted): one line, "Fortryd", for a while; a newer action replaces it.

import { el } from "./dom.js";
import { t } from "./i18n.js";

const UNDO_MS = 20000;

/**
 * Mount into `node`; returns `offer(text, action, args)`, where (action, args) undoes; `offer`
 * returns its button.
 */
export function mountUndo(node, command) {
  let timer = null;
  const close = () => {
    clearTimeout(timer);
    node.hidden = true;
    node.replaceChildren();
  };
  return function offer(text, action, args) {
    clearTimeout(timer);
    const back = el("button", "btn btn-small", t("undo"));
    back.type = "button";
    back.dataset.tool = "undo";
    back.addEventListener("click", async () => {
      close();
      await command(action, args);
    });
    node.replaceChildren(el("span", "undo-text", text), back);
    node.hidden = false;
    timer = setTimeout(close, UNDO_MS);
    return back;
  };
}
