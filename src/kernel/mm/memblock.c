// SPDX-License-Identifier: GPL-2.0
/*
 * A model of mm/memblock.c.  Only what the reserved-memory code observes
 * is modelled: which bytes are memory, reserved or NOMAP, and where the
 * search for a free range lands.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/mm/memblock.h"

static inline uint64_t cap_size(uint64_t base, uint64_t size)
{
	return size < UINT64_MAX - base ? size : UINT64_MAX - base;
}

static int type_reserve_slots(struct mb_type *t, size_t extra)
{
	struct mb_region *n;
	size_t want = t->cnt + extra;

	if (want <= t->cap)
		return 0;
	want = want < 16 ? 16 : want * 2;
	n = realloc(t->r, want * sizeof(*n));
	if (!n)
		return -ENOMEM;
	t->r = n;
	t->cap = want;
	return 0;
}

static void type_insert(struct mb_type *t, size_t at, uint64_t base,
			uint64_t size, unsigned int flags)
{
	memmove(&t->r[at + 1], &t->r[at], (t->cnt - at) * sizeof(t->r[0]));
	t->r[at].base = base;
	t->r[at].size = size;
	t->r[at].flags = flags;
	t->cnt++;
}

static void type_delete(struct mb_type *t, size_t at)
{
	memmove(&t->r[at], &t->r[at + 1], (t->cnt - at - 1) * sizeof(t->r[0]));
	t->cnt--;
}

/* memblock_merge_regions(): adjacent regions with equal flags become one */
static void type_merge(struct mb_type *t)
{
	size_t i = 0;

	while (i + 1 < t->cnt) {
		struct mb_region *a = &t->r[i], *b = &t->r[i + 1];

		if (a->base + a->size != b->base || a->flags != b->flags) {
			i++;
			continue;
		}
		a->size += b->size;
		type_delete(t, i + 1);
	}
}

/*
 * memblock_add_range(): only the parts of [base, base+size) not yet
 * covered are inserted; existing regions keep their flags.
 */
static int type_add(struct mb_type *t, uint64_t base, uint64_t size,
		    unsigned int flags)
{
	uint64_t end;
	size_t i;

	size = cap_size(base, size);
	if (!size)
		return 0;
	end = base + size;
	for (i = 0; i <= t->cnt && base < end; i++) {
		uint64_t rbase = i < t->cnt ? t->r[i].base : UINT64_MAX;
		uint64_t rend = i < t->cnt ? t->r[i].base + t->r[i].size : UINT64_MAX;

		if (rend <= base)
			continue;
		if (rbase > base) {
			uint64_t piece_end = rbase < end ? rbase : end;

			if (type_reserve_slots(t, 1))
				return -ENOMEM;
			type_insert(t, i, base, piece_end - base, flags);
			i++;
		}
		base = rend;
	}
	type_merge(t);
	return 0;
}

/*
 * memblock_isolate_range(): split regions so that [base, end) starts and
 * ends on region boundaries.  Returns the first index inside the range
 * in *first and one past the last in *last.
 */
static int type_isolate(struct mb_type *t, uint64_t base, uint64_t size,
			size_t *first, size_t *last)
{
	uint64_t end;
	size_t i;

	size = cap_size(base, size);
	end = base + size;
	*first = *last = 0;
	if (!size)
		return 0;
	if (type_reserve_slots(t, 2))
		return -ENOMEM;
	for (i = 0; i < t->cnt; i++) {
		struct mb_region *r = &t->r[i];
		uint64_t rend = r->base + r->size;

		if (r->base >= end)
			break;
		if (rend <= base)
			continue;
		if (r->base < base) {
			type_insert(t, i, r->base, base - r->base, r->flags);
			t->r[i + 1].base = base;
			t->r[i + 1].size = rend - base;
			continue;	/* look at the right part next */
		}
		if (rend > end) {
			type_insert(t, i, r->base, end - r->base, r->flags);
			t->r[i + 1].base = end;
			t->r[i + 1].size = rend - end;
		}
	}
	for (i = 0; i < t->cnt && t->r[i].base + t->r[i].size <= base; i++)
		;
	*first = i;
	for (; i < t->cnt && t->r[i].base < end; i++)
		;
	*last = i;
	return 0;
}

static int type_remove(struct mb_type *t, uint64_t base, uint64_t size)
{
	size_t first, last;
	int ret = type_isolate(t, base, size, &first, &last);

	if (ret)
		return ret;
	while (last > first)
		type_delete(t, --last);
	return 0;
}

static int type_set_flag(struct mb_type *t, uint64_t base, uint64_t size,
			 unsigned int flag, bool set)
{
	size_t first, last, i;
	int ret = type_isolate(t, base, size, &first, &last);

	if (ret)
		return ret;
	for (i = first; i < last; i++) {
		if (set)
			t->r[i].flags |= flag;
		else
			t->r[i].flags &= ~flag;
	}
	type_merge(t);
	return 0;
}

