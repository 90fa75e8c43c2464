# The two commands of the README:
#   make book   set up the machine and build the HTML book into _build/html (open _build/html/index.html)
#   make test   set up the machine, build the book, and run every test (unit, notebooks, browser)
.PHONY: book test setup setup-test bench clean

book: setup
	scripts/build_book.sh

test: setup-test
	scripts/build_book.sh
	scripts/test.sh

setup:
	scripts/setup.sh

setup-test:
	scripts/setup.sh --test

bench: setup
	.venv/bin/python benchmarks/bench_backprop.py
	.venv/bin/python benchmarks/bench_symbolic.py
	.venv/bin/python benchmarks/bench_widgets.py

clean:
	rm -rf _build vendor
