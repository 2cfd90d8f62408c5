// SPDX-License-Identifier: GPL-2.0
/*
 * CMA areas (mm/cma.c).  Boot-time declaration places the area with
 * memblock; run-time cma_alloc() is a first fit in the area's bitmap
 * with the alignment absolute in pfn space, searched through
 * bitmap_index.c's summaries (same answers).  Migration always succeeds
 * here, so the kernel's -EBUSY retry never triggers.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/bootlog.h"
#include "kernel/lib/bitmap.h"
#include "kernel/lib/bitmap_index.h"
#include "kernel/lib/sizes.h"
#include "kernel/mm/cma.h"
#include "kernel/mm/memblock.h"
#include "kernel/mm/page.h"
#include "util/strbuf.h"

/* pr_fmt "cma: " */
#define cma_err(t, fmt, ...) \
	bootlog_printf((t)->log, RM_LOG_ERR, "cma: " fmt, ##__VA_ARGS__)
#define cma_info(t, fmt, ...) \
	bootlog_printf((t)->log, RM_LOG_INFO, "cma: " fmt, ##__VA_ARGS__)

int cma_table_init(struct rm_cma_table *t, unsigned int max,
		   const struct rm_cma_quirks *q, struct bootlog *log)
{
	t->areas = calloc(max ? max : 1, sizeof(*t->areas));
	t->nr = 0;
	t->max = max;
	t->q = q;
	t->log = log;
	return t->areas ? 0 : -ENOMEM;
}

static void cma_free_area(struct rm_cma *cma)
{
	pthread_mutex_destroy(&cma->lock);
	bitmap_index_release(&cma->bix);
	free(cma);
}

void cma_table_release(struct rm_cma_table *t)
{
	unsigned int i;

	for (i = 0; i < t->nr; i++)
		cma_free_area(t->areas[i]);
	free(t->areas);
	t->areas = NULL;
	t->nr = 0;
}

int cma_init_reserved_mem(struct rm_cma_table *t, const struct memblock *mb,
			  uint64_t base, uint64_t size,
			  unsigned int order_per_bit, const char *name,
			  struct rm_cma **out)
{
	uint64_t align = t->q->min_align;
	struct rm_cma *cma;

	if (t->nr >= t->max) {
		cma_err(t, "Not enough slots for CMA reserved regions!");
		return -ENOSPC;
	}
	if (!size || !memblock_is_region_reserved(mb, base, size))
		return -EINVAL;
	if (((align >> RM_PAGE_SHIFT) & ((1ULL << order_per_bit) - 1)) ||
	    ((base | size) & (align - 1)))
		return -EINVAL;
	cma = calloc(1, sizeof(*cma));
	if (!cma)
		return -ENOMEM;
	pthread_mutex_init(&cma->lock, NULL);
	cma->table = t;
	/* CMA_MAX_NAME is 64: snprintf truncates */
	if (name)
		snprintf(cma->name, sizeof(cma->name), "%s", name);
	else
		snprintf(cma->name, sizeof(cma->name), "cma%u\n", t->nr);
	cma->base_pfn = base >> RM_PAGE_SHIFT;
	cma->count = size >> RM_PAGE_SHIFT;
	cma->order_per_bit = order_per_bit;
	t->areas[t->nr++] = cma;
	*out = cma;
	return 0;
}

static void log_reserved(struct rm_cma_table *t, uint64_t size, uint64_t base)
{
	if (t->q->on_node)
		cma_info(t, "Reserved %llu MiB at " RM_PA_FMT " on node -1",
			 (unsigned long long)(size / SZ_1M), RM_PA(base));
	else
		cma_info(t, "Reserved %llu MiB at " RM_PA_FMT,
			 (unsigned long long)(size / SZ_1M), RM_PA(base));
}

static void log_failed(struct rm_cma_table *t, uint64_t size)
{
	if (t->q->on_node)
		cma_err(t, "Failed to reserve %llu MiB on node -1",
			(unsigned long long)(size / SZ_1M));
	else
		cma_err(t, "Failed to reserve %llu MiB",
			(unsigned long long)(size / SZ_1M));
}

int cma_declare_contiguous(struct rm_cma_table *t, struct memblock *mb,
			   uint64_t base, uint64_t size, uint64_t limit,
			   uint64_t alignment, unsigned int order_per_bit,
			   bool fixed, const char *name, struct rm_cma **out)
{
	const struct rm_cma_quirks *q = t->q;
	uint64_t memblock_end = memblock_end_of_dram(mb);
	/* arm64 has no highmem: high_memory is the end of DRAM */
	uint64_t highmem_start = memblock_end;
	/* 7.2 reports the size asked for, older kernels the rounded one */
	uint64_t req = size;
	int ret;

	if (t->nr >= t->max) {
		cma_err(t, "Not enough slots for CMA reserved regions!");
		return -ENOSPC;
	}
	if (!size)
		return -EINVAL;
	if (alignment & (alignment - 1))
		return -EINVAL;
	if (alignment < q->min_align)
		alignment = q->min_align;
	if (fixed && (base & (alignment - 1))) {
		if (q->fixed_align_error) {
			ret = -EINVAL;
			cma_err(t, "Region at " RM_PA_FMT " must be aligned to "
				RM_PA_FMT " bytes", RM_PA(base), RM_PA(alignment));
			goto err;
		}
		/* 4.19 rounds the base up silently */
	}
	base = (base + alignment - 1) & ~(alignment - 1);
	size = (size + alignment - 1) & ~(alignment - 1);
	limit &= ~(alignment - 1);
	if (!base)
		fixed = false;
	if ((size >> RM_PAGE_SHIFT) & ((1ULL << order_per_bit) - 1))
		return -EINVAL;
	if (fixed && base < highmem_start && base + size > highmem_start) {
		ret = -EINVAL;
		cma_err(t, "Region at " RM_PA_FMT " defined on low/high memory "
			"boundary (" RM_PA_FMT ")", RM_PA(base),
			RM_PA(highmem_start));
		goto err;
	}
	if (limit == 0 || limit > memblock_end)
		limit = memblock_end;
	if (q->limit_check && base + size > limit) {
		ret = -EINVAL;
		cma_err(t, "Size (" RM_PA_FMT ") of region at " RM_PA_FMT
			" exceeds limit (" RM_PA_FMT ")", RM_PA(size),
			RM_PA(base), RM_PA(limit));
		goto err;
	}
	if (fixed) {
		if (memblock_is_region_reserved(mb, base, size) ||
		    memblock_reserve(mb, base, size) < 0) {
			ret = -EBUSY;
			goto err;
		}
	} else {
		uint64_t addr = 0;

		/* 6.x: bottom-up above 4 GiB first, away from DMA zones */
		if (q->try_above_4g && !mb->bottom_up &&
		    memblock_end >= SZ_4G + size) {
			mb->bottom_up = true;
			addr = memblock_phys_alloc_range(mb, size, alignment,
							 SZ_4G, limit);
			mb->bottom_up = false;
		}
		if (!addr) {
			addr = memblock_phys_alloc_range(mb, size, alignment,
							 base, limit);
			if (!addr) {
				ret = -ENOMEM;
				goto err;
			}
		}
		base = addr;
	}
	ret = cma_init_reserved_mem(t, mb, base, size, order_per_bit, name, out);
	if (ret) {
		if (q->free_on_init_fail)
			memblock_free_range(mb, base, size);
		goto err;
	}
	log_reserved(t, q->msg_requested_size ? req : size, base);
	return 0;
err:
	log_failed(t, q->msg_requested_size ? req : size);
	return ret;
}

static unsigned int zone_of(const struct rm_cma_memmap *mm, uint64_t pfn)
{
	unsigned int z = 0;

	while (z + 1 < mm->nr_zones && rm_pfn_phys(pfn) >= mm->zone_end[z])
		z++;
	return z;
}

/*
 * cma_activate_area()'s page walk: -EFAULT (and the pfn) when a page has
 * no memmap, 1 when the first and last page lie in different zones
 * (zones are contiguous), 0 when the area can be activated.
 */
static int check_pages(const struct rm_cma *cma, const struct rm_cma_memmap *mm,
		       uint64_t *bad_pfn)
{
	uint64_t step = MB_SECTION_SIZE >> RM_PAGE_SHIFT;
	uint64_t pfn, end = cma->base_pfn + cma->count;

	/* pfn_valid() is a section's property: one test per section */
	for (pfn = cma->base_pfn; pfn < end; pfn = (pfn + step) & ~(step - 1)) {
		if (!memblock_pfn_valid(mm->mb, pfn)) {
			*bad_pfn = pfn;
			return -EFAULT;
		}
	}
	if (cma->count && zone_of(mm, cma->base_pfn) != zone_of(mm, end - 1))
		return 1;
	return 0;
}

int cma_init_reserved_areas(struct rm_cma_table *t,
			    const struct rm_cma_memmap *mm, uint64_t *bad_pfn)
{
	unsigned int i;
	char where[128];
	int ret;

	for (i = 0; i < t->nr; i++) {
		struct rm_cma *cma = t->areas[i];

		if (bitmap_index_init(&cma->bix, cma_bitmap_maxno(cma))) {
			ret = 1;	/* bitmap_zalloc() failed */
		} else {
			cma->bitmap = cma->bix.map;
			ret = check_pages(cma, mm, bad_pfn);
		}
		if (ret == -EFAULT) {
			/* WARN_ON_ONCE(!pfn_valid(pfn)), then page_zone() faults */
			snprintf(where, sizeof(where), "mm/cma.c:%d %s",
				 t->q->activate_warn_line, t->q->activate_warn_func);
			bootlog_warn(t->log, NULL,
				     t->q->activate_warn_line ? where : NULL);
			return -EFAULT;
		}
		if (ret) {
			/* not_in_zone / out_error: the pages go to the buddy,
			 * the area stays with count 0 and every cma_alloc fails */
			bitmap_index_release(&cma->bix);
			cma->bitmap = NULL;
			cma->count = 0;
			cma_err(t, "CMA area %s could not be activated", cma->name);
		}
	}
	return 0;
}

/*
 * The area's free runs as cma_debug_show_areas() writes them, "N@BIT"
 * joined by '+': 6.12 puts the '+' before every run but the first, 7.2
 * before every run that does not start at bit 0.  Returns the total.
 */
static uint64_t free_runs(struct rm_cma *cma, struct strbuf *sb,
			  bool plus_unless_bit0)
{
	uint64_t nbits = cma_bitmap_maxno(cma), start = 0, total = 0;

	for (;;) {
		uint64_t zero = bitmap_next_zero(cma->bitmap, nbits, start);
		uint64_t set, part;
		bool plus = plus_unless_bit0 ? zero != 0 : total != 0;

		if (zero >= nbits)
			break;
		set = bitmap_next_set(cma->bitmap, nbits, zero);
		part = (set - zero) << cma->order_per_bit;
		strbuf_printf(sb, "%s%llu@%llu", plus ? "+" : "",
			      (unsigned long long)part, (unsigned long long)zero);
		total += part;
		start = set;
	}
	return total;
}

/* cma_debug_show_areas(): 6.12 prints it on every failure, on one line */
static void cma_show_areas(struct rm_cma *cma)
{
	struct strbuf sb = STRBUF_INIT;
	uint64_t total;

	strbuf_printf(&sb, "number of available pages: ");
	total = free_runs(cma, &sb, false);
	strbuf_printf(&sb, "=> %llu free of %llu total pages",
		      (unsigned long long)total, (unsigned long long)cma->count);
	if (sb.s)
		cma_info(cma->table, "%s", sb.s);
	strbuf_release(&sb);
}

/*
 * 7.2 cma_debug_show_areas(): a line per range (one here), an empty
 * "cma: " line from the pr_info("\n"), and the total as a pr_cont that
 * starts its own line.
 */
static void cma_show_ranges(struct rm_cma *cma)
{
	struct strbuf sb = STRBUF_INIT;
	uint64_t total;

	cma_info(cma->table, "number of available pages: ");
	strbuf_printf(&sb, "range 0: ");
	total = free_runs(cma, &sb, true);
	cma_info(cma->table, "%s", sb.s);
	cma_info(cma->table, "%s", "");
	bootlog_printf(cma->table->log, RM_LOG_INFO, "=> %llu free of %llu total "
		       "pages", (unsigned long long)total,
		       (unsigned long long)cma->count);
	strbuf_release(&sb);
}

/* the failure line, and the dump where the kernel prints one */
static void cma_alloc_failed(struct rm_cma *cma, uint64_t count)
{
	const struct rm_cma_quirks *q = cma->table->q;
	int ret = q->fail_dump_ranges ? -EBUSY : -ENOMEM;

	if (q->fail_names_area)
		cma_err(cma->table, "%s: %s: alloc failed, req-size: %llu pages, "
			"ret: %d", q->alloc_func, cma->name,
			(unsigned long long)count, ret);
	else
		cma_err(cma->table, "%s: alloc failed, req-size: %llu pages, "
			"ret: %d", q->alloc_func, (unsigned long long)count, ret);
	if (q->fail_dump_ranges)
		cma_show_ranges(cma);
	else if (q->fail_dump)
		cma_show_areas(cma);
}

uint64_t cma_alloc(struct rm_cma *cma, uint64_t count, unsigned int align,
		   bool no_warn)
{
	const struct rm_cma_quirks *q;
	uint64_t mask, offset, maxno, bits, no, pfn = 0;
	unsigned int opb;

	if (!cma || !cma->count || !cma->bitmap)
		return 0;
	q = cma->table->q;
	opb = cma->order_per_bit;
	pthread_mutex_lock(&cma->lock);
	if (!count)
		goto out;
	/* cma_bitmap_aligned_mask() / _offset(): absolute pfn alignment */
	mask = align > opb ? (1ULL << (align - opb)) - 1 : 0;
	offset = (cma->base_pfn & ((1ULL << align) - 1)) >> opb;
	maxno = cma_bitmap_maxno(cma);
	bits = (count + (1ULL << opb) - 1) >> opb;
	if (bits > maxno) {
		/* 7.2 says so (-EBUSY); older kernels return quietly */
		if (!no_warn && q->fail_dump_ranges)
			cma_alloc_failed(cma, count);
		goto out;
	}
	no = bitmap_index_find_next_zero_area_off(&cma->bix, 0, bits, mask,
						  offset);
	if (no >= maxno) {
		if (!no_warn)
			cma_alloc_failed(cma, count);
		goto out;
	}
	bitmap_index_set_range(&cma->bix, no, bits);
	pfn = cma->base_pfn + (no << opb);
out:
	if (pfn)
		cma->alloc_pages_success += count;
	else
		cma->alloc_pages_fail += count;
	pthread_mutex_unlock(&cma->lock);
	return pfn;
}

bool cma_contains(const struct rm_cma *cma, uint64_t pfn)
{
	return pfn >= cma->base_pfn && pfn - cma->base_pfn < cma->count;
}

bool cma_release(struct rm_cma *cma, uint64_t pfn, uint64_t count)
{
	uint64_t first, bits;

	if (!cma || !cma_contains(cma, pfn))
		return false;
	/* the kernel VM_BUG_ONs a range past the end; refuse it */
	if (count > cma->count - (pfn - cma->base_pfn))
		return false;
	first = (pfn - cma->base_pfn) >> cma->order_per_bit;
	bits = (count + (1ULL << cma->order_per_bit) - 1) >> cma->order_per_bit;
	pthread_mutex_lock(&cma->lock);
	bitmap_index_clear_range(&cma->bix, first, bits);
	cma->release_pages_success += count;
	pthread_mutex_unlock(&cma->lock);
	return true;
}

uint64_t cma_used_pages(struct rm_cma *cma)
{
	uint64_t n;

	pthread_mutex_lock(&cma->lock);
	n = cma->bitmap ? bitmap_index_weight(&cma->bix) : 0;
	pthread_mutex_unlock(&cma->lock);
	return n << cma->order_per_bit;
}
