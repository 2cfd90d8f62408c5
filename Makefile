# rmemfs - see README.md.  `make` builds, `make check` runs every test.
PREFIX ?= /usr/local
BUILD ?= build
CC ?= cc
CFLAGS ?= -O2 -g
SAN ?=
WARN := -Wall -Wextra -Wshadow -Wno-unused-parameter -Wstrict-prototypes \
	-Wmissing-prototypes -Wformat=2
FUSE_CFLAGS := $(shell pkg-config --cflags fuse3 2>/dev/null) -DFUSE_USE_VERSION=312
FUSE_LIBS := $(shell pkg-config --libs fuse3 2>/dev/null)
ALL_CFLAGS := -std=gnu11 -D_GNU_SOURCE $(WARN) $(CFLAGS) $(SAN) -Isrc -I$(BUILD)
LDLIBS_CORE := -lfdt -lpthread

# The FUSE-free core (the emulated kernel, board loading, the renderers),
# linked by the binary, the unit tests and the tools; compiled without the
# FUSE flags, so a FUSE header included there fails the build.
CORE_SRCS := $(sort $(shell find src/kernel src/util src/board src/view -name '*.c'))
# the FUSE layer and main(): the only objects built with FUSE_CFLAGS
FS_SRCS := $(sort $(wildcard src/fs/*.c)) src/main.c

CORE_OBJS := $(CORE_SRCS:src/%.c=$(BUILD)/obj/%.o) $(BUILD)/builtin_dtb.o
FS_OBJS := $(FS_SRCS:src/%.c=$(BUILD)/obj/%.o)

all: $(BUILD)/rmemfs $(BUILD)/rmemfs-exec $(BUILD)/librmemfs.a $(BUILD)/librmemfs.so

$(BUILD):
	mkdir -p $@

$(BUILD)/builtin.dtb: src/board/builtin.dts | $(BUILD)
	dtc -q -I dts -O dtb -o $@ $<

$(BUILD)/builtin_dtb.c: $(BUILD)/builtin.dtb scripts/bin2c.sh
	sh scripts/bin2c.sh $< rm_builtin_dtb > $@

$(BUILD)/builtin_dtb.o: $(BUILD)/builtin_dtb.c
	$(CC) $(ALL_CFLAGS) -Wno-missing-variable-declarations -c -o $@ $<

$(CORE_SRCS:src/%.c=$(BUILD)/obj/%.o): $(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(FS_OBJS): $(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(FUSE_CFLAGS) -MMD -MP -c -o $@ $<

-include $(CORE_OBJS:.o=.d) $(FS_OBJS:.o=.d)

$(BUILD)/librmem.a: $(CORE_OBJS)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/rmemfs: $(FS_OBJS) $(BUILD)/librmem.a
	$(CC) $(ALL_CFLAGS) -o $@ $(FS_OBJS) $(BUILD)/librmem.a $(FUSE_LIBS) $(LDLIBS_CORE)

# rmemfs-exec: mounts only, no FUSE and no core
$(BUILD)/rmemfs-exec: src/tools/rmemfs-exec.c | $(BUILD)
	$(CC) $(ALL_CFLAGS) -o $@ $<

# librmemfs: the client library (only libc; doc/api.md)
LIB_VERSION := 1
$(BUILD)/obj/lib/rmemfs.o: src/lib/rmemfs.c src/lib/rmemfs.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -fPIC -c -o $@ $<

$(BUILD)/librmemfs.a: $(BUILD)/obj/lib/rmemfs.o
	rm -f $@
	ar rcs $@ $^

$(BUILD)/librmemfs.so: $(BUILD)/obj/lib/rmemfs.o
	$(CC) $(ALL_CFLAGS) -shared -Wl,-soname,librmemfs.so.$(LIB_VERSION) -o $@ $^

# ---- tests ---------------------------------------------------------------
UNIT_SRCS := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
CHECK_LIBS := $(shell pkg-config --libs check 2>/dev/null || echo -lcheck -lsubunit -lm -lrt)

$(BUILD)/tests:
	mkdir -p $@

$(BUILD)/tests/%: tests/unit/%.c tests/unit/*.h $(BUILD)/librmem.a $(wildcard src/*/*.h src/*/*/*.h) | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $< $(BUILD)/librmem.a $(CHECK_LIBS) $(LDLIBS_CORE)

HELPERS := $(patsubst tests/mount/%.c,$(BUILD)/tests/%,$(wildcard tests/mount/*.c))
$(BUILD)/tests/%: tests/mount/%.c | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -o $@ $< -lpthread

# the API's test programs link the library
$(BUILD)/tests/api_test $(BUILD)/tests/bench_fs: $(BUILD)/tests/%: tests/mount/%.c $(BUILD)/librmemfs.a | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/librmemfs.a -lpthread

TOOLS := $(patsubst tests/tools/%.c,$(BUILD)/tests/%,$(wildcard tests/tools/*.c))
$(BUILD)/tests/%: tests/tools/%.c $(BUILD)/librmem.a | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/librmem.a $(LDLIBS_CORE)

tests: $(UNIT_BINS) $(HELPERS) $(TOOLS) $(BUILD)/rmemfs $(BUILD)/rmemfs-exec

check: tests
	BUILD=$(BUILD) sh tests/run.sh

# the daemonized server has no stderr: sanitizer reports go to files that
# tests/run.sh counts as failures
check-asan:
	rm -rf build-asan/san && mkdir -p build-asan/san
	ASAN_OPTIONS=log_path=$(CURDIR)/build-asan/san/asan:detect_leaks=1 \
	UBSAN_OPTIONS=log_path=$(CURDIR)/build-asan/san/ubsan:print_stacktrace=1 \
	SAN_LOG_DIR=$(CURDIR)/build-asan/san \
	$(MAKE) BUILD=build-asan CFLAGS="-O1 -g -fno-omit-frame-pointer" \
		SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined" check

check-valgrind: tests
	BUILD=$(BUILD) VALGRIND=1 sh tests/run.sh

# installs dependencies first: works on a machine that cannot build yet
run:
	sh scripts/run.sh

bench: all
	sh scripts/bench.sh

install: all
	install -D -m 0755 $(BUILD)/rmemfs $(DESTDIR)$(PREFIX)/bin/rmemfs
	install -D -m 0755 $(BUILD)/rmemfs-exec $(DESTDIR)$(PREFIX)/bin/rmemfs-exec
	install -D -m 0644 src/lib/rmemfs.h $(DESTDIR)$(PREFIX)/include/rmemfs.h
	install -D -m 0644 $(BUILD)/librmemfs.a $(DESTDIR)$(PREFIX)/lib/librmemfs.a
	install -D -m 0755 $(BUILD)/librmemfs.so \
		$(DESTDIR)$(PREFIX)/lib/librmemfs.so.$(LIB_VERSION)
	ln -sf librmemfs.so.$(LIB_VERSION) $(DESTDIR)$(PREFIX)/lib/librmemfs.so
	mkdir -p $(DESTDIR)$(PREFIX)/lib/pkgconfig
	sed 's|@PREFIX@|$(PREFIX)|; s|@VERSION@|$(LIB_VERSION)|' scripts/rmemfs.pc.in \
		> $(DESTDIR)$(PREFIX)/lib/pkgconfig/rmemfs.pc
	install -D -m 0644 doc/rmemfs.8 $(DESTDIR)$(PREFIX)/share/man/man8/rmemfs.8

clean:
	rm -rf build build-asan

.PHONY: all check check-asan check-valgrind run bench install clean tests
