# roster — build, test, demo.
#
#   make          build bin: roster, roster-gen (installs missing Debian packages)
#   make test     unit + end-to-end tests (the web app in Chromium among them),
#                 normal build then ASan+UBSan build
#   make demo     sample roster of 1,000 experts: import, searches, a match
#                 (in demo-data/db, made afresh at each run)
#   make serve    the web service on the demo roster, with a sign-in link
#                 (SERVE_LISTEN=127.0.0.1:8080; keeps demo-data/db)
#   make bench    speed against SQLite FTS5 at 100,000 experts
#   make eval     matching quality against a hidden ground truth and baselines
#   make fuzz     libFuzzer on importers, ToR reader, query parser, HTTP requests,
#                 request documents (DOCX, ODT, PDF)
#                 (FUZZ_SECONDS=60 each)
#   make valgrind unit tests and a few commands under valgrind memcheck
#   make crash    imports, forgets, reindexes killed at random points
#                 (CRASH_TRIALS=300)
#
# Builds go to build/release (or build/asan with SAN=1, build/fuzz with
# FUZZ=1). Every .c file of a library directory is compiled in; adding a
# file needs no edit here.
#
# The build prints one short line a step ("  CC      core/codes.c");
# V=1 prints the full commands instead (make V=1, make V=1 test). Compiler
# errors and warnings are shown in full either way.

PACKAGES := libxapian-dev libsqlite3-dev libutf8proc-dev libcmocka-dev \
            libjansson-dev libsodium-dev g++ pkg-config libmicrohttpd-dev curl \
            libpoppler-glib-dev libzip-dev libxml2-dev libexttextcat-dev zlib1g-dev \
            xapian-tools
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Quiet build: $(call say,CC,core/codes.c) before a recipe line prints
# "  CC      core/codes.c" and hides the command, unless V=1; make -s
# silences the short lines too.
ifeq ($(V),1)
say :=
else ifneq ($(findstring s,$(firstword -$(MAKEFLAGS))),)
say = @
else
say = @printf '  %-8s%s\n' '$(1)' '$(2)';
endif

CC := gcc
CXX := g++
ifeq ($(FUZZ),1)
# libFuzzer targets: everything built by clang, instrumented for coverage.
BUILD ?= build/fuzz
SANFLAGS := -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all \
            -fno-omit-frame-pointer
OPT := -O1 -g
CC := clang
CXX := clang++
else ifeq ($(SAN),1)
BUILD ?= build/asan
SANFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
OPT := -O1 -g
else
BUILD ?= build/release
SANFLAGS :=
OPT := -O2 -g
endif

WARN := -Wall -Wextra -Werror
CFLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(OPT) $(WARN) $(SANFLAGS) -I. -I$(BUILD)/gen
CXXFLAGS := -std=c++11 $(OPT) $(WARN) $(SANFLAGS) -I.
LDFLAGS := $(SANFLAGS)
# The document readers' libraries (intake/) are found by pkg-config when a
# recipe runs, after $(STAMP) has installed them: these stay recursive.
# Libraries only some commands need are loaded at their first use (dlopen),
# not linked, so that a search or a --help does not load them and their
# dependencies at every start (docs/measurements.md, "Start-up"): poppler-glib
# (intake/pdf.c), libzip (intake/zip.c) and libxml2 (intake/libxml.c), with
# intake/lazylib.h, and
# libmicrohttpd, only `roster serve`'s (server/http.c). Their headers are
# used, and each is named by the SONAME read here from the library compiled
# against (objdump: binutils, which gcc brings).
DOC_PKGS := libzip libxml-2.0 libexttextcat
DOC_CFLAGS = $(subst -I,-isystem ,$(shell pkg-config --cflags poppler-glib $(DOC_PKGS)))
soname = $(shell objdump -p $$(pkg-config --variable=libdir $(1))/$(2) | \
           sed -n 's/^ *SONAME *//p')
