// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board/fdt_fixup.h"
#include "kernel/lib/cmdline.h"

int rm_parse_memory(const char *s, struct rm_bank *banks, unsigned int max,
		    unsigned int *n, int *base_given)
{
	const char *p = s, *e;

	*n = 0;
	*base_given = strchr(s, '+') != NULL;
	if (!*base_given) {
		/* SIZE alone: one bank at the memory node's address */
		if (rm_memparse_strict(s, strlen(s), &banks[0].size) ||
		    !banks[0].size)
			return -EINVAL;
		banks[0].base = 0;
		*n = 1;
		return 0;
	}
	while (*p) {
		const char *plus = strchr(p, '+');
		size_t blen, slen;

		if (*n == max || !plus)
			return -EINVAL;
		e = strchr(plus, ',');
		blen = (size_t)(plus - p);
		slen = e ? (size_t)(e - plus - 1) : strlen(plus + 1);
		if (rm_memparse_strict(p, blen, &banks[*n].base) ||
		    rm_memparse_strict(plus + 1, slen, &banks[*n].size) ||
		    !banks[*n].size ||
		    banks[*n].base + banks[*n].size < banks[*n].base)
			return -EINVAL;
		(*n)++;
		if (!e)
			break;
		p = e + 1;
		if (!*p)
			return -EINVAL;
	}
	return *n ? 0 : -EINVAL;
}

static uint32_t root_cells(const void *fdt, const char *name)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, 0, name, &len);

	return p && len >= 4 ? fdt32_ld(p) : 1;
}

/* the first root child named memory or memory@... (fdt_subnode_offset) */
static int find_memory_node(const void *fdt)
{
	return fdt_subnode_offset(fdt, 0, "memory");
}

static int unit_address(const void *fdt, int node, uint64_t *base)
{
	const char *name = fdt_get_name(fdt, node, NULL), *at;
	char *end;

	at = name ? strchr(name, '@') : NULL;
	if (!at || !at[1])
		return -ENOENT;
	*base = strtoull(at + 1, &end, 16);
	return *end ? -ENOENT : 0;
}

int rm_fdt_fixup_memory(void **blob, size_t *size, struct rm_bank *banks,
			unsigned int n, int base_given, char *err, size_t errlen)
{
	uint32_t ac = root_cells(*blob, "#address-cells");
	uint32_t sc = root_cells(*blob, "#size-cells");
	size_t nsize = *size + 1024 + n * 16;
	fdt32_t reg[RM_MAX_BANKS * 4];
	unsigned int i, k = 0;
	void *grown;
	int node, ret;

	if (ac < 1 || ac > 2 || sc < 1 || sc > 2) {
		snprintf(err, errlen, "memory=: the root's #address-cells/#size-cells "
			 "(%u/%u) are not 1 or 2", ac, sc);
		return -EINVAL;
	}
	node = find_memory_node(*blob);
	if (!base_given && (node < 0 || unit_address(*blob, node, &banks[0].base))) {
		snprintf(err, errlen, "memory=SIZE: the board has no memory@BASE "
			 "node: give the bank as BASE+SIZE");
		return -ENOENT;
	}
	for (i = 0; i < n; i++) {
		if ((ac == 1 && banks[i].base >> 32) ||
		    (sc == 1 && banks[i].size >> 32)) {
			snprintf(err, errlen, "memory=: bank 0x%llx+0x%llx does not "
				 "fit the root's %u/%u cells",
				 (unsigned long long)banks[i].base,
				 (unsigned long long)banks[i].size, ac, sc);
			return -EINVAL;
		}
		if (ac == 2)
			reg[k++] = cpu_to_fdt32((uint32_t)(banks[i].base >> 32));
		reg[k++] = cpu_to_fdt32((uint32_t)banks[i].base);
		if (sc == 2)
			reg[k++] = cpu_to_fdt32((uint32_t)(banks[i].size >> 32));
		reg[k++] = cpu_to_fdt32((uint32_t)banks[i].size);
	}
	grown = malloc(nsize);
	if (!grown) {
		snprintf(err, errlen, "memory=: out of memory");
		return -ENOMEM;
	}
	ret = fdt_open_into(*blob, grown, (int)nsize);
	if (!ret && node < 0)
		node = fdt_add_subnode(grown, 0, "memory");
	if (!ret && node < 0)
		ret = node;
	if (!ret)
		ret = fdt_setprop_string(grown, node, "device_type", "memory");
	if (!ret)
		ret = fdt_setprop(grown, node, "reg", reg, (int)(k * 4));
	if (!ret)
		ret = fdt_pack(grown);
	if (ret) {
		free(grown);
		snprintf(err, errlen, "memory=: %s", fdt_strerror(ret));
		return -EINVAL;
	}
	free(*blob);
	*blob = grown;
	*size = fdt_totalsize(grown);
	return 0;
}
