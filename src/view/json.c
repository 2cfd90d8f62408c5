// SPDX-License-Identifier: GPL-2.0
/*
 * --dry-run --format=json: the whole boot as one document, described by
 * doc/rmemfs.schema.json (its version is schema_version; a key is only
 * ever added).  Addresses are "0x%016llx" strings (exact for readers
 * whose numbers are doubles), sizes integers in bytes.
 */
#include <libfdt.h>
#include <stdlib.h>
#include <string.h>

#include "util/json.h"
#include "kernel/drivers/u-dma-buf.h"
#include "view/map.h"
#include "view/render.h"

#define RM_JSON_SCHEMA_VERSION 1

static void board_json(struct rm_board *b, const char *path, struct json *j)
{
	const char *model = fdt_getprop(b->fdt, 0, "model", NULL);
	const char *compat;
	int len = 0, off;

	json_key(j, "board");
	json_object_begin(j);
	json_kv_string(j, "path", path ? path : "(built-in)");
	json_kv_string(j, "model", model);
	json_key(j, "compatible");
	json_array_begin(j);
	compat = fdt_getprop(b->fdt, 0, "compatible", &len);
	for (off = 0; compat && off < len; off += strlen(compat + off) + 1)
		if (memchr(compat + off, '\0', len - off))
			json_string(j, compat + off);
	json_array_end(j);
	json_object_end(j);
}

static void config_json(struct rm_board *b, struct json *j)
{
	const struct rm_kconfig *kc = &b->kconfig;

	json_key(j, "config");
	json_object_begin(j);
	json_kv_u64(j, "page_size", 1u << kc->page_shift);
	json_kv_u64(j, "max_order", kc->max_order);
	json_kv_bool(j, "CONFIG_CMA", kc->cma);
	json_kv_bool(j, "CONFIG_DMA_CMA", kc->dma_cma);
	json_kv_bool(j, "CONFIG_DMA_RESTRICTED_POOL", kc->dma_restricted_pool);
	json_kv_string(j, "CONFIG_CMA_SIZE_SEL",
		       rm_cma_size_sel_name(kc->cma_size_sel));
	json_kv_u64(j, "CONFIG_CMA_SIZE_MBYTES", kc->cma_size_mbytes);
	json_kv_u64(j, "CONFIG_CMA_SIZE_PERCENTAGE", kc->cma_size_percentage);
	json_kv_u64(j, "CONFIG_CMA_ALIGNMENT", kc->cma_alignment);
	json_kv_u64(j, "CONFIG_CMA_AREAS", kc->cma_areas);
	json_kv_u64(j, "max_cma_areas", b->cma.max);
	json_kv_u64(j, "max_reserved_regions", b->table_cap);
	json_object_end(j);
}

static void memory_json(struct rm_board *b, struct json *j)
{
	unsigned int i;

	json_key(j, "memory");
	json_array_begin(j);
	for (i = 0; i < b->nr_banks; i++) {
		json_object_begin(j);
		json_kv_hex(j, "base", b->banks[i].base);
		json_kv_u64(j, "size", b->banks[i].size);
		json_object_end(j);
	}
	json_array_end(j);
}

/* as free_area_init() prints them: contiguous from the start of DRAM */
static void zones_json(struct rm_board *b, struct json *j)
{
	static const char *const three[] = { "DMA", "DMA32", "Normal" };
	static const char *const two[] = { "DMA32", "Normal" };
	const char *const *names = b->nr_zones == 2 ? two : three;
	uint64_t start = memblock_start_of_dram(&b->mb);
	uint64_t dram_end = memblock_end_of_dram(&b->mb);
	unsigned int i;

	json_key(j, "zones");
	json_array_begin(j);
	for (i = 0; b->mb.memory.cnt && i < b->nr_zones; i++) {
		uint64_t end = b->zone_end[i] < dram_end ? b->zone_end[i] : dram_end;

		if (end < start)
			end = start;
		json_object_begin(j);
		json_kv_string(j, "name", names[i]);
		json_key(j, "base");
		if (end == start)
			json_null(j);
		else
			json_hex(j, start);
		json_kv_u64(j, "size", end - start);
		json_object_end(j);
		start = end;
	}
	json_array_end(j);
}

/* "ok[, why]", "skipped: why", "-EXXX why": the state and the why apart */
static void status_json(const struct rm_region *r, struct json *j)
{
	const char *s = r->status, *why = NULL;

	if (r->type == RM_REGION_SKIPPED) {
		json_kv_string(j, "status", "skipped");
		why = strncmp(s, "skipped: ", 9) ? s : s + 9;
	} else if (!strncmp(s, "ok", 2) && !r->err) {
		json_kv_string(j, "status", "ok");
		why = !strncmp(s, "ok, ", 4) ? s + 4 : NULL;
	} else {
		json_kv_string(j, "status", "failed");
		why = s[0] == '-' && strchr(s, ' ') ? strchr(s, ' ') + 1 : s;
	}
	json_key(j, "errno");
	if (r->err)
		json_string(j, rm_errno_name(r->err));
	else
		json_null(j);
	json_kv_string(j, "reason", why && *why ? why : NULL);
}

