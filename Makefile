# Two commands on a fresh machine: `make run` and `make test`. Each sets up .venv first.
VENV    ?= .venv
PYTHON  ?= python3
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed-$(shell sha256sum pyproject.toml | cut -c1-12)
HOST    ?= 127.0.0.1
PORT    ?= 8000

export OMP_NUM_THREADS ?= 1
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False

.PHONY: install run test test-fast lint typecheck pytest bench eval clean

install: $(STAMP)

# torch is installed first and pinned: an unpinned torch pulls a multi-GB CUDA build.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q torch==2.13.0
	$(BIN)/python -m pip install -q -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $@

run: $(STAMP)
	$(BIN)/shien serve --host $(HOST) --port $(PORT)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy ingest service tests bench

# Two worker processes (pytest-xdist): much of the suite waits on browsers, servers and subprocesses.
# Each module's tests stay in one worker (tests/conftest.py). PYTEST_WORKERS=0 runs it in one process.
PYTEST_WORKERS ?= 2
# Two workers on two cores: each embeds on one (as a serving process does; PyTorch threads over cores in use
# wait on each other).
PYTEST  := SHIEN_EMBED_WORKERS=1 $(BIN)/pytest -q -n $(PYTEST_WORKERS)
# The tests that time /healthz under load run after the rest, in one process: beside another worker's model
# inference on two cores they would time the machine, not the service. Both runs report before make fails.
ALONE   := SHIEN_EMBED_WORKERS=1 $(BIN)/pytest -q -m alone --add-figures

pytest: $(STAMP)
	$(PYTEST) -m "not alone"; parallel=$$?; $(ALONE) && exit $$parallel

test: lint typecheck pytest

# Everything but the slow runs (the SIGKILL ingests, the two-worker deployment); `make test` and CI run them too.
test-fast: lint typecheck $(STAMP)
	$(PYTEST) -m "not slow and not alone"; parallel=$$?; $(ALONE) && exit $$parallel

bench: $(STAMP)
	$(BIN)/python bench/parse_bench.py
	$(BIN)/python bench/retrieval_bench.py
	$(BIN)/python bench/api_load.py --concurrency 1,8,32 --workers 1,2 --requests 96

eval: $(STAMP)
	$(BIN)/shien eval

clean:
	rm -rf $(VENV) data .mypy_cache .pytest_cache .ruff_cache
