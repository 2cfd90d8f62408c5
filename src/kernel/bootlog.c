// SPDX-License-Identifier: GPL-2.0
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/bootlog.h"

void bootlog_init(struct bootlog *log)
{
	memset(log, 0, sizeof(*log));
	pthread_mutex_init(&log->lock, NULL);
}

void bootlog_release(struct bootlog *log)
{
	strbuf_release(&log->text);
	pthread_mutex_destroy(&log->lock);
}

void bootlog_printf(struct bootlog *log, enum rm_loglevel level,
		    const char *fmt, ...)
{
	struct strbuf line = STRBUF_INIT;
	va_list ap;
	size_t i;

	va_start(ap, fmt);
	strbuf_vprintf(&line, fmt, ap);
	va_end(ap);
	if (!line.s)
		return;
	/* printk drops one trailing newline and splits on the others */
	if (line.len && line.s[line.len - 1] == '\n')
		line.s[--line.len] = '\0';
	pthread_mutex_lock(&log->lock);
	strbuf_add(&log->text, line.s, line.len);
	strbuf_add(&log->text, "\n", 1);
	for (i = 0; i <= line.len; i++)
		if (i == line.len || line.s[i] == '\n')
			log->nr_lines++;
	if (level <= RM_LOG_WARN)
		log->nr_err++;
	pthread_mutex_unlock(&log->lock);
	strbuf_release(&line);
}

void bootlog_warn(struct bootlog *log, const char *msg, const char *where)
{
	bootlog_printf(log, RM_LOG_WARN, "------------[ cut here ]------------");
	if (msg)
		bootlog_printf(log, RM_LOG_WARN, "%s", msg);
	if (where && log->warn_file_first) {
		/* where is "file:line func": the two parts swap around "at" */
		const char *func = strchr(where, ' ');

		bootlog_printf(log, RM_LOG_WARN, "WARNING: %.*s at %s, CPU#0: "
			       "swapper/0/1", func ? (int)(func - where) :
			       (int)strlen(where), where, func ? func + 1 : "?");
	} else if (where) {
		bootlog_printf(log, RM_LOG_WARN, "WARNING: CPU: 0 PID: 1 at %s", where);
	}
}

char *bootlog_snapshot(struct bootlog *log, size_t *len)
{
	char *s;

	pthread_mutex_lock(&log->lock);
	s = malloc(log->text.len + 1);
	if (s) {
		if (log->text.len)
			memcpy(s, log->text.s, log->text.len);
		s[log->text.len] = '\0';
		if (len)
			*len = log->text.len;
	}
	pthread_mutex_unlock(&log->lock);
	return s;
}