static void region_devices_json(struct rm_board *b, const struct rm_region *r,
				struct json *j)
{
	unsigned int i, k;

	json_key(j, "devices");
	json_array_begin(j);
	for (i = 0; i < b->nr_devices; i++)
		for (k = 0; k < b->devices[i]->nr_regs; k++)
			if (b->devices[i]->regs[k].region == r) {
				json_string(j, b->devices[i]->path[0] ?
					    b->devices[i]->path : b->devices[i]->name);
				break;
			}
	json_array_end(j);
}

static void regions_json(struct rm_board *b, struct json *j)
{
	struct rm_region **v = rm_regions_by_address(b);
	unsigned int i;

	json_key(j, "regions");
	json_array_begin(j);
	for (i = 0; v && v[i]; i++) {
		const struct rm_region *r = v[i];

		json_object_begin(j);
		json_kv_string(j, "name", r->name);
		json_kv_string(j, "label", rm_dt_label(b, r->path));
		json_kv_string(j, "path", r->path[0] ? r->path : NULL);
		json_kv_string(j, "dir", r->dirname);
		json_key(j, "base");
		if (rm_region_placed(r))
			json_hex(j, r->base);
		else
			json_null(j);
		json_kv_u64(j, "size", r->size);
		json_kv_string(j, "type", rm_region_type_name(r->type));
		json_key(j, "flags");
		json_array_begin(j);
		if (r->nomap)
			json_string(j, "no-map");
		if (r->reusable)
			json_string(j, "reusable");
		if (r->cma_default)
			json_string(j, "linux,cma-default");
		if (r->dma_default)
			json_string(j, "linux,dma-default");
		if (r->dynamic)
			json_string(j, "dynamic");
		json_array_end(j);
		json_kv_bool(j, "default_cma", r == b->default_cma_region);
		status_json(r, j);
		region_devices_json(b, r, j);
		json_object_end(j);
	}
	json_array_end(j);
	free(v);
}

static void cma_json(struct rm_board *b, struct json *j)
{
	unsigned int i, k;

	json_key(j, "cma");
	json_array_begin(j);
	for (i = 0; i < b->cma.nr; i++) {
		const struct rm_cma *c = b->cma.areas[i];
		const struct rm_region *owner = NULL;

		for (k = 0; k < b->nr_regions; k++)
			if (b->regions[k]->cma == c)
				owner = b->regions[k];
		json_object_begin(j);
		json_kv_string(j, "name", c->name);
		json_kv_hex(j, "base", rm_pfn_phys(c->base_pfn));
		json_kv_u64(j, "size", c->count << RM_PAGE_SHIFT);
		json_kv_u64(j, "order_per_bit", c->order_per_bit);
		json_kv_bool(j, "default", c == b->default_cma);
		json_kv_bool(j, "activated", c->bitmap != NULL);
		json_kv_string(j, "region", owner && owner->path[0] ? owner->path :
			       owner ? owner->dirname : NULL);
		json_object_end(j);
	}
	json_array_end(j);
}

static void atomic_pools_json(struct rm_board *b, struct json *j)
{
	unsigned int i;

	json_key(j, "atomic_pools");
	json_array_begin(j);
	for (i = 0; i < b->nr_atomic; i++) {
		const struct rm_atomic_pool *ap = &b->atomic[i];

		json_object_begin(j);
		json_kv_string(j, "name", rm_atomic_pool_name(ap));
		json_kv_string(j, "gfp", ap->gfp[0] ? ap->gfp : "GFP_KERNEL");
		json_kv_u64(j, "size", ap->size);
		json_kv_bool(j, "ok", ap->ok);
		json_kv_string(j, "from", !ap->ok ? NULL :
			       ap->from_cma ? "cma" : "page allocator");
		json_key(j, "base");	/* the page allocator's is not predicted */
		if (ap->ok && ap->from_cma)
			json_hex(j, ap->phys);
		else
			json_null(j);
		json_object_end(j);
	}
	json_array_end(j);
}

static void early_json(struct rm_board *b, struct json *j)
{
	unsigned int i;

	json_key(j, "early");
	json_array_begin(j);
	for (i = 0; i < b->nr_early; i++) {
		json_object_begin(j);
		json_kv_string(j, "what", b->early[i].what);
		json_kv_hex(j, "base", b->early[i].base);
		json_kv_u64(j, "size", b->early[i].size);
		json_object_end(j);
	}
	json_array_end(j);
}

