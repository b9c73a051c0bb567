# A thin wrapper around CMake: install what is missing, configure, build, run.
# Everything here can also be done with cmake and ctest directly.

BUILD      ?= build
BUILD_DEMO ?= build-demo
BUILD_ASAN ?= build-asan
BUILD_COV  ?= build-coverage
BUILD_FUZZ ?= build-fuzz
FUZZ_SECONDS ?= 60
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_ARGS ?=

# Debian packages, installed without recommends, so everything used is named
# here. The demo needs only the first list: a compiler, CMake, pkg-config,
# jansson, SQLite, libsodium (the store's checksum chain) and Graphviz's
# libraries (libgraphviz-dev: orgtrust dot --svg/--png and the HTML report
# render the picture through libgvc; the picture's test reads it back with
# libcgraph). Everything else (the tests, the analysers, the documentation,
# the fuzzers and the benchmarks) needs the second too (libclang-rt-dev:
# libFuzzer and the sanitizer runtimes, only recommended by clang; chromium
# and python3-pil: the HTML report's test opens the page in headless
# Chromium and reads its screenshots).
PACKAGES_DEMO = build-essential cmake pkg-config libjansson-dev libsqlite3-dev libsodium-dev libgraphviz-dev
PACKAGES_TEST = check python3 python3-numpy doxygen valgrind cppcheck clang-tidy gcovr \
                abigail-tools clang libclang-rt-dev time chromium python3-pil
PACKAGES = $(PACKAGES_DEMO) $(PACKAGES_TEST)

# The Python workbench (bindings/python): a venv and pip install from
# Debian's setuptools, pandas frames, plots, sweeps on Dask. `make test`
# installs them (test-deps); the library and the demo do not need them.
PY_PACKAGES = python3-venv python3-setuptools python3-pandas python3-matplotlib python3-distributed

.PHONY: all deps deps-demo test-deps build demo test test-asan fuzz fuzz-ci docs coverage bench bench-callgrind bench-store bench-timeline clean help

all: build

help:
	@echo "make demo   build the library, the orgtrust command and the example (only), tell the gemeente/waterschap story, draw it and write its HTML page"
	@echo "make test   build and run every test, then again under ASan and UBSan"
	@echo "make fuzz   explore: each libFuzzer harness for FUZZ_SECONDS from a random seed"
	@echo "make fuzz-ci  each harness on a fixed seed and number of inputs (part of make test)"
	@echo "make docs   write the API reference (HTML) with Doxygen"
	@echo "make coverage  line and branch coverage of lib/ by the tests"
	@echo "make bench  run the benchmarks (bench/) at 1k to 10M ties"
	@echo "make bench-callgrind  instructions per observation (valgrind)"
	@echo "make bench-store  the store: 10M events into 100k ties, checkpoint, reopen"
	@echo "make bench-timeline  the kept log against the floor, replay, timelines"
	@echo "make clean  remove the build directories"

# Install what is missing of $(WANT) (as root), or say how to.
WANT = $(PACKAGES)
deps:
	@missing=""; \
	for p in $(WANT); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; \
	    export DEBIAN_FRONTEND=noninteractive; \
	    apt-get update -qq && apt-get install -y -qq --no-install-recommends $$missing; \
	  else \
	    echo "orgtrust needs these Debian packages:$$missing"; \
	    echo "install them with:"; \
	    echo "  sudo apt-get install -y$$missing"; \
	    exit 1; \
	  fi; \
	fi

deps-demo:
	@$(MAKE) --no-print-directory deps WANT="$(PACKAGES_DEMO)"

$(BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_ARGS)

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

# The gemeente/waterschap story: the C example, the report, and the picture
# (an SVG, rendered by orgtrust through Graphviz's library). Only what the
# demo needs is installed and built: the
# library, the orgtrust command and the example program, in $(BUILD_DEMO)
# (no tests, no benchmarks; `make test` builds those in $(BUILD)).
DEMO_TARGETS = orgtrust orgtrust_cli gemeente_waterschap
demo: deps-demo
	cmake -S . -B $(BUILD_DEMO) -DCMAKE_BUILD_TYPE=Release -DORGTRUST_BUILD_TESTS=OFF -DORGTRUST_BUILD_BENCH=OFF \
	  $(CMAKE_ARGS) > /dev/null
	cmake --build $(BUILD_DEMO) -j $(JOBS) --target $(DEMO_TARGETS)
	@echo
	$(BUILD_DEMO)/examples/gemeente_waterschap
	@echo
	$(BUILD_DEMO)/tools/orgtrust report examples/scenarios/gemeente-waterschap.json
	@echo
	$(BUILD_DEMO)/tools/orgtrust dot examples/scenarios/gemeente-waterschap.json --svg -o $(BUILD_DEMO)/gemeente-waterschap.svg
	@mkdir -p $(BUILD)
	$(BUILD_DEMO)/tools/orgtrust report --html examples/scenarios/gemeente-waterschap.json -o $(BUILD)/gemeente-waterschap.html
	@echo
	@echo "The picture is in $(BUILD_DEMO)/gemeente-waterschap.svg (docs/picture.md explains it)."
	@echo "The page for people who do not program is $(BUILD)/gemeente-waterschap.html: open it in a browser (docs/html.md)."

