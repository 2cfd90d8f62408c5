// SPDX-License-Identifier: GPL-2.0
/*
 * The memory map as a picture (--format=svg, map.svg in a mount): one
 * vertical bar, low addresses at the top, the RAM banks with the holes
 * between them drawn as breaks.  Heights grow with the logarithm of the
 * size, so a 4 KiB region stays visible and legible beside 4 GiB of free
 * RAM; every block is labelled with its name, base and size.  Regions
 * are coloured by kind; inside a pool the live buffers and atomic pools
 * are drawn where they lie, to scale within the pool, so fragmentation
 * shows.  Plain SVG 1.1: rsvg-convert and browsers render it alike.
 */
#include <libfdt.h>
#include <stdio.h>
#include <string.h>

#include "util/units.h"
#include "view/map.h"
#include "view/render.h"

#define BAR_X		150
#define BAR_W		260
#define LANE_W		90	/* the occupancy lane inside a pool */
#define LABEL_X		(BAR_X + BAR_W + 14)
#define TOP		96
#define WIDTH		1100
#define HOLE_H		30
#define MIN_H		18
#define LABEL_MAX	90	/* characters that fit right of the bar */

static const struct {
	const char *label;
	const char *fill;
} colours[] = {
	{ "cma", "#4e79a7" },
	{ "coherent", "#59a14f" },
	{ "no-map", "#9c755f" },
	{ "reserved", "#bab0ac" },
	{ "restricted", "#b07aa1" },
	{ "failed", "#e15759" },
	{ "kernel", "#f28e2b" },
	{ "free", "#ffffff" },
	{ "atomic pool", "#edc948" },
	{ "buffer", "#76b7b2" },
};

static const char *fill_of(const char *label)
{
	unsigned int i;

	for (i = 0; i < sizeof(colours) / sizeof(colours[0]); i++)
		if (!strcmp(colours[i].label, label))
			return colours[i].fill;
	return "#d3d3d3";
}

/* text content and attribute values: &, <, >, " and ' escaped */
static void esc(struct strbuf *sb, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': strbuf_printf(sb, "&amp;"); break;
		case '<': strbuf_printf(sb, "&lt;"); break;
		case '>': strbuf_printf(sb, "&gt;"); break;
		case '"': strbuf_printf(sb, "&quot;"); break;
		case '\'': strbuf_printf(sb, "&apos;"); break;
		default:
			if ((unsigned char)*s >= 0x20)
				strbuf_add(sb, s, 1);
		}
	}
}

/* 7 px per doubling above one page (an integer log2: no libm) */
static unsigned int log_height(uint64_t size)
{
	uint64_t pages = size >> 12;

	return MIN_H + (pages ? 7 * (63 - __builtin_clzll(pages)) : 0);
}

static unsigned int height_of(const struct rm_map_entry *e)
{
	return e->kind == RM_MAP_HOLE ? HOLE_H : log_height(e->size);
}

/*
 * The kernel's early allocations come in runs of small pieces with
 * alignment slack between them: one block for the run, named in full in
 * its tooltip.
 */
static unsigned int early_run(const struct rm_map *m, unsigned int i)
{
	unsigned int k = i + 1;

	while (k < m->nr && m->e[k].depth == 0 &&
	       (m->e[k].kind == RM_MAP_EARLY ||
		(m->e[k].kind == RM_MAP_FREE && m->e[k].size < (1 << 20) &&
		 k + 1 < m->nr && m->e[k + 1].kind == RM_MAP_EARLY)))
		k++;
	return k;
}

static void block(struct strbuf *sb, unsigned int y, unsigned int h,
		  const char *fill, const char *extra, const char *title)
{
	strbuf_printf(sb, "<rect x=\"%d\" y=\"%u\" width=\"%d\" height=\"%u\" "
		      "fill=\"%s\" stroke=\"#333\" stroke-width=\"0.6\"%s>",
		      BAR_X, y, BAR_W, h, fill, extra);
	strbuf_printf(sb, "<title>");
	esc(sb, title);
	strbuf_printf(sb, "</title></rect>\n");
}

static void label(struct strbuf *sb, unsigned int y, const char *weight,
		  const char *text, const char *colour)
{
	char cut[LABEL_MAX + 4];

	strbuf_printf(sb, "<text x=\"%d\" y=\"%u\" font-weight=\"%s\" fill=\"%s\">",
		      LABEL_X, y, weight, colour);
	if (strlen(text) > LABEL_MAX) {
		/* the picture's width: the tooltip keeps the whole text */
		snprintf(cut, sizeof(cut), "%.*s...", LABEL_MAX - 3, text);
		text = cut;
	}
	esc(sb, text);
	strbuf_printf(sb, "</text>\n");
}

