# Attune: build, demo, test, bench, package, release. Every target first runs scripts/setup.sh
# (quick when all is installed), and every recipe runs with scripts/env.sh sourced (npm's wasm-opt
# first on PATH).
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.ONESHELL:
.NOTPARALLEL:
.PHONY: setup dist demo test bench package release clean

ENV := . scripts/env.sh
# The engine keeps the page's objects it holds in the glue's own list, not in a wasm table of
# references: wasm-bindgen then puts no table shim in the wasm for each binding (1.0 KB gzip).
# wasm-bindgen chooses by the wasm's `target_features` section, where Rust's own std, built with
# reference types, would name them, so that section goes at link time (`-C strip=symbols`).
# The stack goes after the data (`--no-stack-first`): the code names a constant by its address,
# a signed number in two bytes below 8 KB, three below 1 MB and four above, and the data now
# starts at 1 KB instead of above the 1 MB stack (0.7 KB gzip). An overflow would then run into
# the data instead of trapping, so no recursion in the engine is left unbounded (JSON nests at
# most 32 deep, plural blocks 4), and each way into the engine puts the stack back when page code
# it called throws (`keepStack` in scripts/dist.mjs); the deepest stack in the end-to-end tests
# is 4.3 KB.
# The browser tests build with the same flags, so they test what ships. scripts/size.mjs reads
# this line.
WASM_RUSTFLAGS := -C target-feature=-reference-types -C strip=symbols -C link-arg=--no-stack-first
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS := $(WASM_RUSTFLAGS)
WASM_PACK_BUILD := wasm-pack build --target web --release --out-dir pkg --out-name attune --no-typescript -- --features small-panic

setup:
	scripts/setup.sh

dist: setup
	$(ENV)
	$(WASM_PACK_BUILD)
	node scripts/dist.mjs

demo: dist
	$(ENV)
	node scripts/serve.mjs "$${PORT:-8080}"

test: setup
	$(ENV)
	cargo test
	wasm-pack test --headless --chrome
	$(WASM_PACK_BUILD)
	node scripts/dist.mjs --check
	npm run test:e2e
	node scripts/package.mjs
	npm run test:package

# The npm package: target/package/<name>-<version>.tgz (see docs/package.md).
package: dist
	$(ENV)
	node scripts/package.mjs

# The archive for site owners: attune-<version>.zip (see docs/site-owners.md).
release: dist
	$(ENV)
	node scripts/release.mjs

bench: dist
	$(ENV)
	command -v twiggy >/dev/null || cargo install twiggy --version 0.8.0 --locked
	node scripts/size.mjs
	cargo run --release --bin phase-bench
	node scripts/bench.mjs
	node scripts/lighthouse.mjs

clean:
	rm -rf pkg dist target/package target/package-tests attune-*.zip
