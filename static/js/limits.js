// The most characters the server takes for each typed part of an answer, by step kind, as
// the page was given them (docs/protocol.md, "Pages"): a field stops where the server would
// refuse, and no number is repeated here.

const limits = readLimits();

function readLimits() {
  const node = document.getElementById("answer-limits");
  try {
    return node ? JSON.parse(node.textContent) : {};
  } catch (_error) {
    return {};
  }
}

/** The most characters `part` of an answer to a step of `kind` may have. */
export function answerLimit(kind, part) {
  const limit = (limits[kind] || {})[part];
  if (!Number.isInteger(limit)) throw new Error(`no answer limit for ${kind}.${part}`);
  return limit;
}
