// SPDX-License-Identifier: GPL-2.0
/*
 * test_devices - of_reserved_mem_device_init_by_idx() for every
 * memory-region of a device at boot, and dma_alloc_coherent() through
 * rm_dma_alloc(): device pool, device CMA area, default area, page
 * allocator.  Expectations: doc/kernels.md §9, §12, §13
 * (cited as §x), kernel-semantics.md §4-§5 and §10, seed 000
 * (dma_alloc_from_coherent: "return mem->flags & DMA_MEMORY_EXCLUSIVE" on
 * failure, dma_assign_coherent_memory -EBUSY) and the oracle goldens
 * (rmemprobe lines: "device /devX region_idx=N init_ret=R", "seq N ...").
 */
#include "boot_helpers.h"
#include "kernel/dma/coherent.h"

#define P612 "6.12"
#define P61 "6.1"
#define P419 "4.19"

static const char *const all_profiles[] = { P612, P61, P419 };

static int result(struct rm_board *b, const char *dev, unsigned int idx)
{
	struct rm_device *d = tb_dev(b, dev);

	ck_assert_msg(idx < d->nr_regs, "%s has %u regions", dev, d->nr_regs);
	return d->regs[idx].result;
}

static struct rm_region *region(struct rm_board *b, const char *name)
{
	struct rm_region *r = tb_region(b, name);

	ck_assert_msg(r != NULL, "no region %s\n%s", name, tb_log(b));
	return r;
}

/* the dev_info line, "<driver> <dev>: assigned reserved memory node <name>" */
static int assigned(struct rm_board *b, const char *dev, const char *rname)
{
	char *s = tb_fmt("%s: assigned reserved memory node %s", dev, rname);
	int n = tb_count(b, s, TB_SUFFIX);

	free(s);
	return n;
}

/* ---- init results ------------------------------------------------------ */

/* §9.6/§9.2: coherent pools shared through rmem->priv, CMA areas set (golden coherent.k6.1: devA/devB/devC/devD init_ret=0) */
START_TEST(test_init_ok)
{
	static const char *const g[] = { "coherent.k6.1", "coherent.k6.12" };
	unsigned int i;

	for (i = 0; i < 2; i++) {
		struct tboot t;
		struct rm_board *b = tb_golden(&t, g[i]);
		struct rm_device *a = tb_dev(b, "devA"), *bb = tb_dev(b, "devB");
		struct rm_device *d = tb_dev(b, "devD");

		ck_assert_int_eq(result(b, "devA", 0), 0);
		ck_assert_int_eq(result(b, "devB", 0), 0);
		ck_assert_int_eq(result(b, "devC", 0), 0);
		ck_assert_int_eq(result(b, "devD", 0), 0);
		ck_assert_int_eq(assigned(b, "devA", "coh64k@50000000"), 1);
		ck_assert_int_eq(assigned(b, "devB", "coh64k@50000000"), 1);
		ck_assert_int_eq(assigned(b, "devC", "coh7p@50010000"), 1);
		ck_assert_int_eq(assigned(b, "devD", "cma-pool"), 1);
		/* out/coherent-shared: one pool, one bitmap */
		ck_assert_ptr_nonnull(a->dma_mem);
		ck_assert_ptr_eq(a->dma_mem, bb->dma_mem);
		ck_assert_ptr_eq(a->dma_mem, region(b, "coh64k@50000000")->coh);
		ck_assert_ptr_null(d->dma_mem);
		ck_assert_ptr_eq(d->cma_area, tb_cma(b, "cma-pool"));
		/* §8.2.4: sub-MiB pools print size 0 MiB */
		ck_assert_line(b, "Reserved memory: created DMA memory pool at "
			       "0x0000000050010000, size 0 MiB");
		tb_free(&t);
	}
}
END_TEST

#define EINVAL_DTS DTS(RESMEM(						\
	"\t\tplain: plain@5e000000 { reg = <0x0 0x5e000000 0x0 0x100000>; no-map; };\n" \
	"\t\tbad: cma-nomap@5b000000 { compatible = \"shared-dma-pool\";"	\
	" reusable; no-map; reg = <0x0 0x5b000000 0x0 0x400000>; };\n"	\
	"\t\ttoobig: too-big { compatible = \"shared-dma-pool\"; no-map;"	\
	" size = <0x0 0x20000000>;"					\
	" alloc-ranges = <0x0 0x70000000 0x0 0x10000000>; };\n"	\
	"\t\tgood: good@5c000000 { compatible = \"shared-dma-pool\"; no-map;" \
	" reg = <0x0 0x5c000000 0x0 0x10000>; };")			\
	"\tsoc { #address-cells = <2>; #size-cells = <2>; ranges;"	\
	" outside: thing@9000000 { reg = <0x0 0x9000000 0x0 0x1000>; }; };\n" \
	"\tdev-plain { memory-region = <&plain>; };\n"			\
	"\tdev-bad { memory-region = <&bad>; };\n"			\
	"\tdev-toobig { memory-region = <&toobig>; };\n"			\
	"\tdev-outside { memory-region = <&outside>; };\n"		\
	"\tdev-lost { memory-region = <&good 0xdead>; };\n")

/* §9.5: no entry, no ops or no device_init -> -EINVAL; §9.2: unresolvable phandle -> -ENODEV */
START_TEST(test_init_einval_enodev)
{
	unsigned int i;

	for (i = 0; i < 3; i++) {
		struct tboot t;
		struct rm_board *b = tb_text(&t, all_profiles[i], EINVAL_DTS,
					     NULL, NULL);

		/* a region no compatible matched */
		ck_assert_int_eq(result(b, "dev-plain", 0), -EINVAL);
		/* reusable + no-map: both inits fail */
		ck_assert_int_eq(result(b, "dev-bad", 0), -EINVAL);
		/* a dynamic region that could not be placed */
		ck_assert_int_eq(result(b, "dev-toobig", 0), -EINVAL);
		/* a node outside /reserved-memory */
		ck_assert_int_eq(result(b, "dev-outside", 0), -EINVAL);
		/* index 0 fine, index 1 is no node */
		ck_assert_int_eq(result(b, "dev-lost", 0), 0);
		ck_assert_int_eq(result(b, "dev-lost", 1), -ENODEV);
		ck_assert_int_eq(assigned(b, "dev-lost", "good@5c000000"), 1);
		ck_assert_match(b, ": assigned reserved memory node", TB_SUBSTR, 1);
		tb_free(&t);
	}
}
END_TEST