static void address(struct strbuf *sb, unsigned int y, uint64_t a)
{
	strbuf_printf(sb, "<text x=\"%d\" y=\"%u\" text-anchor=\"end\" "
		      "fill=\"#555\">0x%010llx</text>\n", BAR_X - 6, y + 11,
		      (unsigned long long)a);
}

/* the children of a pool, to scale inside its block */
static unsigned int children(struct rm_board *b, const struct rm_map *m,
			     unsigned int i, unsigned int y, unsigned int h,
			     struct strbuf *sb, unsigned int *nr)
{
	const struct rm_map_entry *parent = &m->e[i];
	char hs[RM_HUMAN_MAX], title[RM_NAME_MAX + 64];
	unsigned int k = i + 1;

	(void)b;
	*nr = 0;
	if (k < m->nr && m->e[k].depth)
		strbuf_printf(sb, "<rect x=\"%d\" y=\"%u\" width=\"%d\" height=\"%u\" "
			      "fill=\"#ffffff\" fill-opacity=\"0.85\"/>\n",
			      BAR_X + BAR_W - LANE_W, y, LANE_W, h);
	for (; k < m->nr && m->e[k].depth; k++) {
		const struct rm_map_entry *c = &m->e[k];
		double top = (double)(c->base - parent->base) / parent->size * h;
		double ch = (double)c->size / parent->size * h;

		if (ch < 1.5)
			ch = 1.5;
		snprintf(title, sizeof(title), "%s %s 0x%llx %s", c->label, c->name,
			 (unsigned long long)c->base, rm_human_size(c->size, hs));
		strbuf_printf(sb, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" "
			      "height=\"%.1f\" fill=\"%s\" stroke=\"#333\" "
			      "stroke-width=\"0.3\"><title>", BAR_X + BAR_W - LANE_W,
			      y + top, LANE_W, ch, fill_of(c->label));
		esc(sb, title);
		strbuf_printf(sb, "</title></rect>\n");
		(*nr)++;
	}
	return k;
}

/* the names of the children, on the label's third line */
static void children_text(const struct rm_map *m, unsigned int i,
			  unsigned int end, struct strbuf *line)
{
	char hs[RM_HUMAN_MAX];
	unsigned int k, shown = 0;

	for (k = i + 1; k < end; k++) {
		if (shown == 5) {
			strbuf_printf(line, ", +%u more", end - k);
			break;
		}
		strbuf_printf(line, "%s%s %s", shown ? ", " : "in use: ",
			      m->e[k].name, rm_human_size(m->e[k].size, hs));
		shown++;
	}
}

static unsigned int draw_entry(struct rm_board *b, const struct rm_map *m,
			       unsigned int i, unsigned int *y,
			       struct strbuf *sb)
{
	const struct rm_map_entry *e = &m->e[i];
	struct strbuf line = STRBUF_INIT, tip = STRBUF_INIT;
	char hs[RM_HUMAN_MAX];
	unsigned int h = height_of(e), end = i + 1, nr = 0, k;
	uint64_t last;
	bool outside = e->outside_ram || e->partly_outside;

	if (e->kind == RM_MAP_EARLY) {
		end = early_run(m, i);
		last = m->e[end - 1].base + m->e[end - 1].size;
		strbuf_printf(&tip, "kernel early allocations:");
		for (k = i; k < end; k++)
			if (m->e[k].kind == RM_MAP_EARLY)
				strbuf_printf(&tip, " %s (%s)", m->e[k].name,
					      rm_human_size(m->e[k].size, hs));
		h = log_height(last - e->base);
		if (h < 2 * MIN_H && end - i > 1)
			h = 2 * MIN_H;
		block(sb, *y, h, fill_of("kernel"), "", tip.s);
		address(sb, *y, e->base);
		strbuf_printf(&line, "kernel  %s", rm_human_size(last - e->base, hs));
		label(sb, *y + 13, "bold", line.s, "#000");
		strbuf_release(&line);
		for (k = i; k < end && line.len < 90; k++)
			if (m->e[k].kind == RM_MAP_EARLY)
				strbuf_printf(&line, "%s%s", line.len ? ", " : "",
					      m->e[k].name);
		label(sb, *y + 27, "normal", line.s, "#444");
		goto out;
	}
	strbuf_printf(&tip, "%s %s 0x%llx-0x%llx %s", e->label, e->name,
		      (unsigned long long)e->base,
		      (unsigned long long)(e->base + e->size - 1),
		      rm_human_size(e->size, hs));
	if (e->kind == RM_MAP_HOLE) {
		block(sb, *y, h, "url(#hole)", "", tip.s);
		strbuf_printf(&line, "hole: no RAM, %s", hs);
		label(sb, *y + 19, "normal", line.s, "#777");
		goto out;
	}
	block(sb, *y, h, fill_of(e->label),
	      outside ? " stroke-dasharray=\"6 3\"" : "", tip.s);
	address(sb, *y, e->base);
	if (e->kind == RM_MAP_REGION)
		end = children(b, m, i, *y, h, sb, &nr);
	if (e->kind == RM_MAP_FREE) {
		strbuf_printf(&line, "free  %s", hs);
		label(sb, *y + 13, "normal", line.s, "#777");
		goto out;
	}
	strbuf_printf(&line, "%s%s%s%s  %s  (%s%s)", e->name,
		      e->dt_label ? " (" : "", e->dt_label ? e->dt_label : "",
		      e->dt_label ? ")" : "", hs, e->label,
		      e->region && e->region == b->default_cma_region ?
		      ", the default CMA area" : "");
	label(sb, *y + 13, "bold", line.s, "#000");
	strbuf_release(&line);
	if (e->region && e->region->err)
		strbuf_printf(&line, "%s", e->region->status);
	if (outside)
		strbuf_printf(&line, "%s%s", line.len ? "; " : "",
			      e->outside_ram ? "outside RAM" : "partly outside RAM");
	if (line.len && h >= 2 * MIN_H - 4)
		label(sb, *y + 27, "normal", line.s,
		      e->region && e->region->err ? "#b00" : "#b00");
	strbuf_release(&line);
	if (nr) {
		children_text(m, i, end, &line);
		label(sb, *y + (h >= 3 * MIN_H ? 41 : 27), "normal", line.s, "#225");
	}
out:
	*y += h;
	strbuf_release(&line);
	strbuf_release(&tip);
	return end;
}

