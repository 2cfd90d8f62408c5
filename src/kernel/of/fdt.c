// SPDX-License-Identifier: GPL-2.0
#include <libfdt.h>
#include <string.h>

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

uint32_t dt_cells(const void *fdt, int node, const char *name, uint32_t dflt)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node, name, &len);

	if (!p || len < 4)
		return dflt;
	return fdt32_ld(p);
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
