# Two commands make a working course: `make book` and `make test`.
# Pick the interpreter with PYTHON=, for example `make book PYTHON=python3.11`.
PYTHON ?= python3
# One environment per Python (.venv-<version>), so that trying another Python loses nothing.
PYTHON_VERSION := $(shell $(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)
VENV := .venv-$(PYTHON_VERSION)
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings

# The MyST notebooks: the .md pages whose header names a kernel.
NOTEBOOKS := $(shell grep -l '^kernelspec:' chapters/*.md exercises/*.md)
# The supported Pythons, named in supported-pythons.txt only: the first is the reference, whose
# book build the other Pythons' outputs are compared with (same-numbers); one is Colab's.
SUPPORTED_VERSIONS := $(shell sed -n 's/^[^\#]*python_version *== *"\([0-9.]*\)".*/\1/p' supported-pythons.txt)
COLAB_VERSION := $(shell sed -n 's/^[^\#]*python_version *== *"\([0-9.]*\)".*\# *colab.*/\1/p' supported-pythons.txt)
REFERENCE_VERSION ?= $(firstword $(SUPPORTED_VERSIONS))
REFERENCE_PYTHON ?= python$(REFERENCE_VERSION)
# The notebooks as the book offers them for download: with the outputs its build stored.
EXECUTED := $(patsubst %.md,_build/html/%.ipynb,$(NOTEBOOKS))
# The built book. Its notebooks whose code changed are executed first, one per core, into the
# build's execution cache (tools/execute_notebooks.py); the build then takes every notebook
# from the cache. The stamp lets what needs a built book (notebooks, test-browser) use it as it is.
BOOK := _build/html/.book-built
BOOK_SOURCES := _config.yml _toc.yml intro.md $(wildcard chapters/*.md exercises/*.md _ext/*.py _static/* \
	d2l_mini/*.py grading/*.py)
# Execute notebooks again and compare each output with the stored one (cells of one notebook
# stay on one worker); the sanitizer masks what differs by design (tests/nbval_sanitize.cfg).
# The built book in headless Chromium: one browser for the whole run, so no xdist.
BROWSER_TESTS = $(BIN)/pytest -p no:xdist tests/browser
COMPARE = $(BIN)/pytest -n auto --dist loadscope --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg

.PHONY: book test unit notebooks test-browser test-colab lint lint-python lint-notebooks lint-workflows \
	lab student same-numbers bench bench-tooling check-python clean

# The requirements pin exact versions for each Python of supported-pythons.txt and were tested
# on each: tools/check_python.py stops any other Python in one line.
check-python:
	@$(PYTHON) -c pass >/dev/null 2>&1 || { echo "No Python found as '$(PYTHON)': this book needs one of Python $(SUPPORTED_VERSIONS); name one with PYTHON=, e.g. make book PYTHON=python$(lastword $(SUPPORTED_VERSIONS))"; exit 1; }
	@$(PYTHON) tools/check_python.py

# uv (pinned in requirements-uv.txt) installs the exact pins, in seconds where pip takes a
# minute, compiled to bytecode as pip does (without it every kernel start compiled MXNet
# again: 2 CPU seconds per notebook). MXNet last: without its declared dependencies (see
# requirements-mxnet.txt). Then the .pth file that restores, before MXNet is imported, the
# NumPy names it reads (mxnet_compat.py); MXNet's operator functions compiled once, which
# more than halves every kernel's `import mxnet` (mxnet_op_cache.py); and the kernels'
# settings (tools/ipython_kernel_config.py).
$(INSTALLED): requirements.txt requirements-mxnet.txt requirements-uv.txt supported-pythons.txt \
		pyproject.toml tools/ipython_kernel_config.py mxnet_op_cache.py
	@$(MAKE) --no-print-directory check-python
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -r requirements-uv.txt
	$(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python -r requirements.txt
	$(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python --no-deps -r requirements-mxnet.txt
	$(BIN)/python -m mxnet_compat --install
	$(BIN)/python -m mxnet_op_cache --install
	mkdir -p $(VENV)/etc/ipython
	cp tools/ipython_kernel_config.py $(VENV)/etc/ipython/
	touch $(INSTALLED)

book: check-python $(BOOK)
	@echo "The book is at $(CURDIR)/_build/html/index.html"

# Page 1.9 times code and checks what it measured: it runs alone, with no notebook beside it.
TIMED_NOTEBOOKS := chapters/09_how-fast-is-our-data-pipeline.md
$(BOOK): $(INSTALLED) $(BOOK_SOURCES)
	$(BIN)/python tools/execute_notebooks.py --cache _build/.jupyter_cache \
		$(addprefix --alone ,$(filter $(TIMED_NOTEBOOKS),$(NOTEBOOKS))) \
		$(filter-out $(TIMED_NOTEBOOKS),$(NOTEBOOKS))
	$(BIN)/jupyter-book build . -W --keep-going
	touch $(BOOK)

# The unit tests; then the notebooks (below); then, where Chromium is installed (always in
# CI), the built book in a real browser. Each notebook runs twice: once in the book build
# (only if its code changed since the last build) and once in the comparison.
test: unit notebooks
	@if command -v chromium >/dev/null 2>&1 || [ "$${CI:-}" = true ]; then \
		$(MAKE) --no-print-directory pdf && $(BROWSER_TESTS); \
	else \
		echo "Browser tests skipped: Chromium is not installed (Debian/Ubuntu: apt-get install chromium)"; \
	fi

# A downloaded notebook, run as Colab runs it: Colab's Python, NumPy 2, offline (tests/colab).
# It needs the book's downloadable notebooks: builds the book first where there is none. The
# notebooks branch is laid out from that book: the Colab links must name its files.
COLAB_PYTHON ?= python$(COLAB_VERSION)
test-colab: check-python $(INSTALLED)
	@test -f $(firstword $(EXECUTED)) || $(MAKE) --no-print-directory book
	@$(MAKE) --no-print-directory notebooks-branch-folder
	COLAB_PYTHON=$(COLAB_PYTHON) $(BIN)/pytest -p no:xdist tests/colab

# What the workflow publishes to the branch `notebooks`, which the book's Colab and
# JupyterHub links open: the book's notebooks at their sources' paths, and the student
# edition under student/ (tools/make_notebooks_branch.py). The -folder target lays it out
# from the book already built, as test-colab does on a Python that did not build it.
NOTEBOOKS_BRANCH := _build/notebooks-branch
.PHONY: notebooks-branch notebooks-branch-folder
notebooks-branch: book
	@$(MAKE) --no-print-directory notebooks-branch-folder
notebooks-branch-folder: check-python $(INSTALLED)
	$(BIN)/python tools/make_notebooks_branch.py --book _build/html --output $(NOTEBOOKS_BRANCH)

# The workflow's publish-notebooks job: the folder as the next commit of the branch (never a
# force push, so nbgitpuller can merge it into a student's copy). Needs no environment.
.PHONY: publish-notebooks-branch
publish-notebooks-branch:
	@test -n "$(NOTEBOOKS_REMOTE)" || { echo "make publish-notebooks-branch needs NOTEBOOKS_REMOTE=<git URL>"; exit 2; }
	@.ci/publish-notebooks-branch $(NOTEBOOKS_BRANCH) "$(NOTEBOOKS_REMOTE)" notebooks "$(NOTEBOOKS_MESSAGE)"

# The unit tests alone (tests/, without the notebooks and the browser).
unit: check-python $(INSTALLED)
	$(BIN)/pytest -n auto --dist loadscope tests

# The book build executes each notebook (those whose code changed; the rest come from its
# execution cache); then nbval executes each notebook the build stored again and compares
# every output with the stored one. A cell that raises, a hidden check that fails and an
# output that changed each fail, with the cell and the difference.
notebooks: check-python $(BOOK)
	$(COMPARE) $(EXECUTED)

# The pages, and the PDFs of make pdf, which the landing page links to.
test-browser: check-python pdf
	$(BROWSER_TESTS)

# The same numbers on this Python as on $(REFERENCE_PYTHON): re-execute, with this Python, the
# notebooks of a book built with $(REFERENCE_PYTHON) and compare every output, as notebooks does.
# Builds that book first where there is none.
same-numbers: check-python $(INSTALLED)
	@test -f $(firstword $(EXECUTED)) || $(MAKE) --no-print-directory book PYTHON=$(REFERENCE_PYTHON)
	$(BIN)/python tools/check_executed_by.py --python $(REFERENCE_VERSION) $(EXECUTED)
	$(COMPARE) $(EXECUTED)

# Speed, measured: the data iterators, and the chapter's training with each of them.
bench: check-python $(INSTALLED)
	$(BIN)/python benchmarks/iterators.py --json _build/bench-iterators.json
	$(BIN)/python benchmarks/training.py --json _build/bench-training.json

# The tooling's speed: `make book` fresh (a new clone), cold (no _build) and warm, at
# TOOLING_BEFORE and in this working tree, side by side (benchmarks/book_build.py).
TOOLING_BEFORE ?= d4624a1
bench-tooling: check-python $(INSTALLED)
	$(BIN)/python benchmarks/book_build.py --before $(TOOLING_BEFORE) --python $(PYTHON) \
		--json _build/bench-book-build.json

# The book printed: the whole book and the student edition (each worked answer left out), as
# PDFs in _build/pdf/ and in the HTML book's pdf/, where the landing page links to them.
# Chromium prints the book's one-page HTML build (tools/print_book.py): no TeX to install.
.PHONY: pdf
pdf: book
	$(BIN)/jupyter-book build . --builder singlehtml -W --keep-going
	$(BIN)/python tools/print_book.py

# The exercise notebooks without their solutions and hidden checks, for students.
student: check-python $(INSTALLED)
	$(BIN)/python tools/make_student_edition.py --output _build/student

# ruff over the Python files, and through nbqa over the notebooks' code cells: nbqa reads
# the MyST notebooks with jupytext, and its ruff options are in pyproject.toml. zizmor audits
# the GitHub workflow, offline, and fails on any finding (an action not pinned to a commit,
# credentials left in the checkout, ...). None of them rewrites a file.
lint: lint-python lint-notebooks lint-workflows

lint-workflows: check-python $(INSTALLED)
	$(BIN)/zizmor --offline .github/workflows

PYTHON_SOURCES := d2l_mini grading tests benchmarks tools _ext conftest.py mxnet_compat.py mxnet_op_cache.py
lint-python: check-python $(INSTALLED)
	$(BIN)/ruff check $(PYTHON_SOURCES)
	$(BIN)/ruff format --check $(PYTHON_SOURCES)

lint-notebooks: check-python $(INSTALLED)
	$(BIN)/nbqa "ruff check" chapters exercises
	$(BIN)/nbqa "ruff format" chapters exercises --check

# JupyterLab with the MyST .md files opening as notebooks (jupytext) and their MyST rendered
# (jupyterlab-myst), in this .venv only.
lab: check-python $(INSTALLED)
	mkdir -p $(LAB_SETTINGS)
	cp tools/jupyterlab_overrides.json $(LAB_SETTINGS)/overrides.json
	$(BIN)/jupyter lab $(LAB_ARGS)

# JupyterLab refuses to start as root, which is who runs it in a container; say it is meant.
LAB_ARGS ?= $(if $(filter 0,$(shell id -u)),--allow-root)

clean:
	rm -rf _build

# Grade a class: every exercise notebook in SUBMISSIONS (one folder per student) run afresh
# in its own kernel, within limits, and judged by the course's checks; grades.csv,
# report.html and feedback/ in RESULTS. GRADE_ARGS passes options: --jobs, --timeout,
# --memory, --force (python -m grading.grade --help).
.PHONY: grade bench-grading
grade: check-python $(INSTALLED)
	@test -n "$(SUBMISSIONS)" && test -n "$(RESULTS)" || { echo "make grade needs SUBMISSIONS=folder (one folder per student) and RESULTS=folder"; exit 2; }
	$(BIN)/python -m grading.grade "$(SUBMISSIONS)" "$(RESULTS)" $(GRADE_ARGS)

# The grader's speed: a class of model submissions against the notebooks' own run times.
bench-grading: check-python $(INSTALLED)
	$(BIN)/python benchmarks/grading_a_class.py $(BENCH_ARGS)

# CI: `make ci PYTHON=...` runs the phases below, each a make target, in order, and prints how
# long each took. .ci/run runs it on every supported Python, the reference first; the GitHub
# workflow runs it once per Python, one job each. A new phase is one more target in a list.
# On the reference Python: everything, the browser included (CI installs Chromium).
CI_PHASES := lint ci-packages test notebooks-branch
# On each other Python: the unit tests, and the same outputs as the reference Python's book.
CI_OTHER_PHASES := unit same-numbers
# On Colab's Python, also a downloaded notebook as Colab runs it.
CI_COLAB_PHASES := test-colab
CI_PHASES_HERE = $(if $(filter $(PYTHON_VERSION),$(REFERENCE_VERSION)),$(CI_PHASES),$(CI_OTHER_PHASES)) \
	$(if $(filter $(PYTHON_VERSION),$(COLAB_VERSION)),$(CI_COLAB_PHASES))
ci: check-python
	@for phase in $(CI_PHASES_HERE); do \
		start=$$(date +%s); \
		if [ -n "$${GITHUB_ACTIONS:-}" ]; then echo "::group::$$phase"; fi; \
		echo "=== $$phase (Python $(PYTHON_VERSION))"; \
		$(MAKE) --no-print-directory $$phase COLAB_PYTHON=$(PYTHON) || exit 1; \
		if [ -n "$${GITHUB_ACTIONS:-}" ]; then echo "::endgroup::"; fi; \
		echo "=== $$phase (Python $(PYTHON_VERSION)): $$(( $$(date +%s) - start )) s"; \
	done

# The phases `make ci` runs on this PYTHON.
ci-phases:
	@echo $(CI_PHASES_HERE)

# The supported Pythons, for CI: the reference, and the others as a JSON list.
ci-pythons:
	@echo "reference=$(REFERENCE_VERSION)"
	@echo 'others=[$(subst $(space),$(comma),$(patsubst %,"%",$(filter-out $(REFERENCE_VERSION),$(SUPPORTED_VERSIONS))))]'
space := $(subst ,, )
comma := ,

# Debian's Chromium for the browser tests and poppler-utils to read the PDFs back: installed
# here only in CI (as root), where a missing browser must not skip them; elsewhere:
# apt-get install chromium poppler-utils.
ci-packages:
	@{ command -v chromium && command -v pdftotext; } >/dev/null || [ "$${CI:-}" != true ] || \
		{ apt-get update -q && apt-get install -y -q chromium poppler-utils; }

.PHONY: ci ci-phases ci-pythons ci-packages
