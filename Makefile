# staffroom: `make run` and `make test` on a fresh Debian 12 machine.
# Everything the build needs comes from Debian's packages (installed when
# missing) and, for the browser tests, the npm registry.
#
# In order: settings and the one package list; building; running; testing;
# installing; the benchmark; the browser tests; fuzzing.

# --- Settings -----------------------------------------------------------------
PREFIX     ?= /usr/local
SYSCONFDIR ?= /etc
MANDIR     ?= $(PREFIX)/share/man
DOCDIR     ?= $(PREFIX)/share/doc/staffroom
BUILD      := build
ASAN       := build-asan
FUZZ       := build-fuzz
BENCH_BIN  := bench/bin
DEMO_DB    ?= var/demo.db
LISTEN     ?= 127.0.0.1:8080
BENCH_ARGS ?=
FUZZ_SECONDS ?= 300

# The libraries staffroom links (pkg-config names), and every Debian package
# the build, the tests, the benchmark and fuzzing need.  mimalloc: the release
# binary allocates with it (fewer instructions per malloc/free than glibc's,
# no heap trimming between requests, and unlike tcmalloc nothing to set up at
# start, where tcmalloc zeroed its page map); the sanitizer builds keep the C
# library's allocator.  nginx, lighttpd and openssl are for the tests only (nginx in
# front of the FastCGI server, lighttpd running the CGI program, a throw-away TLS
# certificate); setpriv
# (util-linux) starts the server as an unprivileged user in the tests.
PKGS     := libmicrohttpd jansson sqlite3 libctemplate libsodium libcmark libseccomp \
            liboath libqrencode libcurl fcgi cgicc cjose libclamav libpng libjpeg libexif
DEB_PKGS := gcc g++ make pkg-config util-linux libmicrohttpd-dev libjansson-dev libsqlite3-dev \
            libctemplate-dev libsodium-dev libcmark-dev libcsv-dev libseccomp-dev libcmocka-dev \
            liboath-dev libqrencode-dev libcurl4-openssl-dev libfcgi-dev libcgicc-dev \
            libcjose-dev libcrack2-dev cracklib-runtime libclamav-dev libpng-dev libjpeg-dev \
            libexif-dev libmimalloc-dev sqlite3 nodejs tidy nginx lighttpd openssl \
            clang-14 libclang-rt-14-dev python3

CC         ?= cc
CXX        ?= g++
WARN       := -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wno-format-nonliteral
HARDEN     := -fstack-protector-strong -fstack-clash-protection -fPIE
CFLAGS_B   := -std=c11 $(WARN) $(HARDEN) -O2 -g -D_FORTIFY_SOURCE=3 -Isrc
CXXFLAGS_B := -std=c++17 $(WARN) $(HARDEN) -O2 -g -D_FORTIFY_SOURCE=3 -Isrc
LDFLAGS_B  := -pie -Wl,-z,relro,-z,now
SAN        := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
CFLAGS_A   := -std=c11 $(WARN) -fPIE -O1 -g $(SAN) -Isrc
CXXFLAGS_A := -std=c++17 $(WARN) -fPIE -O1 -g $(SAN) -Isrc
LDFLAGS_A  := -pie $(SAN)

# libclamav is opened at run time, when scanning is turned on (see
# src/lib/malware_scan.c): compiled against, not linked.
DLOPENED    := libclamav
CLAMAV_SONAME = $(shell objdump -p "$$(pkg-config --variable=libdir libclamav)/libclamav.so" \
                  2>/dev/null | sed -n 's/^ *SONAME *//p')
PKG_CFLAGS  = $(shell pkg-config --cflags $(PKGS) 2>/dev/null) -DCLAMAV_SONAME='"$(CLAMAV_SONAME)"'
PKG_LIBS    = $(shell pkg-config --libs $(filter-out $(DLOPENED),$(PKGS)) 2>/dev/null) \
              -lcsv -lcrack -lpthread
MALLOC_LIBS = -lmimalloc

# Sources live in layer folders (src/lib, src/db, src/core, src/http,
# src/features/NAME); includes are written from src/, hence -Isrc.
C_SRCS    := $(shell find src -name '*.c' | sort)
CXX_SRCS  := $(shell find src -name '*.cc' | sort)
HDRS      := $(shell find src -name '*.h')
LIB_C     := $(filter-out src/main.c,$(C_SRCS))
OBJS      := $(C_SRCS:src/%.c=$(BUILD)/%.o) $(CXX_SRCS:src/%.cc=$(BUILD)/%.o)
ASAN_OBJS := $(C_SRCS:src/%.c=$(ASAN)/%.o) $(CXX_SRCS:src/%.cc=$(ASAN)/%.o)
ASAN_LIB  := $(LIB_C:src/%.c=$(ASAN)/%.o) $(CXX_SRCS:src/%.cc=$(ASAN)/%.o)
UNIT_SRCS := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(ASAN)/%)

