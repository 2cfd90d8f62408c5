// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel's own early memblock allocations on arm64 5.10 to 7.2, between the
 * reserved-memory scan and dma_contiguous_reserve(): page tables,
 * the unflattened device tree, NODE_DATA, sparse and vmemmap.  They come
 * off the top of RAM first, so they decide where the default CMA area
 * lands.  The sequence and sizes are doc/early-boot-model.md §2, measured
 * with memblock=debug on the real Debian kernels and exact on 76 boots.
 */
#include <libfdt.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/arm64/arm64.h"
#include "kernel/lib/sizes.h"
#include "kernel/of/fdt.h"
#include "kernel/system.h"


static uint64_t top_down(struct rm_board *b, uint64_t size, uint64_t align,
			 const char *what)
{
	uint64_t got = memblock_phys_alloc_range(&b->mb, size, align, 0,
						 MB_ALLOC_ANYWHERE);

	if (got) {
		b->early_alloc_bytes += size;
		rm_early_note(b, got, size, what);
	}
	return got;
}

/*
 * Blocks of 'unit' bytes holding at least one byte of a region (NOMAP
 * ones skipped unless asked), counted per region so that huge banks cost
 * nothing; regions are sorted, so only a shared first block can repeat.
 */
static uint64_t count_blocks(struct rm_board *b, uint64_t unit, bool with_nomap)
{
	uint64_t n = 0, last = UINT64_MAX;
	size_t i;

	for (i = 0; i < b->mb.memory.cnt; i++) {
		const struct mb_region *m = &b->mb.memory.r[i];
		uint64_t first, end;

		if (!m->size || (!with_nomap && (m->flags & MEMBLOCK_NOMAP)))
			continue;
		first = m->base / unit;
		end = (m->base + m->size - 1) / unit;
		n += end - first + 1;
		if (first == last)
			n--;
		last = end;
	}
	return n;
}

struct free_list {
	struct rm_extent *r;
	size_t n, cap;
};

static int collect_free(uint64_t base, uint64_t end, void *arg)
{
	struct free_list *fl = arg;

	if (fl->n == fl->cap) {
		size_t cap = fl->cap ? fl->cap * 2 : 16;
		struct rm_extent *r = realloc(fl->r, cap * sizeof(*r));

		if (!r)
			return 1;
		fl->r = r;
		fl->cap = cap;
	}
	fl->r[fl->n].start = base;
	fl->r[fl->n++].end = end;
	return 0;
}

/*
 * n separate top-down page allocations take the n highest free pages, so
 * they are taken a free range at a time (a huge bank costs one step).
 */
static void take_highest_pages(struct rm_board *b, uint64_t n,
			       const char *what)
{
	struct free_list fl = { NULL, 0, 0 };
	size_t i;

	memblock_for_each_free(&b->mb, collect_free, &fl);
	for (i = fl.n; i-- > 0 && n;) {
		uint64_t lo = (fl.r[i].start + RM_PAGE_SIZE - 1) & ~(RM_PAGE_SIZE - 1);
		uint64_t hi = fl.r[i].end & ~(RM_PAGE_SIZE - 1);
		uint64_t take;

		if (lo < RM_PAGE_SIZE)
			lo = RM_PAGE_SIZE;	/* page 0 is never handed out */
		if (hi <= lo)
			continue;
		take = (hi - lo) >> RM_PAGE_SHIFT;
		if (take > n)
			take = n;
		memblock_reserve(&b->mb, hi - (take << RM_PAGE_SHIFT),
				 take << RM_PAGE_SHIFT);
		rm_early_note(b, hi - (take << RM_PAGE_SHIFT),
			      take << RM_PAGE_SHIFT, what);
		b->early_alloc_bytes += take << RM_PAGE_SHIFT;
		n -= take;
	}
	free(fl.r);
}

/*
 * paging_init(): one PTE table per mapped 2 MiB (rodata=full), one PMD
 * table per GiB, and the profile's constant for the rest; 6.1 then maps
 * the idmap.  Each table is its own top-down page.
 */
void rm_early_paging_init(struct rm_board *b)
{
	const struct rm_profile *p = b->profile;
	uint64_t tables = count_blocks(b, SZ_2M, false) + count_blocks(b, SZ_1G, false);

	if (p->early_pt_adjust < 0 && tables < (uint64_t)-p->early_pt_adjust)
		tables = 0;
	else
		tables += (uint64_t)(int64_t)p->early_pt_adjust;
	take_highest_pages(b, tables, "page tables");
	take_highest_pages(b, p->early_idmap_pages, "idmap page tables");
}

