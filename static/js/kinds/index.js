// The one registry of step kinds in the browser: everything else asks it, never a kind's name.
//
// No list of kinds is written here. Each kind's module registers itself
// (`export default register({...})`). A page that shows steps gets one script
// (workshop/web/assets.py) that holds, in this order, the modules the kinds share with it
// (this registry among them, once), one piece per kind its session has (the editor: every
// kind), then the page's own code (scripts/build_assets.mjs builds the pieces): every kind
// is registered before the page first asks for one, and a meeting without a kind never
// downloads its code. Importing this module on its own (a test, a bench script) costs
// nothing. A kind the page did not load falls back as an unknown kind does.
//
// A kind: {name, answerable?, form(ctx), describe(step, value), results(summary, options),
// several?, countKey?, cards?(summary), premoderable?, moderation?, wall?(summary),
// screenItems?(summary), screenPages?(summary, limit), pageSeconds?(summary),
// unavailable?(step), moderationTools?(card, tools), editForm?(card, draft, tools)}.
// See docs/adding-a-kind.md.

const KINDS = new Map();

/** Adds `kind` to the registry and gives it back, for its module's default export. */
export function register(kind) {
  if (KINDS.has(kind.name)) throw new Error(`Two step kinds are called "${kind.name}"`);
  KINDS.set(kind.name, kind);
  return kind;
}

/** The kind called `name`; an unknown kind shows its prompt and nothing else. */
export function kindOf(name) {
  return KINDS.get(name) || { name, answerable: true };
}

/** Whether a step of this kind takes answers. */
export function answerable(name) {
  return kindOf(name).answerable !== false;
}
