// How the console's commands reach the server: one after another, in the order they were given,
// each sent again when it was refused for going too fast or while the database was away, and held
// while the connection is away. It also remembers the session revisions its own commands made.

// Refusals after which the command changed nothing and may simply go again.
const RETRY_CODES = new Set(["too_fast", "unavailable"]);
const RETRY_WAIT_MS = 400;
const RETRY_TRIES = 25;

export class Sender {
  constructor(client) {
    this.client = client;
    this.queue = Promise.resolve();
    this.wake = null; // resolves the wait of a command held back while the connection is away
    this.ownRevisions = new Set();
  }

  /**
   * Run `job` after every command given before it; `job` gets a function that emits one
   * payload (again if need be) and returns its ack. Returns what `job` returns.
   */
  inTurn(job) {
    const done = this.queue.then(() => job((payload) => this.send(payload)));
    this.queue = done.catch(() => undefined);
    return done;
  }

  async send(payload) {
    let ack = null;
    for (let attempt = 0; attempt < RETRY_TRIES; attempt += 1) {
      if (!this.client.connected) await new Promise((resolve) => (this.wake = resolve));
      ack = await this.client.request("command", payload);
      if (ack.ok && typeof ack.revision === "number") this.ownRevisions.add(ack.revision);
      if (ack.ok || !ack.error || !RETRY_CODES.has(ack.error.code)) return ack;
      await new Promise((resolve) => setTimeout(resolve, RETRY_WAIT_MS * Math.min(attempt + 1, 5)));
    }
    return ack;
  }

  /** How many revisions in a row after `revision` this console's own commands made. */
  ownChangesAfter(revision) {
    let count = 0;
    while (this.ownRevisions.has(revision + count + 1)) count += 1;
    return count;
  }

  /** The connection is back: commands held while it was away go, in order. */
  retryWaiting() {
    if (this.wake) this.wake();
    this.wake = null;
  }
}
