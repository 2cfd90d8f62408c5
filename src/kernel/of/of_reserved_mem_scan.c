// SPDX-License-Identifier: GPL-2.0
/*
 * The /reserved-memory scan: root check, static `reg` regions, saving
 * entries (drivers/of/fdt.c and of_reserved_mem.c of each profile).
 */
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/lib/sizes.h"
#include "kernel/of/fdt.h"
#include "kernel/dma/contiguous.h"
#include "kernel/system.h"

/* __reserved_mem_check_root(): cells equal to the root's, and ranges */
static int rm_check_root(struct rm_board *b, int node)
{
	int len;
	const fdt32_t *p;

	p = fdt_getprop(b->fdt, node, "#size-cells", &len);
	if (!p || len < 4 || fdt32_ld(p) != b->root_size_cells)
		return -EINVAL;
	p = fdt_getprop(b->fdt, node, "#address-cells", &len);
	if (!p || len < 4 || fdt32_ld(p) != b->root_addr_cells)
		return -EINVAL;
	if (!dt_has_prop(b->fdt, node, "ranges"))
		return -EINVAL;
	return 0;
}

/* early_init_dt_reserve_memory() (6.x) / _arch() (4.19) */
static int reserve_memory(struct rm_board *b, uint64_t base, uint64_t size,
			  bool nomap)
{
	if (!nomap)
		return memblock_reserve(&b->mb, base, size);
	if (b->profile->nomap_removes)
		return memblock_remove(&b->mb, base, size);
	/* already reserved memory must not be marked nomap */
	if (memblock_overlaps_memory(&b->mb, base, size) &&
	    memblock_is_region_reserved(&b->mb, base, size))
		return -EBUSY;
	return memblock_mark_nomap(&b->mb, base, size);
}

static void log_failed_reserve(struct rm_board *b, const char *uname,
			       uint64_t base, uint64_t size)
{
	const struct rm_profile *p = b->profile;

	bootlog_printf(&b->log, p->failed_reserve_is_info ? RM_LOG_INFO : RM_LOG_ERR,
		       "%sReserved memory: failed to reserve memory for node '%s': base "
		       RM_PA_FMT ", size %llu MiB", p->scan_prefix, uname,
		       RM_PA(base), (unsigned long long)(size / SZ_1M));
}

static void hint_failed_reserve(struct rm_board *b, int node,
				const char *uname, uint64_t base, uint64_t size)
{
	if (!size) {
		rm_report_at(b, "not-reserved", RM_ERROR, node,
			     "'%s': reg size is 0: nothing to reserve", uname);
		return;
	}
	rm_report_at(b, "not-reserved", RM_ERROR, node,
		     "'%s': no-map [" RM_PA_FMT ", " RM_PA_FMT ") overlaps memory "
		     "that is already reserved (kernel image, initrd, DTB, "
		     "/memreserve/ or an earlier mapped region): -EBUSY", uname,
		     RM_PA(base), RM_PA(base + size));
}

static void report_invalid_reg(struct rm_board *b, int node,
			       const char *uname, int len)
{
	rm_report_at(b, "invalid-reg", RM_ERROR, node, "'%s': reg is %d bytes, "
		     "not a multiple of the root's #address-cells + #size-cells "
		     "(%u + %u cells): the node is skipped", uname, len,
		     b->root_addr_cells, b->root_size_cells);
}

static void report_root_format(struct rm_board *b, int node)
{
	rm_report_at(b, "root-format", RM_ERROR, node, "/reserved-memory needs "
		     "#address-cells = <%u>, #size-cells = <%u> (the root's) and "
		     "a ranges property: the kernel ignores it and every child",
		     b->root_addr_cells, b->root_size_cells);
}

/* remember a node whose reg the kernel could not reserve, for its status */
static void note_unreserved(struct rm_board *b, int node)
{
	int *n = realloc(b->unreserved, (b->nr_unreserved + 1) * sizeof(*n));

	if (!n)
		return;
	b->unreserved = n;
	b->unreserved[b->nr_unreserved++] = node;
}

/*
 * 7.2 __reserved_mem_reserve_reg(): reg through
 * of_flat_dt_get_addr_size_prop(), so a bad length or an empty reg is no
 * reg at all (-ENOENT, silently); only the first tuple is reserved, with
 * a warning when there are more; a node the CMA driver refuses
 * (cma= replaces it) is not reserved.
 */
