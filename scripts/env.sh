# Source me from the repository root:  . scripts/env.sh
# Puts npm's binaryen (a modern wasm-opt; Debian's breaks the release build) and cargo's tools
# (wasm-pack, wasm-bindgen) first on PATH, and points wasm-pack's test runner at chromedriver.
if [ -n "${BASH_SOURCE:-}" ]; then
  ATTUNE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
else
  ATTUNE_ROOT="$PWD"
fi
case ":$PATH:" in
  ":$ATTUNE_ROOT/node_modules/.bin:$HOME/.cargo/bin:"*) ;;
  *) PATH="$ATTUNE_ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH" ;;
esac
export PATH
export CHROMEDRIVER=/usr/bin/chromedriver
