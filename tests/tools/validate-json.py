#!/usr/bin/python3
"""validate-json.py SCHEMA FILE... - check rmemfs's JSON against its schema.

Prints one line per invalid file (its name, the first error's path and
message) and exits 1 when any file is invalid or unreadable, 0 otherwise.
Debian's python3-jsonschema (scripts/install-deps.sh) runs it.
"""
import json
import sys

import jsonschema


def main():
    if len(sys.argv) < 3:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        return 2
    with open(sys.argv[1]) as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema)
    bad = 0
    for name in sys.argv[2:]:
        try:
            with open(name, encoding="utf-8") as f:
                doc = json.load(f)
        except (OSError, ValueError) as e:
            print(f"{name}: not JSON: {e}")
            bad += 1
            continue
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
        if errors:
            e = errors[0]
            where = "/".join(str(p) for p in e.path) or "(root)"
            print(f"{name}: {where}: {e.message} ({len(errors)} errors)")
            bad += 1
    print(f"{len(sys.argv) - 2 - bad} of {len(sys.argv) - 2} documents valid")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
