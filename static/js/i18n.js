// The page's words: translated strings from the page, plurals and numbers in its language.

// The kinds' own words (their names and what only their scripts ask for) come with the page
// from each kind's home, beside the strings the pages share.
const stringTable = Object.assign(
  {},
  readJson("i18n-kinds"),
  readJson("i18n-common"),
  readJson("i18n"),
);

function readJson(id) {
  const node = document.getElementById(id);
  if (!node) return {};
  try {
    return JSON.parse(node.textContent);
  } catch (_error) {
    return {};
  }
}

/** The translated text for `key`, with `{name}` placeholders filled from `vars`. */
export function t(key, vars = {}) {
  const text = key in stringTable ? stringTable[key] : key;
  return text.replace(/\{(\w+)\}/g, (match, name) => (name in vars ? String(vars[name]) : match));
}

const pluralRules = new Intl.PluralRules(document.documentElement.lang || "da");

/** `key_one`, `key_other` (or any other category) as the page's language counts `n`. */
export function plural(key, n) {
  const chosen = `${key}_${pluralRules.select(n)}`;
  return t(chosen in stringTable ? chosen : `${key}_other`, { n: formatNumber(n) });
}

export function formatNumber(value, digits = 0) {
  return new Intl.NumberFormat(document.documentElement.lang || "da", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