.PHONY: all deps run demo-db test check check-asan clean install bench bench-deps sbom \
        deps-browser test-browser screenshots fuzz fuzz-build
.SECONDARY:

# --- Building -----------------------------------------------------------------
all: $(BUILD)/staffroom

# Installs the Debian packages that are missing (as root, or through sudo).
deps:
	@missing=""; for p in $(DEB_PKGS); do \
	  if [ "$$p" = nodejs ] && command -v node >/dev/null 2>&1; then continue; fi; \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

$(BUILD) $(ASAN) $(FUZZ) $(BENCH_BIN) var:
	mkdir -p $@

$(BUILD)/%.o: src/%.c $(HDRS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_B) $(PKG_CFLAGS) -c $< -o $@
$(BUILD)/%.o: src/%.cc $(HDRS)
	@mkdir -p $(@D)
	$(CXX) $(CXXFLAGS_B) $(PKG_CFLAGS) -c $< -o $@
$(BUILD)/staffroom: $(OBJS)
	$(CXX) $(LDFLAGS_B) $(OBJS) $(PKG_LIBS) $(MALLOC_LIBS) -o $@

$(ASAN)/%.o: src/%.c $(HDRS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_A) $(PKG_CFLAGS) -c $< -o $@
$(ASAN)/%.o: src/%.cc $(HDRS)
	@mkdir -p $(@D)
	$(CXX) $(CXXFLAGS_A) $(PKG_CFLAGS) -c $< -o $@
$(ASAN)/staffroom: $(ASAN_OBJS)
	$(CXX) $(LDFLAGS_A) $(ASAN_OBJS) $(PKG_LIBS) -o $@
$(ASAN)/test_%.o: tests/unit/test_%.c $(HDRS) | $(ASAN)
	$(CC) $(CFLAGS_A) $(PKG_CFLAGS) -c $< -o $@
$(ASAN)/test_%: $(ASAN)/test_%.o $(ASAN_LIB)
	$(CXX) $(LDFLAGS_A) $^ $(PKG_LIBS) -lcmocka -o $@

