#!/bin/sh
# scripts/code-stats.sh [DIR] - the figures an architecture note reports:
# source files, lines, and the ten longest functions (lines from the
# opening line to the closing brace), from universal-ctags' end: field.
set -eu
dir=${1:-src}
files=$(find "$dir" -name '*.[ch]' | sort)
echo "files: $(echo "$files" | wc -l) ($(echo "$files" | grep -c '\.c$') .c, $(echo "$files" | grep -c '\.h$') .h)"
echo "lines: $(cat $files | wc -l)"
echo "ten longest functions:"
ctags -x --c-kinds=f --_xformat='%{end} %{line} %N %F' -o - $(echo "$files" | grep '\.c$') |
	awk '{ printf "%5d  %s  %s:%d\n", $1 - $2 + 1, $3, $4, $2 }' | sort -rn | head -10