static bool type_overlaps(const struct mb_type *t, uint64_t base,
			  uint64_t size)
{
	uint64_t end = base + cap_size(base, size);
	size_t i;

	for (i = 0; i < t->cnt; i++)
		if (t->r[i].base < end && base < t->r[i].base + t->r[i].size)
			return true;
	return false;
}

void memblock_init(struct memblock *mb)
{
	memset(mb, 0, sizeof(*mb));
}

void memblock_release(struct memblock *mb)
{
	free(mb->memory.r);
	free(mb->reserved.r);
	memset(mb, 0, sizeof(*mb));
}

static int type_copy(struct mb_type *dst, const struct mb_type *src)
{
	dst->r = malloc((src->cap ? src->cap : 1) * sizeof(src->r[0]));
	if (!dst->r)
		return -ENOMEM;
	if (src->cnt)
		memcpy(dst->r, src->r, src->cnt * sizeof(src->r[0]));
	dst->cnt = src->cnt;
	dst->cap = src->cap ? src->cap : 1;
	return 0;
}

int memblock_copy(struct memblock *dst, const struct memblock *src)
{
	memblock_init(dst);
	dst->bottom_up = src->bottom_up;
	if (type_copy(&dst->memory, &src->memory) ||
	    type_copy(&dst->reserved, &src->reserved)) {
		memblock_release(dst);
		return -ENOMEM;
	}
	return 0;
}

int memblock_add(struct memblock *mb, uint64_t base, uint64_t size)
{
	return type_add(&mb->memory, base, size, 0);
}

int memblock_remove(struct memblock *mb, uint64_t base, uint64_t size)
{
	return type_remove(&mb->memory, base, size);
}

int memblock_reserve(struct memblock *mb, uint64_t base, uint64_t size)
{
	return type_add(&mb->reserved, base, size, 0);
}

int memblock_free_range(struct memblock *mb, uint64_t base, uint64_t size)
{
	return type_remove(&mb->reserved, base, size);
}

int memblock_mark_nomap(struct memblock *mb, uint64_t base, uint64_t size)
{
	return type_set_flag(&mb->memory, base, size, MEMBLOCK_NOMAP, true);
}

int memblock_clear_nomap(struct memblock *mb, uint64_t base, uint64_t size)
{
	return type_set_flag(&mb->memory, base, size, MEMBLOCK_NOMAP, false);
}

/* __find_max_addr(): the address where limit bytes of memory end */
static uint64_t find_max_addr(const struct memblock *mb, uint64_t limit)
{
	size_t i;

	for (i = 0; i < mb->memory.cnt; i++) {
		if (limit <= mb->memory.r[i].size)
			return mb->memory.r[i].base + limit;
		limit -= mb->memory.r[i].size;
	}
	return ~0ULL;
}

/*
 * memblock_cap_memory_range(0, max_addr): memory outside is removed
 * unless NOMAP, reservations outside are dropped.
 */
static int cap_memory_range(struct memblock *mb, uint64_t base, uint64_t size)
{
	size_t first, last, i;
	int ret;

	if (!size || !mb->memory.cnt)
		return 0;
	ret = type_isolate(&mb->memory, base, size, &first, &last);
	if (ret)
		return ret;
	for (i = mb->memory.cnt; i-- > last;)
		if (!(mb->memory.r[i].flags & MEMBLOCK_NOMAP))
			type_delete(&mb->memory, i);
	for (i = first; i-- > 0;)
		if (!(mb->memory.r[i].flags & MEMBLOCK_NOMAP))
			type_delete(&mb->memory, i);
	ret = type_remove(&mb->reserved, 0, base);
	if (!ret)
		ret = type_remove(&mb->reserved, base + size, ~0ULL - (base + size));
	return ret;
}

int memblock_mem_limit_remove_map(struct memblock *mb, uint64_t limit)
{
	uint64_t max_addr;

	if (!limit)
		return 0;
	max_addr = find_max_addr(mb, limit);
	if (max_addr == ~0ULL)
		return 0;	/* more than all of memory */
	return cap_memory_range(mb, 0, max_addr);
}

bool memblock_pfn_valid(const struct memblock *mb, uint64_t pfn)
{
	uint64_t start = (pfn << RM_PAGE_SHIFT) & ~(MB_SECTION_SIZE - 1);

	return type_overlaps(&mb->memory, start, MB_SECTION_SIZE);
}

enum rm_region_intersects memblock_intersects_ram(const struct memblock *mb,
						  uint64_t base, uint64_t size)
{
	bool ram = false, other = false;
	size_t i;

	for (i = 0; i < mb->memory.cnt; i++) {
		const struct mb_region *m = &mb->memory.r[i];

		if (m->base >= base + size || base >= m->base + m->size)
			continue;
		if (m->flags & MEMBLOCK_NOMAP)
			other = true;
		else
			ram = true;
	}
	if (!ram)
		return RM_REGION_DISJOINT;
	return other ? RM_REGION_MIXED : RM_REGION_INTERSECTS;
}

bool memblock_overlaps_memory(const struct memblock *mb, uint64_t base,
			      uint64_t size)
{
	return type_overlaps(&mb->memory, base, size);
}

