#!/bin/sh
# Installs the Debian packages the tests drive: Chromium for the browser tests, qpdf and
# poppler-utils to check and render the PDF report, DejaVu and Symbola fonts for it, npm for
# axe-core and puppeteer-core, Firefox ESR for the phone checks in a second engine, and nginx
# for the test that runs docs/deployment.md's proxy in front of two processes.
# Does nothing when they are all present; needs root (or sudo) otherwise.
set -eu
missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v qpdf >/dev/null 2>&1 || missing="$missing qpdf"
command -v pdftoppm >/dev/null 2>&1 || missing="$missing poppler-utils"
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing="$missing fonts-dejavu-core"
# Symbola draws the report's emoji and symbols (monochrome, so the PDF can embed it).
[ -f /usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf ] || missing="$missing fonts-symbola"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing="$missing nginx-light"
# Firefox ESR runs the phone's width and receipt checks a second time, in Gecko.
command -v firefox-esr >/dev/null 2>&1 || missing="$missing firefox-esr"
if [ -n "$missing" ]; then
  echo "Installing Debian packages:$missing"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
fi
# axe-core from npm, for the accessibility check of every surface (kept out of git).
if [ ! -f tests/e2e/.axe/node_modules/axe-core/axe.min.js ]; then
  npm install --silent --no-audit --no-fund --prefix tests/e2e/.axe axe-core@4 >/dev/null
fi
# esbuild from npm (package-lock.json), for the test that the committed build of the browser's
# files (static/build/) is what scripts/build_assets.mjs makes of today's sources (kept out of git).
if [ ! -d node_modules/esbuild ]; then
  npm ci --silent --no-audit --no-fund >/dev/null
fi
# puppeteer-core drives Debian's Firefox ESR over WebDriver BiDi (it downloads no browser;
# kept out of git).
if [ ! -d tests/e2e/.firefox/node_modules/puppeteer-core ]; then
  npm install --silent --no-audit --no-fund --prefix tests/e2e/.firefox puppeteer-core@24 >/dev/null
fi
