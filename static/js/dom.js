// Building the page: elements with text (never markup), paragraphs, the page's own data.

/** A new element with a class and text; user data only ever goes in through textContent. */
export function el(tag, className = "", text = null) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== null && text !== undefined) node.textContent = String(text);
  return node;
}

/** Long text as paragraphs, split on blank lines. */
export function paragraphs(text, className = "") {
  const box = el("div", className);
  for (const part of String(text || "").split(/\n\s*\n/)) {
    if (part.trim()) box.append(el("p", "", part.trim()));
  }
  return box;
}

export function pageData() {
  return { ...document.body.dataset };
}
