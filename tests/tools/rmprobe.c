// SPDX-License-Identifier: GPL-2.0
/*
 * rmprobe - the oracle's rmemprobe module, run against rmemfs's engine.
 *
 *   rmprobe [rmemfs dry-run options] BOARD
 *
 * Boots BOARD as `rmemfs --dry-run` would, then does what
 * ../shared/oracle/rmemprobe/rmemprobe.c does on the real kernel (area
 * probes, rmemprobe.allocs, the rmemfs,test-device probes, rmemprobe.seq,
 * all read from the command line given with -o cmdline=) and prints its
 * lines without timestamps, so the golden test can compare them with what
 * the real kernel printed.
 */
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/dma/coherent.h"
#include "kernel/dma/mapping.h"
#include "kernel/of/address.h"
#include "kernel/of/fdt.h"
#include "kernel/of/platform.h"
#include "kernel/lib/cmdline.h"
#include "board/options.h"
#include "kernel/system.h"
#include "view/render.h"

static char *param(const char *cmdline, const char *key)
{
	const char *p = cmdline;
	size_t kl = strlen(key);

	while ((p = strstr(p, key))) {
		if ((p == cmdline || p[-1] == ' ') && p[kl] == '=') {
			const char *v = p + kl + 1;

			return strndup(v, strcspn(v, " "));
		}
		p += kl;
	}
	return NULL;
}

static void show_area(struct rm_board *b, struct rm_cma *cma, int whole)
{
	uint64_t a = cma_alloc(cma, 1, 0, true);
	uint64_t c = cma_alloc(cma, 1, 0, true);
	long d = a && c ? (long)c - (long)a : -1;
	int opb = d > 0 && !(d & (d - 1)) ? __builtin_ctzl((unsigned long)d) : -1;

	printf("rmemprobe: area name=%s base=0x%016llx size=0x%llx base_pfn=0x%llx "
	       "count=%llu first_alloc_pfn=0x%llx second_alloc_pfn=0x%llx "
	       "order_per_bit=%d%s\n", cma->name,
	       (unsigned long long)(cma->base_pfn << 12),
	       (unsigned long long)(cma->count << 12),
	       (unsigned long long)cma->base_pfn, (unsigned long long)cma->count,
	       (unsigned long long)a, (unsigned long long)c, opb,
	       opb < 0 ? " (unknown)" : " (inferred)");
	if (c)
		cma_release(cma, c, 1);
	if (a)
		cma_release(cma, a, 1);
	if (whole) {
		a = cma_alloc(cma, cma->count, 0, true);
		printf("rmemprobe: area name=%s whole_alloc count=%llu %s\n",
		       cma->name, (unsigned long long)cma->count, a ? "OK" : "FAIL");
		if (a)
			cma_release(cma, a, cma->count);
	}
}

/* page-allocator addresses are not predicted: "*" matches any */
static const char *dma_text(const struct rm_alloc *a)
{
	static char buf[32];

	if (!a)
		return "0x0";
	if (a->kind == RM_POOL_SYSTEM)
		return "*";
	snprintf(buf, sizeof(buf), "0x%llx", (unsigned long long)a->dma);
	return buf;
}

/*
 * A test device without memory-region, as the probe module sees it: the
 * generic dma_alloc_coherent() path with the node's own bus view.
 */
static void plain_device(struct rm_board *b, int node, struct rm_device *dev)
{
	*dev = *b->default_dev;
	dev->node = node;
	dev->dma_range_map = NULL;
	dev->nr_dma_ranges = 0;
	dev->bus_dma_limit = 0;
	rm_of_device_make_bus_id(b, node, dev->kname, sizeof(dev->kname));
	rm_of_dma_get_range(b, dev);	/* the caller frees dma_range_map */
}

static bool is_test_device(struct rm_board *b, int node)
{
	return node >= 0 && dt_is_compatible(b->fdt, node, "rmemfs,test-device");
}