test-deps:
	@$(MAKE) --no-print-directory deps WANT="$(PY_PACKAGES)"

test: test-deps build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	$(MAKE) --no-print-directory test-asan
	$(MAKE) --no-print-directory fuzz-ci

test-asan: deps
	cmake -S . -B $(BUILD_ASAN) -DCMAKE_BUILD_TYPE=Debug -DORGTRUST_SANITIZE=ON $(CMAKE_ARGS)
	cmake --build $(BUILD_ASAN) -j $(JOBS)
	cd $(BUILD_ASAN) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --output-on-failure -j $(JOBS) -LE no-sanitize

docs: build
	cmake --build $(BUILD) --target docs
	@echo "API reference: $(BUILD)/docs/html/index.html"

# Each libFuzzer harness (clang, ASan and UBSan), starting from a copy of
# its seed corpus; a crash, leak or failed invariant fails. `make fuzz`
# explores: a random seed, FUZZ_SECONDS per harness. `make test` runs
# `fuzz-ci`: the seed FUZZ_SEED and a fixed number of inputs per harness
# (FUZZ_CI_RUNS, about a minute each on the project's 2-core machine), so
# the inputs CI tries are the ones a developer's `make test` tried: a red
# CI is never a new random finding, and a finding of `make fuzz` goes into
# the seed corpus with its fix.
FUZZERS = ops scenario_load store_open
FUZZ_SEED ?=
FUZZ_CI_RUNS = ops=20000 scenario_load=400000 store_open=20000
fuzz-ci:
	@$(MAKE) --no-print-directory fuzz FUZZ_SEED=1
