#!/bin/sh
# bin2c.sh FILE SYMBOL > out.c: embed FILE as a const byte array.
set -eu
file=$1 sym=$2
printf '/* generated from %s by scripts/bin2c.sh */\n#include <stddef.h>\n' "$file"
printf 'const unsigned char %s[] = {\n' "$sym"
od -An -v -tx1 "$file" | sed -e 's/ *\([0-9a-f][0-9a-f]\)/0x\1,/g' -e 's/^/\t/'
printf '};\nconst size_t %s_len = sizeof(%s);\n' "$sym" "$sym"