# The small C libraries every command uses are linked statically, from the
# archives their -dev packages install: each shared library costs its
# mapping, relocation and teardown at every start, and these five together
# 0.5 ms of a search's 4 (docs/measurements.md). Xapian has no archive in
# Debian, and libstdc++ comes with it. None of the libraries loaded later
# (above) links any of the five, and their symbols are not exported. zlib
# (the store's packed records, core/pack.c) stays shared: libxapian loads
# it anyway.
LIBS = -Wl,-Bstatic -lsqlite3 -lutf8proc -ljansson -lsodium -lexttextcat-2.0 -Wl,-Bdynamic \
       -lxapian -lz -lpthread -lm -lstdc++

LIBDIRS := core indexer query matcher report intake lib
LIB_SRC := $(foreach d,$(LIBDIRS),$(wildcard $(d)/*.c))
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/data.o
XC_SRC := $(wildcard xapian-c/*.cc)
XC_OBJ := $(XC_SRC:%.cc=$(BUILD)/%.o)
CLI_OBJ := $(patsubst %.c,$(BUILD)/%.o,$(wildcard cli/*.c))
# The web service: its request logic (linked into roster and the HTTP fuzz
# target) and its transport over libmicrohttpd (roster only).
# The web app's files (server/web/) are compiled in with it.
SERVER_LOGIC_OBJ := $(patsubst %.c,$(BUILD)/%.o,$(filter-out server/http.c,$(wildcard server/*.c))) \
                    $(BUILD)/gen/web.o
WEB := $(sort $(wildcard server/web/*.html server/web/*.css server/web/*.js server/web/*.svg))
SERVER_OBJ := $(SERVER_LOGIC_OBJ) $(BUILD)/server/http.o
# The generator's library (every corpus/gen file but the program itself),
# linked into roster-gen and into the unit tests.
GEN_LIB_OBJ := $(patsubst %.c,$(BUILD)/%.o,$(filter-out corpus/gen/roster-gen.c,$(wildcard corpus/gen/*.c)))
BENCH_OBJ := $(patsubst %.c,$(BUILD)/%.o,$(wildcard bench/*.c))
# The evaluation's library (every eval file but the program itself), linked
# into roster-eval and into its unit test.
EVAL_LIB_OBJ := $(patsubst %.c,$(BUILD)/%.o,$(filter-out eval/roster-eval.c,$(wildcard eval/*.c)))
# The fuzz targets' bodies (every fuzz file but the libFuzzer entry points),
# linked into each target and into their replay test.
FUZZ_LIB_OBJ := $(patsubst %.c,$(BUILD)/%.o,$(filter-out fuzz/fuzz_%.c,$(wildcard fuzz/*.c)))
DATA := $(wildcard corpus/taxonomy/*.tsv corpus/reference/*.tsv)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
STAMP := $(BUILD)/.packages
BROWSER_DEPS := tests/browser/node_modules/.installed

.PHONY: all test check demo serve bench bench-1m bench-shards eval clean packages fuzz fuzz-build valgrind crash
# Keep intermediate objects: no rebuilds, and no "rm" lines after the test summary.
.SECONDARY:
all: $(BUILD)/roster $(BUILD)/roster-gen

# Install what a fresh Debian 12 lacks, once per build directory.
$(STAMP):
	@missing=""; for p in $(PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -q && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing; \
	fi
	@mkdir -p $(@D) && touch $@
packages: $(STAMP)

$(BUILD)/%.o: %.c | $(STAMP)
	@mkdir -p $(@D)
	$(call say,CC,$<)$(CC) $(CFLAGS) -MMD -MP -c $< -o $@

# intake/ reads documents through poppler-glib, libxml2 and libexttextcat,
# whose headers live outside /usr/include.
$(BUILD)/intake/%.o: intake/%.c | $(STAMP)
	@mkdir -p $(@D)
	$(call say,CC,$<)$(CC) $(CFLAGS) $(DOC_CFLAGS) $(DOC_DEFS) -MMD -MP -c $< -o $@
$(BUILD)/intake/pdf.o: DOC_DEFS = -DRS_POPPLER_SONAME='"$(call soname,poppler-glib,libpoppler-glib.so)"'
$(BUILD)/intake/libxml.o: DOC_DEFS = -DRS_XML2_SONAME='"$(call soname,libxml-2.0,libxml2.so)"'
$(BUILD)/intake/zip.o: DOC_DEFS = -DRS_ZIP_SONAME='"$(call soname,libzip,libzip.so)"'
$(BUILD)/server/http.o: CFLAGS += -DRS_MHD_SONAME='"$(call soname,libmicrohttpd,libmicrohttpd.so)"'

$(BUILD)/%.o: %.cc | $(STAMP)
	@mkdir -p $(@D)
	$(call say,CXX,$<)$(CXX) $(CXXFLAGS) -MMD -MP -c $< -o $@

# The reference tables are compiled in, so the binaries need no data files.
$(BUILD)/gen/data.c: $(DATA) corpus/embed.sh
	@mkdir -p $(@D)
	$(call say,GEN,$@)sh corpus/embed.sh $(DATA) > $@

$(BUILD)/gen/web.c: $(WEB) server/embed-web.sh
	@mkdir -p $(@D)
	$(call say,GEN,$@)sh server/embed-web.sh $(WEB) > $@

$(BUILD)/gen/%.o: $(BUILD)/gen/%.c | $(STAMP)
	$(call say,CC,$<)$(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/libroster.a: $(LIB_OBJ) $(XC_OBJ)
	$(call say,AR,$(@F))rm -f $@ && ar rcs $@ $^

$(BUILD)/roster: $(CLI_OBJ) $(SERVER_OBJ) $(BUILD)/libroster.a
	$(call say,LINK,$(@:$(BUILD)/%=%))$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/libgen.a: $(GEN_LIB_OBJ)
	$(call say,AR,$(@F))rm -f $@ && ar rcs $@ $^

$(BUILD)/roster-gen: $(BUILD)/corpus/gen/roster-gen.o $(BUILD)/libgen.a $(BUILD)/libroster.a
	$(call say,LINK,$(@:$(BUILD)/%=%))$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/roster-bench: $(BENCH_OBJ) $(BUILD)/libroster.a
	$(call say,LINK,$(@:$(BUILD)/%=%))$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/libeval.a: $(EVAL_LIB_OBJ)
	$(call say,AR,$(@F))rm -f $@ && ar rcs $@ $^

$(BUILD)/roster-eval: $(BUILD)/eval/roster-eval.o $(BUILD)/libeval.a $(BUILD)/libgen.a $(BUILD)/libroster.a
	$(call say,LINK,$(@:$(BUILD)/%=%))$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/tests/%: $(BUILD)/tests/%.o $(BUILD)/libgen.a $(BUILD)/libroster.a
	$(call say,LINK,$(@:$(BUILD)/%=%))$(CC) $(LDFLAGS) -o $@ $^ $(LIBS) -lcmocka

$(BUILD)/tests/test_eval: $(BUILD)/tests/test_eval.o $(BUILD)/libeval.a $(BUILD)/libgen.a $(BUILD)/libroster.a
	$(call say,LINK,$(@:$(BUILD)/%=%))$(CC) $(LDFLAGS) -o $@ $^ $(LIBS) -lcmocka

$(BUILD)/tests/%.o: tests/unit/%.c | $(STAMP)
	@mkdir -p $(@D)
	$(call say,CC,$<)$(CC) $(CFLAGS) -MMD -MP -c $< -o $@

# The document reader's test builds DOCX and ODT archives with libzip itself.
$(BUILD)/tests/test_doctext: LIBS += $(shell pkg-config --libs libzip)

# The web service's request logic, tested without sockets.
$(BUILD)/tests/test_server: $(BUILD)/tests/test_server.o $(SERVER_LOGIC_OBJ) \
		$(BUILD)/libgen.a $(BUILD)/libroster.a
	$(call say,LINK,$(@:$(BUILD)/%=%))$(CC) $(LDFLAGS) -o $@ $^ $(LIBS) -lcmocka

# The fuzz targets' bodies are replayed on saved inputs by a unit test.
$(BUILD)/tests/test_fuzz_regressions: $(BUILD)/tests/test_fuzz_regressions.o \
		$(FUZZ_LIB_OBJ) $(SERVER_LOGIC_OBJ) $(BUILD)/libgen.a $(BUILD)/libroster.a
	$(call say,LINK,$(@:$(BUILD)/%=%))$(CC) $(LDFLAGS) -o $@ $^ $(LIBS) -lcmocka

# One build's tests: every cmocka binary, then every end-to-end script
# (the browser tests among them).
check: $(BUILD)/roster $(BUILD)/roster-gen $(BUILD)/roster-eval $(UNIT_BIN) $(BROWSER_DEPS)
	@sh tests/run.sh $(BUILD)

# The browser tests need Debian's Chromium, Node.js and the two npm packages
# of tests/browser (puppeteer-core, which drives that Chromium and downloads
# no browser, and axe-core), installed when missing.
$(BROWSER_DEPS): tests/browser/package.json tests/browser/package-lock.json
	@command -v chromium > /dev/null || { echo "installing: chromium"; \
	  $(SUDO) apt-get update -q && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; }
	@command -v npm > /dev/null || { echo "installing: nodejs npm"; \
	  $(SUDO) apt-get update -q && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm; }
	$(call say,NPM,tests/browser)cd tests/browser && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

test:
	@echo "== build/release: build, then tests"
	@$(MAKE) --no-print-directory check
	@echo "== build/asan (ASan+UBSan): build, then tests"
	@$(MAKE) --no-print-directory check SAN=1

demo: all
	@sh corpus/demo.sh $(BUILD)

SERVE_LISTEN ?= 127.0.0.1:8080
serve: all
	@sh corpus/serve.sh $(BUILD) $(SERVE_LISTEN)

# The bench times the sqlite3 program (Debian's sqlite3) one process per
# query beside roster search: installed when missing.
SQLITE3_CLI := command -v sqlite3 > /dev/null || { echo "installing: sqlite3"; \
	  $(SUDO) apt-get update -q && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q sqlite3; }
bench: all $(BUILD)/roster-bench
	@$(SQLITE3_CLI)
	@sh bench/run.sh $(BUILD) 100000

bench-1m: all $(BUILD)/roster-bench
	@$(SQLITE3_CLI)
	@sh bench/run.sh $(BUILD) 1000000

bench-shards: all $(BUILD)/roster-bench
	@sh bench/shards.sh $(BUILD) $(or $(SHARDS_EXPERTS),1000000)

eval: all $(BUILD)/roster-eval
	@sh eval/run.sh $(BUILD)

FUZZ_SECONDS ?= 60
FUZZ_TARGETS := jsonl csv tor query http docx odt pdf europass
fuzz: $(BUILD)/roster-gen
	@$(MAKE) --no-print-directory FUZZ=1 fuzz-build
	@sh fuzz/run.sh build/fuzz $(FUZZ_SECONDS) $(FUZZ_TARGETS)

fuzz-build: $(FUZZ_TARGETS:%=$(BUILD)/fuzz/fuzz_%)
.PRECIOUS: $(BUILD)/fuzz/%.o

$(BUILD)/fuzz/fuzz_%: $(BUILD)/fuzz/fuzz_%.o $(FUZZ_LIB_OBJ) $(SERVER_LOGIC_OBJ) $(BUILD)/libroster.a
	$(call say,LINK,$(@:$(BUILD)/%=%))$(CXX) -fsanitize=fuzzer,address,undefined -o $@ $^ $(LIBS)

valgrind: $(BUILD)/roster $(BUILD)/roster-gen $(UNIT_BIN)
	@sh tests/valgrind.sh $(BUILD)

CRASH_TRIALS ?= 300
crash: $(BUILD)/roster $(BUILD)/roster-gen
	@sh tests/crash/crash.sh $(BUILD) $(CRASH_TRIALS)

clean:
	rm -rf build

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
