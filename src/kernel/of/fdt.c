// SPDX-License-Identifier: GPL-2.0
#include <libfdt.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/mm/memblock.h"
#include "kernel/of/fdt.h"

uint64_t dt_read_number(const void *cells, int n)
{
	const fdt32_t *c = cells;
	uint64_t r = 0;

	while (n-- > 0)
		r = (r << 32) | fdt32_ld(c++);
	return r;
}

bool dt_is_available(const void *fdt, int node)
{
	int len;
	const char *status = fdt_getprop(fdt, node, "status", &len);

	if (!status)
		return true;
	if (len > 0 && (!strcmp(status, "okay") || !strcmp(status, "ok")))
		return true;
	return false;
}

bool dt_has_prop(const void *fdt, int node, const char *name)
{
	return fdt_getprop(fdt, node, name, NULL) != NULL;
}

bool dt_is_compatible(const void *fdt, int node, const char *compat)
{
	int len;
	const char *p = fdt_getprop(fdt, node, "compatible", &len);

	if (!p || len <= 0)
		return false;
	while (len > 0) {
		size_t l = strnlen(p, (size_t)len);

		if (l == strlen(compat) && !strncmp(p, compat, l))
			return true;
		p += l + 1;
		len -= (int)l + 1;
	}
	return false;
}

uint32_t dt_get_phandle(const void *fdt, int node)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node, "phandle", &len);

	if (!p)
		p = fdt_getprop(fdt, node, "linux,phandle", &len);
	if (!p || len < 4)
		return 0;
	/* fdt_init_reserved_mem: of_read_number(prop, len/4) */
	return (uint32_t)dt_read_number(p, len / 4);
}

int dt_find_phandle(const void *fdt, uint32_t phandle)
{
	int node;

	if (!phandle || phandle == ~0u)
		return -1;
	node = fdt_node_offset_by_phandle(fdt, phandle);
	return node < 0 ? -1 : node;
}

bool dt_read_u32(const void *fdt, int node, const char *name, uint32_t *v)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node, name, &len);

	if (!p || len < 4)
		return false;
	*v = fdt32_ld(p);
	return true;
}

bool dt_read_u64(const void *fdt, int node, const char *name, uint64_t *v)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node, name, &len);

	if (!p || len < 8)
		return false;
	*v = ((uint64_t)fdt32_ld(p) << 32) | fdt32_ld(p + 1);
	return true;
}

uint32_t dt_cells(const void *fdt, int node, const char *name, uint32_t dflt)
{
	uint32_t v;

	return dt_read_u32(fdt, node, name, &v) ? v : dflt;
}

void dt_path(const void *fdt, int node, char *buf, int len)
{
	if (fdt_get_path(fdt, node, buf, len) < 0 && len > 0)
		buf[0] = '\0';
}

const char *dt_name(const void *fdt, int node)
{
	const char *n = fdt_get_name(fdt, node, NULL);

	return n ? n : "";
}

/*
 * The next node the scan looks at: 6.x the root's children
 * (fdt_for_each_subnode), 5.10 and older every node of the tree
 * (of_scan_flat_dt), -1 at the end.
 */
static int next_memory_candidate(const void *fdt, int node, bool whole_tree)
{
	if (whole_tree)
		return fdt_next_node(fdt, node, NULL);
	return node < 0 ? fdt_first_subnode(fdt, 0) : fdt_next_subnode(fdt, node);
}

const void *dt_addr_size_prop(const void *fdt, int node, const char *name,
			      unsigned int cells, int *n)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node, name, &len);

	*n = 0;
	if (!p)
		return NULL;
	if (!cells || len % (int)(cells * 4)) {
		*n = -1;
		return NULL;
	}
	*n = len / (int)(cells * 4);
	return p;
}

/* the property as a length in bytes: 7.2 whole tuples or nothing */
static const fdt32_t *memory_prop(const void *fdt, int node, const char *name,
				  unsigned int t, bool strict, int *len)
{
	int n;
	const fdt32_t *p;

	if (!strict)
		return fdt_getprop(fdt, node, name, len);
	p = dt_addr_size_prop(fdt, node, name, t, &n);
	*len = n > 0 ? n * (int)t * 4 : 0;
	return p;
}

void dt_scan_memory(const void *fdt, uint32_t ac, uint32_t sc,
		    bool whole_tree, bool strict, struct memblock *mb)
{
	unsigned int t = ac + sc;
	int node;

	for (node = next_memory_candidate(fdt, -1, whole_tree); node >= 0;
	     node = next_memory_candidate(fdt, node, whole_tree)) {
		const char *type = fdt_getprop(fdt, node, "device_type", NULL);
		const fdt32_t *reg;
		int len;

		if (!type || strcmp(type, "memory"))
			continue;
		/* status is read since 5.12 (of_fdt_device_is_available) */
		if (!whole_tree && !dt_is_available(fdt, node))
			continue;
		/* an empty usable-memory is there: it adds nothing */
		reg = memory_prop(fdt, node, "linux,usable-memory", t, strict,
				  &len);
		if (!reg)
			reg = memory_prop(fdt, node, "reg", t, strict, &len);
		if (!reg || !t)
			continue;
		for (; len >= (int)t * 4; len -= (int)t * 4, reg += t) {
			uint64_t base = dt_read_number(reg, (int)ac);
			uint64_t size = dt_read_number(reg + ac, (int)sc);
			uint64_t aligned;

			if (!size)
				continue;
			/* early_init_dt_add_memory_arch() */
			aligned = rm_page_align(base);
			if (aligned - base >= size)
				continue;
			size -= aligned - base;
			size &= ~(RM_PAGE_SIZE - 1);
			if (size)
				memblock_add(mb, aligned, size);
		}
	}
}

bool dt_initrd(const void *fdt, uint64_t *start, uint64_t *end)
{
	int chosen = fdt_path_offset(fdt, "/chosen"), ls, le;
	const fdt32_t *s, *e;

	if (chosen < 0)
		return false;
	s = fdt_getprop(fdt, chosen, "linux,initrd-start", &ls);
	e = fdt_getprop(fdt, chosen, "linux,initrd-end", &le);
	if (!s || !e || ls < 4 || le < 4 || ls > 8 || le > 8)
		return false;
	*start = dt_read_number(s, ls / 4);
	*end = dt_read_number(e, le / 4);
	return *end > *start;
}

char *dt_bootargs(const void *fdt)
{
	int chosen = fdt_path_offset(fdt, "/chosen"), len;
	const char *args;

	if (chosen < 0)
		return strdup("");
	args = fdt_getprop(fdt, chosen, "bootargs", &len);
	if (!args || len <= 0)
		return strdup("");
	return strndup(args, (size_t)len);
}
