// Builds the browser's files into static/build/ (committed; the app serves them, and a test
// rebuilds them into a temporary folder to check that they are fresh):
//
//   js/core.js          the modules that a page and the kinds share (the kinds' registry, the
//                       page's words, ...), published once on globalThis.dialogueModules
//   js/kinds/<kind>.js  one piece per step kind, registering it; shared modules come from core
//   js/<page>.js        one piece per page script (phone, console, ...); the same rule
//   css/**.css          every stylesheet, minified
//   manifest.json       which pieces exist, what core holds, which pages use the socket
//
// The server (workshop/web/assets.py) joins the socket client, core, the kinds a session needs
// and the page's own piece into one file per page, in that order, so every kind has
// registered itself before the page first asks for one. Every piece is a classic script, so
// one file can hold them all.
//
//   node scripts/build_assets.mjs [OUT]   (OUT defaults to static/build)

import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const JS = path.join(ROOT, "static/js");
const CSS = path.join(ROOT, "static/css");
const OUT = path.resolve(process.argv[2] || path.join(ROOT, "static/build"));
const GLOBAL = "dialogueModules";
// The page scripts that templates load, one piece each.
const PAGES = ["phone", "console", "screen", "editor", "follow-up", "print"];
// Kept as the sources say it: every browser that runs the pages' modules today runs this.
const TARGET = ["es2020"];

const common = {
  absWorkingDir: ROOT,
  bundle: true,
  format: "iife",
  minify: true,
  target: TARGET,
  charset: "utf8",
  legalComments: "none",
  logLevel: "error",
};

/** Source path relative to static/js, with forward slashes. */
const jsKey = (file) => path.relative(JS, path.resolve(ROOT, file)).split(path.sep).join("/");

/** The kinds' own modules: the files under static/js/kinds/ that register a kind. */
function kindNames() {
  return readdirSync(path.join(JS, "kinds"))
    .filter((name) => name.endsWith(".js"))
    .filter((name) => /^export default register\(/m.test(readFileSync(path.join(JS, "kinds", name), "utf8")))
    .map((name) => name.slice(0, -3))
    .sort();
}

/** Every module a piece would hold if it were built alone, with their imports. */
async function graph(entry) {
  const result = await esbuild.build({ ...common, minify: false, entryPoints: [entry], write: false, metafile: true });
  const modules = new Map();
  for (const [file, input] of Object.entries(result.metafile.inputs)) {
    modules.set(jsKey(file), input.imports.map((used) => jsKey(used.path)));
  }
  return modules;
}

/** The shared modules: those a kind uses that another kind or any page uses too, the kinds'
 * registry, and everything they import (so that nothing in core is also copied elsewhere). */
function shared(kindGraphs, pageGraphs) {
  const uses = new Map();
  for (const modules of kindGraphs) for (const key of modules.keys()) uses.set(key, (uses.get(key) || 0) + 1);
  const onPages = new Set(pageGraphs.flatMap((modules) => [...modules.keys()]));
  const core = new Set(["kinds/index.js"]);
  for (const [key, count] of uses) if (count > 1 || onPages.has(key)) core.add(key);
  const imports = new Map();
  for (const modules of [...kindGraphs, ...pageGraphs]) for (const [key, used] of modules) imports.set(key, used);
  const queue = [...core];
  while (queue.length) {
    for (const used of imports.get(queue.pop()) || []) {
      if (!core.has(used)) {
        core.add(used);
        queue.push(used);
      }
    }
  }
  return core;
}

/** What each shared module exports, by its key. */
async function exportsOf(core) {
  const result = await esbuild.build({
    ...common,
    bundle: false,
    format: "esm",
    minify: false,
    entryPoints: [...core].map((key) => `static/js/${key}`),
    outdir: "out",
    write: false,
    metafile: true,
  });
  const names = new Map();
  for (const output of Object.values(result.metafile.outputs)) names.set(jsKey(output.entryPoint), output.exports);
  return names;
}

/** Resolves an import of a shared module to core's copy on the global (core holds no
 * `export let`, so a copy of each binding is as good as the binding). */
function fromCore(core, names) {
  return {
    name: "from-core",
    setup(build) {
      build.onResolve({ filter: /\.js$/ }, (args) => {
        if (args.kind === "entry-point") return undefined;
        const key = jsKey(path.resolve(args.resolveDir, args.path));
        return core.has(key) ? { path: key, namespace: "core" } : undefined;
      });
      build.onLoad({ filter: /.*/, namespace: "core" }, (args) => ({
        contents: `export const { ${names.get(args.path).join(", ")} } = globalThis.${GLOBAL}[${JSON.stringify(args.path)}];`,
        loader: "js",
      }));
    },
  };
}

async function piece(entry, outfile, core, names) {
  const result = await esbuild.build({
    ...common,
    entryPoints: [entry],
    outfile,
    write: false,
    plugins: [fromCore(core, names)],
  });
  return result.outputFiles[0].contents;
}

async function coreSource(core) {
  const keys = [...core].sort();
  const lines = keys.map((key, i) => `import * as m${i} from ${JSON.stringify(`./${key}`)};`);
  lines.push(`globalThis.${GLOBAL} = Object.freeze({${keys.map((key, i) => `${JSON.stringify(key)}: m${i}`).join(", ")}});`);
  const result = await esbuild.build({
    ...common,
    stdin: { contents: lines.join("\n"), resolveDir: JS, sourcefile: "core.js", loader: "js" },
    write: false,
  });
  return result.outputFiles[0].contents;
}

async function sheet(file) {
  const result = await esbuild.build({ ...common, bundle: false, format: undefined, entryPoints: [file], write: false, loader: { ".css": "css" } });
  return result.outputFiles[0].contents;
}

function cssFiles(dir, prefix = "") {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.isDirectory()) found.push(...cssFiles(path.join(dir, entry.name), `${prefix}${entry.name}/`));
    else if (entry.name.endsWith(".css")) found.push(`${prefix}${entry.name}`);
  }
  return found;
}