static int reserve_reg_first(struct rm_board *b, int node, const char *uname)
{
	unsigned int ac = b->root_addr_cells, sc = b->root_size_cells;
	int n, len, err;
	const fdt32_t *prop = dt_addr_size_prop(b->fdt, node, "reg", ac + sc, &n);
	uint64_t base, size;

	if (n < 0) {
		fdt_getprop(b->fdt, node, "reg", &len);
		report_invalid_reg(b, node, uname, len);
	}
	if (!prop || !n)
		return -ENOENT;
	if (n > 1) {
		rm_warn(b, RM_PREFIX "Reserved memory: node '%s' has %d <base size> "
			"entries, only the first is used", uname, n);
		rm_report_at(b, "multi-reg", RM_WARNING, node, "'%s': only the "
			     "first of %d reg tuples is reserved; the rest stay "
			     "free RAM", uname, n);
	}
	err = rm_validate_node(b, node, uname, NULL);
	if (err && err != -ENODEV)
		return err;
	base = dt_read_number(prop, (int)ac);
	size = dt_read_number(prop + ac, (int)sc);
	if (!size || reserve_memory(b, base, size,
				    dt_has_prop(b->fdt, node, "no-map")) != 0) {
		log_failed_reserve(b, uname, base, size);
		hint_failed_reserve(b, node, uname, base, size);
		note_unreserved(b, node);
	}
	return 0;
}

/*
 * __reserved_mem_reserve_reg(): reserve every tuple; with save_first
 * (4.19, 6.1) the first tuple is saved at once, whatever the result.
 */
static int rm_reserve_reg(struct rm_board *b, int node, const char *uname,
			  bool save_first)
{
	unsigned int ac = b->root_addr_cells, sc = b->root_size_cells;
	int t_len = (int)(ac + sc) * 4, len;
	const fdt32_t *prop = fdt_getprop(b->fdt, node, "reg", &len);
	bool nomap = dt_has_prop(b->fdt, node, "no-map");
	bool first = true;

	if (b->profile->rmem_ops)
		return reserve_reg_first(b, node, uname);
	if (!prop)
		return -ENOENT;
	if (len && (t_len == 0 || len % t_len != 0)) {
		rm_err(b, "%sReserved memory: invalid reg property in '%s', "
		       "skipping node.", b->profile->scan_prefix, uname);
		report_invalid_reg(b, node, uname, len);
		return -EINVAL;
	}
	while (t_len && len >= t_len) {
		uint64_t base = dt_read_number(prop, (int)ac);
		uint64_t size = dt_read_number(prop + ac, (int)sc);

		prop += ac + sc;
		len -= t_len;
		if (!size || reserve_memory(b, base, size, nomap) != 0) {
			log_failed_reserve(b, uname, base, size);
			hint_failed_reserve(b, node, uname, base, size);
			note_unreserved(b, node);
		}
		if (save_first && first) {
			struct rm_region *r = rm_region_new(b, node, uname);

			if (r) {
				r->base = base;
				r->size = size;
				rm_table_save(b, r);
			}
		}
		first = false;
	}
	return 0;
}

static void add_invalid_reg_region(struct rm_board *b, int node,
				   const char *uname)
{
	struct rm_region *r = rm_region_new(b, node, uname);

	if (!r)
		return;
	r->type = RM_REGION_FAILED;
	rm_region_status(r, -EINVAL, "invalid reg property, node skipped");
}

/*
 * One child in 4.19 and 6.1: its reg tuples reserved and the first saved
 * at once; without reg but with size, saved as a dynamic (0, 0) entry.
 */
static void save_child(struct rm_board *b, int node, const char *uname)
{
	int err = rm_reserve_reg(b, node, uname, true);

	if (err == -EINVAL)
		add_invalid_reg_region(b, node, uname);
	if (err == -ENOENT && dt_has_prop(b->fdt, node, "size")) {
		struct rm_region *r = rm_region_new(b, node, uname);

		if (r) {
			r->dynamic = true;
			rm_table_save(b, r);
		}
	}
}

/* 4.19 __fdt_scan_reserved_mem(), driven by of_scan_flat_dt's walk */
static int scan_depth_walk(struct rm_board *b)
{
	int node = -1, depth = -1;
	bool found = false;

	for (;;) {
		const char *uname;

		node = fdt_next_node(b->fdt, node, &depth);
		if (node < 0)
			break;
		uname = dt_name(b->fdt, node);
		if (!found && depth == 1 && !strcmp(uname, "reserved-memory")) {
			if (rm_check_root(b, node)) {
				rm_err(b, "%sReserved memory: unsupported node "
				       "format, ignoring", b->profile->scan_prefix);
				report_root_format(b, node);
				return -EINVAL;
			}
			found = true;
			continue;
		}
		if (!found)
			continue;
		if (depth < 2)
			break;
		if (!dt_is_available(b->fdt, node))
			continue;
		save_child(b, node, uname);
	}
	return found ? 0 : -ENODEV;
}

