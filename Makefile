# staffroom: `make run` and `make test` on a fresh Debian 12 machine.
# Everything the build needs comes from Debian's packages (installed when
# missing) and, for the browser tests, the npm registry.

PREFIX    ?= /usr/local
BUILD     := build
ASAN      := build-asan
DEMO_DB   ?= var/demo.db
LISTEN    ?= 127.0.0.1:8080

PKGS      := libmicrohttpd jansson sqlite3 libctemplate libsodium libcmark libseccomp
DEB_PKGS  := gcc g++ make pkg-config libmicrohttpd-dev libjansson-dev libsqlite3-dev libctemplate-dev \
             libsodium-dev libcmark-dev libcsv-dev libseccomp-dev libcmocka-dev sqlite3 nodejs tidy

CC        ?= cc
CXX       ?= g++
WARN      := -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wno-format-nonliteral
HARDEN    := -fstack-protector-strong -fstack-clash-protection -fPIE
CFLAGS_B  := -std=c11 $(WARN) $(HARDEN) -O2 -g -D_FORTIFY_SOURCE=3
CXXFLAGS_B:= -std=c++17 $(WARN) $(HARDEN) -O2 -g -D_FORTIFY_SOURCE=3
LDFLAGS_B := -pie -Wl,-z,relro,-z,now
SAN       := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
CFLAGS_A  := -std=c11 $(WARN) -fPIE -O1 -g $(SAN)
CXXFLAGS_A:= -std=c++17 $(WARN) -fPIE -O1 -g $(SAN)
LDFLAGS_A := -pie $(SAN)

PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -lpthread

