// SPDX-License-Identifier: GPL-2.0
/*
 * drivers/of/address.c for dma-ranges: the CPU address of a bus address
 * through every ancestor (of_translate_dma_address), a device's DMA
 * windows from the nearest bus that has them (of_dma_get_range), and the
 * lowest DMA reach of the whole tree, which sizes ZONE_DMA
 * (of_dma_get_max_cpu_address).  dev_name() (drivers/of/platform.c) is
 * here too: it reads the same address cells.
 *
 * Addresses are kept as cell arrays, as the kernel does, because a PCI
 * address carries a flags cell the arithmetic must leave alone.
 */
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/of/address.h"
#include "kernel/of/fdt.h"
#include "kernel/system.h"

#define OF_MAX_ADDR_CELLS 4
#define OF_BAD_ADDR (~0ULL)

enum of_bus_kind { BUS_DEFAULT, BUS_DEFAULT_FLAGS, BUS_PCI };

struct of_addr {
	uint32_t c[OF_MAX_ADDR_CELLS];	/* host order */
};

/* of_bus_n_addr_cells(): the node's own, else the nearest ancestor's, else 1 */
static uint32_t bus_n_cells(struct rm_board *b, int node, const char *name)
{
	for (; node >= 0; node = dt_index_parent(&b->dtix, node)) {
		int len;
		const fdt32_t *p = fdt_getprop(b->fdt, node, name, &len);

		if (p && len >= 4)
			return fdt32_ld(p);
	}
	return 1;
}

/* of_n_addr_cells(): the cells of the space the node's own address lives in */
static uint32_t n_cells(struct rm_board *b, int node, const char *name)
{
	int parent = dt_index_parent(&b->dtix, node);

	return bus_n_cells(b, parent >= 0 ? parent : node, name);
}

/* of_match_bus() over the busses arm64 builds: pci, default-flags, default */
static enum of_bus_kind match_bus(struct rm_board *b, int node)
{
	const char *type = fdt_getprop(b->fdt, node, "device_type", NULL);
	const char *name = dt_name(b->fdt, node);

	if (type && (!strcmp(type, "pci") || !strcmp(type, "pciex") ||
		     !strcmp(type, "vci") || !strcmp(type, "ht")))
		return BUS_PCI;
	if (!strncmp(name, "pcie", 4) && (name[4] == '\0' || name[4] == '@'))
		return BUS_PCI;		/* "Missing device_type" */
	if (bus_n_cells(b, node, "#address-cells") == 3)
		return BUS_DEFAULT_FLAGS;
	return BUS_DEFAULT;
}

static unsigned int flag_cells(enum of_bus_kind k)
{
	return k == BUS_DEFAULT ? 0 : 1;
}

static uint64_t fold(const uint32_t *c, unsigned int n)
{
	uint64_t r = 0;

	while (n--)
		r = (r << 32) | *c++;
	return r;
}

static void load(struct of_addr *a, const fdt32_t *p, unsigned int n)
{
	unsigned int i;

	memset(a, 0, sizeof(*a));
	for (i = 0; i < n; i++)
		a->c[i] = fdt32_ld(p + i);
}

/* of_bus_pci_get_flags(): I/O or memory space, from the space code */
static unsigned int pci_space(uint32_t hi)
{
	switch ((hi >> 24) & 3) {
	case 1:
		return 1;	/* IORESOURCE_IO */
	case 2:
	case 3:
		return 2;	/* IORESOURCE_MEM */
	default:
		return 0;
	}
}

/* bus->map(): the offset of addr in one dma-ranges entry, or OF_BAD_ADDR */
static uint64_t bus_map(enum of_bus_kind k, const struct of_addr *addr,
			const fdt32_t *range, unsigned int na, unsigned int ns,
			unsigned int pna)
{
	unsigned int f = flag_cells(k);
	uint64_t cp, s, da;

	if (k == BUS_PCI && (pci_space(addr->c[0]) ^ pci_space(fdt32_ld(range))))
		return OF_BAD_ADDR;
	if (k == BUS_DEFAULT_FLAGS && addr->c[0] != fdt32_ld(range))
		return OF_BAD_ADDR;
	cp = dt_read_number(range + f, (int)(na - f));
	s = dt_read_number(range + na + pna, (int)ns);
	da = fold(addr->c + f, na - f);
	if (da < cp || da >= cp + s)
		return OF_BAD_ADDR;
	return da - cp;
}

