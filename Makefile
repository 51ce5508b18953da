# canting: plain Makefile.  `make`, `make check`, `make bench`, `make install`.
# `make check SANITIZE=1` builds everything with ASan+UBSan into build-san/.
# Robustness (docs/robustness.md): `make check-valgrind`, `make check-tsan`
# (build-tsan/), `make check-fault` (build-fault/), `make fuzz` and
# `make fuzz-run FUZZ_SECONDS=60` (build-fuzz/, clang and libFuzzer).

PREFIX  ?= /usr/local
DESTDIR ?=
CC      ?= cc
PKG_CONFIG ?= pkg-config

VERSION := 0.1.0
LIBDIR  := $(PREFIX)/lib
INCDIR  := $(PREFIX)/include
BINDIR  := $(PREFIX)/bin
DATADIR := $(PREFIX)/share/canting
MANDIR  := $(PREFIX)/share/man
LOCALEDIR := $(PREFIX)/share/locale
SOMAJOR := 0

ASAN_UBSAN := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
FAULT_DEFS :=
ifeq ($(SANITIZE),1)
BUILD   ?= build-san
SANFLAGS := $(ASAN_UBSAN)
else ifeq ($(SANITIZE),thread)
BUILD   ?= build-tsan
SANFLAGS := -fsanitize=thread
else ifeq ($(SANITIZE),fault)
# The N-th allocation fails (src/util/alloc.c); ASan's leak checker watches
# every error path.
BUILD   ?= build-fault
SANFLAGS := $(ASAN_UBSAN)
FAULT_DEFS := -DCANTING_FAULT_INJECTION
else ifeq ($(SANITIZE),fuzz)
# libFuzzer comes with clang; the library is instrumented for coverage and
# the fuzz targets link libFuzzer's main.
BUILD   ?= build-fuzz
CC      := clang
SANFLAGS := -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
else
BUILD   ?= build
SANFLAGS :=
endif

OPT      ?= -O2 -g
DEPS     := cairo fontconfig libpng libjpeg zlib
DEP_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(DEPS))
DEP_LIBS   := $(shell $(PKG_CONFIG) --libs $(DEPS)) -lm -pthread
CHECK_CFLAGS := $(shell $(PKG_CONFIG) --cflags check)
CHECK_LIBS   := $(shell $(PKG_CONFIG) --libs check)

WARN     := -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes
BASE_CFLAGS := $(WARN) $(OPT) $(SANFLAGS) $(FAULT_DEFS) -D_XOPEN_SOURCE=700 -Iinclude -Isrc
LIB_CFLAGS  := $(BASE_CFLAGS) -DCANTING_BUILD -fPIC -fvisibility=hidden $(DEP_CFLAGS)
LDFLAGS_ALL := $(SANFLAGS)