static void devices_json(struct rm_board *b, struct json *j)
{
	unsigned int i, k;

	json_key(j, "devices");
	json_array_begin(j);
	for (i = 0; i < b->nr_devices; i++) {
		const struct rm_device *dev = b->devices[i];

		json_object_begin(j);
		json_kv_string(j, "name", dev->name);
		json_kv_string(j, "path", dev->path[0] ? dev->path : NULL);
		json_key(j, "memory_regions");
		json_array_begin(j);
		for (k = 0; k < dev->nr_regs; k++) {
			const struct rm_devreg *dr = &dev->regs[k];

			json_object_begin(j);
			json_kv_u64(j, "index", dr->idx);
			json_kv_string(j, "region", dr->region && dr->region->path[0] ?
				       dr->region->path : dr->target[0] ?
				       dr->target : NULL);
			json_kv_string(j, "result", rm_devreg_result(dr));
			json_object_end(j);
		}
		json_array_end(j);
		json_object_end(j);
	}
	json_array_end(j);
}

/* the u-dma-buf devices the driver's probe made (a failed one: findings) */
static void udmabuf_json(struct rm_board *b, struct json *j)
{
	const struct udmabuf *ub;

	json_key(j, "udmabuf");
	json_array_begin(j);
	for (ub = b->udmabuf ? b->udmabuf->head : NULL; ub; ub = ub->next) {
		json_object_begin(j);
		json_kv_string(j, "name", ub->name);
		json_kv_u64(j, "minor", (uint64_t)ub->minor);
		json_kv_string(j, "node", ub->dev->node >= 0 ? ub->dev->path : NULL);
		json_kv_hex(j, "phys_addr", ub->alloc.dma);
		json_kv_hex(j, "phys", ub->alloc.phys);
		json_kv_u64(j, "size", ub->size);
		json_kv_u64(j, "alloc_size", ub->alloc_size);
		json_kv_string(j, "pool", ub->alloc.pool);
		json_kv_bool(j, "dma_coherent", ub->dma_coherent);
		json_kv_u64(j, "sync_mode", (uint64_t)ub->sync_mode);
		json_object_end(j);
	}
	json_array_end(j);
}

static void findings_json(struct rm_board *b, struct json *j)
{
	unsigned int i;

	json_key(j, "findings");
	json_array_begin(j);
	for (i = 0; i < b->findings.nr; i++) {
		const struct rm_finding *f = &b->findings.f[i];

		json_object_begin(j);
		json_kv_string(j, "severity", rm_severity_name(f->severity));
		json_kv_string(j, "id", f->id);
		json_kv_string(j, "node", f->node);
		json_kv_string(j, "text", f->text);
		json_kv_bool(j, "ignored", f->ignored);
		json_object_end(j);
	}
	json_array_end(j);
}

static void map_json(struct rm_board *b, struct json *j)
{
	struct rm_map m;
	unsigned int i;

	json_key(j, "map");
	json_array_begin(j);
	if (!rm_map_build(b, NULL, 0, &m)) {
		for (i = 0; i < m.nr; i++) {
			const struct rm_map_entry *e = &m.e[i];

			json_object_begin(j);
			json_kv_hex(j, "base", e->base);
			json_kv_u64(j, "size", e->size);
			json_kv_string(j, "kind", e->label);
			json_kv_string(j, "name", e->name[0] ? e->name : NULL);
			json_kv_u64(j, "depth", e->depth);
			json_kv_bool(j, "outside_ram", e->outside_ram);
			json_kv_bool(j, "partly_outside_ram", e->partly_outside);
			json_object_end(j);
		}
		rm_map_release(&m);
	}
	json_array_end(j);
}

static void log_json(struct rm_board *b, struct json *j)
{
	size_t len;
	char *text = bootlog_snapshot(&b->log, &len), *line, *save = NULL;

	json_key(j, "log");
	json_array_begin(j);
	for (line = text ? strtok_r(text, "\n", &save) : NULL; line;
	     line = strtok_r(NULL, "\n", &save))
		json_string(j, line);
	json_array_end(j);
	free(text);
}

void rm_render_json(struct rm_board *b, const char *board_path,
		    struct strbuf *sb)
{
	struct json j;

	json_init(&j, sb);
	json_object_begin(&j);
	json_kv_u64(&j, "schema_version", RM_JSON_SCHEMA_VERSION);
	board_json(b, board_path, &j);
	json_kv_string(&j, "profile", b->profile->name);
	json_kv_string(&j, "cmdline", b->cmdline ? b->cmdline : "");
	config_json(b, &j);
	memory_json(b, &j);
	zones_json(b, &j);
	regions_json(b, &j);
	cma_json(b, &j);
	atomic_pools_json(b, &j);
	early_json(b, &j);
	devices_json(b, &j);
	udmabuf_json(b, &j);
	findings_json(b, &j);
	json_kv_u64(&j, "errors", rm_findings_errors(&b->findings));
	json_kv_bool(&j, "strict", b->findings.strict);
	map_json(b, &j);
	log_json(b, &j);
	json_object_end(&j);
}
