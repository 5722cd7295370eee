# skbox — the two set-up commands are `make run` and `make test`.
BUILD ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: all run test unit scenarios bench asan fuzz bootstrap clean

all: $(BUILD)/build.ninja
	ninja -C $(BUILD) -j$(JOBS)

$(BUILD)/build.ninja:
	@scripts/bootstrap
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS)

bootstrap:
	@scripts/bootstrap

run: all
	$(BUILD)/skbox run examples/quickstart.sh

# Unit tests, the determinism check, the scenario suite (skbox vs recorded
# kernel output, plus the live kernel when this machine allows), tshark's
# decode of skbox's VXLAN captures (tests/pcap_tshark.sh), a short
# fuzzing run, and the unit tests and scenarios again under ASan + UBSan.
# A kernel that no longer prints a stored .out (another machine's defaults)
# is reported as drift without failing the run; `make scenarios` is strict.
test: all
	$(BUILD)/skbox_unit --gtest_brief=1
	tests/determinism.sh $(BUILD)/skbox
	tests/oracle_selftest.sh
	SKBOX=$(BUILD)/skbox tools/oracle --allow-drift --pending tests/scenario/PENDING tests/scenario/*.sh
	tests/pcap_tshark.sh $(BUILD)/skbox
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=$${FUZZ_SECONDS:-5}
	@$(MAKE) --no-print-directory asan

unit: all
	$(BUILD)/skbox_unit

scenarios: all
	SKBOX=$(BUILD)/skbox tools/oracle --pending tests/scenario/PENDING tests/scenario/*.sh

# The bench-only packages (DPDK) come in here, then cmake looks again.
bench: $(BUILD)/build.ninja
	@scripts/bootstrap --bench
	cmake -S . -B $(BUILD) >/dev/null
	ninja -C $(BUILD) -j$(JOBS)
	bench/run.sh $(BUILD)

# A Debug+ASan skbox is ~10x slower: kube_proxy_conformance (1,500 rules)
# takes ~50 s alone, past the oracle's 60 s under -j4.
asan:
	@scripts/bootstrap
	cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DSKBOX_SANITIZE=ON
	ninja -C $(ASAN_BUILD) -j$(JOBS) skbox skbox_unit
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 $(ASAN_BUILD)/skbox_unit --gtest_brief=1
	SKBOX=$(ASAN_BUILD)/skbox ORACLE_TIMEOUT=240 tools/oracle --skbox-only --pending tests/scenario/PENDING tests/scenario/*.sh

FUZZ_SECONDS ?= 30
fuzz:
	@scripts/bootstrap
	@if command -v clang++ >/dev/null; then \
	  cmake -S . -B $(FUZZ_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=clang++ -DSKBOX_FUZZ=ON >/dev/null && \
	  ninja -C $(FUZZ_BUILD) -j$(JOBS) $$(cd tests/fuzz && ls *.cpp | sed 's/\.cpp$$//') && \
	  for f in tests/fuzz/*.cpp; do n=$$(basename $$f .cpp); \
	    echo "fuzz: $$n for $(FUZZ_SECONDS)s"; \
	    $(FUZZ_BUILD)/$$n -max_total_time=$(FUZZ_SECONDS) -print_final_stats=0 >$(FUZZ_BUILD)/$$n.log 2>&1 \
	      || { tail -40 $(FUZZ_BUILD)/$$n.log; exit 1; }; tail -1 $(FUZZ_BUILD)/$$n.log; \
	  done; \
	else echo "fuzz: clang++ not installed, skipped"; fi

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