/* pbus->translate(): add offset to the address part, keep a flags cell */
static void bus_translate(enum of_bus_kind k, struct of_addr *addr,
			  uint64_t offset, unsigned int na)
{
	unsigned int f = flag_cells(k), n = na - f;
	uint64_t a = fold(addr->c + f, n) + offset;

	memset(addr->c + f, 0, n * 4);
	if (n > 1)
		addr->c[f + n - 2] = (uint32_t)(a >> 32);
	addr->c[f + n - 1] = (uint32_t)a;
}

/*
 * of_translate_one(): through dev's "ranges" or "dma-ranges".  Empty is
 * 1:1; absent is 1:1 for dma-ranges and a failure for ranges.
 */
static bool translate_one(struct rm_board *b, int dev, enum of_bus_kind bus,
			  enum of_bus_kind pbus, struct of_addr *addr,
			  unsigned int na, unsigned int ns, unsigned int pna,
			  const char *rprop)
{
	int len = 0;
	const fdt32_t *r = fdt_getprop(b->fdt, dev, rprop, &len);
	unsigned int one = na + pna + ns, i;
	uint64_t offset = OF_BAD_ADDR;

	if (!r && strcmp(rprop, "dma-ranges"))
		return false;
	if (!r || len <= 0) {
		offset = fold(addr->c, na);
		memset(addr->c + flag_cells(pbus), 0,
		       (pna - flag_cells(pbus)) * 4);
	} else {
		for (; len >= (int)one * 4; len -= (int)one * 4, r += one) {
			offset = bus_map(bus, addr, r, na, ns, pna);
			if (offset != OF_BAD_ADDR)
				break;
		}
		if (offset == OF_BAD_ADDR)
			return false;
		for (i = 0; i < pna; i++)
			addr->c[i] = fdt32_ld(r + na + i);
	}
	bus_translate(pbus, addr, offset, pna);
	return true;
}

/* the cells a bus gives its children: bus->count_cells() */
static void count_cells(struct rm_board *b, enum of_bus_kind k, int child,
			unsigned int *na, unsigned int *ns)
{
	if (k == BUS_PCI) {
		*na = 3;
		*ns = 2;
		return;
	}
	*na = n_cells(b, child, "#address-cells");
	*ns = n_cells(b, child, "#size-cells");
}

static bool cells_ok(unsigned int na, unsigned int ns)
{
	return na >= 1 && na <= OF_MAX_ADDR_CELLS && ns >= 1 && ns <= 2;
}

/*
 * __of_translate_address(node, in, rprop): in is an address in the space
 * of node's parent (node's reg, or the parent side of its dma-ranges);
 * translated through every ancestor's rprop up to the root, whose own are
 * never applied.  OF_BAD_ADDR when an ancestor cannot translate it.
 */
static uint64_t translate_address(struct rm_board *b, int node,
				  const fdt32_t *in, int inlen, const char *rprop)
{
	int dev = node, parent = dt_index_parent(&b->dtix, node);
	unsigned int na, ns, pna, pns;
	enum of_bus_kind bus, pbus;
	struct of_addr addr;

	if (parent < 0)
		return OF_BAD_ADDR;
	bus = match_bus(b, parent);
	count_cells(b, bus, dev, &na, &ns);
	if (!cells_ok(na, ns) || inlen < (int)na * 4)
		return OF_BAD_ADDR;
	load(&addr, in, na);
	for (;;) {
		dev = parent;
		parent = dt_index_parent(&b->dtix, dev);
		if (parent < 0)
			return fold(addr.c, na);
		pbus = match_bus(b, parent);
		count_cells(b, pbus, dev, &pna, &pns);
		if (!cells_ok(pna, pns))
			return OF_BAD_ADDR;
		if (!translate_one(b, dev, bus, pbus, &addr, na, ns, pna, rprop))
			return OF_BAD_ADDR;
		na = pna;
		ns = pns;
		bus = pbus;
	}
}

/* one dma-ranges entry as of_pci_range_parser_one() returns it */
struct of_range {
	uint64_t bus_addr;
	uint64_t cpu_addr;		/* OF_BAD_ADDR: did not translate */
	uint64_t size;
	uint32_t flags;
};

struct range_parser {
	const fdt32_t *p, *end;
	unsigned int na, ns, pna;
	enum of_bus_kind bus;
	int node;
};

static bool parser_init(struct rm_board *b, struct range_parser *rp, int node)
{
	int len = 0;

	rp->node = node;
	rp->pna = n_cells(b, node, "#address-cells");
	rp->na = bus_n_cells(b, node, "#address-cells");
	rp->ns = bus_n_cells(b, node, "#size-cells");
	rp->bus = match_bus(b, node);
	rp->p = fdt_getprop(b->fdt, node, "dma-ranges", &len);
	if (!rp->p || len <= 0 || rp->na > OF_MAX_ADDR_CELLS ||
	    rp->pna > OF_MAX_ADDR_CELLS || rp->ns > 2 ||
	    rp->na < flag_cells(rp->bus))
		return false;
	rp->end = rp->p + len / 4;
	return true;
}

