/* SPDX-License-Identifier: GPL-2.0 */
/*
 * findings - rmemfs's diagnosis of a boot: each thing worth telling a
 * BSP engineer, with a stable id, a severity and the node it concerns.
 * Recorded where the emulated kernel decides, next to the log line the
 * kernel prints.  An error is what the kernel itself reports as a
 * failure, or a device assignment failing against a region that has an
 * init; --dry-run exits 2 when an error is left (see doc/findings.md).
 */
#ifndef RM_FINDINGS_H
#define RM_FINDINGS_H

#include <stdbool.h>

enum rm_severity { RM_NOTE, RM_WARNING, RM_ERROR };

struct rm_finding {
	const char *id;			/* "cma-alignment", ... (static) */
	enum rm_severity severity;
	char *node;			/* DT path; "/" for the board */
	char *text;
	bool ignored;			/* waived with -o ignore= */
};

struct rm_findings {
	struct rm_finding *f;
	unsigned int nr;
	unsigned int cap;
	bool strict;			/* -o strict: warnings count as errors */
};

void rm_findings_release(struct rm_findings *fs);
void rm_findings_add(struct rm_findings *fs, const char *id,
		     enum rm_severity sev, const char *node, const char *text);
/* the node has a finding of at least this severity already */
bool rm_findings_has(const struct rm_findings *fs, const char *node,
		     enum rm_severity sev);
/*
 * -o ignore=ID[@NODE][:ID[@NODE]...]: waive the findings with that id (on
 * that node: its path or its name).  0; -EINVAL for an empty element,
 * -ENOENT for an id rmemfs never reports; *bad points at the element.
 */
int rm_findings_ignore(struct rm_findings *fs, const char *spec,
		       const char **bad);

/* what counts for exit 2: errors (and warnings when strict), not waived */
unsigned int rm_findings_errors(const struct rm_findings *fs);
const char *rm_severity_name(enum rm_severity sev);

#endif