/* 6.1 fdt_scan_reserved_mem(): direct children, saved in DT order */
static int scan_children_saving(struct rm_board *b, int parent)
{
	int child;

	fdt_for_each_subnode(child, b->fdt, parent) {
		const char *uname;

		if (!dt_is_available(b->fdt, child))
			continue;
		uname = dt_name(b->fdt, child);
		save_child(b, child, uname);
	}
	return 0;
}

/*
 * 6.12 fdt_scan_reserved_mem(): statics reserved (nothing saved), then
 * the dynamics placed, saved and initialised one by one in DT order.
 */
static int scan_children_early(struct rm_board *b, int parent)
{
	unsigned int cap = b->profile->max_dynamic, nr_dynamic = 0, i;
	int *dynamic = NULL, child;

	fdt_for_each_subnode(child, b->fdt, parent) {
		const char *uname;
		int err;

		if (!dt_is_available(b->fdt, child))
			continue;
		uname = dt_name(b->fdt, child);
		err = rm_reserve_reg(b, child, uname, false);
		if (!err)
			b->early_rmem_count++;
		if (err == -ENOENT && dt_has_prop(b->fdt, child, "size")) {
			int *n;

			if (cap && nr_dynamic == cap) {
				rm_err(b, RM_PREFIX "too many defined dynamic "
				       "regions, skip '%s'", uname);
				rm_report_at(b, "too-many-dynamic", RM_ERROR, child,
					     "'%s': the kernel places at most %u "
					     "dynamic regions", uname, cap);
				continue;
			}
			n = realloc(dynamic, (nr_dynamic + 1) * sizeof(*n));
			if (!n) {
				free(dynamic);
				return -ENOMEM;
			}
			dynamic = n;
			dynamic[nr_dynamic++] = child;
		}
	}
	for (i = 0; i < nr_dynamic; i++) {
		struct rm_region *r;
		int err;

		r = rm_region_new(b, dynamic[i], dt_name(b->fdt, dynamic[i]));
		if (!r) {
			free(dynamic);
			return -ENOMEM;
		}
		r->dynamic = true;
		err = rm_alloc_size(b, r);
		if (err) {
			r->type = RM_REGION_FAILED;
			continue;
		}
		b->early_rmem_count++;
		if (rm_table_save(b, r))
			rm_init_after(b, r, rm_init_node(b, r));
	}
	free(dynamic);
	return 0;
}

int rm_scan_reserved_mem(struct rm_board *b)
{
	int node;

	if (b->profile->scan_grandchildren)
		return scan_depth_walk(b);
	node = fdt_path_offset(b->fdt, "/reserved-memory");
	if (node < 0)
		return -ENODEV;
	if (rm_check_root(b, node)) {
		rm_err(b, "%sReserved memory: unsupported node format, ignoring",
		       b->profile->scan_prefix);
		/* 6.12 then sizes its reserved_mem[] for the maximum; 7.2
		 * counts none and makes no array */
		if (!b->profile->rmem_ops)
			b->early_rmem_count = (int)b->profile->max_reserved;
		report_root_format(b, node);
		return -EINVAL;
	}
	if (b->profile->flow == RM_FLOW_EARLY_DYNAMIC)
		return scan_children_early(b, node);
	return scan_children_saving(b, node);
}

/*
 * 6.12 fdt_scan_reserved_mem_reg_nodes(), called from
 * unflatten_device_tree(): statics saved (first tuple, size != 0) and
 * initialised in DT order, then the overlap check over everything.
 */