fuzz: deps
	@if ! command -v clang >/dev/null 2>&1; then echo "clang not installed: no fuzzing"; exit 0; fi; \
	CC=clang cmake -S . -B $(BUILD_FUZZ) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DORGTRUST_FUZZ=ON -DORGTRUST_SANITIZE=ON \
	  -DORGTRUST_BUILD_TESTS=OFF -DORGTRUST_BUILD_EXAMPLES=OFF -DORGTRUST_BUILD_BENCH=OFF $(CMAKE_ARGS) > /dev/null && \
	cmake --build $(BUILD_FUZZ) -j $(JOBS) > $(BUILD_FUZZ)/build.log 2>&1 || { tail -30 $(BUILD_FUZZ)/build.log; exit 1; }; \
	for f in $(FUZZERS); do \
	  c=$$(echo $$f | sed 's/_load$$//; s/_open$$//'); \
	  if [ -n "$(FUZZ_SEED)" ]; then \
	    runs=$$(for r in $(FUZZ_CI_RUNS); do case $$r in $$f=*) echo $${r#*=};; esac; done); \
	    limit="-seed=$(FUZZ_SEED) -runs=$$runs"; what="$$runs inputs from seed $(FUZZ_SEED)"; \
	  else \
	    limit="-max_total_time=$(FUZZ_SECONDS)"; what="$(FUZZ_SECONDS) s"; \
	  fi; \
	  rm -rf $(BUILD_FUZZ)/corpus-$$f && cp -r fuzzers/corpus/$$c $(BUILD_FUZZ)/corpus-$$f && \
	  echo "fuzzing $$f: $$what" && \
	  $(BUILD_FUZZ)/fuzzers/fuzz_$$f $$limit -timeout=20 -rss_limit_mb=2048 \
	    -print_final_stats=1 -artifact_prefix=$(BUILD_FUZZ)/$$f- $(BUILD_FUZZ)/corpus-$$f > $(BUILD_FUZZ)/fuzz-$$f.log 2>&1 || \
	    { tail -60 $(BUILD_FUZZ)/fuzz-$$f.log; echo "fuzz_$$f failed: see $(BUILD_FUZZ)/fuzz-$$f.log"; exit 1; }; \
	  grep -E "stat::number_of_executed_units|Done" $(BUILD_FUZZ)/fuzz-$$f.log | tail -2; \
	done

# The benchmarks at 1k, 100k, 1M and 10M ties (Release build, events not
# kept); one line per figure: name, value, unit, ties. Each size runs the
# library's benchmark under /usr/bin/time -v (peak memory of the whole
# process) and the floor (bench/floor.c: the same work without the library).
BUILD_REL ?= build-release
BENCH_SIZES ?= 1000 100000 1000000 10000000
bench: deps
	cmake -S . -B $(BUILD_REL) -DCMAKE_BUILD_TYPE=Release -DORGTRUST_BUILD_TESTS=OFF $(CMAKE_ARGS)
	cmake --build $(BUILD_REL) -j $(JOBS) --target bench floor
	for n in $(BENCH_SIZES); do \
	  /usr/bin/time -v -o $(BUILD_REL)/time-$$n.txt $(BUILD_REL)/bench/bench --ties $$n || exit 1; \
	  awk -v n=$$n '/Maximum resident/ {printf "%-28s %14.3f %-8s %s\n", "peak_memory_time_v", $$6 / 1024, "MiB", n}' \
	    $(BUILD_REL)/time-$$n.txt; \
	  $(BUILD_REL)/bench/floor --ties $$n || exit 1; \
	done

# The event log and trust over time (docs/performance.md, "Trust over
# time"): at 1M ties the floor and the batch with events kept, alternating
# (compare within a pair: the machine is shared), then the replay at 100k
# ties and the timeline of a one-million-event scenario.
bench-timeline: deps
	cmake -S . -B $(BUILD_REL) -DCMAKE_BUILD_TYPE=Release -DORGTRUST_BUILD_TESTS=OFF $(CMAKE_ARGS)
	cmake --build $(BUILD_REL) -j $(JOBS) --target timeline_bench floor
	for i in 1 2 3 4 5; do \
	  $(BUILD_REL)/bench/floor --ties 1000000 || exit 1; \
	  $(BUILD_REL)/bench/timeline_bench --ties 1000000 --only kept || exit 1; \
	done
	for i in 1 2 3; do $(BUILD_REL)/bench/timeline_bench --ties 100000 --only replay || exit 1; done
	$(BUILD_REL)/bench/timeline_bench --only timeline

# Instructions per observation, batched and one at a time, at 100k ties:
# valgrind counts them exactly, so they compare across noisy runs.
CG_OBS = 200000
bench-callgrind: deps
	cmake -S . -B $(BUILD_REL) -DCMAKE_BUILD_TYPE=Release -DORGTRUST_BUILD_TESTS=OFF $(CMAKE_ARGS)
	cmake --build $(BUILD_REL) -j $(JOBS) --target bench
	for f in observe_batch:ot_observe_batch:$(CG_OBS) observe_single:ot_observe:$$(($(CG_OBS) / 2)) \
	         effective_trust:ot_effective_trust:1000000; do \
	  name=$${f%%:*}; rest=$${f#*:}; fn=$${rest%%:*}; count=$${rest#*:}; \
	  valgrind --tool=callgrind --callgrind-out-file=$(BUILD_REL)/callgrind.$$name --toggle-collect=$$fn \
	    $(BUILD_REL)/bench/bench --ties 100000 --obs $(CG_OBS) --queries 1000000 --only $$name >/dev/null 2>&1 || exit 1; \
	  awk -v name=$$name -v k=$$count '/^summary:/ {printf "%-28s %14.1f %-8s %s\n", name "_instr", $$2 / k, "instr", 100000}' \
	    $(BUILD_REL)/callgrind.$$name; \
	done

# The store (docs/performance.md, "Store"): batched writes of 10 million
# events into a province of 100,000 ties, checkpoint, reopening five times.
# Writes a file of about 300 MB in $(BUILD_REL) and removes it.
# With STORE_BASELINE=PATH (a store_bench built from another version, as
# 1.0 for docs/performance.md), each of STORE_RUNS rounds runs that one and
# then this one, back to back, so their ratios come from the same moments.
STORE_RUNS ?= 3
bench-store: deps
	cmake -S . -B $(BUILD_REL) -DCMAKE_BUILD_TYPE=Release -DORGTRUST_BUILD_TESTS=OFF $(CMAKE_ARGS)
	cmake --build $(BUILD_REL) -j $(JOBS) --target store_bench
	@if [ -z "$(STORE_BASELINE)" ]; then cd $(BUILD_REL) && bench/store_bench --reopen 5 --backup; else \
	  for i in $$(seq $(STORE_RUNS)); do \
	    echo "round $$i: $(STORE_BASELINE)"; (cd $(BUILD_REL) && $(STORE_BASELINE) --reopen 5) || exit 1; \
	    echo "round $$i: this build"; (cd $(BUILD_REL) && bench/store_bench --reopen 5) || exit 1; \
	  done; fi

# Line and branch coverage of lib/ by the whole test suite (gcc + gcovr).
coverage: deps
	cmake -S . -B $(BUILD_COV) -DCMAKE_BUILD_TYPE=Debug -DORGTRUST_COVERAGE=ON $(CMAKE_ARGS)
	cmake --build $(BUILD_COV) -j $(JOBS)
	find $(BUILD_COV) -name '*.gcda' -delete
	cd $(BUILD_COV) && ctest -j $(JOBS) -LE 'valgrind|static|docs|install|abi' > ctest.log || (tail -40 ctest.log; exit 1)
	gcovr --root . --filter 'lib/' --object-directory $(BUILD_COV) --print-summary \
	  --txt $(BUILD_COV)/coverage.txt --exclude-unreachable-branches --exclude-throw-branches
	@echo "per-file figures: $(BUILD_COV)/coverage.txt"

clean:
	rm -rf $(BUILD) $(BUILD_DEMO) $(BUILD_ASAN) $(BUILD_COV) $(BUILD_REL) $(BUILD_FUZZ)
