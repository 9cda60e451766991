"""What a method name must not be, checked on a package's recorded surface (`api.json`),
with word lists of its own (not the generator's): it never ends in a preposition, an
article or a conjunction, and no two methods of one resource differ only by a suffix
that makes one a variant of the other (`list` and `list_iter`, `get` and `get_2`)."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

PREPOSITIONS = frozenset(
    "about above across after against along among around at before behind below beneath "
    "beside between beyond by during except for from in inside into near of off on onto "
    "out outside over past per since through to toward towards under until up upon via "
    "with within without".split()
)
ARTICLES = frozenset({"a", "an", "the"})
CONJUNCTIONS = frozenset("and or nor but yet so if whether because while unless".split())
# A verb and its particle is a name as it is (`sign_in`, `log_out`).
PARTICLES = frozenset({"in", "out", "up", "down", "on", "off", "over"})
VARIANT = re.compile(r"_(iter|all|pages?|paginated|auto_paging|list|raw|stream|\d+)$")


def name_problems(api_json: Path) -> list[str]:
    """What is wrong with the method names of the package `api_json` describes."""
    methods = [m["call"] for m in json.loads(api_json.read_text(encoding="utf-8"))["methods"]]
    by_resource: dict[str, set[str]] = defaultdict(set)
    problems = []
    for call in methods:
        resource, name = call.rsplit(".", 1)
        by_resource[resource].add(name)
        words = name.rstrip("_").split("_")
        last = words[-1]
        phrasal = len(words) == 2 and last in PARTICLES
        if last in ARTICLES | CONJUNCTIONS or (last in PREPOSITIONS and not phrasal):
            problems.append(f"{call} ends in {last!r}")
    for resource, names in by_resource.items():
        for name in sorted(names):
            variant = VARIANT.search(name)
            if variant and name[: variant.start()] in names:
                problems.append(f"{resource}.{name} is a variant of {name[: variant.start()]}")
    return problems
