# A thin wrapper around CMake: install what is missing, configure, build, run.
# Everything here can also be done with cmake and ctest directly.

BUILD      ?= build
BUILD_ASAN ?= build-asan
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_ARGS ?=

# Debian packages the build, the tests and the demo need.
PACKAGES = cmake make gcc g++ pkg-config check libjansson-dev libsqlite3-dev \
           python3 graphviz

.PHONY: all deps build demo test test-asan clean help

all: build

help:
	@echo "make demo   build orgtrust, report the gemeente/waterschap story and draw it"
	@echo "make test   build and run every test, then again under ASan and UBSan"
	@echo "make clean  remove the build directories"

deps:
	@missing=""; \
	for p in $(PACKAGES); do \
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

$(BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_ARGS)

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

# The gemeente/waterschap story: the report, and the picture when Graphviz's
# dot is there (deps installs it as root; without it the picture is skipped).
demo: build
	@echo
	$(BUILD)/tools/orgtrust report examples/scenarios/gemeente-waterschap.json
	@echo
	@if command -v dot >/dev/null 2>&1; then \
	  $(BUILD)/tools/orgtrust dot examples/scenarios/gemeente-waterschap.json -o $(BUILD)/gemeente-waterschap.dot && \
	  dot -Tsvg $(BUILD)/gemeente-waterschap.dot -o $(BUILD)/gemeente-waterschap.svg && \
	  echo "The picture is in $(BUILD)/gemeente-waterschap.svg"; \
	else \
	  echo "(Graphviz is not installed: no picture. apt-get install graphviz, then make demo again.)"; \
	fi

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	$(MAKE) --no-print-directory test-asan

test-asan: deps
	cmake -S . -B $(BUILD_ASAN) -DCMAKE_BUILD_TYPE=Debug -DORGTRUST_SANITIZE=ON $(CMAKE_ARGS)
	cmake --build $(BUILD_ASAN) -j $(JOBS)
	cd $(BUILD_ASAN) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --output-on-failure -j $(JOBS) -LE no-sanitize

clean:
	rm -rf $(BUILD) $(BUILD_ASAN)
