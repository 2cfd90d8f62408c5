/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dt - flat device tree reading as drivers/of/fdt.c does it: cells,
 * availability, compatible lists, phandles, paths.
 */
#ifndef RM_DT_H
#define RM_DT_H

#include <stdbool.h>
#include <stdint.h>

struct memblock;

/* of_read_number(): cells folded into 64 bits, high cells shifted out */
uint64_t dt_read_number(const void *cells, int n);

/* of_fdt_device_is_available(): status absent, "okay" or "ok" */
bool dt_is_available(const void *fdt, int node);
bool dt_has_prop(const void *fdt, int node, const char *name);
/* of_flat_dt_is_compatible(): any string of the list equals compat */
bool dt_is_compatible(const void *fdt, int node, const char *compat);
uint32_t dt_get_phandle(const void *fdt, int node);	/* 0 = none */
int dt_find_phandle(const void *fdt, uint32_t phandle);	/* -1 = none */
/* of_property_read_u32(): at least 4 bytes, the first cell; false: absent */
bool dt_read_u32(const void *fdt, int node, const char *name, uint32_t *v);
/* of_property_read_u64(): at least 8 bytes, the first two cells */
bool dt_read_u64(const void *fdt, int node, const char *name, uint64_t *v);
/* "#address-cells"/"#size-cells" of a node, or the given default */
uint32_t dt_cells(const void *fdt, int node, const char *name, uint32_t dflt);
/* full path into buf; "" when it does not fit */
void dt_path(const void *fdt, int node, char *buf, int len);
/* basename of the node ("name@unit") */
const char *dt_name(const void *fdt, int node);

/*
 * early_init_dt_scan_memory(): the banks of every node with
 * device_type = "memory" (linux,usable-memory before reg), page-aligned
 * as early_init_dt_add_memory_arch() does, added to memblock.  6.x looks
 * at the root's available children; with whole_tree (5.10 and older)
 * at every node, disabled ones too.  With strict (7.2) a property whose
 * length is not whole tuples is absent (usable-memory falls back to reg,
 * a bad reg drops the node).
 */
/*
 * 7.2 of_flat_dt_get_addr_size_prop(): the property as whole tuples of
 * cells each, *n of them; NULL when absent (*n = 0) or when its length
 * is not whole tuples (*n = -1: the kernel takes it as absent).
 */
const void *dt_addr_size_prop(const void *fdt, int node, const char *name,
			      unsigned int cells, int *n);
void dt_scan_memory(const void *fdt, uint32_t ac, uint32_t sc,
		    bool whole_tree, bool strict, struct memblock *mb);
/* early_init_dt_check_for_initrd(): false when /chosen names none */
bool dt_initrd(const void *fdt, uint64_t *start, uint64_t *end);
/* /chosen/bootargs, malloc'ed ("" without one); NULL when out of memory */
char *dt_bootargs(const void *fdt);

#endif