/** A piece as the modules ran: in strict mode (a classic script is not, by itself). */
function strict(contents) {
  const text = new TextDecoder().decode(contents);
  if (!text.startsWith("(()=>{")) throw new Error("a piece is not one function");
  return new TextEncoder().encode(`(()=>{"use strict";${text.slice(6)}`);
}

async function main() {
  const kinds = kindNames();
  const kindGraphs = await Promise.all(kinds.map((name) => graph(`static/js/kinds/${name}.js`)));
  const pageGraphs = await Promise.all(PAGES.map((name) => graph(`static/js/${name}.js`)));
  const core = shared(kindGraphs, pageGraphs);
  const names = await exportsOf(core);
  const files = new Map();
  files.set("js/core.js", strict(await coreSource(core)));
  for (const name of kinds) files.set(`js/kinds/${name}.js`, strict(await piece(`static/js/kinds/${name}.js`, `${name}.js`, core, names)));
  for (const name of PAGES) files.set(`js/${name}.js`, strict(await piece(`static/js/${name}.js`, `${name}.js`, core, names)));
  for (const name of cssFiles(CSS)) files.set(`css/${name}`, await sheet(`static/css/${name}`));
  const manifest = {
    comment: "Written by scripts/build_assets.mjs; do not edit.",
    core: [...core].sort(),
    kinds,
    pages: Object.fromEntries(
      PAGES.map((name, i) => [name, { core: [...pageGraphs[i].keys()].some((key) => core.has(key)), socket: pageGraphs[i].has("socket.js") }]),
    ),
    sheets: cssFiles(CSS).map((name) => name.slice(0, -4)),
  };
  files.set("manifest.json", new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`));
  rmSync(OUT, { recursive: true, force: true });
  for (const [name, contents] of files) {
    mkdirSync(path.dirname(path.join(OUT, name)), { recursive: true });
    writeFileSync(path.join(OUT, name), contents);
  }
}

await main();