/* one memory-region index assigned alone, as the probe loop does */
static void probe_region(struct rm_board *b, struct rm_device *dev,
			 unsigned int i, uint64_t bytes)
{
	struct rm_device tmp = *dev;
	struct rm_devreg *dr = &dev->regs[i];
	int result = dr->result;
	struct rm_alloc a;
	int ok;

	tmp.dma_mem = NULL;
	tmp.dma_mem_region = NULL;
	tmp.cma_area = NULL;
	tmp.cma_area_region = NULL;
	/*
	 * The probe releases the device after each index, so an index the
	 * boot refused only because an earlier pool was held (-EBUSY)
	 * succeeds when assigned alone.
	 */
	if (result == -16 && dr->region && dr->region->coh) {
		result = 0;
		tmp.dma_mem = dr->region->coh;
		tmp.dma_mem_region = dr->region;
	} else if (!dr->result && dr->region && dr->assigned) {
		if (dr->region->cma) {
			tmp.cma_area = dr->region->cma;
			tmp.cma_area_region = dr->region;
		} else if (dr->region->coh) {
			tmp.dma_mem = dr->region->coh;
			tmp.dma_mem_region = dr->region;
		}
	}
	ok = !rm_dma_alloc(b, &tmp, bytes, &a);
	printf("rmemprobe: device %s region_idx=%u init_ret=%d "
	       "dma_alloc_coherent(0x%llx)=%s dma=%s\n", dev->path, i,
	       result, (unsigned long long)bytes, ok ? "OK" : "FAIL",
	       dma_text(ok ? &a : NULL));
	if (ok)
		rm_dma_free(b, &a);
}

/* seq_names(): is the device named by a step ("dev:" at a token start) */
static bool seq_names(struct rm_board *b, struct rm_device *d, const char *seq)
{
	const char *full = dt_name(b->fdt, d->node), *p = seq;
	size_t fl = strlen(full), sl = strcspn(full, "@");

	while (p && *p) {
		if ((!strncmp(p, full, fl) && p[fl] == ':') ||
		    (!strncmp(p, full, sl) && p[sl] == ':'))
			return true;
		p = strchr(p, ';');
		p = p ? p + 1 : NULL;
	}
	return false;
}

/* seq_keep(): the regions as the boot assigned them */
static void seq_keep(struct rm_board *b, struct rm_device *d)
{
	unsigned int k;

	for (k = 0; k < d->nr_regs; k++)
		printf("rmemprobe: seq-dev dev=%s region_idx=%u init_ret=%d "
		       "region=%s base=0x%llx size=0x%llx\n",
		       dt_name(b->fdt, d->node), k, d->regs[k].result,
		       d->regs[k].region ? d->regs[k].region->name : "?",
		       d->regs[k].region ? (unsigned long long)d->regs[k].region->base : 0ULL,
		       d->regs[k].region ? (unsigned long long)d->regs[k].region->size : 0ULL);
}

static void probe_devices(struct rm_board *b, uint64_t bytes, const char *seq)
{
	int node, depth = 0;

	/* platform devices probe in DT order, with or without memory-region */
	for (node = fdt_next_node(b->fdt, -1, &depth); node >= 0;
	     node = fdt_next_node(b->fdt, node, &depth)) {
		struct rm_device *dev = NULL;
		unsigned int i;

		if (!is_test_device(b, node) || !rm_of_device_populated(b, node))
			continue;
		for (i = 0; i < b->nr_devices; i++)
			if (b->devices[i]->node == node)
				dev = b->devices[i];
		if (!dev || !dev->nr_regs) {
			struct rm_device tmp;
			struct rm_alloc a;
			char path[RM_NAME_MAX];
			int ok;

			dt_path(b->fdt, node, path, sizeof(path));
			plain_device(b, node, &tmp);
			ok = !rm_dma_alloc(b, &tmp, bytes, &a);
			printf("rmemprobe: device %s no memory-region "
			       "dma_alloc_coherent(0x%llx)=%s dma=%s\n", path,
			       (unsigned long long)bytes, ok ? "OK" : "FAIL",
			       dma_text(ok ? &a : NULL));
			if (ok)
				rm_dma_free(b, &a);
			free(tmp.dma_range_map);
			continue;
		}
		for (i = 0; i < dev->nr_regs; i++)
			probe_region(b, dev, i, bytes);
		if (seq && seq_names(b, dev, seq))
			seq_keep(b, dev);
	}
}

struct seq_buf {
	struct rm_device *dev;
	struct rm_alloc a;
	bool live;
	uint64_t size;
};

/* a region-less test device: the generic path, under its own name */
static struct rm_device plain_devs[16];
static unsigned int nr_plain;

static struct rm_device *plain_dev(struct rm_board *b, int node)
{
	unsigned int i;

	for (i = 0; i < nr_plain; i++)
		if (plain_devs[i].node == node)
			return &plain_devs[i];
	if (nr_plain == 16)
		return NULL;
	plain_device(b, node, &plain_devs[nr_plain]);
	return &plain_devs[nr_plain++];
}

static struct rm_device *seq_dev(struct rm_board *b, const char *name)
{
	unsigned int i;
	int node, depth = 0;