/* §9.5 / §8.1: a misaligned CMA region gives -EINVAL (golden errors.k6.1/.k6.12: testdev-misaligned init_ret=-22) */
START_TEST(test_init_misaligned_cma)
{
	static const char *const g[] = { "errors.k6.1", "errors.k6.12" };
	unsigned int i;

	for (i = 0; i < 2; i++) {
		struct tboot t;
		struct rm_board *b = tb_golden(&t, g[i]);

		ck_assert_int_eq(result(b, "testdev-misaligned", 0), -EINVAL);
		ck_assert_int_eq(result(b, "testdev-coherent", 0), 0);
		ck_assert_int_eq(assigned(b, "testdev-coherent",
					  "coherent-pool@5c000000"), 1);
		ck_assert_int_eq(assigned(b, "testdev-misaligned",
					  "cma-misaligned@5a100000"), 0);
		tb_free(&t);
	}
}
END_TEST

#define DISABLED_DTS DTS(RESMEM(					\
	"\t\tdis: dis@5e000000 { compatible = \"shared-dma-pool\"; no-map;" \
	" reg = <0x0 0x5e000000 0x0 0x100000>; status = \"disabled\"; };") \
	"\tdev { memory-region = <&dis>; };\n")

/* §9.3: 6.x returns 0 for a disabled target and assigns nothing; 4.19 does not check (no entry: -EINVAL) */
START_TEST(test_disabled_target)
{
	unsigned int i;

	for (i = 0; i < 3; i++) {
		struct tboot t;
		struct rm_board *b = tb_text(&t, all_profiles[i], DISABLED_DTS,
					     NULL, NULL);
		struct rm_device *d = tb_dev(b, "dev");

		if (!strcmp(all_profiles[i], P419))
			ck_assert_int_eq(d->regs[0].result, -EINVAL);
		else
			ck_assert_int_eq(d->regs[0].result, 0);
		ck_assert(!d->regs[0].assigned);
		ck_assert_ptr_null(d->dma_mem);
		ck_assert_match(b, "assigned reserved memory node", TB_SUBSTR, 0);
		tb_free(&t);
	}
}
END_TEST

/* §1.7 / §9.2.4 + seed 000 dma_assign_coherent_memory: a second pool is -EBUSY in 6.1.192/6.12.117 (golden dup: devX region_idx=1 init_ret=-16) */
START_TEST(test_second_pool_ebusy_6x)
{
	static const char *const g[] = { "dup.k6.1", "dup.k6.12" };
	unsigned int i;

	for (i = 0; i < 2; i++) {
		struct tboot t;
		struct rm_board *b = tb_golden(&t, g[i]);
		struct rm_device *x = tb_dev(b, "devX"), *y = tb_dev(b, "devY");
		struct rm_alloc a1, a2, a3;

		ck_assert_int_eq(x->regs[0].result, 0);
		ck_assert_int_eq(x->regs[1].result, -EBUSY);
		ck_assert_int_eq(assigned(b, "devX", "coh64k@50000000"), 1);
		ck_assert_int_eq(assigned(b, "devX", "coh7p@50010000"), 0);
		/* it keeps the first */
		ck_assert_ptr_eq(x->dma_mem_region, region(b, "coh64k@50000000"));
		/* devY: a CMA area and a pool; both assigned */
		ck_assert_int_eq(y->regs[0].result, 0);
		ck_assert_int_eq(y->regs[1].result, 0);
		ck_assert_int_eq(assigned(b, "devY", "cmap"), 1);
		ck_assert_int_eq(assigned(b, "devY", "coh64k@50000000"), 1);
		ck_assert_ptr_eq(y->cma_area, tb_cma(b, "cmap"));
		/* golden seq: devX 4096 -> 0x50000000; devY 4096, 8192 -> 0x50001000, 0x50002000: the pool comes first (§12.1.1) */
		ck_assert_int_eq(rm_dma_alloc(b, x, 4096, &a1), 0);
		ck_assert_uint_eq(a1.dma, 0x50000000ULL);
		ck_assert_int_eq(rm_dma_alloc(b, y, 4096, &a2), 0);
		ck_assert_int_eq(a2.kind, RM_POOL_COHERENT);
		ck_assert_uint_eq(a2.dma, 0x50001000ULL);
		ck_assert_int_eq(rm_dma_alloc(b, y, 8192, &a3), 0);
		ck_assert_int_eq(a3.kind, RM_POOL_COHERENT);
		ck_assert_uint_eq(a3.dma, 0x50002000ULL);
		rm_dma_free(b, &a3);
		rm_dma_free(b, &a2);
		rm_dma_free(b, &a1);
		tb_free(&t);
	}
}
END_TEST

/* §1.7 / §9.2.4: 4.19 ignores dma_assign_coherent_memory's -EBUSY: 0 and "assigned" */
START_TEST(test_second_pool_k4_19)
{
	struct tboot t;
	struct rm_board *b = tb_fixture(&t, P419, "oracle/dup.dts", "");
	struct rm_device *x = tb_dev(b, "devX");

	ck_assert_int_eq(x->regs[0].result, 0);
	ck_assert_int_eq(x->regs[1].result, 0);
	ck_assert_int_eq(assigned(b, "devX", "coh64k@50000000"), 1);
	ck_assert_int_eq(assigned(b, "devX", "coh7p@50010000"), 1);
	ck_assert_ptr_eq(x->dma_mem_region, region(b, "coh64k@50000000"));
	tb_free(&t);
}
END_TEST

/* §9.2.2: a pool without no-map lies in System RAM: memremap WARNs once, -EINVAL (golden coherent.k6.1: iomem.c:107) */
START_TEST(test_mapped_pool_golden)
{
	struct tboot t;
	struct rm_board *b = tb_golden(&t, "coherent.k6.1");

	ck_assert_int_eq(result(b, "devF", 0), -EINVAL);
	ck_assert_ptr_null(tb_dev(b, "devF")->dma_mem);
	ck_assert_line(b, "------------[ cut here ]------------");
	ck_assert_line(b, "memremap attempted on ram 0x0000000050020000 size: 0x10000");
	ck_assert_match(b, " at kernel/iomem.c:107 memremap+0x1e0/0x220", TB_SUFFIX, 1);
	ck_assert_match(b, "WARNING: ", TB_PREFIX, 1);
	ck_assert_before(b, "------------[ cut here ]------------",
			 "memremap attempted on ram 0x0000000050020000 size: 0x10000");
	/* 6.x: the pr_err is only on -ENOMEM */
	ck_assert_match(b, "failed to init DMA memory pool", TB_SUBSTR, 0);
	ck_assert_int_eq(assigned(b, "devF", "cohmap@50020000"), 0);
	tb_free(&t);
	b = tb_golden(&t, "coherent.k6.12");
	ck_assert_int_eq(result(b, "devF", 0), -EINVAL);
	ck_assert_line(b, "memremap attempted on ram 0x0000000050020000 size: 0x10000");
	ck_assert_match(b, " at kernel/iomem.c:104 memremap+0x23c/0x288", TB_SUFFIX, 1);
	tb_free(&t);
}
END_TEST

