// The selected step as the room will see it: a 320 px phone and the projector, drawn by the
// same kind modules a meeting uses (static/js/kinds/*: form(ctx) on the phone, results on the
// projector), from the step as phones get it and a summary of sample answers that the server's
// kind made (POST /api/tool-drafts/preview). Nothing is sent from the preview.

import { el, paragraphs } from "./dom.js";
import { t } from "./i18n.js";
import { answerable, kindOf } from "./kinds/index.js";
import { renderResults } from "./results.js";

// The phone's answer book in a preview: no answers, and sending does nothing.
const NO_BOOK = { forStep: () => [], submit: () => {}, attach: () => {} };

/** Draws the phone into `phone` and the projector into the frame `screen`. */
export function drawPreview(phone, screen, preview, position) {
  drawPhone(phone, preview.step, position);
  const body = projector(screen);
  // Measured for fit once its stylesheets are there (the first time only, it waits).
  screen.sheetsLoaded.then(() => drawScreen(body, preview.step, preview.summary, position));
}

/**
 * The body of the projector's frame: a page of its own with the screen's stylesheets (and
 * each kind's), so that the screen's type, sized by the width of its window, is a 1280 px
 * projector's whatever the size of the editor's window.
 */
function projector(frame) {
  const page = frame.contentDocument;
  if (!page.body || !page.body.classList.contains("page-screen")) {
    page.open();
    page.write(`<!doctype html><html lang="${document.documentElement.lang}"><head></head><body></body></html>`);
    page.close();
    const loads = [];
    for (const sheet of document.querySelectorAll('link[rel="stylesheet"]')) {
      if (/\/(editor|home|phone)\.css$/.test(sheet.href)) continue;
      const copy = sheet.cloneNode();
      loads.push(
        new Promise((done) => {
          copy.addEventListener("load", done);
          copy.addEventListener("error", done);
        }),
      );
      page.head.append(copy);
    }
    frame.sheetsLoaded = Promise.all(loads);
    page.body.className = "page-screen";
  }
  return page.body;
}

function drawPhone(box, step, position) {
  box.replaceChildren();
  const view = el("main", "phone-view");
  const card = el("article", "card step");
  card.dataset.stepId = step.id;
  card.append(el("p", "eyebrow", t("step_of", { n: position.n, total: position.total })));
  card.append(el("h2", "prompt", step.prompt));
  if (step.body) card.append(paragraphs(step.body, "step-body"));
  const kind = kindOf(step.kind);
  if (answerable(step.kind) && step.settings) {
    const named = step.settings.anonymous === false;
    card.append(el("p", named ? "named-note" : "named-note is-anonymous", t(named ? "named_note" : "anonymous_note")));
  }
  view.append(card);
  box.append(view);
  const ctx = {
    step,
    state: { step, step_count: position.total, answering: true, session: { status: "running", tables: [] } },
    book: NO_BOOK,
    client: { connected: false, send: () => {} },
    view,
    seed: "preview",
    draft: (make) => make(),
    setRefresh: () => {},
  };
  const unavailable = kind.unavailable ? kind.unavailable(step) : null;
  try {
    if (unavailable) view.append(el("p", "card unavailable", unavailable));
    else if (kind.form) kind.form(ctx);
    else view.append(el("p", "waiting", t("waiting")));
  } catch (_error) {
    view.append(el("p", "card unavailable", t("preview_failed")));
  }
  // A preview sends nothing: its buttons are there to be seen.
  for (const form of view.querySelectorAll("form")) {
    form.addEventListener("submit", (event) => event.preventDefault(), true);
  }
  for (const button of view.querySelectorAll("button[type=submit]")) button.disabled = true;
}

function drawScreen(box, step, summary, position) {
  box.replaceChildren();
  const stage = el("div", "screen");
  const section = el("section", "screen-step");
  const main = el("div", "screen-step-main");
  main.append(el("p", "screen-position", t("step_of", { n: position.n, total: position.total })));
  main.append(el("h2", "screen-prompt", step.prompt));
  if (step.body) main.append(paragraphs(step.body, "screen-body"));
  const results = el("div", "results results-screen");
  main.append(results);
  section.append(main);
  stage.append(section);
  box.append(stage);
  box.dataset.results = summary ? "shown" : "hidden";
  if (!summary) return;
  try {
    // As the projector does, fewer cards rather than any cut off at the bottom edge.
    for (const maxCards of [12, 9, 6, 4, 2]) {
      renderResults(results, summary, { maxCards, byTable: false, tables: [] });
      if (results.scrollHeight <= results.clientHeight + 2) break;
    }
  } catch (_error) {
    results.replaceChildren(el("p", "muted", t("preview_failed")));
  }
}

/** A message in place of the preview, while the step cannot be drawn. */
export function previewMessage(phone, screen, message) {
  phone.replaceChildren(el("p", "preview-note", message));
  projector(screen).replaceChildren();
}

/** Scales the projector's frame down to the width of the box it is in. */
export function fitStage(frame, stage) {
  const fit = () => {
    const scale = frame.clientWidth / stage.offsetWidth;
    stage.style.transform = `scale(${scale})`;
    frame.style.height = `${stage.offsetHeight * scale}px`;
  };
  new ResizeObserver(fit).observe(frame);
  fit();
}