bool memblock_is_region_reserved(const struct memblock *mb, uint64_t base,
				 uint64_t size)
{
	return type_overlaps(&mb->reserved, base, size);
}

bool memblock_is_reserved_all(const struct memblock *mb, uint64_t base,
			      uint64_t size)
{
	uint64_t end = base + cap_size(base, size);
	size_t i;

	for (i = 0; i < mb->reserved.cnt && base < end; i++) {
		const struct mb_region *r = &mb->reserved.r[i];

		if (r->base + r->size <= base)
			continue;
		if (r->base > base)
			return false;
		base = r->base + r->size;
	}
	return base >= end;
}

bool memblock_is_nomap(const struct memblock *mb, uint64_t addr)
{
	size_t i;

	for (i = 0; i < mb->memory.cnt; i++) {
		const struct mb_region *r = &mb->memory.r[i];

		if (addr >= r->base && addr - r->base < r->size)
			return r->flags & MEMBLOCK_NOMAP;
	}
	return false;
}

/*
 * __next_mem_range(): walk memory regions that are not NOMAP and yield the
 * parts not covered by reserved.  Collected into an array so both
 * directions can walk it.
 */
struct free_range {
	uint64_t start, end;
};

static size_t collect_free(const struct memblock *mb, struct free_range **out)
{
	size_t i, j, n = 0, cap = mb->memory.cnt + mb->reserved.cnt + 1;
	struct free_range *fr = malloc(cap * sizeof(*fr));

	*out = fr;
	if (!fr)
		return 0;
	for (i = 0; i < mb->memory.cnt; i++) {
		const struct mb_region *m = &mb->memory.r[i];
		uint64_t cur = m->base, mend = m->base + m->size;

		if (m->flags & MEMBLOCK_NOMAP)
			continue;
		for (j = 0; j < mb->reserved.cnt && cur < mend; j++) {
			const struct mb_region *r = &mb->reserved.r[j];
			uint64_t rend = r->base + r->size;

			if (rend <= cur)
				continue;
			if (r->base >= mend)
				break;
			if (r->base > cur) {
				fr[n].start = cur;
				fr[n++].end = r->base;
			}
			cur = rend;
		}
		if (cur < mend) {
			fr[n].start = cur;
			fr[n++].end = mend;
		}
	}
	return n;
}

static inline uint64_t clamp64(uint64_t v, uint64_t lo, uint64_t hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

uint64_t memblock_find_in_range(const struct memblock *mb, uint64_t size,
				uint64_t align, uint64_t start, uint64_t end)
{
	struct free_range *fr;
	size_t n = collect_free(mb, &fr), i;
	uint64_t found = 0;

	if (!align)
		align = 1;
	/* avoid allocating the first page; pump up end */
	if (start < RM_PAGE_SIZE)
		start = RM_PAGE_SIZE;
	if (end < start)
		end = start;
	if (mb->bottom_up) {
		for (i = 0; i < n; i++) {
			uint64_t s = clamp64(fr[i].start, start, end);
			uint64_t e = clamp64(fr[i].end, start, end);
			uint64_t cand = (s + align - 1) / align * align;

			if (cand >= s && cand < e && e - cand >= size) {
				found = cand;
				break;
			}
		}
	} else {
		for (i = n; i-- > 0;) {
			uint64_t s = clamp64(fr[i].start, start, end);
			uint64_t e = clamp64(fr[i].end, start, end);
			uint64_t cand;

			if (e < size)
				continue;
			cand = (e - size) / align * align;
			if (cand >= s) {
				found = cand;
				break;
			}
		}
	}
	free(fr);
	return found;
}

uint64_t memblock_phys_alloc_range(struct memblock *mb, uint64_t size,
				   uint64_t align, uint64_t start,
				   uint64_t end)
{
	uint64_t found = memblock_find_in_range(mb, size, align, start, end);

	if (found && !memblock_reserve(mb, found, size))
		return found;
	return 0;
}

uint64_t memblock_start_of_dram(const struct memblock *mb)
{
	return mb->memory.cnt ? mb->memory.r[0].base : 0;
}

uint64_t memblock_end_of_dram(const struct memblock *mb)
{
	const struct mb_region *r;

	if (!mb->memory.cnt)
		return 0;
	r = &mb->memory.r[mb->memory.cnt - 1];
	return r->base + r->size;
}

uint64_t memblock_phys_mem_size(const struct memblock *mb)
{
	uint64_t total = 0;
	size_t i;

	for (i = 0; i < mb->memory.cnt; i++)
		total += mb->memory.r[i].size;
	return total;
}

int memblock_for_each_free(const struct memblock *mb,
			   int (*fn)(uint64_t base, uint64_t end, void *arg),
			   void *arg)
{
	struct free_range *fr;
	size_t n = collect_free(mb, &fr), i;
	int ret = 0;

	for (i = 0; i < n && !ret; i++)
		ret = fn(fr[i].start, fr[i].end, arg);
	free(fr);
	return ret;
}