#define MAPPED_DTS DTS(RESMEM(						\
	"\t\tcohmap: cohmap@50020000 { compatible = \"shared-dma-pool\";"	\
	" reg = <0x0 0x50020000 0x0 0x10000>; };")			\
	"\tdevF { memory-region = <&cohmap>; };\n"			\
	"\tdevG { memory-region = <&cohmap>; };\n")

/* §9.2.2: WARN_ONCE per boot; rmem->priv stays NULL so every later init retries and fails silently */
START_TEST(test_mapped_pool_warn_once)
{
	static const char *const p6[] = { P612, P61 };
	unsigned int i;

	for (i = 0; i < 2; i++) {
		struct tboot t;
		struct rm_board *b = tb_text(&t, p6[i], MAPPED_DTS, NULL, NULL);

		ck_assert_int_eq(result(b, "devF", 0), -EINVAL);
		ck_assert_int_eq(result(b, "devG", 0), -EINVAL);
		ck_assert_line(b, "memremap attempted on ram 0x0000000050020000 "
			       "size: 0x10000");
		ck_assert_line(b, "------------[ cut here ]------------");
		ck_assert_match(b, "failed to init DMA memory pool", TB_SUBSTR, 0);
		ck_assert_ptr_null(region(b, "cohmap@50020000")->coh);
		tb_free(&t);
	}
}
END_TEST

/* §9.2.2 / §14: 4.19 fails the same way but pr_errs on any creation failure, at every attempt */
START_TEST(test_mapped_pool_k4_19)
{
	struct tboot t;
	struct rm_board *b = tb_text(&t, P419, MAPPED_DTS, NULL, NULL);

	ck_assert_int_eq(result(b, "devF", 0), -EINVAL);
	ck_assert_int_eq(result(b, "devG", 0), -EINVAL);
	ck_assert_line(b, "memremap attempted on ram 0x0000000050020000 size: 0x10000");
	ck_assert_lines(b, "Reserved memory: failed to init DMA memory pool at "
			"0x0000000050020000, size 0 MiB", 2);
	tb_free(&t);
}
END_TEST

#define LOOKUP_DTS DTS(RESMEM(						\
	"\t\tpool@50000000 { compatible = \"shared-dma-pool\"; no-map;"	\
	" reg = <0x0 0x50000000 0x0 0x10000>; };")			\
	"\tsoc {\n\t\t#address-cells = <2>;\n\t\t#size-cells = <2>;\n"	\
	"\t\tranges;\n\t\tdecoy: pool@50000000 {"			\
	" reg = <0x0 0x50000000 0x0 0x10000>; };\n\t};\n"		\
	"\tdev { memory-region = <&decoy>; };\n")

/* §9.4: 6.12 finds the entry by node name (of_reserved_mem_lookup), 6.1/4.19 by phandle (__find_rmem) */
START_TEST(test_lookup_name_vs_phandle)
{
	unsigned int i;

	for (i = 0; i < 3; i++) {
		struct tboot t;
		struct rm_board *b = tb_text(&t, all_profiles[i], LOOKUP_DTS,
					     NULL, NULL);
		struct rm_device *d = tb_dev(b, "dev");

		if (!strcmp(all_profiles[i], P612)) {
			ck_assert_int_eq(d->regs[0].result, 0);
			ck_assert_int_eq(assigned(b, "dev", "pool@50000000"), 1);
			ck_assert_ptr_eq(d->dma_mem_region, region(b, "pool@50000000"));
		} else {
			ck_assert_int_eq(d->regs[0].result, -EINVAL);
			ck_assert_int_eq(assigned(b, "dev", "pool@50000000"), 0);
			ck_assert_ptr_null(d->dma_mem);
		}
		tb_free(&t);
	}
}
END_TEST

/*
 * A bus whose dma-ranges puts CPU [0x50000000, +512 MiB) at bus address
 * 0x10000000 (child cells 1, parent cells 2, size cells 1).
 */
#define DMARANGES_DTS DTS(RESMEM(					\
	"\t\tcoh: coh@50000000 { compatible = \"shared-dma-pool\"; no-map;" \
	" reg = <0x0 0x50000000 0x0 0x10000>; };\n"			\
	"\t\tcmaarea: cmapool@60000000 { compatible = \"shared-dma-pool\";" \
	" reusable; reg = <0x0 0x60000000 0x0 0x400000>; };")		\
	"\tsoc {\n\t\tcompatible = \"simple-bus\";\n"			\
	"\t\t#address-cells = <1>;\n\t\t#size-cells = <1>;\n\t\tranges;\n" \
	"\t\tdma-ranges = <0x10000000 0x0 0x50000000 0x20000000>;\n"	\
	"\t\tdevc { memory-region = <&coh>; };\n"			\
	"\t\tdevm { memory-region = <&cmaarea>; };\n\t};\n")

/* kernel-semantics §4.2.4: dma = phys->dma of the pool's page-rounded base + page * 4 KiB; CMA pages translated too */
START_TEST(test_dma_ranges)
{
	unsigned int i;

	for (i = 0; i < 3; i++) {
		const char *p = all_profiles[i];
		struct tboot t;
		struct rm_board *b = tb_text(&t, p, DMARANGES_DTS, NULL, NULL);
		struct rm_device *c = tb_dev(b, "devc"), *m = tb_dev(b, "devm");
		struct rm_alloc a1, a2, a3;

		ck_assert_int_eq(c->regs[0].result, 0);
		ck_assert_int_eq(rm_dma_alloc(b, c, 4096, &a1), 0);
		ck_assert_uint_eq(a1.phys, 0x50000000ULL);
		ck_assert_uint_eq(a1.dma, 0x10000000ULL);
		ck_assert_int_eq(rm_dma_alloc(b, c, 8192, &a2), 0);
		ck_assert_uint_eq(a2.phys, 0x50002000ULL);
		ck_assert_uint_eq(a2.dma, 0x10002000ULL);
		ck_assert_uint_eq(rm_dev_phys_to_dma(c, 0x5fffffffULL), 0x1fffffffULL);
		/* a device CMA area (4 MiB aligned: 4.19 takes it too) */
		ck_assert_int_eq(m->regs[0].result, 0);
		ck_assert_int_eq(rm_dma_alloc(b, m, 4096, &a3), 0);
		ck_assert_int_eq(a3.kind, RM_POOL_CMA);
		ck_assert_uint_eq(a3.phys, 0x60000000ULL);
		ck_assert_uint_eq(a3.dma, 0x20000000ULL);
		/*
		 * §9.2.3: 6.x compares base + size - 1 (0x5000ffff) with the bus
		 * limit 0x2fffffff and warns; 4.19 has no such warning
		 */
		ck_assert_match(b, "devc: reserved memory is beyond device's set "
				"DMA address range", TB_SUFFIX,
				strcmp(p, P419) ? 1 : 0);
		ck_assert_match(b, "devm: reserved memory is beyond", TB_SUBSTR, 0);
		rm_dma_free(b, &a3);
		rm_dma_free(b, &a2);
		rm_dma_free(b, &a1);
		tb_free(&t);
	}
}
END_TEST

