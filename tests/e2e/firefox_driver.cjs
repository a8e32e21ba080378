// Drives Debian's Firefox ESR for the Python tests, through puppeteer-core (WebDriver BiDi).
//
// One JSON command a line on stdin, one JSON reply a line on stdout:
//   {"op": "goto", "url"}            {"op": "viewport", "width", "height"}
//   {"op": "evaluate", "js", "arg"?}  the value of `(js)(arg)` in the page
//   {"op": "wait", "js", "arg"?, "timeout"}  until `(js)(arg)` is truthy in the page
//   {"op": "click", "selector"}      {"op": "fill", "selector", "text"}
//   {"op": "screenshot", "path"}     {"op": "close"}
// A reply is {"ok": true, "value"?} or {"ok": false, "error"}; page errors are collected and
// returned by {"op": "errors"}.
"use strict";

const path = require("node:path");
const readline = require("node:readline");
const { createRequire } = require("node:module");

// puppeteer-core lives in a git-ignored folder beside this script (scripts/system-deps.sh).
const local = createRequire(path.join(__dirname, ".firefox", "package.json"));
const puppeteer = local("puppeteer-core");

async function main() {
  const browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: process.env.FIREFOX || "/usr/bin/firefox-esr",
    headless: true,
    protocolTimeout: 120000,
    extraPrefsFirefox: { "intl.accept_languages": "da-DK, da", "intl.locale.requested": "da" },
  });
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error && error.message ? error.message : error)));
  const run = {
    goto: (c) => page.goto(c.url, { waitUntil: "load" }).then(() => null),
    viewport: (c) => page.setViewport({ width: c.width, height: c.height }),
    evaluate: (c) => page.evaluate(`(${c.js})(${JSON.stringify(c.arg ?? null)})`),
    wait: (c) =>
      page
        .waitForFunction(`(${c.js})(${JSON.stringify(c.arg ?? null)})`, { timeout: c.timeout || 30000, polling: 100 })
        .then(() => null),
    click: (c) => page.click(c.selector),
    // As Playwright's fill: the whole text at once, then the input event the page listens to.
    fill: (c) =>
      page.$eval(
        c.selector,
        (node, text) => {
          node.focus();
          node.value = text;
          node.dispatchEvent(new Event("input", { bubbles: true }));
        },
        c.text,
      ),
    screenshot: (c) => page.screenshot({ path: c.path, fullPage: true }).then(() => null),
    errors: async () => errors.splice(0),
  };
  const lines = readline.createInterface({ input: process.stdin });
  for await (const line of lines) {
    const command = JSON.parse(line);
    if (command.op === "close") break;
    let reply;
    try {
      const value = await run[command.op](command);
      reply = { ok: true, value: value === undefined ? null : value };
    } catch (error) {
      reply = { ok: false, error: String(error && error.message ? error.message : error) };
    }
    process.stdout.write(`${JSON.stringify(reply)}\n`);
  }
  await browser.close();
}

main().catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