void rm_scan_reg_nodes(struct rm_board *b)
{
	unsigned int ac = b->root_addr_cells, sc = b->root_size_cells;
	int t_len = (int)(ac + sc) * 4;
	int node, child;

	node = fdt_path_offset(b->fdt, "/reserved-memory");
	if (node < 0) {
		rm_info(b, RM_PREFIX "Reserved memory: No reserved-memory node in the DT");
		return;
	}
	/*
	 * alloc_reserved_mem_array(): reserved_mem[] leaves its static 64
	 * entries for exactly as many as the early scan counted (its memory
	 * is arm64/early_alloc.c's rm_early_reserved_mem_array()).
	 */
	if (b->profile->table_resized && b->early_rmem_count > 0 &&
	    rm_table_resize(b, (unsigned int)b->early_rmem_count))
		return;
	if (rm_check_root(b, node)) {
		rm_err(b, RM_PREFIX "Reserved memory: unsupported node format, ignoring");
		report_root_format(b, node);
		return;
	}
	fdt_for_each_subnode(child, b->fdt, node) {
		const char *uname = dt_name(b->fdt, child);
		const fdt32_t *prop;
		uint64_t base, size;
		struct rm_region *r;
		int len, off;

		if (!dt_is_available(b->fdt, child))
			continue;
		prop = fdt_getprop(b->fdt, child, "reg", &len);
		if (!prop)
			continue;
		if (b->profile->rmem_ops) {
			int err, n;

			/* 7.2: what the early scan did not take, silently;
			 * the CMA driver is asked (and says why) again */
			if (!dt_addr_size_prop(b->fdt, child, "reg", ac + sc, &n) ||
			    !n)
				continue;
			err = rm_validate_node(b, child, uname, NULL);
			if (err && err != -ENODEV)
				continue;
		} else if (t_len == 0 || len % t_len != 0) {
			rm_err(b, RM_PREFIX "Reserved memory: invalid reg property "
			       "in '%s', skipping node.", uname);
			report_invalid_reg(b, child, uname, len);
			add_invalid_reg_region(b, child, uname);
			continue;
		} else if (len > t_len) {
			rm_warn(b, RM_PREFIX "fdt_scan_reserved_mem_reg_nodes() "
				"ignores %d regions in node '%s'",
				len / t_len - 1, uname);
			rm_report_at(b, "multi-reg", RM_WARNING, child, "'%s': "
				     "only the first of %d reg tuples is a region "
				     "(all are reserved)", uname, len / t_len);
		}
		/*
		 * An empty reg passes both checks and the first tuple is read
		 * from whatever follows in the structure block.
		 */
		off = (int)((const char *)prop - (const char *)b->fdt);
		if (off < 0 || (size_t)off + (size_t)t_len > b->fdt_size)
			continue;
		base = dt_read_number(prop, (int)ac);
		size = dt_read_number(prop + ac, (int)sc);
		if (!size)
			continue;
		r = rm_region_new(b, child, uname);
		if (!r)
			return;
		r->base = base;
		r->size = size;
		if (rm_table_save(b, r))
			rm_init_after(b, r, rm_init_node(b, r));
	}
	rm_check_for_overlap(b);
}

/* the DTB header's /memreserve/ entries, up to the first empty one */
void rm_reserve_memreserve(struct rm_board *b)
{
	int i, n = fdt_num_mem_rsv(b->fdt);

	for (i = 0; i < n; i++) {
		uint64_t base, size;

		if (fdt_get_mem_rsv(b->fdt, i, &base, &size) || !size)
			break;
		memblock_reserve(&b->mb, base, size);
		rm_early_note(b, base, size, "/memreserve/");
	}
}

static bool has_region(struct rm_board *b, int node)
{
	unsigned int i;

	for (i = 0; i < b->nr_regions; i++)
		if (b->regions[i]->node == node)
			return true;
	return false;
}

/* why the kernel left the child without an entry */
static void skip_reason(struct rm_board *b, int node, bool root_ok,
			char *why, size_t len)
{
	const char *status;
	int rlen = 0;

	if (!root_ok) {
		snprintf(why, len, "/reserved-memory is ignored (its cells or "
			 "ranges are not the root's)");
		return;
	}
	status = fdt_getprop(b->fdt, node, "status", NULL);
	if (!dt_is_available(b->fdt, node)) {
		snprintf(why, len, "status = \"%.64s\"", status ? status : "");
		return;
	}
	if (fdt_getprop(b->fdt, node, "reg", &rlen)) {
		snprintf(why, len, rlen ? "reg size is 0: nothing reserved" :
			 "empty reg: nothing reserved");
		return;
	}
	if (dt_has_prop(b->fdt, node, "size")) {
		snprintf(why, len, "more dynamic regions than the kernel takes "
			 "(%u)", b->profile->max_dynamic);
		return;
	}
	snprintf(why, len, "neither reg nor size");
}

void rm_account_children(struct rm_board *b)
{
	int parent = fdt_path_offset(b->fdt, "/reserved-memory"), node, depth = 0;
	bool root_ok;
	char why[160];

	if (parent < 0)
		return;
	root_ok = !rm_check_root(b, parent);
	/* 4.19's walk takes every descendant, 6.x the direct children */
	for (node = fdt_next_node(b->fdt, parent, &depth); node >= 0 && depth > 0;
	     node = fdt_next_node(b->fdt, node, &depth)) {
		struct rm_region *r;

		if (depth > 1 && !b->profile->scan_grandchildren)
			continue;
		if (has_region(b, node))
			continue;
		skip_reason(b, node, root_ok, why, sizeof(why));
		r = rm_region_new(b, node, dt_name(b->fdt, node));
		if (!r)
			return;
		r->type = RM_REGION_SKIPPED;
		snprintf(r->status, sizeof(r->status), "skipped: %s", why);
	}
}
