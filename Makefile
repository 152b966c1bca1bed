# One entry point for people and CI. Every target sets up .venv when needed.
VENV ?= .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test check lint build zensical scorm moodle bench schema templates clean

$(VENV)/.installed: pyproject.toml Makefile
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test,zensical,bench]"
	touch $@

serve: $(VENV)/.installed  ## preview the default edition at http://127.0.0.1:8000, rebuilding on every change
	$(VENV)/bin/mkdocs serve

test: $(VENV)/.installed  ## the whole test suite, browser tests included
	$(PY) -m tests.browser_setup
	$(PY) -m pytest $(PYTEST_ARGS)

check: $(VENV)/.installed  ## validate the course without building it
	$(VENV)/bin/coursekit check

lint: $(VENV)/.installed  ## the code's lint rules (ruff check, as pre-commit runs it)
	$(VENV)/bin/ruff check .

build: $(VENV)/.installed  ## check, then build every edition into one site in site/ (the default at the root)
	$(VENV)/bin/coursekit build

zensical: $(VENV)/.installed  ## the same site built by Zensical instead of MkDocs (check first), into site/
	$(VENV)/bin/coursekit build --engine zensical

scorm: $(VENV)/.installed  ## check, then write a SCORM 1.2 package per edition into dist/scorm/
	$(VENV)/bin/coursekit export scorm

moodle: $(VENV)/.installed  ## check, then write each edition's quizzes as a Moodle XML question bank into dist/moodle/
	$(VENV)/bin/coursekit export moodle-xml

bench: $(VENV)/.installed  ## build cost (instructions, CPU time) against the same pages, beside mkdocs-quiz; sizes, memory
	$(PY) benchmarks/bench.py

schema: $(VENV)/.installed  ## regenerate the quiz and conversation JSON Schemas from the validator's rules
	$(PY) -m coursekit.model.schema

templates: $(VENV)/.installed  ## recompile the widget templates into render/templates_compiled.py (after editing one)
	$(PY) -m coursekit.render.renderer

clean:
	rm -rf site dist node_modules $(VENV)
