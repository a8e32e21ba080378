// Starting a follow-up meeting from an ended one, on the console and the overview: the form's
// fields go to POST /api/sessions, and the browser moves on to the new meeting's console.
//
// The overview holds each meeting's facilitator key and sends it; the console never holds its
// key, so its key cookie goes with the request instead.

import { t } from "./i18n.js";

/** The passcode as UTF-8 bytes in a header (a header carries bytes; "blåbær" must arrive whole). */
function headerValue(text) {
  return String.fromCharCode(...new TextEncoder().encode(text));
}

async function start(form, button) {
  const fields = form.elements;
  const box = form.querySelector("[data-follow-up-error]");
  const body = { dialogue: fields.dialogue.value, follow_up_of: form.dataset.code };
  if (form.dataset.key) body.follow_up_key = form.dataset.key;
  const title = fields.title.value.trim();
  if (title) body.title = title;
  const headers = { "Content-Type": "application/json" };
  if (fields.passcode) headers["X-Organiser-Passcode"] = headerValue(fields.passcode.value);
  const label = button.textContent;
  button.disabled = true;
  button.textContent = t("follow_up_starting");
  box.hidden = true;
  let message = t("follow_up_failed");
  try {
    // The server's message in this page's language, whatever the meeting's language.
    const lang = encodeURIComponent(document.documentElement.lang || "da");
    const response = await fetch(`/api/sessions?lang=${lang}`, {
      method: "POST",
      credentials: "same-origin",
      headers,
      body: JSON.stringify(body),
    });
    const answer = await response.json().catch(() => null);
    if (response.ok && answer && answer.facilitator_url) {
      // Stay on the address this browser uses (the link may name the laptop's network address).
      const target = new URL(answer.facilitator_url, window.location.href);
      window.location.assign(target.pathname + target.search);
      return;
    }
    if (answer && answer.error && answer.error.message) message = answer.error.message;
  } catch (_error) {
    // No answer from the server: the general message says what to do.
  }
  box.querySelector("p").textContent = message;
  box.hidden = false;
  button.disabled = false;
  button.textContent = label;
}

// Make every follow-up form on the page work; their buttons wait for this.
for (const form of document.querySelectorAll("form[data-follow-up-form]")) {
  const button = form.querySelector("button[type=submit]");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!button.disabled) start(form, button);
  });
  // A plan too long to follow up keeps its button off: the form says why.
  button.disabled = button.hasAttribute("data-too-many");
}
