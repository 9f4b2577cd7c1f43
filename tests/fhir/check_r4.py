"""An independent check of the FHIR R4 bundles `ourplan export --fhir` writes.

    check_r4.py BUNDLE.json [BUNDLE.json ...]

Each bundle is parsed by `fhir.resources` 6.4.0, the last release of that library whose models
are FHIR R4 (4.0.1): 6.5.0 moved to R4B (4.3.0) and 7.0 onwards to R5, with R4B beside it and
no R4 at all. The library checks the structure (unknown elements are refused), cardinality
(lists against single values, required elements), each element's type and the primitive types'
patterns (`id`, `code`, `date`, `dateTime`, `decimal`, `uri`, ...). It does not read the
narrative's XHTML nor resolve references, so this script checks those itself, with the standard
library's XML parser, and the value sets of the few required bindings the export uses (the
library checks a code's pattern, not its value set). The UK Core profiles cannot be fetched where the kit is built: conformance
to them is not checked here.

Then three properties, on the parsed bundle:
1. the CarePlan's narrative holds every block's words;
2. every Goal in the bundle is referenced from CarePlan.goal, and every reference there resolves
   to a Goal in the bundle;
3. every money line is an activity with its exact amount (a `Money` in the budget-line cost
   extension, read as an exact decimal, never a float).

What the plan held comes from a sidecar beside each bundle, `BUNDLE.expected.json`, written by
whoever made the plan (the e2e spec reads the plan file itself, not the kit's code):
    {"texts": ["every typed string", ...],
     "goals": ["the words of each outcome that has any", ...],
     "money": [{"description": "what it is for", "value": "123.45"}, ...]}
Without a sidecar only the R4 parse and the structural checks run.

Exit code 0 when every bundle passes; 1 with the reasons on standard error otherwise.
"""

import json
import sys
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import fhir.resources
from fhir.resources.bundle import Bundle

COST_URL = "https://ourplan.example/fhir/StructureDefinition/budget-line-cost"
XHTML = "{http://www.w3.org/1999/xhtml}"
# The elements FHIR R4 allows in a narrative (Narrative.div, "basic HTML"), by local name.
ALLOWED = {
    "a", "abbr", "acronym", "b", "big", "blockquote", "br", "caption", "cite", "code", "col",
    "colgroup", "dd", "dfn", "div", "dl", "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
    "i", "img", "kbd", "li", "ol", "p", "pre", "q", "samp", "small", "span", "strong", "sub",
    "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "tt", "ul", "var",
}

# fhir.resources checks a `code`'s pattern but not its value set, so the required bindings of
# the coded elements an export uses are checked here, with the codes R4 lists for them.
REQUIRED = {
    "Bundle.type": {"document", "message", "transaction", "transaction-response", "batch",
                    "batch-response", "history", "searchset", "collection"},
    "Narrative.status": {"generated", "extensions", "additional", "empty"},
    "CarePlan.status": {"draft", "active", "on-hold", "revoked", "completed",
                        "entered-in-error", "unknown"},
    "CarePlan.intent": {"proposal", "plan", "order", "option"},
    "CarePlan.activity.detail.status": {"not-started", "scheduled", "in-progress", "on-hold",
                                        "completed", "cancelled", "stopped", "unknown",
                                        "entered-in-error"},
    "Timing.repeat.periodUnit": {"s", "min", "h", "d", "wk", "mo", "a"},
    "Goal.lifecycleStatus": {"proposed", "planned", "accepted", "active", "on-hold", "completed",
                             "cancelled", "entered-in-error", "rejected"},
}

assert fhir.resources.__fhir_version__ == "4.0.1", (
    f"fhir.resources {fhir.resources.__version__} holds FHIR {fhir.resources.__fhir_version__}, "
    "not R4 (4.0.1)"
)


def normal(text):
    """Whitespace collapsed, as a reader sees text laid out."""
    return " ".join(text.split())


def xml_safe(text):
    """The characters XML 1.0 can hold (the narrative leaves the others out)."""
    return "".join(
        c for c in text
        if c in "\t\n\r" or (ord(c) >= 0x20 and c not in "\ufffe\uffff")
    )


def narrative_text(div, where, problems):
    """Parses a narrative's XHTML and returns its text content; notes what FHIR forbids."""
    try:
        root = ET.fromstring(div)
    except ET.ParseError as e:
        problems.append(f"{where}: the narrative is not well-formed XML: {e}")
        return ""
    if root.tag != XHTML + "div":
        problems.append(f"{where}: the narrative's root is {root.tag}, not an XHTML div")
    for el in root.iter():
        if not el.tag.startswith(XHTML):
            problems.append(f"{where}: element {el.tag} is outside the XHTML namespace")
            continue
        name = el.tag[len(XHTML):]
        if name not in ALLOWED:
            problems.append(f"{where}: <{name}> is not allowed in a FHIR narrative")
        for attr in el.attrib:
            if attr.lower().startswith("on") or attr.lower() in ("style", "src", "href"):
                problems.append(f"{where}: <{name}> has attribute {attr}")
    text = normal(" ".join(root.itertext()))
    if not text:
        problems.append(f"{where}: the narrative is empty")
    return text