static void legend(struct strbuf *sb)
{
	static const char *const shown[] = { "cma", "coherent", "no-map",
		"reserved", "failed", "kernel", "atomic pool", "buffer", "free" };
	unsigned int i, x = 20;

	for (i = 0; i < sizeof(shown) / sizeof(shown[0]); i++) {
		strbuf_printf(sb, "<rect x=\"%u\" y=\"52\" width=\"14\" height=\"14\" "
			      "fill=\"%s\" stroke=\"#333\" stroke-width=\"0.6\"/>"
			      "<text x=\"%u\" y=\"64\">%s</text>\n", x,
			      fill_of(shown[i]), x + 19, shown[i]);
		x += 30 + 8 * (unsigned int)strlen(shown[i]);
	}
}

void rm_render_svg(struct rm_board *b, const char *board_path,
		   const struct rm_live_buffer *bufs, unsigned int nr_bufs,
		   struct strbuf *sb)
{
	struct strbuf body = STRBUF_INIT, title = STRBUF_INIT;
	const char *model = NULL;
	char hs[RM_HUMAN_MAX];
	struct rm_map m;
	unsigned int i, y = TOP;

	if (rm_map_build(b, bufs, nr_bufs, &m))
		return;
	for (i = 0; i < m.nr;)
		i = draw_entry(b, &m, i, &y, &body);
	if (b->fdt)
		model = fdt_getprop(b->fdt, 0, "model", NULL);
	if (board_path && strrchr(board_path, '/'))
		board_path = strrchr(board_path, '/') + 1;
	strbuf_printf(&title, "%s — %s, Linux %s profile, %s RAM in %u bank%s",
		      model ? model : "board", board_path ? board_path : "(built-in)",
		      b->profile->name, rm_human_size(m.ram, hs), b->nr_banks,
		      b->nr_banks == 1 ? "" : "s");
	strbuf_printf(sb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		      "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" "
		      "width=\"%d\" height=\"%u\" viewBox=\"0 0 %d %u\" "
		      "font-family=\"DejaVu Sans Mono, monospace\" font-size=\"12\">\n",
		      WIDTH, y + 20, WIDTH, y + 20);
	strbuf_printf(sb, "<defs><pattern id=\"hole\" width=\"8\" height=\"8\" "
		      "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
		      "<rect width=\"8\" height=\"8\" fill=\"#eee\"/>"
		      "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"8\" stroke=\"#999\" "
		      "stroke-width=\"3\"/></pattern></defs>\n");
	strbuf_printf(sb, "<rect width=\"100%%\" height=\"100%%\" fill=\"#fafafa\"/>\n");
	strbuf_printf(sb, "<text x=\"20\" y=\"28\" font-size=\"15\" font-weight=\"bold\">");
	esc(sb, title.s);
	strbuf_printf(sb, "</text>\n");
	legend(sb);
	strbuf_printf(sb, "<text x=\"20\" y=\"88\" fill=\"#555\">heights grow with "
		      "the logarithm of the size; inside a pool, to scale</text>\n");
	if (body.s)
		strbuf_add(sb, body.s, body.len);
	strbuf_printf(sb, "</svg>\n");
	strbuf_release(&body);
	strbuf_release(&title);
	rm_map_release(&m);
}
