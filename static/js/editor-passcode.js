// The organiser passcode, asked for on the editor's page when the server is set up with one:
// writing tools follows the passcode as uploads do. Once the server has taken it, it remembers
// this browser; the passcode is also sent with every call of this page (editor-store.js).

const $ = (id) => document.getElementById(id);

export class PasscodeGate {
  constructor() {
    this.value = "";
    this.asking = null;
  }

  /** Asks until `tries(passcode)` is not refused (listing the drafts needs the passcode). */
  unlock(message, tries) {
    if (!this.asking) {
      this.asking = this.askUntilTaken(message, tries).finally(() => {
        this.asking = null;
      });
    }
    return this.asking;
  }

  async askUntilTaken(message, tries) {
    this.ask(message);
    for (;;) {
      this.value = await this.given();
      try {
        await tries();
        break;
      } catch (error) {
        this.ask(error.message);
      }
    }
    $("passcode-box").hidden = true;
  }

  ask(message) {
    $("passcode-box").hidden = false;
    $("passcode-message").textContent = message || "";
    $("passcode").focus();
  }

  given() {
    return new Promise((resolve) => {
      const form = $("passcode-form");
      const submitted = (event) => {
        event.preventDefault();
        form.removeEventListener("submit", submitted);
        resolve($("passcode").value);
      };
      form.addEventListener("submit", submitted);
    });
  }
}