static void read_range(struct rm_board *b, const struct range_parser *rp,
		       const fdt32_t *e, struct of_range *r)
{
	unsigned int f = flag_cells(rp->bus);

	r->flags = f ? fdt32_ld(e) : 0;
	r->bus_addr = dt_read_number(e + f, (int)(rp->na - f));
	r->cpu_addr = translate_address(b, rp->node, e + rp->na, (int)rp->pna * 4,
					"dma-ranges");
	r->size = dt_read_number(e + rp->na + rp->pna, (int)rp->ns);
}

/* the next range, contiguous entries merged; false at the end */
static bool parser_one(struct rm_board *b, struct range_parser *rp,
		       struct of_range *r)
{
	unsigned int np = rp->na + rp->pna + rp->ns;
	struct of_range next;

	if (rp->p + np > rp->end)
		return false;
	read_range(b, rp, rp->p, r);
	rp->p += np;
	while (rp->p + np <= rp->end) {
		read_range(b, rp, rp->p, &next);
		if (next.flags != r->flags ||
		    next.bus_addr != r->bus_addr + r->size ||
		    next.cpu_addr != r->cpu_addr + r->size)
			break;
		r->size += next.size;
		rp->p += np;
	}
	return true;
}

/*
 * The highest CPU address the node's own dma-ranges reach, or ~0 without
 * (a translation failure is not checked: the window's "end" wraps, as
 * the kernel's does, e.g. for dma-ranges on the root).
 */
static uint64_t node_dma_limit(struct rm_board *b, int node)
{
	struct range_parser rp;
	struct of_range r;
	uint64_t cpu_end = 0;

	if (!parser_init(b, &rp, node))
		return ~0ULL;
	while (parser_one(b, &rp, &r))
		if (r.cpu_addr + r.size > cpu_end)
			cpu_end = r.cpu_addr + r.size - 1;
	return cpu_end;
}

static uint64_t max_cpu_address(struct rm_board *b, int node, int depth)
{
	uint64_t max = node_dma_limit(b, node);
	int child;

	if (depth > 64)
		return max;	/* a blob nested deeper than any board */
	fdt_for_each_subnode(child, b->fdt, node) {
		uint64_t sub;

		if (!dt_is_available(b->fdt, child))
			continue;	/* and its whole subtree */
		sub = max_cpu_address(b, child, depth + 1);
		if (sub < max)
			max = sub;
	}
	return max;
}

uint64_t rm_of_dma_get_max_cpu_address(struct rm_board *b)
{
	return max_cpu_address(b, 0, 0);
}

/* the bus whose dma-ranges a device uses: 0 and the node, or -ENODEV */
static int find_dma_ranges_node(struct rm_board *b, int np, int *out)
{
	bool found = false;
	int node = np, len;

	while (node >= 0) {
		const void *r = fdt_getprop(b->fdt, node, "dma-ranges", &len);

		if (r && len > 0)
			break;
		/* once dma-ranges are found, a missing one is an error */
		if (found && !r)
			return -ENODEV;
		found = true;
		node = dt_index_parent(&b->dtix, node);
	}
	if (node < 0)
		return -ENODEV;
	*out = node;
	return 0;
}

/*
 * bus_dma_limit from the windows: 6.12 the highest bus address; 6.1 the
 * overall span, an odd size rounded up with its warning; 4.19 a mask.
 */
static uint64_t bus_limit(struct rm_board *b, struct rm_device *dev)
{
	uint64_t start = ~0ULL, end = 0, size;
	unsigned int i;

	for (i = 0; i < dev->nr_dma_ranges; i++) {
		const struct rm_dma_range *r = &dev->dma_range_map[i];

		if (r->dma < start)
			start = r->dma;
		if (r->dma + r->size - 1 > end)
			end = r->dma + r->size - 1;
	}
	switch (b->profile->dma_range_limit) {
	case RM_DMA_LIMIT_SPAN:
		size = end + 1 - start;
		if (size & 1) {
			rm_warn(b, "%s: Invalid size 0x%llx for dma-range(s)",
				dev->kname, (unsigned long long)size);
			rm_report(b, "dma-range-size", RM_WARNING, dev->path,
				  "%s: its dma-ranges span 0x%llx bytes, an odd "
				  "size the kernel rounds up", dev->name,
				  (unsigned long long)size);
			size++;
		}
		return start + size - 1;
	case RM_DMA_LIMIT_MASK:
		return end >> 63 ? ~0ULL : (2ULL << (63 - __builtin_clzll(end | 1))) - 1;
	case RM_DMA_LIMIT_END:
	default:
		return end;
	}
}