C_SRCS    := $(wildcard src/*.c)
CXX_SRCS  := $(wildcard src/*.cc)
LIB_C     := $(filter-out src/main.c,$(C_SRCS))
OBJS      := $(C_SRCS:src/%.c=$(BUILD)/%.o) $(CXX_SRCS:src/%.cc=$(BUILD)/%.o)
LIB_OBJS  := $(LIB_C:src/%.c=$(BUILD)/%.o) $(CXX_SRCS:src/%.cc=$(BUILD)/%.o)
ASAN_OBJS := $(C_SRCS:src/%.c=$(ASAN)/%.o) $(CXX_SRCS:src/%.cc=$(ASAN)/%.o)
ASAN_LIB  := $(LIB_C:src/%.c=$(ASAN)/%.o) $(CXX_SRCS:src/%.cc=$(ASAN)/%.o)
UNIT_SRCS := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(ASAN)/%)

.PHONY: all deps run test check-asan unit http clean install demo-db
.SECONDARY:

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

$(BUILD) $(ASAN) var:
	mkdir -p $@

$(BUILD)/%.o: src/%.c src/*.h | $(BUILD)
	$(CC) $(CFLAGS_B) $(PKG_CFLAGS) -c $< -o $@
$(BUILD)/%.o: src/%.cc src/*.h | $(BUILD)
	$(CXX) $(CXXFLAGS_B) $(PKG_CFLAGS) -c $< -o $@
$(BUILD)/staffroom: $(OBJS)
	$(CXX) $(LDFLAGS_B) $(OBJS) $(PKG_LIBS) -o $@

$(ASAN)/%.o: src/%.c src/*.h | $(ASAN)
	$(CC) $(CFLAGS_A) $(PKG_CFLAGS) -c $< -o $@
$(ASAN)/%.o: src/%.cc src/*.h | $(ASAN)
	$(CXX) $(CXXFLAGS_A) $(PKG_CFLAGS) -c $< -o $@
$(ASAN)/staffroom: $(ASAN_OBJS)
	$(CXX) $(LDFLAGS_A) $(ASAN_OBJS) $(PKG_LIBS) -o $@
$(ASAN)/test_%.o: tests/unit/test_%.c src/*.h | $(ASAN)
	$(CC) $(CFLAGS_A) -Isrc $(PKG_CFLAGS) -c $< -o $@
$(ASAN)/test_%: $(ASAN)/test_%.o $(ASAN_LIB)
	$(CXX) $(LDFLAGS_A) $^ $(PKG_LIBS) -lcmocka -o $@

demo-db: $(BUILD)/staffroom | var
	@[ -f $(DEMO_DB) ] || $(BUILD)/staffroom demo --db $(DEMO_DB)

run: deps
	$(MAKE) all demo-db
	@echo "Demo sign-ins: head@demo.school, teacher@demo.school, ... (password: staffroom-demo; see README.md)"
	$(BUILD)/staffroom serve --db $(DEMO_DB) --listen $(LISTEN)

# Every suite: C unit tests (under ASan/UBSan), then the HTTP suites against
# the optimised build and again against the sanitizer build.
test: deps
	$(MAKE) all $(ASAN)/staffroom $(UNIT_BINS)
	@tests/run-all $(BUILD)/staffroom $(ASAN)/staffroom $(UNIT_BINS)

check-asan: deps
	$(MAKE) $(ASAN)/staffroom $(UNIT_BINS)
	@tests/run-all --only-asan $(BUILD)/staffroom $(ASAN)/staffroom $(UNIT_BINS)

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/staffroom/templates \
	  $(DESTDIR)$(PREFIX)/share/staffroom/static
	install -m 755 $(BUILD)/staffroom $(DESTDIR)$(PREFIX)/bin/staffroom
	install -m 644 schema.sql $(DESTDIR)$(PREFIX)/share/staffroom/schema.sql
	install -m 644 templates/*.tpl $(DESTDIR)$(PREFIX)/share/staffroom/templates/
	install -m 644 static/* $(DESTDIR)$(PREFIX)/share/staffroom/static/
	install -d $(DESTDIR)$(PREFIX)/share/staffroom/src/demo
	install -m 644 src/demo/* $(DESTDIR)$(PREFIX)/share/staffroom/src/demo/

clean:
	rm -rf $(BUILD) $(ASAN)

# --- Fuzzing (issue 8) -------------------------------------------------------
# libFuzzer harnesses in tests/fuzz/, built with clang together with our
# sources (not main.c) under ASan and UBSan in build-fuzz/.  `make fuzz`
# runs each for FUZZ_SECONDS; `make test` runs each briefly (30 s when
# CI=true).  The Debian libraries they call (libcsv, cmark, ctemplate,
# jansson, SQLite, libmicrohttpd) are the packaged builds, so coverage
# feedback comes from our code only.
FUZZ         := build-fuzz
FUZZ_SECONDS ?= 300
FUZZ_CC      := clang-14
FUZZ_CXX     := clang++-14
FUZZ_SAN     := -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_WARN    := $(WARN) -Wno-missing-field-initializers  # clang flags the {NULL} table ends gcc accepts
FUZZ_CFLAGS  := -std=c11 $(FUZZ_WARN) -O1 -g $(FUZZ_SAN) -DSCHEMA_PATH='"$(CURDIR)/schema.sql"' \
                -DTEMPLATE_DIR='"$(CURDIR)/tests/fuzz/templates"'
FUZZ_CXXFLAGS:= -std=c++17 $(FUZZ_WARN) -O1 -g $(FUZZ_SAN)
FUZZ_TARGETS := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BINS    := $(FUZZ_TARGETS:%=$(FUZZ)/fuzz_%)
FUZZ_LIB     := $(LIB_C:src/%.c=$(FUZZ)/%.o) $(CXX_SRCS:src/%.cc=$(FUZZ)/%.o)
DEB_PKGS     += clang-14

.PHONY: fuzz fuzz-build
$(FUZZ):
	mkdir -p $@
$(FUZZ)/%.o: src/%.c src/*.h | $(FUZZ)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(PKG_CFLAGS) -c $< -o $@
$(FUZZ)/%.o: src/%.cc src/*.h | $(FUZZ)
	$(FUZZ_CXX) $(FUZZ_CXXFLAGS) $(PKG_CFLAGS) -c $< -o $@
$(FUZZ)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/*.h $(FUZZ_LIB) | $(FUZZ)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -Isrc $(PKG_CFLAGS) -c $< -o $@.o
	$(FUZZ_CXX) -fsanitize=fuzzer,address,undefined $@.o $(FUZZ_LIB) $(PKG_LIBS) -o $@

fuzz-build: $(FUZZ_BINS)

fuzz: deps
	$(MAKE) fuzz-build
	tests/fuzz/run $(FUZZ_SECONDS) $(FUZZ_TARGETS)
# `make test` also builds the harnesses; tests/run-all runs each for a few
# seconds (30 s when CI=true).
test: fuzz-build