	for (i = 0; i < b->nr_devices; i++) {
		struct rm_device *d = b->devices[i];
		const char *n;

		if (!is_test_device(b, d->node))
			continue;
		n = dt_name(b->fdt, d->node);
		if (!strcmp(n, name) || (strlen(name) == strcspn(n, "@") &&
					 !strncmp(n, name, strlen(name))))
			return d;
	}
	for (node = fdt_next_node(b->fdt, -1, &depth); node >= 0;
	     node = fdt_next_node(b->fdt, node, &depth)) {
		const char *n = dt_name(b->fdt, node);

		if (!is_test_device(b, node) || !rm_of_device_populated(b, node))
			continue;
		if (!strcmp(n, name) || (strlen(name) == strcspn(n, "@") &&
					 !strncmp(n, name, strlen(name))))
			return plain_dev(b, node);
	}
	return NULL;
}

static void where(struct rm_board *b, struct rm_device *dev, uint64_t pa,
		  char *out, size_t len)
{
	struct rm_region *r = dev->nr_regs ? dev->regs[0].region : NULL;
	unsigned int i;

	if (r && pa >= r->base && pa < r->base + r->size) {
		snprintf(out, len, "in=%s page=%llu", r->name,
			 (unsigned long long)((pa - r->base) >> 12));
		return;
	}
	for (i = 0; i < b->cma.nr; i++) {
		struct rm_cma *c = b->cma.areas[i];

		if (cma_contains(c, pa >> 12)) {
			snprintf(out, len, "in=%s page=%llu", c->name,
				 (unsigned long long)((pa >> 12) - c->base_pfn));
			return;
		}
	}
	snprintf(out, len, "in=none");
}

static void run_seq(struct rm_board *b, char *seq)
{
	struct seq_buf bufs[128];
	char *cur = seq, *tok;
	int n = 0;

	memset(bufs, 0, sizeof(bufs));
	while ((tok = strsep(&cur, ";")) && n < 128) {
		char *name = strsep(&tok, ":"), *op = tok ? strsep(&tok, ":") : NULL;
		struct rm_device *dev;
		int step = n++;

		if (!name || !*name || !op || !tok || !*tok ||
		    (strcmp(op, "a") && strcmp(op, "f"))) {
			printf("rmemprobe: seq %d bad syntax (want dev:a:bytes or dev:f:step)\n", step);
			continue;
		}
		dev = seq_dev(b, name);
		if (!dev) {
			printf("rmemprobe: seq %d dev=%s no such test device\n", step, name);
			continue;
		}
		if (!strcmp(op, "a")) {
			struct seq_buf *sb = &bufs[step];
			char w[RM_NAME_MAX + 64];

			sb->dev = dev;
			sb->size = rm_memparse(tok, NULL);
			sb->live = !rm_dma_alloc(b, dev, sb->size, &sb->a);
			if (sb->live) {
				where(b, dev, sb->a.phys, w, sizeof(w));
				printf("rmemprobe: seq %d dev=%s alloc size=%llu dma=%s %s\n",
				       step, name, (unsigned long long)sb->size,
				       dma_text(&sb->a), w);
			} else {
				printf("rmemprobe: seq %d dev=%s alloc size=%llu FAIL\n", step,
				       name, (unsigned long long)sb->size);
			}
		} else {
			unsigned long j = strtoul(tok, NULL, 0);

			if (j >= (unsigned long)step || !bufs[j].live) {
				printf("rmemprobe: seq %d dev=%s free step=%lu (nothing to free)\n",
				       step, name, j);
			} else if (!bufs[j].size) {
				printf("rmemprobe: seq %d dev=%s free step=%lu (size 0: not freed)\n",
				       step, name, j);
			} else {
				rm_dma_free(b, &bufs[j].a);
				bufs[j].live = false;
				printf("rmemprobe: seq %d dev=%s free step=%lu%s\n", step, name, j,
				       bufs[j].dev == dev ? "" : " (freed with the allocating device)");
			}
		}
	}
}