# Library stages, in pipeline order; each folder depends only on earlier ones.
STAGES   := util motif render repeat separate io
LIB_SRC  := $(foreach s,$(STAGES),$(wildcard src/$(s)/*.c))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_SRC  := $(wildcard src/cli/*.c)
# `canting studio` (src/studio) serves its page with libmicrohttpd; built
# without it, the command says so.
ifeq ($(shell $(PKG_CONFIG) --exists libmicrohttpd && echo yes),yes)
CLI_SRC  += $(wildcard src/studio/*.c)
STUDIO_CFLAGS := $(shell $(PKG_CONFIG) --cflags libmicrohttpd)
STUDIO_LIBS   := $(shell $(PKG_CONFIG) --libs libmicrohttpd)
else
CLI_SRC  += src/studio/studio_cli.c
STUDIO_CFLAGS := -DCANTING_NO_STUDIO
endif
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/man_pages.o
MAN_PAGES := docs/man/canting.1 docs/man/canting-motif.5
# Translations of the command's messages (po/LANG.po), compiled beside the
# program so a build tree speaks them before `make install`.
LINGUAS  := $(basename $(notdir $(wildcard po/*.po)))
MO_FILES := $(LINGUAS:%=$(BUILD)/locale/%/LC_MESSAGES/canting.mo)
EXAMPLES := $(patsubst examples/%.c,$(BUILD)/examples/%,$(wildcard examples/*.c))
TESTS    := $(patsubst tests/%.c,$(BUILD)/tests/%,$(wildcard tests/test_*.c))
SHELL_TESTS := $(wildcard tests/test_*.sh)
TEST_SUPPORT := $(filter-out tests/test_%.c,$(wildcard tests/*.c))
BENCHES  := $(patsubst bench/%.c,$(BUILD)/bench/%,$(wildcard bench/*.c))

STATIC   := $(BUILD)/libcanting.a
SHARED   := $(BUILD)/libcanting.so.$(VERSION)
CLI      := $(BUILD)/canting

all: $(STATIC) $(SHARED) $(CLI) $(EXAMPLES) canting $(MO_FILES)

# A link at the top so `./canting` works right after `make`.
canting: $(CLI)
	ln -sf $(CLI) canting

# Each SIMD file is compiled with only its own instruction-set flag.
$(BUILD)/%_sse2.o: %_sse2.c
	@mkdir -p $(dir $@)
	$(CC) $(LIB_CFLAGS) -msse2 -MMD -MP -c $< -o $@
$(BUILD)/%_avx2.o: %_avx2.c
	@mkdir -p $(dir $@)
	$(CC) $(LIB_CFLAGS) -mavx2 -MMD -MP -c $< -o $@
$(BUILD)/src/cli/%.o: CLI_DEFS = -DCANTING_MOTIF_DIR='"$(DATADIR)/motifs"' -DCANTING_LOCALE_DIR='"$(LOCALEDIR)"'
$(BUILD)/src/studio/%.o: CLI_DEFS = -DCANTING_MOTIF_DIR='"$(DATADIR)/motifs"' \
	-DCANTING_STUDIO_DIR='"$(DATADIR)/studio"' $(STUDIO_CFLAGS)
$(BUILD)/src/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(LIB_CFLAGS) $(CLI_DEFS) -MMD -MP -c $< -o $@
$(BUILD)/tests/%.o: tests/%.c
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) $(DEP_CFLAGS) $(CHECK_CFLAGS) -MMD -MP -c $< -o $@

# The manual pages, embedded in the command for `canting help`.
$(BUILD)/gen/man_pages.c: $(MAN_PAGES) docs/man/embed.sh
	@mkdir -p $(dir $@)
	sh docs/man/embed.sh $(MAN_PAGES) > $@
$(BUILD)/gen/man_pages.o: $(BUILD)/gen/man_pages.c
	$(CC) $(BASE_CFLAGS) -c $< -o $@

$(BUILD)/locale/%/LC_MESSAGES/canting.mo: po/%.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

# `make po`: the template from the sources, merged into every translation.
po:
	xgettext --from-code=UTF-8 -k_ -kN_ -kcli_usage_error:1 -kcli_fail:1 --add-comments=TRANSLATORS: \
		--package-name=canting --package-version=$(VERSION) -o po/canting.pot $(wildcard src/cli/*.c)
	for l in $(LINGUAS); do msgmerge -q -U --backup=none po/$$l.po po/canting.pot; done

$(STATIC): $(LIB_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@
	ar rcs $@ $^

$(SHARED): $(LIB_OBJ)
	$(CC) -shared -Wl,-soname,libcanting.so.$(SOMAJOR) $(LDFLAGS_ALL) -o $@ $^ $(DEP_LIBS)
	ln -sf libcanting.so.$(VERSION) $(BUILD)/libcanting.so.$(SOMAJOR)
	ln -sf libcanting.so.$(VERSION) $(BUILD)/libcanting.so

$(CLI): $(CLI_OBJ) $(STATIC)
	$(CC) $(LDFLAGS_ALL) -o $@ $(CLI_OBJ) $(STATIC) $(DEP_LIBS) $(STUDIO_LIBS)

$(BUILD)/examples/%: examples/%.c $(STATIC)
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) $(LDFLAGS_ALL) -o $@ $< $(STATIC) $(DEP_LIBS)

# Tests link the static library so they can also reach internal symbols
# (the SIMD kernels) through the private headers under src/.
$(BUILD)/tests/%: $(BUILD)/tests/%.o $(TEST_SUPPORT:%.c=$(BUILD)/%.o) $(STATIC)
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(DEP_LIBS) $(CHECK_LIBS)

$(BUILD)/bench/%: bench/%.c $(STATIC)
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) $(DEP_CFLAGS) -O3 $(LDFLAGS_ALL) -o $@ $< $(STATIC) $(DEP_LIBS)

# ---- tests ------------------------------------------------------------------
check: all $(TESTS)
	@CANTING_BUILD_DIR=$(BUILD) SANITIZE=$(SANITIZE) sh tests/run.sh $(TESTS) $(SHELL_TESTS)

check-valgrind: all $(TESTS)
	@CANTING_BUILD_DIR=$(BUILD) CANTING_VALGRIND=1 sh tests/run.sh $(TESTS) tests/test_studio.sh

# ---- robustness (docs/robustness.md) ----------------------------------------
# Each runs a sub-make with its own SANITIZE, so its objects live in their
# own build folder and never mix with the normal build's.

# The threaded parts under ThreadSanitizer.
TSAN_TESTS := $(BUILD)/tests/test_layout $(BUILD)/tests/test_proof $(BUILD)/tests/test_threads $(BUILD)/tests/test_explore_api
check-tsan:
	@$(MAKE) --no-print-directory SANITIZE=thread BUILD=build-tsan tsan-run
tsan-run: $(TSAN_TESTS) $(CLI)
	@CANTING_BUILD_DIR=$(BUILD) TSAN_OPTIONS="suppressions=$(CURDIR)/tests/tsan.supp $(TSAN_OPTIONS)" \
		sh tests/run.sh $(TSAN_TESTS) tests/test_studio.sh

# Every allocation along a load and a render made to fail in turn.
FAULT_RUN := $(BUILD)/tests/fault_run
check-fault:
	@$(MAKE) --no-print-directory SANITIZE=fault BUILD=build-fault fault-run
fault-run: $(FAULT_RUN)
	$(FAULT_RUN)
$(FAULT_RUN): $(BUILD)/tests/fault/fault_run.o $(STATIC)
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(DEP_LIBS)

# libFuzzer targets, one per kind of untrusted input.
FUZZ_TARGETS := $(patsubst tests/fuzz/fuzz_%.c,$(BUILD)/fuzz_%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_SECONDS ?= 60
fuzz:
	@$(MAKE) --no-print-directory SANITIZE=fuzz BUILD=build-fuzz fuzz-targets
fuzz-targets: $(FUZZ_TARGETS)
$(BUILD)/fuzz_%: $(BUILD)/tests/fuzz/fuzz_%.o $(STATIC)
	$(CC) $(LDFLAGS_ALL) -fsanitize=fuzzer -o $@ $^ $(DEP_LIBS)
fuzz-run: fuzz
	FUZZ_SECONDS=$(FUZZ_SECONDS) sh tests/fuzz/run.sh build-fuzz

bench: all $(BENCHES)
	sh bench/run.sh $(BUILD)

# Every motif in every colourway as a small proof, and one contact sheet.
gallery: all
	rm -rf docs/gallery && mkdir -p docs/gallery
	$(BUILD)/examples/gallery motifs docs/gallery

# ---- install ----------------------------------------------------------------

$(BUILD)/canting.pc: canting.pc.in
	@mkdir -p $(dir $@)
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@VERSION@|$(VERSION)|g' $< > $@

install: all $(BUILD)/canting.pc
	install -d $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCDIR) $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/motifs
	install -m 644 include/canting.h $(DESTDIR)$(INCDIR)/
	install -m 644 $(STATIC) $(DESTDIR)$(LIBDIR)/
	install -m 755 $(SHARED) $(DESTDIR)$(LIBDIR)/
	ln -sf libcanting.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libcanting.so.$(SOMAJOR)
	ln -sf libcanting.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libcanting.so
	install -m 644 $(BUILD)/canting.pc $(DESTDIR)$(LIBDIR)/pkgconfig/
	install -m 755 $(CLI) $(DESTDIR)$(BINDIR)/canting
	install -m 644 motifs/*.motif $(DESTDIR)$(DATADIR)/motifs/
	install -d $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5
	install -m 644 docs/man/canting.1 $(DESTDIR)$(MANDIR)/man1/
	install -m 644 docs/man/canting-motif.5 $(DESTDIR)$(MANDIR)/man5/
	for l in $(LINGUAS); do install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
		install -m 644 $(BUILD)/locale/$$l/LC_MESSAGES/canting.mo $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/; done
	install -d $(DESTDIR)$(DATADIR)/studio
	install -m 644 web/studio/*.html web/studio/*.css web/studio/*.js $(DESTDIR)$(DATADIR)/studio/

clean:
	rm -rf build build-san build-tsan build-fault build-fuzz canting

.PHONY: po gallery all check check-valgrind check-tsan tsan-run check-fault fault-run fuzz fuzz-targets fuzz-run bench \
	install clean

.PRECIOUS: $(BUILD)/tests/%.o

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