/* ---- dma_alloc_coherent ---------------------------------------------- */

struct step {
	uint64_t size;		/* 0 with free >= 0: free that step */
	int free;
	uint64_t dma;		/* 0: FAIL */
};

static void run_seq(struct rm_board *b, struct rm_device *dev,
		    const struct step *seq, unsigned int n,
		    enum rm_pool_kind kind, bool keep)
{
	struct rm_alloc a[64];
	bool live[64];
	unsigned int i;

	ck_assert_uint_le(n, 64);
	for (i = 0; i < n; i++) {
		const struct step *s = &seq[i];
		int ret;

		live[i] = false;
		if (s->free >= 0) {
			ck_assert(live[s->free]);
			rm_dma_free(b, &a[s->free]);
			live[s->free] = false;
			continue;
		}
		ret = rm_dma_alloc(b, dev, s->size, &a[i]);
		if (!s->dma) {
			ck_assert_msg(ret == -ENOMEM, "step %u: %d", i, ret);
			continue;
		}
		ck_assert_msg(ret == 0, "step %u: %d", i, ret);
		ck_assert_msg(a[i].kind == kind, "step %u: kind %d", i, a[i].kind);
		ck_assert_msg(a[i].dma == s->dma, "step %u: dma 0x%llx want 0x%llx",
			      i, (unsigned long long)a[i].dma,
			      (unsigned long long)s->dma);
		live[i] = true;
	}
	for (i = 0; i < n && !keep; i++)
		if (live[i])
			rm_dma_free(b, &a[i]);
}

#define A(sz, dma) { (sz), -1, (dma) }
#define F(step) { 0, (step), 0 }

/* golden coherent-7pages: devC's 7-page pool, naturally aligned blocks only */
static const struct step seq_7pages[] = {
	A(28672, 0), A(32768, 0), A(16384, 0x50010000), A(8192, 0x50014000),
	A(4096, 0x50016000), A(4096, 0), F(2), A(12288, 0x50010000), F(3),
	A(16384, 0), A(8192, 0x50014000), F(7), F(10), F(4),
	A(8192, 0x50010000), A(8192, 0x50012000), A(8192, 0x50014000),
	A(8192, 0), A(4096, 0x50016000),
};

/* golden coherent-frag: devA's 16-page pool */
static const struct step seq_frag[] = {
	A(4096, 0x50000000), A(4096, 0x50001000), F(0), A(16384, 0x50004000),
	A(16384, 0x50008000), A(8192, 0x50002000), A(4096, 0x50000000),
	A(16384, 0x5000c000), A(4096, 0),
};

/* §12.1.1/§13.1 + seed 000 (DMA_MEMORY_EXCLUSIVE): the pool owns the request, no fallback (golden coherent-7pages, coherent-frag) */
START_TEST(test_coherent_exclusive)
{
	static const char *const g7[] = { "coherent-7pages.k6.1", "coherent-7pages.k6.12" };
	static const char *const gf[] = { "coherent-frag.k6.1", "coherent-frag.k6.12" };
	unsigned int i;

	for (i = 0; i < 2; i++) {
		struct tboot t;
		struct rm_board *b = tb_golden(&t, g7[i]);

		run_seq(b, tb_dev(b, "devC"), seq_7pages,
			sizeof(seq_7pages) / sizeof(seq_7pages[0]), RM_POOL_COHERENT,
			false);
		tb_free(&t);
		b = tb_golden(&t, gf[i]);
		run_seq(b, tb_dev(b, "devA"), seq_frag,
			sizeof(seq_frag) / sizeof(seq_frag[0]), RM_POOL_COHERENT,
			false);
		tb_free(&t);
	}
	/* 4.19: DT pools are DMA_MEMORY_EXCLUSIVE (seed 000, §12.2.1) */
	{
		struct tboot t;
		struct rm_board *b = tb_fixture(&t, P419, "oracle/coherent.dts", "");

		run_seq(b, tb_dev(b, "devC"), seq_7pages,
			sizeof(seq_7pages) / sizeof(seq_7pages[0]), RM_POOL_COHERENT,
			false);
		tb_free(&t);
	}
}
END_TEST

/* §12.1.2.4: a device CMA area serves even one page (golden coherent-cma: devD 4K -> page 0) */
START_TEST(test_device_cma_one_page)
{
	struct tboot t;
	struct rm_board *b = tb_golden(&t, "coherent-cma.k6.12");
	struct rm_alloc a;

	ck_assert_int_eq(rm_dma_alloc(b, tb_dev(b, "devD"), 4096, &a), 0);
	ck_assert_int_eq(a.kind, RM_POOL_CMA);
	ck_assert_uint_eq(a.dma, 0xbf800000ULL);
	ck_assert_uint_eq(a.count, 1);
	rm_dma_free(b, &a);
	tb_free(&t);
}
END_TEST

/* golden coherent-defcma: devE (no memory-region) then devF (pool refused) */
static const struct step seq_defcma_e[] = {
	A(8192, 0xb92c0000), A(1048576, 0xb9300000), A(12288, 0xb92c4000),
	A(16384, 0xb92c8000), A(8192, 0xb92c2000), F(0), A(8192, 0xb92c0000),
	A(2097152, 0xb9400000),
};

