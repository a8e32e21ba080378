// Answers requests about the projector wall's pure rules (static/js/wall.js), one JSON request
// a line on stdin, one JSON answer a line on stdout, for the Python property tests.

import { createInterface } from "node:readline";
import * as wall from "../../static/js/wall.js";

/**
 * Page a wall of cards with heights, as the projector does: a page holds cards from the
 * front of the queue while their heights add up to no more than `capacity`. `arrivals` are
 * [page, key, height]: the card arrives after that many pages were shown. `gone` are
 * [page, key]: the card is hidden after that many pages. Returns the pages in turn with
 * their cycle number and their "page N of M".
 */
function simulate({ cards, capacity, arrivals = [], gone = [], pages }) {
  const heights = new Map(cards.map(([key, height]) => [key, height]));
  let keys = cards.map(([key]) => key);
  let state = wall.arrive(wall.emptyWall(), keys);
  const fits = (queue) => {
    let used = 0;
    let count = 0;
    for (const key of queue) {
      used += heights.get(key);
      if (used > capacity) break;
      count += 1;
    }
    return count;
  };
  const shown = [];
  for (let n = 0; n < pages; n += 1) {
    const newcomers = arrivals.filter(([at]) => at === n);
    const leaving = new Set(gone.filter(([at]) => at === n).map(([, key]) => key));
    if (newcomers.length || leaving.size) {
      for (const [, key, height] of newcomers) heights.set(key, height);
      keys = [...newcomers.map(([, key]) => key).reverse(), ...keys].filter((key) => !leaving.has(key));
      state = wall.arrive(state, keys);
    }
    state = wall.nextPage(state, fits);
    shown.push({ keys: state.current, cycle: state.cycle, ...wall.pageCount(state), paging: wall.paging(state) });
  }
  return shown;
}

const handlers = {
  simulate,
  wallCards: ({ cards }) => wall.wallCards(cards),
  readingSeconds: ({ words, least, most }) => wall.readingSeconds(words, least, most),
  largestFitting: ({ sizes, limit }) => wall.largestFitting(sizes, (size) => size <= limit),
  typeSizes: ({ floor, ceiling }) => wall.typeSizes(floor, ceiling),
  back: ({ cards, capacity, forward, back }) => {
    const heights = new Map(cards.map(([key, height]) => [key, height]));
    const fits = (queue) => {
      let used = 0;
      return queue.filter((key) => (used += heights.get(key)) <= capacity).length;
    };
    let state = wall.arrive(wall.emptyWall(), cards.map(([key]) => key));
    const pages = [];
    for (let n = 0; n < forward; n += 1) pages.push((state = wall.nextPage(state, fits)).current);
    const after = [];
    for (let n = 0; n < back; n += 1) after.push((state = wall.previousPage(state)).current);
    return { pages, after };
  },
};

const lines = createInterface({ input: process.stdin });
lines.on("line", (line) => {
  let answer;
  try {
    const request = JSON.parse(line);
    answer = { ok: true, value: handlers[request.op](request) };
  } catch (error) {
    answer = { ok: false, error: String(error && error.stack) };
  }
  process.stdout.write(`${JSON.stringify(answer)}\n`);
});
