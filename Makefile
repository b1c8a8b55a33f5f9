# The ADR platform: make help lists the targets.
# UV may name another way to call uv (CI passes UV="python3 -m uv" where uv is not on PATH).

.DEFAULT_GOAL := help
SHELL := bash
UV ?= $(shell command -v uv >/dev/null 2>&1 && echo uv || echo "python3 -m uv")
PYTEST_ARGS ?=
# most tests wait on NATS, PostgreSQL and subprocesses: four workers keep two cores busy (each file stays in one worker)
TEST_WORKERS ?= 4
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

test: uv ## every test, against real NATS and PostgreSQL, in TEST_WORKERS processes (PYTEST_ARGS="-k routing -x" to narrow)
	$(UV) sync --all-packages --frozen
	$(UV) run pytest -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder $(PYTEST_ARGS)

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

# --- deploy (issue #9): Kubernetes manifests, NATS users, offline validation; see deploy/README.md ---
DEPLOY_OVERLAYS := single-node district district/centre district/court district/procuratorate district/justice-bureau district/platform examples/court-external-postgres
K8S_VERSION ?= 1.32.0

.PHONY: deploy-generate deploy-render deploy-validate drill-cluster

deploy-generate: ## regenerates the services' kustomize bases and deploy/nats/users.values.yaml (from the contracts)
	$(UV) run python deploy/tools/generate.py

deploy-render: ## renders every overlay into var/deploy/<overlay>.yaml (kubectl kustomize, offline)
	@mkdir -p var/deploy
	@for o in $(DEPLOY_OVERLAYS); do kubectl kustomize deploy/overlays/$$o > var/deploy/$$(echo $$o | tr / -).yaml || exit 1; echo "var/deploy/$$(echo $$o | tr / -).yaml"; done

deploy-validate: deploy-render ## kubernetes-validate --strict, yamllint and the policy tests over every overlay
	$(UV) run python deploy/tools/generate.py --check
	$(UV) run kubernetes-validate --strict -k $(K8S_VERSION) var/deploy/*.yaml
	$(UV) run yamllint --strict -c deploy/.yamllint.yaml deploy/
	$(UV) run pytest -q tests/deploy -m "not cluster"

drill-cluster: ## the three-node NATS cluster drill, long version (DRILL_DISPUTES=200 by default)
	DRILL_DISPUTES=$${DRILL_DISPUTES:-200} $(UV) run pytest -q -m cluster tests/deploy/test_nats_cluster.py -p no:randomly

# --- security (issue #10): fuzzing at length (make test runs 3 requests per operation, 12 events per contract) ---
.PHONY: fuzz
fuzz: ## schemathesis against every API and hostile events into every subscriber, at length
	ADR_FUZZ_EXAMPLES=$${ADR_FUZZ_EXAMPLES:-100} ADR_FUZZ_EVENTS=$${ADR_FUZZ_EVENTS:-60} $(UV) run pytest -q tests/fuzz -p no:randomly

# --- fault drills (issue #10 item 6): see docs/drills.md; `make test` runs their short version ---
.PHONY: drill consistency

drill: ## the fault drills, long version: every service's api and worker killed, each database cut (DRILL_DISPUTES=20)
	DRILL_LONG=1 DRILL_DISPUTES=$${DRILL_DISPUTES:-20} $(UV) run pytest -q -m drill tests/drills -p no:randomly

consistency: ## compares the running services' views of every dispute (URLS="--intake URL …" TOKEN=…)
	$(UV) run python -m adr_runtime.consistency $(URLS) --token "$${TOKEN:-$$ADR_CONSISTENCY_TOKEN}"

# --- benchmarks (issue #11): bench/README.md; sizes from BENCH_* variables, the issue's sizes by default ---
.PHONY: bench bench-quick

bench: ## every benchmark at the issue's sizes (long; BENCH_* variables to resize), table + var/bench/results-*.json
	PYTHONPATH=. $(UV) run python -m bench

bench-quick: ## every benchmark at small sizes (a few minutes on 2 cores)
	BENCH_RAW_MESSAGES=$${BENCH_RAW_MESSAGES:-3000} BENCH_HOP_EVENTS=$${BENCH_HOP_EVENTS:-1000} \
	BENCH_HOP_RATE=$${BENCH_HOP_RATE:-1000} BENCH_HOP_SECONDS=$${BENCH_HOP_SECONDS:-3} \
	BENCH_JOURNEY_DISPUTES=$${BENCH_JOURNEY_DISPUTES:-50} BENCH_JOURNEY_RATE=$${BENCH_JOURNEY_RATE:-10} \
	BENCH_REBUILD_EVENTS=$${BENCH_REBUILD_EVENTS:-1000} BENCH_HTTP_REQUESTS=$${BENCH_HTTP_REQUESTS:-1000} \
	BENCH_BOARD_DISPUTES=$${BENCH_BOARD_DISPUTES:-100000} BENCH_BOARD_QUERIES=$${BENCH_BOARD_QUERIES:-100} \
	PYTHONPATH=. $(UV) run python -m bench