/* §12.1.2.4: 6.x takes the default area only above one page, 1 page from the buddy (golden coherent-defcma.k6.1/.k6.12) */
START_TEST(test_default_cma_above_one_page_6x)
{
	static const char *const g[] = { "coherent-defcma.k6.1", "coherent-defcma.k6.12" };
	unsigned int i;

	for (i = 0; i < 2; i++) {
		struct tboot t;
		struct rm_board *b = tb_golden(&t, g[i]);
		struct rm_alloc a;

		ck_assert_uint_eq(b->default_cma->base_pfn, 0xb9200ULL);
		/* golden seq 2: 4096 -> in=none */
		ck_assert_int_eq(rm_dma_alloc(b, b->default_dev, 4096, &a), 0);
		ck_assert_int_eq(a.kind, RM_POOL_SYSTEM);
		rm_dma_free(b, &a);
		run_seq(b, b->default_dev, seq_defcma_e,
			sizeof(seq_defcma_e) / sizeof(seq_defcma_e[0]), RM_POOL_CMA,
			true);
		/* devF, whose pool was refused: the default path (seq 9, 10) */
		ck_assert_int_eq(rm_dma_alloc(b, tb_dev(b, "devF"), 4096, &a), 0);
		ck_assert_int_eq(a.kind, RM_POOL_SYSTEM);
		rm_dma_free(b, &a);
		ck_assert_int_eq(rm_dma_alloc(b, tb_dev(b, "devF"), 16384, &a), 0);
		ck_assert_int_eq(a.kind, RM_POOL_CMA);
		ck_assert_uint_eq(a.dma, 0xb92cc000ULL);
		tb_free(&t);
	}
}
END_TEST

/* §12.2.2: 4.19 swiotlb path uses the default area for any size, one page included; NOWARN on failure */
START_TEST(test_default_cma_any_size_k4_19)
{
	struct tboot t;
	struct rm_board *b = tb_fixture(&t, P419, "oracle/coherent.dts", "");
	uint64_t base = b->default_cma->base_pfn << 12;
	struct rm_alloc a, c;

	/* the single 256 KiB atomic pool took pages 0..63 */
	ck_assert_int_eq(rm_dma_alloc(b, b->default_dev, 4096, &a), 0);
	ck_assert_int_eq(a.kind, RM_POOL_CMA);
	ck_assert_uint_eq(a.phys, base + 64 * 4096);
	ck_assert_int_eq(rm_dma_alloc(b, b->default_dev, 8192, &c), 0);
	ck_assert_int_eq(c.kind, RM_POOL_CMA);
	ck_assert_uint_eq(c.phys, base + 66 * 4096);
	rm_dma_free(b, &c);
	rm_dma_free(b, &a);
	/* 8 MiB fits once (256-page aligned), then no room: no "alloc failed"
	 * line (__GFP_NOWARN) and no page_alloc WARN for order 11 */
	ck_assert_int_eq(rm_dma_alloc(b, b->default_dev, SZ_8M, &a), 0);
	ck_assert_int_eq(a.kind, RM_POOL_CMA);
	ck_assert_uint_eq(a.phys, base + 256 * 4096);
	ck_assert_int_eq(rm_dma_alloc(b, b->default_dev, SZ_8M, &c), -ENOMEM);
	ck_assert_match(b, "alloc failed", TB_SUBSTR, 0);
	ck_assert_match(b, "page_alloc", TB_SUBSTR, 0);
	rm_dma_free(b, &a);
	tb_free(&t);
}
END_TEST

/* §10.1/§12.1: with cma=0 there is no area: everything from the buddy (golden no-default+cma0: 16K in=buddy) */
START_TEST(test_fallback_system)
{
	static const char *const g[] = { "no-default+cma0.k6.1", "no-default+cma0.k6.12" };
	unsigned int i;

	for (i = 0; i < 2; i++) {
		struct tboot t;
		struct rm_board *b = tb_golden(&t, g[i]);
		struct rm_alloc a;

		ck_assert_ptr_null(b->default_cma);
		ck_assert_int_eq(rm_dma_alloc(b, b->default_dev, 16384, &a), 0);
		ck_assert_int_eq(a.kind, RM_POOL_SYSTEM);
		ck_assert_uint_eq(a.span, 16384);
		rm_dma_free(b, &a);
		tb_free(&t);
	}
}
END_TEST

/* §12.1.2: order > 10 WARNs once at mm/page_alloc.c:5634 (6.1) / :4832 (6.12) and fails (golden coherent-cma seq 17) */
START_TEST(test_page_alloc_order_warn_once)
{
	static const char *const g[] = { "no-default+cma0.k6.1", "no-default+cma0.k6.12" };
	static const char *const where[] = {
		" at mm/page_alloc.c:5634 __alloc_pages+0x3a4/0xfbc",
		" at mm/page_alloc.c:4832 __alloc_pages_noprof+0xb54/0xec8",
	};
	unsigned int i;

	for (i = 0; i < 2; i++) {
		struct tboot t;
		struct rm_board *b = tb_golden(&t, g[i]);
		struct rm_alloc a;

		/* order 10 (4 MiB) is the largest block */
		ck_assert_int_eq(rm_dma_alloc(b, b->default_dev, SZ_4M, &a), 0);
		ck_assert_int_eq(a.kind, RM_POOL_SYSTEM);
		rm_dma_free(b, &a);
		ck_assert_match(b, "WARNING: ", TB_PREFIX, 0);
		ck_assert_int_eq(rm_dma_alloc(b, b->default_dev, SZ_8M, &a), -ENOMEM);
		ck_assert_match(b, where[i], TB_SUFFIX, 1);
		ck_assert_line(b, "------------[ cut here ]------------");
		ck_assert_int_eq(rm_dma_alloc(b, b->default_dev, SZ_8M, &a), -ENOMEM);
		ck_assert_match(b, where[i], TB_SUFFIX, 1);
		ck_assert_match(b, "WARNING: ", TB_PREFIX, 1);
		tb_free(&t);
	}
	/* 4.19: swiotlb_alloc adds __GFP_NOWARN (§12.2.2) */
	{
		struct tboot t;
		struct rm_board *b = tb_text(&t, P419, DTS(RESMEM("")), "cma=0", NULL);
		struct rm_alloc a;

		ck_assert_ptr_null(b->default_cma);
		ck_assert_int_eq(rm_dma_alloc(b, b->default_dev, SZ_8M, &a), -ENOMEM);
		ck_assert_match(b, "WARNING", TB_SUBSTR, 0);
		tb_free(&t);
	}
}
END_TEST

