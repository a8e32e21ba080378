// The projector wall's rules, with no DOM: the cycle of pages that shows every card, the type
// size chosen so the most cards fit, the time to read. Identical answers come folded by the
// server (one card ×N), as on the console and the phones: the wall shows its cards as they are.

/**
 * The server's cards (oldest first, as it lists them) newest first, each keyed by its own id
 * (so a card already queued keeps its place when answers join it) and listing every answer it
 * stands for (`ids`: its own and those folded or merged into it).
 */
export function wallCards(cards) {
  return [...cards].reverse().map((card) => ({
    ...card,
    key: String(card.answer_id),
    weight: Number(card.weight) || 1,
    ids: [card.answer_id, ...(card.merged || [])],
  }));
}

/** The start of a wall: nothing shown yet. */
export function emptyWall() {
  return { known: [], queue: [], current: [], history: [], page: 0, cycle: 0 };
}

/**
 * The wall after the cards on it changed. `keys` are the paged cards, newest first. Cards gone
 * (hidden, merged away) leave the queue and the page; a card never seen before goes to the
 * front of the queue, so it is on the next page, in the order of `keys` (newest first).
 */
export function arrive(wall, keys) {
  const present = new Set(keys);
  const known = new Set(wall.known);
  const fresh = keys.filter((key) => !known.has(key));
  return {
    ...wall,
    known: keys.slice(),
    queue: [...fresh, ...wall.queue.filter((key) => present.has(key) && !fresh.includes(key))],
    current: wall.current.filter((key) => present.has(key)),
    history: wall.history.map((page) => page.filter((key) => present.has(key))).filter((page) => page.length),
  };
}

/**
 * The next page: as many cards from the front of the queue as fit (`fits(keys)` says how many
 * of `keys`, from the front, fit on one page; at least one card always goes on it). An empty
 * queue starts a new cycle with every card, newest first. With no cards, the page is empty.
 */
export function nextPage(wall, fits) {
  let { queue, history, page, cycle } = wall;
  if (!queue.length) {
    if (!wall.known.length) return { ...wall, current: [], queue: [], history: [], page: 0 };
    queue = wall.known.slice();
    history = [];
    page = 0;
    cycle += 1;
  } else if (wall.current.length) {
    history = [...history, wall.current];
  }
  const count = Math.min(queue.length, Math.max(1, Math.floor(fits(queue)) || 0));
  return { ...wall, queue: queue.slice(count), current: queue.slice(0, count), history, page: page + 1, cycle };
}

/** Back one page in this cycle: the cards on screen go back to the front of the queue. */
export function previousPage(wall) {
  if (!wall.history.length) return wall;
  const history = wall.history.slice(0, -1);
  return {
    ...wall,
    queue: [...wall.current, ...wall.queue],
    current: wall.history[wall.history.length - 1],
    history,
    page: Math.max(1, wall.page - 1),
  };
}

/**
 * "Page 2 of 4": this page's number in the cycle, and the pages the cycle will have if the
 * cards still queued go as many to a page as this one holds (an estimate, never fewer than
 * the pages already shown plus one for each remaining card group).
 */
export function pageCount(wall) {
  const per = Math.max(1, wall.current.length);
  return { page: wall.page, pages: wall.page + Math.ceil(wall.queue.length / per) };
}

/** Whether the wall pages at all: some card is not on the page on screen. */
export function paging(wall) {
  return wall.queue.length > 0 || wall.history.length > 0;
}

/** Seconds to read a page: grows with its words, between `least` and `most`. */
export function readingSeconds(words, least = 8, most = 25) {
  const seconds = 5 + Math.max(0, Number(words) || 0) * 0.3;
  return Math.round(Math.min(most, Math.max(least, seconds)));
}

/** The number of words in a text, as a reader counts them. */
export function wordCount(text) {
  const words = String(text || "").trim().split(/\s+/u);
  return words[0] ? words.length : 0;
}

/**
 * The largest of `sizes` (ascending) for which `fits(size)` holds, found by halving (`fits`
 * holds for every size below one it holds for); the smallest size when none does.
 */
export function largestFitting(sizes, fits) {
  let [low, high] = [0, sizes.length - 1];
  if (!sizes.length) return undefined;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(sizes[middle])) low = middle;
    else high = middle - 1;
  }
  return sizes[low];
}

/** Type sizes in px from `floor` to `ceiling`, in steps of about a tenth. */
export function typeSizes(floor, ceiling) {
  const sizes = [];
  for (let size = floor; size < ceiling; size = Math.round(size * 1.1 * 10) / 10) sizes.push(size);
  sizes.push(ceiling);
  return sizes;
}
