#!/usr/bin/env sh
# Regenerates cases.json: every template + variables Jinja2 3.1.6's own test suite renders
# with a default-like Environment (record_renders.py), deduplicated, rendered by the vendored
# oracle (lenient dialect). Commit cases.json with the script that produced it.
#
#   sh test/template/jinja2-suite/build.sh [path/to/jinja2-tests/tests]
#
# The suite defaults to ../shared/jinja2-tests-3.1.6/tests (the tests/ directory of the
# jinja2-3.1.6 source distribution: pip download --no-binary :all: --no-deps jinja2==3.1.6).
# Needs a Python with jinja2 3.1.x and pytest ($JINJA_PYTHON, else python3).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
suite=${1:-$root/../shared/jinja2-tests-3.1.6/tests}
py=${JINJA_PYTHON:-python3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The suite runs in a scratch directory: no cache or bytecode is written next to it.
(cd "$tmp" && JINJA2_SUITE_RECORD="$tmp/renders.jsonl" PYTHONDONTWRITEBYTECODE=1 PYTHONPATH="$here" \
  "$py" -m pytest -q -p record_renders -p no:cacheprovider "$suite" >"$tmp/pytest.log" 2>&1) \
  || { tail -20 "$tmp/pytest.log" >&2; exit 1; }
"$py" - "$tmp/renders.jsonl" "$tmp/cases.json" <<'PY'
import json, sys
seen, cases = set(), []
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        r = json.loads(line)
        key = json.dumps([r["template"], r["vars"]], sort_keys=True)
        if key in seen:
            continue
        seen.add(key)
        cases.append({"id": f"{r['test']}#{sum(1 for c in cases if c['test'] == r['test']) + 1}",
                      "test": r["test"], "template": r["template"], "vars": r["vars"]})
json.dump(cases, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
PY
"$py" "$root/test/template/oracle.py" "$tmp/cases.json" > "$here/cases.json"
"$py" - "$here/cases.json" <<'PY'
import json, sys
cases = json.load(open(sys.argv[1], encoding="utf-8"))
print(f"cases.json: {len(cases)} in-scope renders ({sum(1 for c in cases if c.get('error'))} errors)", file=sys.stderr)
PY