/* rmemprobe.allocs="name:count[:align];...": held, then released */
static void run_allocs(struct rm_board *b, char *allocs)
{
	struct { struct rm_cma *cma; uint64_t pfn, n; } st[64];
	char *cur = allocs, *tok;
	int ns = 0, i;

	while ((tok = strsep(&cur, ";")) && ns < 64) {
		char *name = strsep(&tok, ":"), *cnt = tok ? strsep(&tok, ":") : NULL;
		unsigned long n, al = 0;
		struct rm_cma *found = NULL;
		unsigned int k;

		if (!name || !*name || !cnt) {
			printf("rmemprobe: alloc step %d: bad syntax\n", ns);
			continue;
		}
		n = strtoul(cnt, NULL, 0);
		if (tok)
			al = strtoul(tok, NULL, 0);
		for (k = 0; k < b->cma.nr; k++)
			if (!strcmp(b->cma.areas[k]->name, name))
				found = b->cma.areas[k];
		st[ns].cma = found;
		st[ns].n = n;
		st[ns].pfn = found ? cma_alloc(found, n, (unsigned int)al, true) : 0;
		if (st[ns].pfn)
			printf("rmemprobe: alloc step %d area=%s count=%lu align_order=%lu "
			       "pfn=0x%llx phys=0x%llx\n", ns, name, n, al,
			       (unsigned long long)st[ns].pfn,
			       (unsigned long long)(st[ns].pfn << 12));
		else
			printf("rmemprobe: alloc step %d area=%s count=%lu align_order=%lu "
			       "FAIL%s\n", ns, name, n, al, found ? "" : " (no such area)");
		ns++;
	}
	for (i = ns - 1; i >= 0; i--)
		if (st[i].pfn)
			cma_release(st[i].cma, st[i].pfn, st[i].n);
}

/* rmemfs's meminfo file, each line prefixed for check-goldens.sh */
static void show_meminfo(struct rm_board *b)
{
	struct strbuf sb = STRBUF_INIT;
	char *line, *save = NULL;

	rm_render_meminfo(b, &sb);
	for (line = sb.s ? strtok_r(sb.s, "\n", &save) : NULL; line;
	     line = strtok_r(NULL, "\n", &save))
		printf("rmemfs-meminfo: %s\n", line);
	strbuf_release(&sb);
}

/* the log up to the drivers' probes, for check-goldens.sh */
static void show_boot_log(struct rm_board *b)
{
	size_t len = 0;
	char *text = bootlog_snapshot(&b->log, &len);
	char *line, *save = NULL;

	if (!text)
		return;
	text[b->log_boot_len < len ? b->log_boot_len : len] = '\0';
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		printf("rmemfs-boot: %s\n", line);
	free(text);
}

int main(int argc, char **argv)
{
	struct rm_options o;
	struct rm_board *b;
	void *blob;
	char err[1024], *seq, *whole, *bytes, *allocs;
	uint64_t dev_bytes = 0x4000;
	unsigned int i;
	int c;

	memset(&o, 0, sizeof(o));
	for (c = 1; c < argc; c++) {
		if (!strcmp(argv[c], "-o") && c + 1 < argc) {
			char *v = argv[++c], *r, *w;

			/* the same -o value rmemfs gets: a comma is "\," */
			for (r = w = v; *r; r++)
				if (!(r[0] == '\\' && r[1] == ','))
					*w++ = *r;
			*w = '\0';

			if (!strncmp(v, "profile=", 8))
				o.profile = v + 8;
			else if (!strncmp(v, "config=", 7))
				o.config = v + 7;
			else if (!strncmp(v, "cmdline=", 8))
				o.cmdline = v + 8;
			else if (!strncmp(v, "reserve=", 8))
				o.reserve = v + 8;
		} else {
			o.dtb = argv[c];
		}
	}
	if (rm_options_boot(&o, &b, &blob, err, sizeof(err))) {
		fprintf(stderr, "rmprobe: %s\n", err);
		return 1;
	}
	/* the oracle reads /proc/meminfo before it loads its probe module */
	show_boot_log(b);
	show_meminfo(b);
	seq = o.cmdline ? param(o.cmdline, "rmemprobe.seq") : NULL;
	whole = o.cmdline ? param(o.cmdline, "rmemprobe.whole") : NULL;
	bytes = o.cmdline ? param(o.cmdline, "rmemprobe.dev_bytes") : NULL;
	if (bytes)
		dev_bytes = strtoull(bytes, NULL, 0);
	for (i = 0; i < b->cma.nr; i++)
		show_area(b, b->cma.areas[i], !whole || strcmp(whole, "0"));
	allocs = o.cmdline ? param(o.cmdline, "rmemprobe.allocs") : NULL;
	if (allocs)
		run_allocs(b, allocs);
	free(allocs);
	probe_devices(b, dev_bytes, seq);
	if (seq)
		run_seq(b, seq);
	free(seq);
	free(whole);
	free(bytes);
	rm_board_free(b);
	free(blob);
	return 0;
}
