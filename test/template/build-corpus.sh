#!/usr/bin/env sh
# Regenerates test/template/corpus.json from the case sources in test/template/cases/*.ts.
#
#   sh test/template/build-corpus.sh          (from the repository root; no npm needed)
#
# 1. cases/emit.ts (run with the repo's tsx) prints every source case {id, tags, template, vars};
# 2. oracle.py (vendored, lenient dialect) renders each with Python's Jinja2 and adds
#    "expected", or "error": true with "error_type";
# 3. the result is written to corpus.json, which is committed.
# The Python used is $JINJA_PYTHON, else python3, else /usr/bin/python3: the first that
# imports jinja2. Commit corpus.json together with the case sources that produced it.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
py=""
for candidate in ${JINJA_PYTHON:-} python3 /usr/bin/python3; do
  if "$candidate" -c 'import jinja2' >/dev/null 2>&1; then py=$candidate; break; fi
done
[ -n "$py" ] || { echo "build-corpus: no Python with jinja2 (set JINJA_PYTHON)" >&2; exit 1; }
tmp="$here/.corpus.tmp.json"
trap 'rm -f "$tmp"' EXIT
"$root/node_modules/.bin/tsx" "$here/cases/emit.ts" > "$tmp"
"$py" "$here/oracle.py" "$tmp" > "$here/corpus.json"
"$py" - "$here/corpus.json" <<'PY'
import json, sys, collections
cases = json.load(open(sys.argv[1], encoding="utf-8"))
errors = sum(1 for c in cases if c.get("error"))
print(f"corpus.json: {len(cases)} cases ({errors} errors)", file=sys.stderr)
PY
