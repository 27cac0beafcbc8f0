#!/usr/bin/env python3
"""The reference for the `datetime` filter: Python's astimezone(ZoneInfo(zone)).strftime(format).

Input on stdin: a JSON array of cases {"kind", "value", "zone", "format"}; kind is
"iso" (a string for fromisoformat; without an offset it is wall time in the zone),
"epoch" (Unix seconds, int or float) or "ms" (a JS Date's milliseconds). Output: the
same array of results, each a string, or null when Python raises (the filter gives
undefined). Run with TZ=UTC: glibc's %s reads the process's zone.
"""

import json
import sys
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def render(case):
    zone = ZoneInfo(case["zone"])
    kind, value = case["kind"], case["value"]
    if kind == "iso":
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=zone)
    elif kind == "epoch":
        moment = datetime.fromtimestamp(value, timezone.utc)
    else:
        moment = EPOCH + timedelta(milliseconds=value)
    return moment.astimezone(zone).strftime(case["format"])


def main():
    results = []
    for case in json.load(sys.stdin):
        try:
            results.append(render(case))
        except (ValueError, OverflowError, OSError):
            results.append(None)
    json.dump(results, sys.stdout)


main()
