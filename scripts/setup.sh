#!/usr/bin/env bash
# Installs what building and testing Attune needs, and only what is missing. Safe to run again;
# takes a second when everything is there. Each step says why it is done the way it is.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_PACK_VERSION=0.15.1
BINARYEN_MAJOR=132

say() { printf 'setup: %s\n' "$*"; }
export PATH="$HOME/.cargo/bin:$PATH"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# 1. The WebAssembly target.
if rustup target list --installed | grep -qx 'wasm32-unknown-unknown'; then
  say "rust target wasm32-unknown-unknown: present"
else
  say "rust target wasm32-unknown-unknown: adding"
  rustup target add wasm32-unknown-unknown
fi

# 2. wasm-pack (from crates.io: the npm package downloads from GitHub and fails here).
have="$(wasm-pack --version 2>/dev/null | awk '{print $2}' || true)"
if [ "$have" = "$WASM_PACK_VERSION" ]; then
  say "wasm-pack $have: present"
else
  say "wasm-pack: ${have:-missing}, installing $WASM_PACK_VERSION (about 3 minutes)"
  cargo install wasm-pack --version "$WASM_PACK_VERSION" --locked
fi

# 3. The wasm-bindgen CLI at exactly the library's version in Cargo.lock
#    (without --locked: one of its locked dependencies is missing from the mirror).
if [ ! -f Cargo.lock ]; then
  say "Cargo.lock: missing, generating it"
  cargo generate-lockfile
fi
want="$(awk '$0 == "name = \"wasm-bindgen\"" { getline; if ($1 == "version") { gsub(/"/, "", $3); print $3; exit } }' Cargo.lock)"
if [ -z "$want" ]; then
  say "no wasm-bindgen package in Cargo.lock" >&2
  exit 1
fi
have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
if [ "$have" = "$want" ]; then
  say "wasm-bindgen CLI $have: present"
else
  say "wasm-bindgen CLI: ${have:-missing}, installing $want (about 4 minutes)"
  cargo install wasm-bindgen-cli --version "$want"
fi

# 4. Chromium and its driver, for wasm-pack's browser tests and the end-to-end tests.
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  say "chromium and chromedriver: present"
else
  say "chromium or chromedriver: missing, installing with apt-get"
  $SUDO apt-get update
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver
fi

# 4b. pdftotext (poppler-utils), for reading back the summary's printed PDF in the tests.
if command -v pdftotext >/dev/null; then
  say "pdftotext: present"
else
  say "pdftotext: missing, installing poppler-utils with apt-get"
  $SUDO apt-get update
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y poppler-utils
fi

# 5. zip and unzip, for `make release` and its test.
if command -v zip >/dev/null && command -v unzip >/dev/null; then
  say "zip and unzip: present"
else
  say "zip or unzip: missing, installing with apt-get"
  $SUDO apt-get update
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y zip unzip
fi

# 6. npm packages (terser, playwright-core, axe-core, binaryen's wasm-opt), exactly as locked.
#    node_modules must be this checkout's own folder: `npm ci` empties it first, and through a
#    symbolic link (say, to another worktree's) it would empty that one.
if [ -L node_modules ]; then
  say "node_modules is a symbolic link (to $(readlink node_modules)): npm ci would empty the folder it points to." >&2
  say "Remove the link (rm node_modules, which leaves its target alone) and run this again." >&2
  exit 1
fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
  say "node_modules: missing or older than package-lock.json, running npm ci"
  npm ci
  touch node_modules
else
  say "node_modules: up to date"
fi

# 7. npm's wasm-opt must come before any other (Debian's binaryen breaks the release build).
# shellcheck source=scripts/env.sh
. scripts/env.sh
wasm_opt="$(command -v wasm-opt || true)"
if [ "$wasm_opt" != "$PWD/node_modules/.bin/wasm-opt" ]; then
  say "wasm-opt on PATH is '${wasm_opt:-none}', expected node_modules/.bin/wasm-opt" >&2
  exit 1
fi
if ! wasm-opt --version | grep -q "version $BINARYEN_MAJOR"; then
  say "wasm-opt is not binaryen $BINARYEN_MAJOR: $(wasm-opt --version)" >&2
  exit 1
fi
say "wasm-opt: $(wasm-opt --version)"
say "ready. In your shell, run:  . scripts/env.sh"
