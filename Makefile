# One command per habit; CI runs `make test` (see .ci/run).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
EXAMPLE ?= glow_botanicals
PACK ?= strategy_campaign_standard

.PHONY: demo test lint bench install install-dev clean browser

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

# llama.cpp (for the real local LLM in tests) is compiled for a portable AVX2 baseline: a native build picks up
# AMX/AVX-512 kernels that crash in some virtual machines. pip caches the built wheel after the first install.
LLAMA_CMAKE_ARGS ?= -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON

install-dev: $(BIN)/python
	CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(BIN)/pip install --quiet -e '.[dev]'

## demo: install and write a full pack from a sample brief, offline (out/demo/pack.md, pack.json)
demo: install
	$(BIN)/aicmo generate --example $(EXAMPLE) --pack $(PACK) --out out/demo --format md,json,pdf

# the browser test drives Debian's Chromium (never a downloaded browser)
browser:
	@command -v chromedriver >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null)

## test: install with dev extras, lint, run the whole test suite and the offline eval suite
test: install-dev browser
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q
	$(BIN)/aicmo eval run --dataset all --engine offline --quiet --out eval-results/ci

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/mypy

## bench: speed and memory of every pack x every sample brief (prints a table)
bench: install
	$(BIN)/python -m benchmarks.packs

clean:
	rm -rf $(VENV) out .pytest_cache .ruff_cache .mypy_cache