/* 6.12 alloc_reserved_mem_array(): the table moves to memblock memory */
void rm_early_reserved_mem_array(struct rm_board *b)
{
	if (b->profile->rmem_array_entry && b->early_rmem_count > 0)
		top_down(b, (uint64_t)b->profile->rmem_array_entry *
			 (uint64_t)b->early_rmem_count, 64, "reserved_mem[]");
}

static uint64_t align8(uint64_t v)
{
	return (v + 7) & ~7ULL;
}

/*
 * __unflatten_device_tree()'s dry run: a struct device_node plus the
 * full name per node, a struct property per property, and a synthesized
 * "name" property per node.  /chosen is counted as the kernel sees it:
 * rng-seed NOP'd, bootargs present when a command line is given.
 */
static uint64_t unflattened_size(struct rm_board *b)
{
	uint64_t off = 0, psize = b->profile->unflatten_prop_size;
	uint64_t dn_size = b->profile->unflatten_node_size;
	int node = 0, depth = 0;
	bool chosen_seen = false;

	for (; node >= 0; node = fdt_next_node(b->fdt, node, &depth)) {
		const char *name = depth ? dt_name(b->fdt, node) : "";
		bool chosen = depth == 1 && !strcmp(name, "chosen");
		bool has_name = false, has_bootargs = false;
		int prop;

		if (depth < 0)
			break;
		off = align8(off) + dn_size + strlen(name) + 1;
		fdt_for_each_property_offset(prop, b->fdt, node) {
			const char *pname;

			fdt_getprop_by_offset(b->fdt, prop, &pname, NULL);
			if (!pname)
				continue;
			if (chosen && !strcmp(pname, "rng-seed"))
				continue;
			if (!strcmp(pname, "name"))
				has_name = true;
			if (!strcmp(pname, "bootargs"))
				has_bootargs = true;
			off = align8(off) + psize;
		}
		if (chosen) {
			chosen_seen = true;
			if (!has_bootargs && b->cmdline[0])
				off = align8(off) + psize;
		}
		if (!has_name)
			off = align8(off) + psize + strcspn(name, "@") + 1;
	}
	if (!chosen_seen && b->cmdline[0]) {
		off = align8(off) + dn_size + strlen("chosen") + 1;
		off = align8(off) + psize;
		off = align8(off) + psize + strlen("chosen") + 1;
	}
	return ((off + 3) & ~3ULL) + 4;
}

/*
 * unflatten_device_tree() up to the NUMA setup: everything after the
 * page tables that bootmem_init() allocates before sparse_init().
 */
void rm_early_bootmem_init(struct rm_board *b)
{
	const struct rm_profile *p = b->profile;

	top_down(b, unflattened_size(b), 8, "unflattened device tree");
	if (p->early_numa_distance)
		top_down(b, 256, RM_PAGE_SIZE, "numa_distance");
	b->early_node_data = top_down(b, p->node_data_size, 64, "NODE_DATA");
	if (p->early_cpumask)
		top_down(b, 64, 64, "cpumask");
}

/*
 * sparse_init(): the section roots, one index page, the usemaps (in
 * NODE_DATA's section if they fit) and the vmemmap in one block, all
 * sized by the section (128 MiB in 6.x, 1 GiB in 5.10): a usemap is an
 * rcu_head, a subsection bit per 2 MiB and 4 pageblock bits per 2 MiB;
 * the vmemmap 64 bytes per page, aligned to its own size.
 */
void rm_early_sparse_init(struct rm_board *b)
{
	unsigned int bits = b->profile->section_size_bits;
	uint64_t section = 1ULL << bits, s, u;
	uint64_t nsec = count_blocks(b, section, true);
	uint64_t usemap = 16 + (section / SZ_2M) * 5 / 8;
	uint64_t map = (section >> RM_PAGE_SHIFT) * 64;
	uint64_t node_data = b->early_node_data;

	/* NR_SECTION_ROOTS pointers, 128 sections a root, 48-bit PA */
	top_down(b, (1ULL << (48 - bits)) / 128 * 8, 64, "mem_section");
	top_down(b, 0x1000, 64, "mem_section");	/* sparse_index_alloc */
	s = node_data & ~(section - 1);
	u = node_data ? memblock_phys_alloc_range(&b->mb, nsec * usemap, 64, s,
						  s + section) : 0;
	if (!u) {
		top_down(b, nsec * usemap, 64, "usemap");
	} else {
		b->early_alloc_bytes += nsec * usemap;
		rm_early_note(b, u, nsec * usemap, "usemap");
	}
	top_down(b, nsec * map, map, "vmemmap");	/* one block */
	top_down(b, RM_PAGE_SIZE, RM_PAGE_SIZE, "vmemmap page tables");
	top_down(b, RM_PAGE_SIZE, RM_PAGE_SIZE, "vmemmap page tables");
}
