/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bootlog - the emulated kernel's log: one message a line, kernel text,
 * no timestamps.  Safe to append from several threads.
 */
#ifndef RM_BOOTLOG_H
#define RM_BOOTLOG_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

#include "util/strbuf.h"

/* printk's "%pa": a phys_addr_t in 16 hex digits */
#define RM_PA_FMT "0x%016llx"
#define RM_PA(x) ((unsigned long long)(x))

enum rm_loglevel { RM_LOG_ERR = 3, RM_LOG_WARN = 4, RM_LOG_INFO = 6 };

struct bootlog {
	pthread_mutex_t lock;
	struct strbuf text;	/* lines, each ending in '\n' */
	unsigned int nr_err;	/* pr_err/WARN lines logged */
	unsigned int nr_lines;
	/* 7.2 (kernel/panic.c): "WARNING: file:line at func, CPU#n: comm/pid" */
	bool warn_file_first;
};

void bootlog_init(struct bootlog *log);
void bootlog_release(struct bootlog *log);
/* One message; a '\n' inside fmt starts a new line, as printk does. */
void bootlog_printf(struct bootlog *log, enum rm_loglevel level,
		    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/*
 * A WARN(), shortened to what describes the board: the "cut here" line,
 * the message (if any) and the "WARNING: CPU: 0 PID: 1 at WHERE" line (if
 * WHERE is known); registers and backtrace describe the emulator.
 */
void bootlog_warn(struct bootlog *log, const char *msg, const char *where);

/* WARN_ONCE's static flag: true the first time only, from any thread */
static inline bool bootlog_first_time(bool *once)
{
	return !__atomic_exchange_n(once, true, __ATOMIC_RELAXED);
}

/* A copy of the whole text (caller frees). */
char *bootlog_snapshot(struct bootlog *log, size_t *len);

#endif