def check(path):
    """The problems with one bundle, as sentences (none when it passes)."""
    problems = []
    text = Path(path).read_text(encoding="utf-8")
    data = json.loads(text, parse_float=Decimal)
    try:
        bundle = Bundle.parse_obj(data)
    except Exception as e:  # pydantic's ValidationError lists every problem
        return [f"{path}: not a valid FHIR R4 Bundle:\n{e}"]
    if bundle.type != "collection":
        problems.append(f"{path}: Bundle.type is {bundle.type}")

    def coded(element, value):
        if value is not None and value not in REQUIRED[element]:
            problems.append(f"{path}: {element} {value!r} is not in its required value set")

    coded("Bundle.type", bundle.type)

    entries = bundle.entry or []
    by_url = {}
    for entry in entries:
        if not entry.fullUrl or not entry.fullUrl.startswith("urn:uuid:"):
            problems.append(f"{path}: an entry's fullUrl is {entry.fullUrl!r}, not urn:uuid:")
            continue
        if entry.fullUrl in by_url:
            problems.append(f"{path}: fullUrl {entry.fullUrl} is not unique")
        by_url[entry.fullUrl] = entry.resource
    care_plans = [e.resource for e in entries if e.resource.resource_type == "CarePlan"]
    goals = {e.fullUrl: e.resource for e in entries if e.resource.resource_type == "Goal"}
    if len(care_plans) != 1:
        return problems + [f"{path}: {len(care_plans)} CarePlans, not one"]
    plan = care_plans[0]

    coded("CarePlan.status", plan.status)
    coded("CarePlan.intent", plan.intent)
    for goal in goals.values():
        coded("Goal.lifecycleStatus", goal.lifecycleStatus)
    for resource in [plan, *goals.values()]:
        if resource.text is not None:
            coded("Narrative.status", resource.text.status)
    for activity in plan.activity or []:
        if activity.detail is not None:
            coded("CarePlan.activity.detail.status", activity.detail.status)
            timing = activity.detail.scheduledTiming
            if timing is not None and timing.repeat is not None:
                coded("Timing.repeat.periodUnit", timing.repeat.periodUnit)

    # The narratives: well-formed, allowed XHTML.
    if plan.text is None or plan.text.status != "generated":
        problems.append(f"{path}: the CarePlan has no generated narrative")
        narrative = ""
    else:
        narrative = narrative_text(plan.text.div, f"{path} CarePlan", problems)
    for url, goal in goals.items():
        if goal.text is not None:
            narrative_text(goal.text.div, f"{path} Goal {url}", problems)

    # Every Goal is referenced from CarePlan.goal, and every reference there is a Goal here.
    referenced = [r.reference for r in (plan.goal or [])]
    for url in goals:
        if url not in referenced:
            problems.append(f"{path}: Goal {url} is not referenced from CarePlan.goal")
    for ref in referenced:
        if ref not in goals:
            problems.append(f"{path}: CarePlan.goal {ref} is not a Goal in the bundle")
    for url, goal in goals.items():
        if goal.subject is None or goal.subject.dict() != plan.subject.dict():
            problems.append(f"{path}: Goal {url}'s subject is not the CarePlan's")

    # Money lines: activities whose detail carries the cost extension, with a Money in GBP.
    money = []
    for activity in plan.activity or []:
        detail = activity.detail
        for ext in (detail.extension if detail else None) or []:
            if ext.url != COST_URL:
                continue
            if ext.valueMoney is None or ext.valueMoney.value is None:
                problems.append(f"{path}: a cost extension without a Money value")
                continue
            if ext.valueMoney.currency != "GBP":
                problems.append(f"{path}: a cost in {ext.valueMoney.currency}, not GBP")
            money.append((detail.description or "", ext.valueMoney.value))
            for ref in detail.goal or []:
                if ref.reference not in goals:
                    problems.append(f"{path}: an activity's goal {ref.reference} is not here")

    sidecar = Path(path).with_suffix(".expected.json")
    if not sidecar.exists():
        return problems
    expected = json.loads(sidecar.read_text(encoding="utf-8"))

    # 1. Every block's words in the narrative.
    for words in expected["texts"]:
        if normal(xml_safe(words)) not in narrative:
            problems.append(f"{path}: {words!r} is not in the narrative")
    # 2. Every outcome a Goal with its words, referenced from the CarePlan.
    descriptions = sorted(g.description.text for g in goals.values())
    if descriptions != sorted(w.strip() for w in expected["goals"]):
        problems.append(f"{path}: the Goals are {descriptions}, expected {expected['goals']}")
    # 3. Every money line an activity with its exact amount, in the plan's order.
    want = [(m["description"], Decimal(m["value"])) for m in expected["money"]]
    if len(money) != len(want):
        problems.append(f"{path}: {len(money)} money lines, expected {len(want)}")
    for (description, value), (what, amount) in zip(money, want):
        # Exactly equal, and written to the penny: 1.5 for 1.50 would be the same number.
        if value != amount or value.as_tuple().exponent != -2:
            problems.append(f"{path}: {description!r} costs {value}, expected {amount}")
        if what.strip() and not description.startswith(what.strip()):
            problems.append(f"{path}: a money line is {description!r}, expected {what!r}")
    return problems


def main(paths):
    if not paths:
        print(__doc__, file=sys.stderr)
        return 2
    problems = []
    for path in paths:
        problems += check(path)
    for p in problems:
        print(p, file=sys.stderr)
    if not problems:
        print(f"{len(paths)} bundle(s) pass as FHIR R4 "
              f"(fhir.resources {fhir.resources.__version__}, FHIR {fhir.resources.__fhir_version__})")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