/* golden coherent-cma seq 17: 8 MiB from devD: CMA fails, buddy order 11 WARN, FAIL */
START_TEST(test_cma_then_order_warn)
{
	struct tboot t;
	struct rm_board *b = tb_golden(&t, "coherent-cma.k6.1");
	struct rm_device *d = tb_dev(b, "devD");
	struct rm_alloc a, big;

	ck_assert_int_eq(rm_dma_alloc(b, d, 4096, &a), 0);
	ck_assert_int_eq(rm_dma_alloc(b, d, SZ_8M, &big), -ENOMEM);
	ck_assert_line(b, "cma: cma_alloc: cma-pool: alloc failed, req-size: 2048 "
		       "pages, ret: -12");
	ck_assert_match(b, " at mm/page_alloc.c:5634 __alloc_pages+0x3a4/0xfbc",
			TB_SUFFIX, 1);
	ck_assert_int_lt(tb_index(b, "cma: cma_alloc: cma-pool: alloc failed, "
				  "req-size: 2048 pages, ret: -12"),
			 tb_find_nth(b, " at mm/page_alloc.c:5634 __alloc_pages+0x3a4/0xfbc",
				     TB_SUFFIX, 0));
	rm_dma_free(b, &a);
	ck_assert_int_eq(rm_dma_alloc(b, d, SZ_8M, &big), 0);
	ck_assert_uint_eq(big.dma, 0xbf800000ULL);
	rm_dma_free(b, &big);
	tb_free(&t);
}
END_TEST

/* §1.8 / §12.1.3: size 0 through a pool: 6.12 "succeeds" at page 0 marking nothing (golden coherent-zero.k6.12) */
START_TEST(test_size_zero_k6_12)
{
	struct tboot t;
	struct rm_board *b = tb_golden(&t, "coherent-zero.k6.12");
	struct rm_device *a = tb_dev(b, "devA");
	struct rm_alloc z0, p, z1, zc, x;

	ck_assert_int_eq(rm_dma_alloc(b, a, 0, &z0), 0);
	ck_assert_uint_eq(z0.dma, 0x50000000ULL);
	ck_assert_uint_eq(coherent_used_pages(a->dma_mem), 0);
	/* seq 1: page 0 is still free */
	ck_assert_int_eq(rm_dma_alloc(b, a, 4096, &p), 0);
	ck_assert_uint_eq(p.dma, 0x50000000ULL);
	ck_assert_int_eq(rm_dma_alloc(b, a, 0, &z1), 0);
	ck_assert_uint_eq(z1.dma, 0x50000000ULL);
	ck_assert_uint_eq(coherent_used_pages(a->dma_mem), 1);
	ck_assert_int_eq(rm_dma_alloc(b, tb_dev(b, "devC"), 0, &zc), 0);
	ck_assert_uint_eq(zc.dma, 0x50010000ULL);
	/* seq 4, 5: CMA and default paths fail, with one page_alloc WARN */
	ck_assert_int_eq(rm_dma_alloc(b, tb_dev(b, "devD"), 0, &x), -ENOMEM);
	ck_assert_int_eq(rm_dma_alloc(b, b->default_dev, 0, &x), -ENOMEM);
	ck_assert_match(b, " at mm/page_alloc.c:4832 __alloc_pages_noprof+0xb54/0xec8",
			TB_SUFFIX, 1);
	/* freeing the zero-length ones leaves page 0 of devA alone */
	rm_dma_free(b, &z0);
	rm_dma_free(b, &z1);
	ck_assert_uint_eq(coherent_used_pages(a->dma_mem), 1);
	rm_dma_free(b, &p);
	rm_dma_free(b, &zc);
	tb_free(&t);
}
END_TEST

/* §1.8 / §12.1.3: 6.1 fails size 0 in the pool (get_order(0) = 52) (golden coherent-zero.k6.1) */
START_TEST(test_size_zero_k6_1)
{
	struct tboot t;
	struct rm_board *b = tb_golden(&t, "coherent-zero.k6.1");
	struct rm_device *a = tb_dev(b, "devA");
	struct rm_alloc p, x;

	ck_assert_int_eq(rm_dma_alloc(b, a, 0, &x), -ENOMEM);
	ck_assert_int_eq(rm_dma_alloc(b, a, 4096, &p), 0);
	ck_assert_uint_eq(p.dma, 0x50000000ULL);
	ck_assert_int_eq(rm_dma_alloc(b, a, 0, &x), -ENOMEM);
	ck_assert_int_eq(rm_dma_alloc(b, tb_dev(b, "devC"), 0, &x), -ENOMEM);
	ck_assert_match(b, "mm/page_alloc.c", TB_SUBSTR, 0);
	ck_assert_int_eq(rm_dma_alloc(b, tb_dev(b, "devD"), 0, &x), -ENOMEM);
	ck_assert_match(b, " at mm/page_alloc.c:5634 __alloc_pages+0x3a4/0xfbc",
			TB_SUFFIX, 1);
	ck_assert_int_eq(rm_dma_alloc(b, b->default_dev, 0, &x), -ENOMEM);
	ck_assert_match(b, "mm/page_alloc.c", TB_SUBSTR, 1);
	rm_dma_free(b, &p);
	tb_free(&t);
}
END_TEST

/* §13.1: 4.19 shares 6.1's lib/bitmap.c bitmap_find_free_region: order 52 finds nothing */
START_TEST(test_size_zero_k4_19)
{
	struct tboot t;
	struct rm_board *b = tb_fixture(&t, P419, "oracle/coherent.dts", "");
	struct rm_alloc x;

	ck_assert_int_eq(rm_dma_alloc(b, tb_dev(b, "devA"), 0, &x), -ENOMEM);
	tb_free(&t);
}
END_TEST

/* dma_alloc.h rm_region_alloc(): the pool region's own allocator, that pool only (§13.1 rules, no fallback) */
START_TEST(test_region_alloc)
{
	struct tboot t;
	struct rm_board *b = tb_golden(&t, "coherent.k6.1");
	struct rm_alloc a, c, x;

	ck_assert_int_eq(rm_region_alloc(b, region(b, "coh7p@50010000"), 32768, &x),
			 -ENOMEM);
	ck_assert_int_eq(rm_region_alloc(b, region(b, "coh7p@50010000"), 12288, &a), 0);
	ck_assert_int_eq(a.kind, RM_POOL_COHERENT);
	ck_assert_uint_eq(a.phys, 0x50010000ULL);
	ck_assert_uint_eq(a.span, 16384);
	ck_assert_int_eq(rm_region_alloc(b, region(b, "cma-pool"), 12288, &c), 0);
	ck_assert_int_eq(c.kind, RM_POOL_CMA);
	ck_assert_uint_eq(c.phys, 0xbf800000ULL);
	ck_assert_uint_eq(c.count, 3);
	/* the mapped pool cannot be created */
	ck_assert_int_ne(rm_region_alloc(b, region(b, "cohmap@50020000"), 4096, &x), 0);
	rm_dma_free(b, &c);
	rm_dma_free(b, &a);
	tb_free(&t);
}
END_TEST

