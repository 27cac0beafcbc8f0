"""pytest plugin: records every template and variables that Jinja2's own test suite renders
with a default-like Environment, for the differential test in ../jinja2-suite.test.ts.

    JINJA2_SUITE_RECORD=/tmp/renders.jsonl python3 -m pytest -p record_renders ...

(see build.sh). A render is recorded when its environment is exactly `Environment()` as far
as a template can tell (same class, syntax, whitespace options, no loader, no extensions,
not async, default Undefined, no finalize, no autoescape, the default filters, tests and
globals) and its variables travel through JSON unchanged into both Python and JavaScript
(see the oracle README: no tuples, no integral floats, no integer-like keys, no objects).
Templates that use inheritance, includes or imports are left out (no loader on the platform).
"""
import json
import math
import os
import re

import jinja2
from jinja2 import Environment, Undefined
from jinja2.environment import Template

_DEFAULT = Environment()
_OUT = os.environ.get("JINJA2_SUITE_RECORD")
_SYNTAX = ("block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
           "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix",
           "trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "optimized")
_OUT_OF_SCOPE_TAGS = re.compile(r"\{%-?\s*(extends|block|include|import|from)\b")
_current_test = ["?"]


def _same_table(table, default):
    return table.keys() == default.keys() and all(table[k] is default[k] for k in table)


def _default_like(env):
    return (type(env) is Environment
            and all(getattr(env, name) == getattr(_DEFAULT, name) for name in _SYNTAX)
            and env.loader is None and not env.extensions and not env.is_async
            and env.undefined is Undefined and env.finalize is None and env.autoescape is False
            and _same_table(env.filters, _DEFAULT.filters) and _same_table(env.tests, _DEFAULT.tests)
            and _same_table(env.globals, _DEFAULT.globals) and env.policies == _DEFAULT.policies)


def _jsonable(value):
    """True when JSON carries `value` unchanged into Python and JavaScript alike."""
    if value is None or isinstance(value, (bool, str)):
        return True
    if isinstance(value, int):
        return abs(value) < 2 ** 53
    if isinstance(value, float):
        return math.isfinite(value) and not value.is_integer()
    if type(value) is list:
        return all(_jsonable(item) for item in value)
    if type(value) is dict:
        return all(isinstance(k, str) and not re.fullmatch(r"0|[1-9][0-9]*", k) and _jsonable(v)
                   for k, v in value.items())
    return False


_from_string = Environment.from_string
_render = Template.render


def from_string(self, source, *args, **kwargs):
    template = _from_string(self, source, *args, **kwargs)
    if isinstance(source, str):
        template._recorded_source = source
    return template


def render(self, *args, **kwargs):
    source = getattr(self, "_recorded_source", None)
    try:
        variables = dict(*args, **kwargs)
    except (TypeError, ValueError):
        variables = None
    if (_OUT and source is not None and variables is not None and _default_like(self.environment)
            and not _OUT_OF_SCOPE_TAGS.search(source) and _jsonable(variables)):
        with open(_OUT, "a", encoding="utf-8") as out:
            out.write(json.dumps({"test": _current_test[0], "template": source, "vars": variables}) + "\n")
    return _render(self, *args, **kwargs)


Environment.from_string = from_string
Template.render = render


def pytest_runtest_call(item):
    module = os.path.basename(str(item.fspath)).removesuffix(".py")
    _current_test[0] = f"{module}::{item.nodeid.split('::', 1)[-1]}"
