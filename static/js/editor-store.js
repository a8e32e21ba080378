// The editor's calls to the server: the kinds' descriptions, drafts, checks and previews.
//
// Every call carries the page's language (the server's messages come back in it) and the
// organiser passcode when one is asked for: writing tools follows the passcode as uploads do.

const lang = () => encodeURIComponent(document.documentElement.lang || "da");

/** A refusal from the server, with its code and a message in the reader's language. */
export class ServerError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

function headerValue(text) {
  // A header carries Latin-1 only: a passcode such as "blåbær" goes as its UTF-8 bytes.
  return String.fromCharCode(...new TextEncoder().encode(text));
}

export class DraftStore {
  /** `passcode()` gives the passcode the organiser typed, or "" when none is asked for. */
  constructor(passcode = () => "", noReply = "") {
    this.passcode = passcode;
    this.noReply = noReply;
  }

  /** The server's response to a call, or a ServerError when it refuses or does not answer. */
  async send(method, path, body, accept = "application/json") {
    const headers = { Accept: accept };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const given = this.passcode();
    if (given) headers["X-Organiser-Passcode"] = headerValue(given);
    const separator = path.includes("?") ? "&" : "?";
    let response;
    try {
      response = await fetch(`${path}${separator}lang=${lang()}`, {
        method,
        headers,
        credentials: "same-origin",
        cache: "no-store",
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (_error) {
      throw new ServerError(0, "no_reply", this.noReply);
    }
    if (!response.ok) {
      const answer = await response.json().catch(() => null);
      const error = (answer && answer.error) || {};
      throw new ServerError(response.status, error.code || "error", error.message || this.noReply);
    }
    return response;
  }

  /** The server's JSON answer (null for 204 No Content). */
  async call(method, path, body) {
    const response = await this.send(method, path, body);
    return response.status === 204 ? null : response.json().catch(() => null);
  }

  kinds() {
    return this.call("GET", "/api/tool-editor/kinds");
  }

  drafts() {
    return this.call("GET", "/api/tool-drafts");
  }

  /** A blank draft, a copy of the tool `from`, or (`edit`) a draft of that tool itself. */
  create(from, edit = false) {
    return this.call("POST", "/api/tool-drafts", edit ? { from, edit } : { from });
  }

  load(id) {
    return this.call("GET", `/api/tool-drafts/${encodeURIComponent(id)}`);
  }

  save(id, document) {
    return this.call("PUT", `/api/tool-drafts/${encodeURIComponent(id)}`, { document });
  }

  /** The problems of `document`; the draft's own published tool does not take its id. */
  check(document, draft) {
    return this.call("POST", "/api/tool-drafts/check", draft ? { document, draft } : { document });
  }

  preview(document, step) {
    return this.call("POST", "/api/tool-drafts/preview", { document, step });
  }

  /** A meeting (or a rehearsal) of the published tool: its console's address. */
  async start(toolId, practice) {
    const answer = await this.call("POST", "/api/sessions", { dialogue: toolId, practice });
    const target = new URL(answer.facilitator_url, window.location.href);
    return target.pathname + target.search;
  }

  /** The draft as its YAML file ("Hent som fil"), with the name the server gives it. */
  async file(id) {
    const path = `/api/tool-drafts/${encodeURIComponent(id)}.yaml`;
    const response = await this.send("GET", path, undefined, "application/yaml");
    const named = /filename="?([^";]+)"?/.exec(response.headers.get("Content-Disposition") || "");
    return { blob: await response.blob(), name: named ? named[1] : `${id}.yaml` };
  }
}