#define TWOCMA_DTS DTS(RESMEM(						\
	"\t\tca: ca@50000000 { compatible = \"shared-dma-pool\"; reusable;"	\
	" reg = <0x0 0x50000000 0x0 0x400000>; };\n"			\
	"\t\tcb: cb@50400000 { compatible = \"shared-dma-pool\"; reusable;"	\
	" reg = <0x0 0x50400000 0x0 0x400000>; };")			\
	"\tdev { memory-region = <&ca &cb>; };\n")

/* §9.1 / kernel-semantics §10.10: CMA device_init always returns 0 and overwrites dev->cma_area */
START_TEST(test_cma_reassignment_overwrites)
{
	unsigned int i;

	for (i = 0; i < 3; i++) {
		struct tboot t;
		struct rm_board *b = tb_text(&t, all_profiles[i], TWOCMA_DTS,
					     NULL, NULL);
		struct rm_device *d = tb_dev(b, "dev");
		struct rm_alloc a;

		ck_assert_int_eq(d->regs[0].result, 0);
		ck_assert_int_eq(d->regs[1].result, 0);
		ck_assert_int_eq(assigned(b, "dev", "ca@50000000"), 1);
		ck_assert_int_eq(assigned(b, "dev", "cb@50400000"), 1);
		ck_assert_ptr_eq(d->cma_area, tb_cma(b, "cb@50400000"));
		ck_assert_int_eq(rm_dma_alloc(b, d, 4096, &a), 0);
		ck_assert_uint_eq(a.phys, 0x50400000ULL);
		rm_dma_free(b, &a);
		tb_free(&t);
	}
}
END_TEST

#define ODDPOOL_DTS DTS(RESMEM(						\
	"\t\toff: off@50000800 { compatible = \"shared-dma-pool\"; no-map;" \
	" reg = <0x0 0x50000800 0x0 0x10000>; };\n"			\
	"\t\ttail: tail@50100000 { compatible = \"shared-dma-pool\"; no-map;" \
	" reg = <0x0 0x50100000 0x0 0x1800>; };\n"			\
	"\t\ttiny: tiny@50200000 { compatible = \"shared-dma-pool\"; no-map;" \
	" reg = <0x0 0x50200000 0x0 0x800>; };")			\
	"\tdev-off { memory-region = <&off>; };\n"			\
	"\tdev-tail { memory-region = <&tail>; };\n"			\
	"\tdev-tiny { memory-region = <&tiny>; };\n")

/*
 * kernel-semantics §1.4 / §10.24: pages = size >> PAGE_SHIFT (a partial
 * tail page is dropped, a sub-page pool serves nothing); the handle is
 * based on PFN_PHYS(pfn_base), the page-rounded-down base.  §8.2.4:
 * sub-MiB pools print "size 0 MiB" (golden coherent).
 */
START_TEST(test_pool_page_rounding)
{
	static const char *const p6[] = { P612, P61 };
	unsigned int i;

	for (i = 0; i < 2; i++) {
		struct tboot t;
		struct rm_board *b = tb_text(&t, p6[i], ODDPOOL_DTS, NULL, NULL);
		struct rm_alloc a, c;

		ck_assert_line(b, "Reserved memory: created DMA memory pool at "
			       "0x0000000050000800, size 0 MiB");
		ck_assert_int_eq(rm_dma_alloc(b, tb_dev(b, "dev-off"), 4096, &a), 0);
		ck_assert_uint_eq(a.dma, 0x50000000ULL);
		ck_assert_uint_eq(tb_dev(b, "dev-off")->dma_mem->pages, 16);
		rm_dma_free(b, &a);
		/* 0x1800 bytes: one page */
		ck_assert_int_eq(rm_dma_alloc(b, tb_dev(b, "dev-tail"), 8192, &a),
				 -ENOMEM);
		ck_assert_int_eq(rm_dma_alloc(b, tb_dev(b, "dev-tail"), 4096, &a), 0);
		ck_assert_uint_eq(a.dma, 0x50100000ULL);
		ck_assert_int_eq(rm_dma_alloc(b, tb_dev(b, "dev-tail"), 4096, &c),
				 -ENOMEM);
		rm_dma_free(b, &a);
		/* 0x800 bytes: no page at all */
		ck_assert_int_eq(tb_dev(b, "dev-tiny")->regs[0].result, 0);
		ck_assert_int_eq(rm_dma_alloc(b, tb_dev(b, "dev-tiny"), 1, &a),
				 -ENOMEM);
		tb_free(&t);
	}
}
END_TEST

#define LIMITED_DTS DTS(RESMEM(						\
	"\t\tplain: plain@5e000000 { reg = <0x0 0x5e000000 0x0 0x100000>; no-map; };\n" \
	DTDEF)								\
	"\tbus {\n\t\tcompatible = \"simple-bus\";\n"			\
	"\t\t#address-cells = <2>;\n\t\t#size-cells = <2>;\n\t\tranges;\n" \
	"\t\tdma-ranges = <0x0 0x40000000 0x0 0x40000000 0x0 0x10000000>;\n" \
	"\t\tlimited { memory-region = <&plain>; };\n\t};\n")
#define DTDEF								\
	"\t\tlinux,cma@60000000 { compatible = \"shared-dma-pool\"; reusable;" \
	" reg = <0x0 0x60000000 0x0 0x2000000>; linux,cma-default; };\n"

/*
 * §12.1.2.4 dma_coherent_ok (6.x, bus_dma_limit = end of dma-ranges): a
 * CMA page beyond the device's bus limit is given back.  Not for 4.19,
 * whose limit the spec does not describe.
 */
START_TEST(test_cma_page_beyond_bus_limit)
{
	unsigned int i;

	for (i = 0; i < 2; i++) {
		struct tboot t;
		struct rm_board *b = tb_text(&t, all_profiles[i], LIMITED_DTS,
					     NULL, NULL);
		struct rm_device *d = tb_dev(b, "limited");
		struct rm_cma *def = b->default_cma;
		uint64_t used = cma_used_pages(def);
		struct rm_alloc a;
		int ret;

		ck_assert_int_eq(d->regs[0].result, -EINVAL);
		ck_assert_uint_eq(d->bus_dma_limit, 0x4fffffffULL);
		ret = rm_dma_alloc(b, d, 8192, &a);
		if (ret == 0) {
			ck_assert_int_ne(a.kind, RM_POOL_CMA);
			ck_assert_uint_le(a.dma + 8191, 0x4fffffffULL);
			rm_dma_free(b, &a);
		}
		ck_assert_uint_eq(cma_used_pages(def), used);
		ck_assert_uint_eq(def->release_pages_success, 2);
		tb_free(&t);
	}
}
END_TEST

