// SPDX-License-Identifier: GPL-2.0
/*
 * /proc-style files: iomem (arm64 request_standard_resources), meminfo,
 * and rmemfs's own config, cmdline and dmesg.
 */
#include <stdlib.h>

#include "view/render.h"

static void iomem_line(struct strbuf *sb, int depth, uint64_t start,
		       uint64_t end, const char *name)
{
	strbuf_printf(sb, "%*s%08llx-%08llx : %s\n", depth * 2, "",
		      (unsigned long long)start, (unsigned long long)end, name);
}

/*
 * Memory regions become "System RAM", NOMAP ones top-level "reserved";
 * every memblock.reserved range is a "reserved" child of what holds it.
 */
void rm_render_iomem(struct rm_board *b, struct strbuf *sb)
{
	const struct memblock *mb = &b->mb;
	size_t i, j;

	for (i = 0; i < mb->memory.cnt; i++) {
		const struct mb_region *m = &mb->memory.r[i];
		uint64_t mend = m->base + m->size;

		iomem_line(sb, 0, m->base, mend - 1,
			   m->flags & MEMBLOCK_NOMAP ? "reserved" : "System RAM");
		for (j = 0; j < mb->reserved.cnt; j++) {
			const struct mb_region *r = &mb->reserved.r[j];
			uint64_t s = r->base > m->base ? r->base : m->base;
			uint64_t e = r->base + r->size < mend ? r->base + r->size : mend;

			if (s < e)
				iomem_line(sb, 1, s, e - 1, "reserved");
		}
	}
}

static uint64_t cma_total_pages(struct rm_board *b, uint64_t *free_pages)
{
	uint64_t total = 0, used = 0;
	unsigned int i;

	for (i = 0; i < b->cma.nr; i++) {
		total += b->cma.areas[i]->count;
		used += cma_used_pages(b->cma.areas[i]);
	}
	*free_pages = total - used;
	return total;
}

static void meminfo_line(struct strbuf *sb, const char *label, uint64_t pages)
{
	strbuf_printf(sb, "%-16s%8llu kB\n", label,
		      (unsigned long long)(pages << (RM_PAGE_SHIFT - 10)));
}

void rm_render_meminfo(struct rm_board *b, struct strbuf *sb)
{
	uint64_t cma_free, cma_total = cma_total_pages(b, &cma_free);
	uint64_t sys_free = b->sys.total_pages - sysmem_used_pages(&b->sys);

	meminfo_line(sb, "MemTotal:", b->sys.total_pages + cma_total);
	meminfo_line(sb, "MemFree:", sys_free + cma_free);
	meminfo_line(sb, "CmaTotal:", cma_total);
	meminfo_line(sb, "CmaFree:", cma_free);
}

void rm_render_config(struct rm_board *b, const char *backing,
		      struct strbuf *sb)
{
	const struct rm_kconfig *kc = &b->kconfig;
	const struct rm_profile *p = b->profile;

	strbuf_printf(sb, "profile=%s\n", p->name);
	/* the real kernel the profile is checked against (config=debian) */
	strbuf_printf(sb, "kernel=%s\n", p->debian_package ? p->debian_package :
		      "v4.19.0 (from its source and the seeds; not booted)");
	strbuf_printf(sb, "page_size=%u\n", 1u << kc->page_shift);
	strbuf_printf(sb, "max_order=%u\n", kc->max_order);
	strbuf_printf(sb, "max_page_order=%u\n", p->page_alloc.max_order);
	strbuf_printf(sb, "pageblock_order=9\n");
	strbuf_printf(sb, "cma_min_alignment=0x%llx\n",
		      (unsigned long long)p->cma.min_align);
	strbuf_printf(sb, "CONFIG_CMA=%s\n", kc->cma ? "y" : "n");
	strbuf_printf(sb, "CONFIG_DMA_CMA=%s\n", kc->dma_cma ? "y" : "n");
	strbuf_printf(sb, "CONFIG_DMA_RESTRICTED_POOL=%s\n",
		      kc->dma_restricted_pool ? "y" : "n");
	strbuf_printf(sb, "CONFIG_CMA_SIZE_SEL=%s\n",
		      rm_cma_size_sel_name(kc->cma_size_sel));
	strbuf_printf(sb, "CONFIG_CMA_SIZE_MBYTES=%llu\n",
		      (unsigned long long)kc->cma_size_mbytes);
	strbuf_printf(sb, "CONFIG_CMA_SIZE_PERCENTAGE=%llu\n",
		      (unsigned long long)kc->cma_size_percentage);
	strbuf_printf(sb, "CONFIG_CMA_ALIGNMENT=%u\n", kc->cma_alignment);
	strbuf_printf(sb, "CONFIG_CMA_AREAS=%u\n", kc->cma_areas);
	strbuf_printf(sb, "max_cma_areas=%u\n", b->cma.max);
	strbuf_printf(sb, "max_reserved_regions=%u\n", p->max_reserved);
	strbuf_printf(sb, "dma_phys_limit=0x%llx\n",
		      (unsigned long long)b->dma_phys_limit);
	if (b->cl.cma_given)
		strbuf_printf(sb, "cma_cmdline=%llu@0x%llx-0x%llx\n",
			      (unsigned long long)b->cl.size_cmdline,
			      (unsigned long long)b->cl.base_cmdline,
			      (unsigned long long)b->cl.limit_cmdline);
	else
		strbuf_printf(sb, "cma_cmdline=none\n");
	strbuf_printf(sb, "default_cma=%s\n",
		      b->default_cma ? b->default_cma->name : "none");
	strbuf_printf(sb, "early_kernel_allocs=%llu\n",
		      (unsigned long long)b->early_alloc_bytes);
	if (backing)
		strbuf_printf(sb, "backing=%s\n", backing);
}

void rm_render_cmdline(struct rm_board *b, struct strbuf *sb)
{
	strbuf_printf(sb, "%s\n", b->cmdline);
}

void rm_render_dmesg(struct rm_board *b, struct strbuf *sb)
{
	size_t len;
	char *s = bootlog_snapshot(&b->log, &len);

	if (s)
		strbuf_add(sb, s, len);
	free(s);
}
