# The two commands of the README:
#   make book   set up the machine and build the HTML book into _build/html (open _build/html/index.html)
#   make test   set up the machine, build the book, lint, and run every test (unit, stored outputs, browser)
# and for contributors:
#   make unit           the fast tests only (package, project hygiene, prose; no build, no browser)
#   make lint           ruff check and ruff format --check on the package, tests and scripts; ruff on the
#                       chapters (79 columns)
#   make lint-chapters  ruff on the chapters only
#   make notebooks      re-execute the chapters and save their outputs (the stored baseline);
#                       `make notebooks CHAPTERS="04 06"` for some of them
#   make bench          the benchmarks (ratios within one run)
# Each chapter executes once per `make test`: the build fills _build/.jupyter_cache and the tests compare
# that run with the stored outputs (see scripts/exec_cache.py); `make book` after it executes nothing.
# The tests that need no built book run beside the build (scripts/test.sh --build).
# Python caches what it compiles (.pyc, in .venv/ and src/): a machine that sets PYTHONDONTWRITEBYTECODE
# would otherwise recompile numpy, SymPy, matplotlib ... in every kernel, worker and server of a run
# (4 s instead of 1.1 s to import the chapters' stack; about 30 processes per `make test`).
unexport PYTHONDONTWRITEBYTECODE

.PHONY: book test unit lint lint-src lint-chapters notebooks setup setup-test bench clean pdf

PY := .venv/bin/python
RUFF := .venv/bin/ruff
CHAPTERS ?=

book: setup
	scripts/build_book.sh

test: setup-test
	scripts/test.sh --build

unit: setup-test
	$(PY) -m pytest -n 2 --dist worksteal -p no:cacheprovider -q tests --ignore=tests/browser -m "not build" \
	    --deselect tests/test_build.py::test_a_failing_cell_fails_the_build

lint: setup-test lint-src lint-chapters

lint-src:
	$(RUFF) check src tests scripts benchmarks
	$(RUFF) format --check src tests scripts benchmarks

# What the book displays: code lines of at most 79 characters.
lint-chapters:
	$(RUFF) check --line-length 79 chapters

notebooks: setup
	$(PY) scripts/execute_chapters.py $(CHAPTERS)

setup:
	scripts/setup.sh

setup-test:
	scripts/setup.sh --test

# The book as one PDF, _build/pdf/backprop-book.pdf, printed from _build/html (run make book first) by the
# browser tests' Chromium; nothing downloaded (scripts/make_pdf.py).
pdf: setup-test
	$(PY) -m scripts.make_pdf

bench: setup
	$(PY) benchmarks/bench_backprop.py
	$(PY) benchmarks/bench_symbolic.py
	$(PY) benchmarks/bench_widgets.py

clean:
	rm -rf _build vendor
