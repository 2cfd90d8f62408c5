// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/bootlog.h"
#include "kernel/mm/memblock.h"
#include "kernel/mm/page_alloc.h"

struct collect {
	struct rm_sysmem *s;
	unsigned int cap;
	int err;
};

static int collect_free(uint64_t base, uint64_t end, void *arg)
{
	struct collect *c = arg;
	struct rm_sysmem *s = c->s;

	/* whole pages only */
	base = (base + RM_PAGE_SIZE - 1) & ~(RM_PAGE_SIZE - 1);
	end &= ~(RM_PAGE_SIZE - 1);
	if (end <= base)
		return 0;
	if (s->nr_free == c->cap) {
		unsigned int ncap = c->cap ? c->cap * 2 : 16;
		struct rm_extent *n = realloc(s->free, ncap * sizeof(*n));

		if (!n) {
			c->err = -ENOMEM;
			return 1;
		}
		s->free = n;
		c->cap = ncap;
	}
	s->free[s->nr_free].start = base;
	s->free[s->nr_free++].end = end;
	s->total_pages += (end - base) >> RM_PAGE_SHIFT;
	return 0;
}

int sysmem_init(struct rm_sysmem *s, const struct memblock *mb,
		const struct rm_page_alloc_quirks *q, struct bootlog *log)
{
	struct collect c = { s, 0, 0 };

	memset(s, 0, sizeof(*s));
	pthread_mutex_init(&s->lock, NULL);
	s->q = q;
	s->log = log;
	memblock_for_each_free(mb, collect_free, &c);
	return c.err;
}

void sysmem_release(struct rm_sysmem *s)
{
	free(s->free);
	free(s->used);
	pthread_mutex_destroy(&s->lock);
	memset(s, 0, sizeof(*s));
}

static int insert_used(struct rm_sysmem *s, unsigned int at, uint64_t start,
		       uint64_t end)
{
	if (s->nr_used == s->cap_used) {
		unsigned int ncap = s->cap_used ? s->cap_used * 2 : 16;
		struct rm_extent *n = realloc(s->used, ncap * sizeof(*n));

		if (!n)
			return -ENOMEM;
		s->used = n;
		s->cap_used = ncap;
	}
	memmove(&s->used[at + 1], &s->used[at],
		(s->nr_used - at) * sizeof(s->used[0]));
	s->used[at].start = start;
	s->used[at].end = end;
	s->nr_used++;
	return 0;
}

int sysmem_alloc(struct rm_sysmem *s, unsigned int order, uint64_t limit,
		 uint64_t *phys)
{
	uint64_t bytes, align;
	unsigned int f, u = 0;
	int ret = -ENOMEM;

	if (order > 40)
		return -ENOMEM;
	bytes = RM_PAGE_SIZE << order;
	align = bytes;
	pthread_mutex_lock(&s->lock);
	for (f = 0; f < s->nr_free; f++) {
		uint64_t cand = (s->free[f].start + align - 1) / align * align;

		while (cand + bytes <= s->free[f].end && cand + bytes > cand &&
		       cand + bytes - 1 <= limit) {
			/* skip used extents that end at or before cand */
			while (u < s->nr_used && s->used[u].end <= cand)
				u++;
			if (u < s->nr_used && s->used[u].start < cand + bytes) {
				cand = (s->used[u].end + align - 1) / align * align;
				continue;
			}
			ret = insert_used(s, u, cand, cand + bytes);
			if (!ret)
				*phys = cand;
			goto out;
		}
	}
out:
	pthread_mutex_unlock(&s->lock);
	return ret;
}

int alloc_pages(struct rm_sysmem *s, unsigned int order, uint64_t limit,
		uint64_t *phys)
{
	char where[128];

	if (order > s->q->max_order) {
		if (s->q->warn_line && bootlog_first_time(&s->order_warned)) {
			snprintf(where, sizeof(where), "mm/page_alloc.c:%d %s",
				 s->q->warn_line, s->q->warn_func);
			bootlog_warn(s->log, NULL, where);
		}
		return -ENOMEM;
	}
	return sysmem_alloc(s, order, limit, phys);
}

void sysmem_free(struct rm_sysmem *s, uint64_t phys, unsigned int order)
{
	unsigned int i;

	(void)order;
	pthread_mutex_lock(&s->lock);
	for (i = 0; i < s->nr_used; i++) {
		if (s->used[i].start == phys) {
			memmove(&s->used[i], &s->used[i + 1],
				(s->nr_used - i - 1) * sizeof(s->used[0]));
			s->nr_used--;
			break;
		}
	}
	pthread_mutex_unlock(&s->lock);
}

uint64_t sysmem_used_pages(struct rm_sysmem *s)
{
	uint64_t n = 0;
	unsigned int i;

	pthread_mutex_lock(&s->lock);
	for (i = 0; i < s->nr_used; i++)
		n += (s->used[i].end - s->used[i].start) >> RM_PAGE_SHIFT;
	pthread_mutex_unlock(&s->lock);
	return n;
}