# The worked example of docs/HACKING.md ("Adding a page group"): its C file
# and template are taken out of the page (each follows a line
# "<!-- example: FILE -->") and built and run by test_hacking_example, so the
# page cannot drift from the tree.
EXAMPLE     := $(ASAN)/hacking
EXAMPLE_AWK := /^<!-- example: / { out = dir "/" $$3; next } \
               out && /^```/ { if (open) out = ""; open = !open; next } \
               open { print > out }
$(EXAMPLE)/extracted: docs/HACKING.md templates/layout.tpl
	@mkdir -p $(EXAMPLE)/templates
	awk -v dir=$(EXAMPLE) '$(EXAMPLE_AWK)' docs/HACKING.md
	cp templates/layout.tpl $(EXAMPLE)/templates/
	touch $@
$(ASAN)/test_hacking_example.o: $(EXAMPLE)/extracted
$(ASAN)/test_hacking_example.o: CFLAGS_A += -I$(EXAMPLE) \
	-DEXAMPLE_TEMPLATES='"$(EXAMPLE)/templates"'

clean:
	rm -rf $(BUILD) $(ASAN) $(FUZZ) $(BENCH_BIN)

# --- Running the demo school --------------------------------------------------
demo-db: $(BUILD)/staffroom | var
	@[ -f $(DEMO_DB) ] || $(BUILD)/staffroom demo --db $(DEMO_DB)

run: deps
	$(MAKE) all demo-db
	@echo "Demo sign-ins: head@demo.school, teacher@demo.school, ... (password: staffroom-demo; see README.md)"
	@# staffroom will not serve as root: as root, hand var/ to "nobody" and become it once listening.
	@if [ "$$(id -u)" = 0 ]; then chown -R nobody: var; \
	  exec $(BUILD)/staffroom serve --db $(DEMO_DB) --listen $(LISTEN) --user nobody; \
	else exec $(BUILD)/staffroom serve --db $(DEMO_DB) --listen $(LISTEN); fi

# --- Checking -----------------------------------------------------------------
# Rules checked at build time (tests/check/run): every SQL literal given to a
# db helper prepares against schema.sql with as many `?` as bind letters
# (tools/sqlcheck.c, on the preprocessed sources), templates escape, includes
# follow the layers, lines of src/ fit 100 columns.
# That SQL is a literal at all, db.h makes the compiler check.
CHECK_ENV = CC="$(CC)" CHECK_CFLAGS="$(CFLAGS_B) $(PKG_CFLAGS)" SQLCHECK=$(BUILD)/sqlcheck

$(BUILD)/sqlcheck: tools/sqlcheck.c | $(BUILD)
	$(CC) $(CFLAGS_B) $(LDFLAGS_B) $< $(shell pkg-config --libs sqlite3) -o $@

check: $(BUILD)/sqlcheck $(BUILD)/staffroom
	@$(CHECK_ENV) tests/check/run

# --- Software bill of materials: `make sbom` ---------------------------------
# CycloneDX JSON: the Debian packages whose libraries the binary loads and the
# npm packages the tests pin (tools/sbom.py); `make check` checks it can be made.
NPM_LOCKS := tests/browser/package-lock.json tests/oidc/package-lock.json
sbom: $(BUILD)/staffroom
	python3 tools/sbom.py $(BUILD)/staffroom $(NPM_LOCKS) > $(BUILD)/sbom.cdx.json
	@echo "wrote $(BUILD)/sbom.cdx.json"

# --- Testing ------------------------------------------------------------------
# The checks first, then every suite: C unit tests (under ASan/UBSan), the
# fuzz harnesses briefly, the HTTP suites against the optimised and the
# sanitizer build (each through the embedded server and through nginx +
# FastCGI; the optimised one also through lighttpd + CGI), and the browser tests.
# Ends with one line: "N passed, N failed".
test: deps deps-browser
	$(MAKE) all $(BUILD)/sqlcheck $(ASAN)/staffroom $(UNIT_BINS) fuzz-build
	@$(CHECK_ENV) tests/run-all $(BUILD)/staffroom $(ASAN)/staffroom $(UNIT_BINS)

check-asan: deps
	$(MAKE) $(ASAN)/staffroom $(UNIT_BINS)
	@tests/run-all --only-asan $(BUILD)/staffroom $(ASAN)/staffroom $(UNIT_BINS)

# --- Installing ---------------------------------------------------------------
# The binary, templates, static files, schema and demo texts; the man page,
# the deployment notes, an example configuration, and /etc/staffroom.conf
# (all comments) when there is none yet: an existing one is never overwritten.
install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/staffroom/templates \
	  $(DESTDIR)$(PREFIX)/share/staffroom/static $(DESTDIR)$(PREFIX)/share/staffroom/src/demo \
	  $(DESTDIR)$(MANDIR)/man8 $(DESTDIR)$(DOCDIR) $(DESTDIR)$(SYSCONFDIR)
	install -m 755 $(BUILD)/staffroom $(DESTDIR)$(PREFIX)/bin/staffroom
	install -m 644 schema.sql $(DESTDIR)$(PREFIX)/share/staffroom/schema.sql
	install -m 644 templates/*.tpl $(DESTDIR)$(PREFIX)/share/staffroom/templates/
	install -m 644 static/* $(DESTDIR)$(PREFIX)/share/staffroom/static/
	install -m 644 src/demo/* $(DESTDIR)$(PREFIX)/share/staffroom/src/demo/
	install -m 644 docs/staffroom.8 $(DESTDIR)$(MANDIR)/man8/staffroom.8
	install -m 644 docs/DEPLOY.md docs/API.md docs/staffroom.conf.example $(DESTDIR)$(DOCDIR)/
	[ -e $(DESTDIR)$(SYSCONFDIR)/staffroom.conf ] || \
	  install -m 644 docs/staffroom.conf.example $(DESTDIR)$(SYSCONFDIR)/staffroom.conf

# --- Benchmark: `make bench` --------------------------------------------------
# Optimised build, the ceilings in bench/, wrk from Debian; results in
# bench/results-latest.md (bench/results.md is the committed, annotated run).
bench-deps:
	@command -v wrk >/dev/null 2>&1 && command -v valgrind >/dev/null 2>&1 || { \
	  SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq wrk valgrind; }

$(BENCH_BIN)/baseline: bench/baseline.c bench/serve.h | $(BENCH_BIN)
	$(CC) $(CFLAGS_B) $(PKG_CFLAGS) $< $(PKG_LIBS) -o $@
$(BENCH_BIN)/commit_ceiling: bench/commit_ceiling.c | $(BENCH_BIN)
	$(CC) $(CFLAGS_B) $(PKG_CFLAGS) $< $(PKG_LIBS) -o $@
# The stack ceiling per page expands templates through staffroom's own
# ctemplate bridge, so with the same modifiers (and nothing else of it).
CEILING_OBJS := $(addprefix $(BUILD)/,http/template.o lib/markdown.o lib/uk_time.o \
                lib/readfile.o lib/util.o core/names.o)
$(BENCH_BIN)/ceiling: bench/ceiling.cc bench/serve.h $(CEILING_OBJS) | $(BENCH_BIN)
	$(CXX) $(CXXFLAGS_B) $(PKG_CFLAGS) $< $(CEILING_OBJS) $(LDFLAGS_B) $(PKG_LIBS) -o $@

# Instructions per request are counted by callgrind (valgrind).
bench: deps bench-deps
	$(MAKE) all $(BENCH_BIN)/baseline $(BENCH_BIN)/commit_ceiling $(BENCH_BIN)/ceiling
	node bench/run.mjs $(BENCH_ARGS)
	node bench/cgi_ratio.mjs

# --- Browser tests ------------------------------------------------------------
# Debian's chromium and, from npm, the versions pinned in
# tests/browser/package-lock.json (playwright-core, axe-core), and the OpenID
# provider the single sign-on tests start (tests/oidc/package-lock.json).
deps-browser:
	@missing=""; \
	dpkg-query -W -f='$${Status}' chromium 2>/dev/null | grep -q 'install ok installed' || missing="$$missing chromium"; \
	command -v npm >/dev/null 2>&1 || missing="$$missing npm"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi
	@[ -d tests/browser/node_modules ] || (cd tests/browser && npm ci --no-audit --no-fund)
	@[ -d tests/oidc/node_modules ] || (cd tests/oidc && npm ci --no-audit --no-fund)

test-browser: deps deps-browser
	$(MAKE) all
	@tests/browser/run $(BUILD)/staffroom

# Writes the README's screenshots (docs/screenshots/*.png) from the demo school.
screenshots: deps deps-browser
	$(MAKE) all
	@STAFFROOM_SCREENSHOTS=docs/screenshots tests/browser/run $(BUILD)/staffroom pages.test.mjs

# --- Fuzzing ------------------------------------------------------------------
# libFuzzer harnesses in tests/fuzz/, built with clang together with our
# sources (not main.c) under ASan and UBSan in build-fuzz/.  `make fuzz`
# runs each for FUZZ_SECONDS; `make test` runs each briefly (30 s when
# CI=true).  The Debian libraries they call (libcsv, cmark, ctemplate,
# jansson, SQLite, libmicrohttpd) are the packaged builds, so coverage
# feedback comes from our code only.
FUZZ_CC      := clang-14
FUZZ_CXX     := clang++-14
FUZZ_SAN     := -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_WARN    := $(WARN) -Wno-missing-field-initializers  # clang flags the {NULL} table ends gcc accepts
FUZZ_CFLAGS  := -std=c11 $(FUZZ_WARN) -O1 -g $(FUZZ_SAN) -Isrc -DSCHEMA_PATH='"$(CURDIR)/schema.sql"' \
                -DTEMPLATE_DIR='"$(CURDIR)/tests/fuzz/templates"'
FUZZ_CXXFLAGS:= -std=c++17 $(FUZZ_WARN) -O1 -g $(FUZZ_SAN) -Isrc
FUZZ_TARGETS := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BINS    := $(FUZZ_TARGETS:%=$(FUZZ)/fuzz_%)
FUZZ_LIB     := $(LIB_C:src/%.c=$(FUZZ)/%.o) $(CXX_SRCS:src/%.cc=$(FUZZ)/%.o)

$(FUZZ)/%.o: src/%.c $(HDRS)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(PKG_CFLAGS) -c $< -o $@
$(FUZZ)/%.o: src/%.cc $(HDRS)
	@mkdir -p $(@D)
	$(FUZZ_CXX) $(FUZZ_CXXFLAGS) $(PKG_CFLAGS) -c $< -o $@
$(FUZZ)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/*.h $(FUZZ_LIB) | $(FUZZ)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(PKG_CFLAGS) -c $< -o $@.o
	$(FUZZ_CXX) -fsanitize=fuzzer,address,undefined $@.o $(FUZZ_LIB) $(PKG_LIBS) -o $@

fuzz-build: $(FUZZ_BINS)

fuzz: deps
	$(MAKE) fuzz-build
	tests/fuzz/run $(FUZZ_SECONDS) $(FUZZ_TARGETS)
