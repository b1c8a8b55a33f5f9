# The ADR platform: make help lists the targets.
# UV may name another way to call uv (CI passes UV="python3 -m uv" where uv is not on PATH).

.DEFAULT_GOAL := help
SHELL := bash
UV ?= $(shell command -v uv >/dev/null 2>&1 && echo uv || echo "python3 -m uv")
PYTEST_ARGS ?=
RUN_ARGS ?=
DOMAINS := $(wildcard services/*/src/adr_*/domain)
ASYNCAPI_CHECK := libs/contracts/asyncapi-check

.PHONY: help run test lint contracts contracts-check clauses uv

uv: ## installs uv with pip when neither `uv` nor `python3 -m uv` works
	@$(UV) --version >/dev/null 2>&1 || python3 -m pip install --quiet uv

help: ## lists the targets
	@echo "make <target>:"
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  %-16s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

run: uv ## the whole platform on this machine: SQLite under var/, NATS found or started, ports 8001-8005 (RUN_ARGS="--only intake")
	$(UV) sync --all-packages
	$(UV) run adr-run $(RUN_ARGS)

test: uv ## every test, against real NATS and PostgreSQL (PYTEST_ARGS="-k routing -x" to narrow)
	$(UV) sync --all-packages --frozen
	$(UV) run pytest $(PYTEST_ARGS)

lint: ## ruff, mypy (contracts and each service's domain), import boundaries
	$(UV) run ruff check .
	$(UV) run mypy libs/contracts/src $(DOMAINS)
	$(UV) run lint-imports

contracts: ## regenerates the JSON Schemas and asyncapi.yaml, then validates the AsyncAPI document
	$(UV) run adr-contracts write
	cd $(ASYNCAPI_CHECK) && npm ci --silent && node validate.mjs ../asyncapi.yaml

contracts-check: ## fails when the committed schemas or asyncapi.yaml differ from the contracts
	$(UV) run adr-contracts check
	cd $(ASYNCAPI_CHECK) && npm ci --silent && node validate.mjs ../asyncapi.yaml

clauses: ## which tests verify each work-plan clause (docs/clauses.csv), and which clauses have none
	$(UV) run pytest --collect-only -qq -p adr_runtime.testing.clauses --clauses