/* golden coherent-sizes: get_order() of the unrounded size, naturally aligned blocks */
static const struct step seq_sizes[] = {
	A(12288, 0x50000000), A(4096, 0x50004000), F(0), F(1),
	A(65536, 0x50000000), A(4096, 0), F(4), A(65537, 0), A(131072, 0),
	A(1, 0x50000000), A(1, 0x50001000), A(4097, 0x50002000), A(40960, 0),
	F(9), F(10), F(11), A(40960, 0x50000000), A(4096, 0), F(16),
	A(32768, 0x50000000), A(20480, 0x50008000), A(4096, 0),
};

/* §12.1.1 / §13.1 (golden coherent-sizes.k6.1/.k6.12): 3 pages take 4, 10 take 16, > pool fails */
START_TEST(test_coherent_sizes)
{
	static const char *const g[] = { "coherent-sizes.k6.1", "coherent-sizes.k6.12" };
	unsigned int i;

	for (i = 0; i < 2; i++) {
		struct tboot t;
		struct rm_board *b = tb_golden(&t, g[i]);

		run_seq(b, tb_dev(b, "devA"), seq_sizes,
			sizeof(seq_sizes) / sizeof(seq_sizes[0]), RM_POOL_COHERENT,
			false);
		tb_free(&t);
	}
}
END_TEST

/* §9.2.1: devA and devB share coh64k's one bitmap (golden coherent-shared.k6.1/.k6.12) */
START_TEST(test_coherent_shared)
{
	static const char *const g[] = { "coherent-shared.k6.1", "coherent-shared.k6.12" };
	static const struct { char dev; uint64_t size; int free; uint64_t dma; } seq[] = {
		{ 'A', 4096, -1, 0x50000000 }, { 'B', 4096, -1, 0x50001000 },
		{ 'A', 8192, -1, 0x50002000 }, { 'B', 16384, -1, 0x50004000 },
		{ 'A', 0, 0, 0 }, { 'B', 4096, -1, 0x50000000 }, { 'B', 0, 1, 0 },
		{ 'A', 4096, -1, 0x50001000 }, { 'B', 32768, -1, 0x50008000 },
		{ 'A', 4096, -1, 0 }, { 'B', 0, 8, 0 }, { 'A', 32768, -1, 0x50008000 },
	};
	unsigned int i, k;

	for (i = 0; i < 2; i++) {
		struct tboot t;
		struct rm_board *b = tb_golden(&t, g[i]);
		struct rm_alloc a[sizeof(seq) / sizeof(seq[0])];
		bool live[sizeof(seq) / sizeof(seq[0])] = { false };

		for (k = 0; k < sizeof(seq) / sizeof(seq[0]); k++) {
			struct rm_device *d = tb_dev(b, seq[k].dev == 'A' ? "devA" : "devB");
			int ret;

			if (seq[k].free >= 0) {
				ck_assert(live[seq[k].free]);
				rm_dma_free(b, &a[seq[k].free]);
				live[seq[k].free] = false;
				continue;
			}
			ret = rm_dma_alloc(b, d, seq[k].size, &a[k]);
			if (!seq[k].dma) {
				ck_assert_msg(ret == -ENOMEM, "step %u: %d", k, ret);
				continue;
			}
			ck_assert_msg(ret == 0 && a[k].dma == seq[k].dma,
				      "step %u: %d 0x%llx", k, ret,
				      (unsigned long long)a[k].dma);
			live[k] = true;
		}
		for (k = 0; k < sizeof(seq) / sizeof(seq[0]); k++)
			if (live[k])
				rm_dma_free(b, &a[k]);
		ck_assert_uint_eq(coherent_used_pages(tb_dev(b, "devA")->dma_mem), 0);
		tb_free(&t);
	}
}
END_TEST

#define RESTRICTED_DTS DTS(RESMEM(					\
	"\t\trp: restricted@5e000000 { compatible = \"restricted-dma-pool\";" \
	" reg = <0x0 0x5e000000 0x0 0x400000>; };")			\
	"\tdev { memory-region = <&rp>; };\n")

/* §0 / §7: Debian 6.1/6.12 lack DMA_RESTRICTED_POOL: no compatible matches, the device gets -EINVAL */
START_TEST(test_restricted_pool_not_built)
{
	static const char *const p6[] = { P612, P61 };
	unsigned int i;

	for (i = 0; i < 2; i++) {
		struct tboot t;
		struct rm_board *b = tb_text_debian(&t, p6[i], RESTRICTED_DTS, "");

		ck_assert_match(b, "initialized node restricted", TB_SUBSTR, 0);
		ck_assert_match(b, "matching fail", TB_SUBSTR, 0);
		ck_assert_int_eq(result(b, "dev", 0), -EINVAL);
		if (!strcmp(p6[i], P612))
			ck_assert_line(b, "OF: reserved mem: 0x000000005e000000.."
				       "0x000000005e3fffff (4096 KiB) map non-reusable "
				       "restricted@5e000000");
		tb_free(&t);
	}
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("devices");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_init_ok);
	tcase_add_test(tc, test_init_einval_enodev);
	tcase_add_test(tc, test_init_misaligned_cma);
	tcase_add_test(tc, test_disabled_target);
	tcase_add_test(tc, test_second_pool_ebusy_6x);
	tcase_add_test(tc, test_second_pool_k4_19);
	tcase_add_test(tc, test_mapped_pool_golden);
	tcase_add_test(tc, test_mapped_pool_warn_once);
	tcase_add_test(tc, test_mapped_pool_k4_19);
	tcase_add_test(tc, test_lookup_name_vs_phandle);
	tcase_add_test(tc, test_dma_ranges);
	tcase_add_test(tc, test_coherent_exclusive);
	tcase_add_test(tc, test_device_cma_one_page);
	tcase_add_test(tc, test_default_cma_above_one_page_6x);
	tcase_add_test(tc, test_default_cma_any_size_k4_19);
	tcase_add_test(tc, test_fallback_system);
	tcase_add_test(tc, test_page_alloc_order_warn_once);
	tcase_add_test(tc, test_cma_then_order_warn);
	tcase_add_test(tc, test_size_zero_k6_12);
	tcase_add_test(tc, test_size_zero_k6_1);
	tcase_add_test(tc, test_size_zero_k4_19);
	tcase_add_test(tc, test_region_alloc);
	tcase_add_test(tc, test_cma_reassignment_overwrites);
	tcase_add_test(tc, test_pool_page_rounding);
	tcase_add_test(tc, test_cma_page_beyond_bus_limit);
	tcase_add_test(tc, test_coherent_sizes);
	tcase_add_test(tc, test_coherent_shared);
	tcase_add_test(tc, test_restricted_pool_not_built);
	suite_add_tcase(s, tc);
	return s;
}

#include "unit.h"