int rm_of_dma_get_range(struct rm_board *b, struct rm_device *dev)
{
	int node, n = 0, parent = dt_index_parent(&b->dtix, dev->node);

	/* 5.10 of_dma_configure(): of_dma_get_range(np) from the device
	 * itself, so a bus two levels up is one level too far */
	if (b->profile->dma_ranges_from_device)
		parent = dev->node;
	struct range_parser rp;
	struct of_range r;
	char path[RM_NAME_MAX];

	if (parent < 0 || find_dma_ranges_node(b, parent, &node) ||
	    !parser_init(b, &rp, node))
		return 0;	/* no map: the identity, no bus limit */
	while (parser_one(b, &rp, &r)) {
		struct rm_dma_range *m;

		if (r.cpu_addr == OF_BAD_ADDR) {
			dt_index_path(&b->dtix, b->fdt, node, path, sizeof(path));
			rm_err(b, "OF: translation of DMA address(%llx) to CPU "
			       "address failed node(%s)",
			       (unsigned long long)r.bus_addr, path);
			rm_report(b, "dma-translation", RM_ERROR, path, "bus address "
				  "0x%llx of its dma-ranges is in no window of a "
				  "bus above: the entry is dropped",
				  (unsigned long long)r.bus_addr);
			continue;
		}
		/* 4.19 of_dma_get_range() keeps the first window only */
		if (b->profile->dma_range_limit == RM_DMA_LIMIT_MASK && n)
			break;
		m = realloc(dev->dma_range_map, (size_t)(n + 1) * sizeof(*m));
		if (!m)
			return -ENOMEM;
		dev->dma_range_map = m;
		m[n].cpu = r.cpu_addr;
		m[n].dma = r.bus_addr;
		m[n].size = r.size;
		n++;
	}
	dev->nr_dma_ranges = (unsigned int)n;
	if (!n)
		return 0;
	dev->bus_dma_limit = bus_limit(b, dev);
	if (b->profile->dma_range_limit == RM_DMA_LIMIT_MASK) {
		/* 4.19 dev->dma_pfn_offset: one offset, no window */
		struct rm_dma_range *m = dev->dma_range_map;

		m->dma -= m->cpu;
		m->cpu = 0;
		m->size = ~0ULL;
	}
	return 0;
}

/*
 * of_device_make_bus_id(): up from the node, each one without a reg that
 * translates adds its full name before a ':'; the first with one ends the
 * name as "<CPU address>.<name without unit address>".
 */
void rm_of_device_make_bus_id(struct rm_board *b, int node, char *buf,
			      size_t len)
{
	char name[RM_NAME_MAX] = "", tmp[RM_NAME_MAX];

	for (; node > 0; node = dt_index_parent(&b->dtix, node)) {
		const char *full = dt_name(b->fdt, node);
		int rlen = 0;
		const fdt32_t *reg = fdt_getprop(b->fdt, node, "reg", &rlen);
		uint64_t addr = reg ? translate_address(b, node, reg, rlen,
							"ranges") : OF_BAD_ADDR;

		if (addr != OF_BAD_ADDR) {
			snprintf(tmp, sizeof(tmp), "%llx.%.*s%s%s",
				 (unsigned long long)addr,
				 (int)strcspn(full, "@"), full,
				 name[0] ? ":" : "", name);
			snprintf(buf, len, "%s", tmp);
			return;
		}
		snprintf(tmp, sizeof(tmp), "%s%s%s", full, name[0] ? ":" : "",
			 name);
		snprintf(name, sizeof(name), "%s", tmp);
	}
	snprintf(buf, len, "%s", name);
}

/* of_get_next_dma_parent(): the dma-parent phandle, else the parent */
static int next_dma_parent(struct rm_board *b, int node)
{
	uint32_t ph;

	if (dt_read_u32(b->fdt, node, "dma-parent", &ph))
		return dt_find_phandle(b->fdt, ph);
	return node ? dt_index_parent(&b->dtix, node) : -1;
}

/* 6.1 and 6.12 drivers/of/address.c of_dma_is_coherent() */
bool rm_of_dma_is_coherent(struct rm_board *b, int node)
{
	for (; node >= 0; node = next_dma_parent(b, node)) {
		if (dt_has_prop(b->fdt, node, "dma-coherent"))
			return true;
		if (dt_has_prop(b->fdt, node, "dma-noncoherent"))
			return false;
	}
	return false;
}
