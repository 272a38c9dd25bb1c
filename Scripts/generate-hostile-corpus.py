#!/usr/bin/env python3
"""Writes the hostile-input corpus: Tests/HostileCorpus/cases/* and Tests/HostileCorpus/manifest.json.

Every case is a small file and the outcome a user should see when it goes through the real `assay` command:
the exit status (0 accepted, 1 bad input, 64 a command-line mistake) and a piece of the message. The repetitive
kinds (every value of a rubric swapped for one of the wrong type, every required key removed, the file cut short
at many places) are generated here from the base files in Tests/HostileCorpus/base; the rest are written out
case by case below. `AssayCLITests/HostileCorpusTests.swift` runs every case.

Run from the repository root after changing a base file or a case: python3 Scripts/generate-hostile-corpus.py
"""

import copy
import json
import os
import shutil
import unicodedata

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
CORPUS = os.path.join(ROOT, "Tests", "HostileCorpus")
BASE = os.path.join(CORPUS, "base")
CASES = os.path.join(CORPUS, "cases")
REL = "Tests/HostileCorpus"

manifest = []
shutil.rmtree(CASES, ignore_errors=True)
os.makedirs(CASES)


def load(name):
    with open(os.path.join(BASE, name), encoding="utf-8") as handle:
        return json.load(handle)


RUBRIC = load("rubric.json")
RESPONSE = load("response.json")
SESSION = load("session.json")
SUMMARY = load("summary.json")
RUBRIC_ARG = f"{REL}/base/rubric.json"


def write_case(name, content):
    path = os.path.join(CASES, name)
    data = content if isinstance(content, bytes) else content.encode("utf-8")
    with open(path, "wb") as handle:
        handle.write(data)
    return f"{REL}/cases/{name}"


def dump(value):
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def case(name, content, args, status, expect, note=""):
    """A case file `name` with `content`, run as `assay ARGS` ({case} is its path, {out} a fresh output path)."""
    if any(entry["name"] == name for entry in manifest):
        raise SystemExit(f"duplicate case {name}")
    path = write_case(name, content) if content is not None else ""
    if args and args[0] == "aggregate" and "--ledger" not in args and "--no-ledger" not in args:
        # Each case is a first release in a ledger of its own, so no case is checked against another's release
        # and nothing is written beside the corpus.
        args = args + ["--ledger", "{out}.ledger.sqlite"]
    manifest.append(
        {
            "name": name,
            "args": [arg.replace("{case}", path) for arg in args],
            "status": status,
            "expect": expect,
            "note": note,
        }
    )


def rubric_case(name, mutate, status, expect, note=""):
    document = copy.deepcopy(RUBRIC)
    mutate(document)
    case(name, dump(document), ["rubric", "validate", "{case}"], status, expect, note)


def score(name, content, status, expect, note="", extra=()):
    case(name, content, ["score", "--rubric", RUBRIC_ARG, "{case}", *extra], status, expect, note)


def response_case(name, mutate, status, expect, note=""):
    document = copy.deepcopy(RESPONSE)
    mutate(document)
    score(name, dump(document), status, expect, note)


def question(document, qid):
    for dimension in document["dimensions"]:
        for entry in dimension.get("questions", []):
            if entry["id"] == qid:
                return entry
    raise KeyError(qid)


def setter(path, value):
    def mutate(document):
        target = document
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return mutate


def deleter(path):
    def mutate(document):
        target = document
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return mutate


def leaves(value, path=()):
    """Every scalar in `value`, with its path."""
    if isinstance(value, dict):
        for key, member in value.items():
            yield from leaves(member, path + (key,))
    elif isinstance(value, list):
        for index, member in enumerate(value):
            yield from leaves(member, path + (index,))
    else:
        yield path, value


def slug(path):
    return "-".join(str(part).replace(".", "_") for part in path) or "root"


# ---------------------------------------------------------------------------------------------------------------
# Rubrics, by hand: each a rule of the format.

rubric_case("rubric-valid", lambda d: None, 0, "ok (open-data-quickscan 1.0.0, 4 questions)")
rubric_case("rubric-weight-zero", setter(("dimensions", 0, "weight"), 0), 1, "a weight must be a positive finite number")
rubric_case("rubric-weight-negative", setter(("dimensions", 0, "weight"), -1), 1, "a weight must be a positive")
rubric_case("rubric-weight-huge", setter(("dimensions", 0, "weight"), 1e7), 1, "a weight must be at most 1,000,000")
rubric_case("rubric-weight-1e308", setter(("dimensions", 0, "weight"), 1e308), 1, "a weight must be at most")
rubric_case("rubric-scale-value-1e308", setter(("scales", 0, "options", 3, "value"), 1e308), 1,
            "a scale value must lie between -1,000,000 and 1,000,000", "scored nan before")
rubric_case("rubric-scale-value-minus-1e308", setter(("scales", 0, "options", 0, "value"), -1e308), 1,
            "a scale value must lie between")
rubric_case("rubric-scale-value-million", setter(("scales", 0, "options", 3, "value"), 1000000), 0, "ok (",
            "the bound itself is allowed")
rubric_case("rubric-scale-duplicate-value", setter(("scales", 0, "options", 1, "value"), 0), 1, "duplicate scale value")
rubric_case("rubric-scale-one-option", lambda d: d["scales"][0].__setitem__("options", d["scales"][0]["options"][:1]),
            1, "a scale needs at least two options")
rubric_case("rubric-points-above-one", setter(("dimensions", 0, "questions", 2, "answer", "options", 2, "points"), 1.5),
            1, "points must be between 0 and 1")
rubric_case("rubric-points-negative", setter(("dimensions", 0, "questions", 2, "answer", "options", 0, "points"), -0.1),
            1, "points must be between 0 and 1")
rubric_case("rubric-option-id-na", setter(("dimensions", 0, "questions", 2, "answer", "options", 0, "id"), "na"), 1,
            "is reserved for \"not applicable\"")
rubric_case("rubric-option-id-empty", setter(("dimensions", 0, "questions", 2, "answer", "options", 0, "id"), ""), 1,
            "an option id must not be empty")
rubric_case("rubric-dimension-id-empty", setter(("dimensions", 0, "id"), ""), 1,
            "a dimension or practice area id must be non-empty")
rubric_case("rubric-dimension-id-space", setter(("dimensions", 0, "id"), "pub lishing"), 1,
            "a dimension or practice area id must be non-empty and contain no spaces")
rubric_case("rubric-dimension-id-overall", setter(("dimensions", 0, "id"), "overall"), 1,
            "\"overall\" is reserved for the overall score", "a summary had two overall scopes")
rubric_case("rubric-dimension-id-duplicate", setter(("dimensions", 1, "id"), "publishing"), 1,
            "duplicate dimension or practice area id \"publishing\"")
rubric_case("rubric-level-id-none", setter(("levels", 0, "id"), "none"), 1, "\"none\" is reserved",
            "a summary had two none entries")
rubric_case("rubric-level-id-empty", setter(("levels", 0, "id"), ""), 1, "a level id must be non-empty")
rubric_case("rubric-question-id-empty", setter(("dimensions", 0, "questions", 1, "id"), ""), 1,
            "a question id must be non-empty")
rubric_case("rubric-question-id-duplicate", setter(("dimensions", 1, "questions", 0, "id"), "pub.owner"), 1,
            "duplicate question id \"pub.owner\"")
rubric_case("rubric-id-empty", setter(("id",), ""), 1, "the rubric id must be non-empty")
for name, version in [("arabic-digits", "١.٠.٠"), ("trailing-dash", "1.0.0-"), ("two-parts", "1.0"),
                      ("v-prefix", "v1.0.0"), ("empty", ""), ("dash-dot", "1.0.0-beta..1"),
                      ("fullwidth", "１.0.0"), ("spaces", "1. 0.0")]:
    rubric_case(f"rubric-version-{name}", setter(("version",), version), 1, "is not a semantic version")
for name, version in [("prerelease", "1.0.0-beta.2"), ("large", "12.345.6789")]:
    rubric_case(f"rubric-version-ok-{name}", setter(("version",), version), 0, "ok (")
for name, tag in [("empty", ""), ("path", "../../etc"), ("one-letter", "e"), ("underscore", "en_US"),
                  ("space", "en "), ("long-subtag", "en-abcdefghi"), ("digits", "12")]:
    rubric_case(f"rubric-language-{name}", setter(("languages", 1), tag), 1, "is not a language tag")
rubric_case("rubric-language-ok-region", lambda d: (d["languages"].append("pt-BR")), 0, "ok (",
            "a tag with a region is a language tag; the missing translations are warnings")
rubric_case("rubric-default-language-missing", setter(("default_language",), "de"), 1,
            "the default language \"de\" is not among the declared languages")
rubric_case("rubric-missing-default-translation", setter(("title",), {"fr": "Seulement"}), 1,
            "missing the default language \"en\"")
rubric_case("rubric-unknown-model", setter(("scoring", "model"), "best-guess"), 1, "unknown scoring model \"best-guess\"")
rubric_case("rubric-policy-ignore", setter(("policies", "not_applicable"), "ignore"), 1,
            "\"ignore\" is not accepted here; expected one of \"exclude\", \"zero\", \"target\"")
rubric_case("rubric-answer-type-unknown", setter(("dimensions", 0, "questions", 0, "answer", "type"), "slider"), 1,
            "error:")
rubric_case("rubric-scale-undeclared", setter(("dimensions", 0, "questions", 1, "answer", "scale"), "nope"), 1,
            "\"nope\" is not a scale declared in \"scales\"")
rubric_case("rubric-levels-gap", setter(("levels", 1, "min_score"), 45), 1, "a gap between bands")
rubric_case("rubric-levels-overlap", setter(("levels", 1, "min_score"), 35), 1, "bands overlap")
rubric_case("rubric-levels-not-from-zero", setter(("levels", 0, "min_score"), 5), 1, "must start at 0")
rubric_case("rubric-levels-not-to-100", setter(("levels", 2, "max_score"), 99), 1, "must end at 100")
rubric_case("rubric-levels-min-above-max", setter(("levels", 0, "max_score"), -1), 1, "error:")
rubric_case("rubric-band-overlap", setter(("dimensions", 1, "questions", 0, "answer", "bands", 1, "min"), 40), 1,
            "this band overlaps band \"few\"")
rubric_case("rubric-band-min-not-below-max",
            setter(("dimensions", 1, "questions", 0, "answer", "bands", 2, "max"), 100), 1,
            "a band's \"min\" must be below its \"max\"")
rubric_case("rubric-bands-empty", setter(("dimensions", 1, "questions", 0, "answer", "bands"), []), 1,
            "a numeric question needs at least one band")
rubric_case("rubric-no-dimensions", setter(("dimensions",), []), 1, "a rubric needs at least one dimension")
rubric_case("rubric-dimension-no-questions", setter(("dimensions", 1, "questions"), []), 1,
            "dimension \"licensing\" has no questions")
# Conditions and gates that can never match, or name what they cannot.
COND = ("dimensions", 0, "questions", 2, "condition")
rubric_case("rubric-condition-in-empty", setter(COND, {"question": "pub.plan", "in": []}), 1,
            "\"in\" needs at least one value; an empty list never matches")
rubric_case("rubric-condition-equals-na-not-allowed", setter(COND, {"question": "pub.plan", "equals": "na"}), 1,
            "does not allow \"not applicable\"")
rubric_case("rubric-condition-at-least-above-scale", setter(COND, {"question": "pub.plan", "at_least": 99}), 1,
            "this can never match an answer to \"pub.plan\": its values run from 0 to 3")
rubric_case("rubric-condition-at-most-below-scale", setter(COND, {"question": "pub.plan", "at_most": -5}), 1,
            "this can never match an answer to \"pub.plan\"")
rubric_case("rubric-condition-at-least-top-of-scale", setter(COND, {"question": "pub.plan", "at_least": 3}), 0, "ok (",
            "the top value can be reached")
rubric_case("rubric-condition-two-tests", setter(COND, {"question": "pub.plan", "at_least": 1, "equals": "full"}), 1,
            "found both \"equals\" and \"at_least\"", "one of the two was ignored with only a warning")
rubric_case("rubric-condition-unknown-option", setter(COND, {"question": "pub.plan", "equals": "sometimes"}), 1,
            "this can never match an answer to \"pub.plan\"")
rubric_case("rubric-condition-later-question", setter(COND, {"question": "lic.open", "at_least": 1}), 1,
            "which is asked later")
rubric_case("rubric-condition-unknown-question", setter(COND, {"question": "nope", "at_least": 1}), 1,
            "which is not a question of this rubric")
rubric_case("rubric-condition-self", setter(COND, {"question": "pub.portal", "answered": True}), 1,
            "cannot depend on its own answer")
rubric_case("rubric-condition-all-empty", setter(COND, {"all": []}), 1, "\"all\" needs at least one condition")
rubric_case("rubric-condition-no-test", setter(COND, {"question": "pub.plan"}), 1, "expected a test")
rubric_case("rubric-condition-empty-object", setter(COND, {}), 1, "a condition needs \"question\"")
rubric_case("rubric-condition-at-least-infinite", setter(COND, {"question": "pub.plan", "at_least": 1e400}), 1,
            "error:")
rubric_case("rubric-condition-yes-no-at-least-2",
            setter(COND, {"question": "pub.owner", "at_least": 2}), 1, "its values run from 0 to 1")
GATE = ("levels", 2, "gates", 0)
rubric_case("rubric-gate-unknown-question", setter(GATE, {"question": "nope", "equals": True}), 1,
            "the gate names \"nope\", which is not a question of this rubric")
rubric_case("rubric-gate-in-empty", setter(GATE, {"question": "pub.plan", "in": []}), 1, "an empty list never matches")
rubric_case("rubric-gate-at-most-negative", setter(GATE, {"question": "pub.plan", "at_most": -5}), 1,
            "this can never match")
rubric_case("rubric-gate-equals-na", setter(GATE, {"question": "pub.owner", "equals": "na"}), 1,
            "does not allow \"not applicable\"")
rubric_case("rubric-gate-equals-na-allowed", setter(GATE, {"question": "pub.portal", "equals": "na"}), 0, "ok (",
            "pub.portal allows na, so the gate can match")
rubric_case("rubric-target-not-an-option", setter(("dimensions", 0, "questions", 1, "target"), "perfect"), 1,
            "the target is not a valid answer")
rubric_case("rubric-descriptor-unknown-option",
            setter(("dimensions", 0, "questions", 1, "descriptors", "sometimes"), {"en": "x"}), 1,
            "\"sometimes\" is not an option of this question")
rubric_case("rubric-unknown-key-warning", setter(("dimensions", 0, "wieght"), 2), 0,
            "warning: unknown key \"wieght\"; it is ignored (is it misspelt?)")
rubric_case("rubric-unknown-level-description", setter(("dimensions", 0, "level_descriptions", "expert"), {"en": "x"}),
            1, "\"expert\" is not a maturity level of this rubric")

# Bytes and encodings.
VALID = dump(RUBRIC)
case("rubric-empty", "", ["rubric", "validate", "{case}"], 1, "the file is empty")
case("rubric-whitespace-only", " \n\t\n", ["rubric", "validate", "{case}"], 1, "the file is empty")
case("rubric-bom", "\ufeff" + VALID, ["rubric", "validate", "{case}"], 0, "ok (")
case("rubric-nul-byte", VALID.replace('"title"', '"ti\x00tle"', 1), ["rubric", "validate", "{case}"], 1,
     "contains a NUL byte", "was reported as a syntax error near the NUL")
case("rubric-nul-at-start", "\x00" + VALID, ["rubric", "validate", "{case}"], 1, ":1:1: error: the file contains a NUL")
case("rubric-latin1", VALID.replace("é", "\xe9").encode("utf-8").replace("\xc3\xa9".encode("latin-1"), b"\xe9"),
     ["rubric", "validate", "{case}"], 1, "not UTF-8")
case("rubric-utf16", VALID.encode("utf-16"), ["rubric", "validate", "{case}"], 1, "error:")
case("rubric-not-object", "[1, 2, 3]\n", ["rubric", "validate", "{case}"], 1, "error:")
case("rubric-string", "\"rubric\"\n", ["rubric", "validate", "{case}"], 1, "error:")
case("rubric-null", "null\n", ["rubric", "validate", "{case}"], 1, "error:")
case("rubric-deep-nesting", "[" * 100 + "]" * 100, ["rubric", "validate", "{case}"], 1, "nested")
case("rubric-deep-object", '{"a":' * 100 + "1" + "}" * 100, ["rubric", "validate", "{case}"], 1, "nested")
case("rubric-duplicate-key", VALID.replace('"id": "open-data-quickscan",',
                                           '"id": "open-data-quickscan", "id": "again",', 1),
     ["rubric", "validate", "{case}"], 1, "duplicate object key")
case("rubric-trailing-garbage", VALID + "}", ["rubric", "validate", "{case}"], 1, "invalid JSON")
case("rubric-two-documents", VALID + VALID, ["rubric", "validate", "{case}"], 1, "invalid JSON")
case("rubric-huge-number", VALID.replace('"weight": 2', '"weight": 1e400', 1), ["rubric", "validate", "{case}"], 1,
     "error:")
case("rubric-integer-overflow", VALID.replace('"weight": 2', '"weight": 99999999999999999999999', 1),
     ["rubric", "validate", "{case}"], 1, "error:")
NFC = unicodedata.normalize("NFC", "é")
NFD = unicodedata.normalize("NFD", "é")
case("rubric-nfc-nfd-keys", VALID.replace('"en": "Open data quick scan"',
                                          f'"en": "Open data quick scan", "r{NFC}gion": 1, "r{NFD}gion": 2', 1),
     ["rubric", "validate", "{case}"], 1, "spelt twice in different Unicode normalisation forms")

# Every scalar of the rubric swapped for a value of the wrong type: each is a located error.
SKIP_SWAP = {("$schema",)}
for path, value in leaves(RUBRIC):
    if path in SKIP_SWAP:
        continue
    if isinstance(value, bool):
        wrong = "yes"
    elif isinstance(value, (int, float)):
        wrong = "many"
    else:
        wrong = [value]
    if path == ("levels", 2, "gates", 0, "equals"):
        # The gate's question is yes/no, and "yes" is a yes/no answer as well as true.
        rubric_case("rubric-gate-equals-yes-text", setter(path, wrong), 0, "ok (")
        continue
    rubric_case(f"rubric-wrong-type-{slug(path)}", setter(path, wrong), 1, "error:",
                f"{'.'.join(map(str, path))} given a value of the wrong type")

# Every required key removed.
REQUIRED = [("id",), ("version",), ("title",), ("dimensions",), ("dimensions", 0, "id"), ("dimensions", 0, "title"),
            ("dimensions", 0, "questions", 0, "id"), ("dimensions", 0, "questions", 0, "prompt"),
            ("dimensions", 0, "questions", 0, "answer"), ("dimensions", 0, "questions", 1, "answer", "type"),
            ("dimensions", 0, "questions", 1, "answer", "scale"), ("scales", 0, "id"), ("scales", 0, "options"),
            ("scales", 0, "options", 0, "id"), ("scales", 0, "options", 0, "value"),
            ("scales", 0, "options", 0, "label"), ("levels", 0, "id"), ("levels", 0, "name"),
            ("levels", 0, "min_score"), ("levels", 2, "gates", 0, "question"),
            ("dimensions", 1, "questions", 0, "answer", "bands"),
            ("dimensions", 1, "questions", 0, "answer", "bands", 0, "id"),
            ("dimensions", 1, "questions", 0, "answer", "bands", 0, "points"),
            ("dimensions", 0, "questions", 2, "answer", "options", 0, "points")]
for path in REQUIRED:
    rubric_case(f"rubric-missing-{slug(path)}", deleter(path), 1, "error:", f"{'.'.join(map(str, path))} removed")

# The rubric cut short: every cut is a syntax error, located.
for cut in range(1, len(VALID.encode("utf-8")) - 2, 151):
    data = VALID.encode("utf-8")[:cut]
    case(f"rubric-truncated-{cut:05d}", data, ["rubric", "validate", "{case}"], 1, "error:")

# ---------------------------------------------------------------------------------------------------------------
# Responses, scored against the base rubric.

response_case("response-valid", lambda d: None, 0, "Overall: 42.6 / 100")
response_case("response-unknown-question", setter(("answers", "pub.nope"), "full"), 1,
              "\"pub.nope\" is not a question of rubric \"open-data-quickscan\"")
response_case("response-missing-option", setter(("answers", "pub.portal"), "intranet"), 1,
              "\"intranet\" is not an option of this question")
response_case("response-na-not-allowed", setter(("answers", "pub.owner"), "na"), 1,
              "question \"pub.owner\" does not allow \"not applicable\"")
response_case("response-na-allowed", setter(("answers", "pub.portal"), "na"), 0, "1 not applicable")
response_case("response-unknown", setter(("answers", "pub.owner"), "unknown"), 0, "1 don't know")
response_case("response-number-outside-bands", setter(("answers", "lic.open"), 500), 1, "falls in none of this question's bands")
response_case("response-number-for-yes-no", setter(("answers", "pub.owner"), 1), 1, "expected true or false")
response_case("response-text-for-number", setter(("answers", "lic.open"), "sixty"), 1, "expected a number")
response_case("response-list-for-single", setter(("answers", "pub.portal"), ["website"]), 1, "error:")
response_case("response-scale-value-number", setter(("answers", "pub.plan"), 2), 0, "Overall:",
              "a scale option may be given by its value")
response_case("response-scale-value-missing", setter(("answers", "pub.plan"), 7), 1, "is not a value of this question's scale")
response_case("response-other-rubric", setter(("rubric",), "digital-capacity"), 1,
              "the response is for rubric \"digital-capacity\", not \"open-data-quickscan\"")
response_case("response-other-version", setter(("rubric_version",), "0.9.0"), 0,
              "warning: the answers were given against version 0.9.0")
response_case("response-missing-rubric", deleter(("rubric",)), 1, "error:")
response_case("response-answers-list", setter(("answers",), ["full"]), 1, "error:")
response_case("response-answer-null", setter(("answers", "pub.owner"), None), 1, "expected an answer: a number",
              "null is not an answer; leave the question out instead")
response_case("response-answer-object-no-value", setter(("answers", "pub.owner"), {"note": "ask the DG"}), 0,
              "3 of 4 questions answered")
response_case("response-evidence-one-string", setter(("answers", "pub.plan", "evidence"), "file.pdf"), 0, "Overall:",
              "one piece of evidence may be given as a string")
response_case("response-evidence-number", setter(("answers", "pub.plan", "evidence"), 5), 1, "error:")
response_case("response-attribute-number", setter(("attributes", "region"), 5), 1, "error:")
for name, value, status, expect in [
    ("yesterday", "yesterday", 1, "\"yesterday\" is not an ISO 8601 date"),
    ("single-digit-month", "2026-9-15", 1, "is not an ISO 8601 date"),
    ("february-30", "2026-02-30", 1, "is not an ISO 8601 date"),
    ("not-leap", "2025-02-29", 1, "is not an ISO 8601 date"),
    ("hour-25", "2026-03-01T25:00:00Z", 1, "is not an ISO 8601 date"),
    ("bad-offset", "2026-03-01T10:00:00+5", 1, "is not an ISO 8601 date"),
    ("trailing-text", "2026-03-01 later", 1, "is not an ISO 8601 date"),
    ("empty", "", 1, "is not an ISO 8601 date"),
    ("arabic-digits", "٢٠٢٦-٠٣-٠١", 1, "is not an ISO 8601 date"),
    ("date", "2026-03-01", 0, "Overall:"),
    ("leap-day", "2024-02-29", 0, "Overall:"),
    ("utc", "2026-03-01T10:00:00Z", 0, "Overall:"),
    ("offset", "2026-03-01T10:00:00+05:00", 0, "Overall:"),
    ("fraction", "2026-03-01T10:00:00.125-04:00", 0, "Overall:"),
]:
    response_case(f"response-submitted-at-{name}", setter(("attributes", "submitted_at"), value), status, expect)
VALID_RESPONSE = dump(RESPONSE)
score("response-empty", "", 1, "the file is empty")
score("response-nul", VALID_RESPONSE.replace('"answers"', '"ans\x00wers"'), 1, "contains a NUL byte")
score("response-not-object", "42\n", 1, "error:")
score("response-nfc-nfd-attribute-keys",
      VALID_RESPONSE.replace('"region": "QC"', f'"r{NFC}gion": "QC", "r{NFD}gion": "ON"'), 1,
      "spelt twice in different Unicode normalisation forms", "one key to Swift, two to jansson before")
score("response-nfc-nfd-answer-ids",
      VALID_RESPONSE.replace('"answers": {', '"answers": {' + f'"pub.{NFC}": true, "pub.{NFD}": false, '), 1,
      "spelt twice in different Unicode normalisation forms")
for cut in range(1, len(VALID_RESPONSE.encode("utf-8")) - 2, 37):
    score(f"response-truncated-{cut:04d}", VALID_RESPONSE.encode("utf-8")[:cut], 1, "error:")
for path, value in leaves(RESPONSE):
    if path[0] == "answers" or path == ("id",) or path == ("organisation",):
        continue
    wrong = [value] if isinstance(value, str) else "x"
    response_case(f"response-wrong-type-{slug(path)}", setter(path, wrong), 1, "error:")
score("response-steps-negative", VALID_RESPONSE, 64, "--steps must be 0 or more", extra=("--steps", "-1"))
score("response-steps-text", VALID_RESPONSE, 64, "Error:", extra=("--steps", "many"))
score("response-format-pdf", VALID_RESPONSE, 64, "Error:", extra=("--format", "pdf"))
case("response-no-such-file", None, ["score", "--rubric", RUBRIC_ARG, f"{REL}/cases/does-not-exist.json"], 1,
     "no such file")
case("response-folder", None, ["score", "--rubric", RUBRIC_ARG, f"{REL}/cases"], 1, "this is a folder")
case("score-unknown-bundled-rubric", None, ["score", "--rubric", "no-such-rubric", f"{REL}/base/response.json"], 1,
     "no bundled rubric \"no-such-rubric\"; the bundled rubrics are data-governance")

# ---------------------------------------------------------------------------------------------------------------
# Response sets (NDJSON), aggregated by region.


def line(**changes):
    document = copy.deepcopy(RESPONSE)
    for key, value in changes.items():
        if key == "attributes":
            document["attributes"].update(value)
        else:
            document[key] = value
    return json.dumps(document, ensure_ascii=False)


def many(count=6, **changes):
    return [line(organisation=f"Ville {number}", **changes) for number in range(count)]


def aggregate(name, lines, status, expect, note="", extra=(), by="region"):
    content = "\n".join(lines) + ("\n" if lines else "")
    case(name, content, ["aggregate", "{case}", "--rubric", RUBRIC_ARG, "--by", by, "--out", "{out}.json", *extra],
         status, expect, note)


aggregate("ndjson-valid", many(), 0, "Read 6 lines: 6 responses from 6 organisations counted")
aggregate("ndjson-empty", [], 0, "Read 0 lines")
aggregate("ndjson-blank-lines", ["", "   "] + many() + [""], 0, "6 responses from 6 organisations")
aggregate("ndjson-bad-json-line", many(3) + ["{not json"] + many(2), 1, ":4:", "the line number of the bad line")
aggregate("ndjson-bad-json-line-skip", many(3) + ["{not json"] + many(3), 0, "Skipped 1 bad line",
          extra=("--on-error", "skip"))
aggregate("ndjson-missing-organisation", [line()] + [json.dumps({k: v for k, v in RESPONSE.items() if k != "organisation"})],
          1, "missing \"organisation\"")
aggregate("ndjson-missing-attribute", many(2) + [line(attributes={"region": None})], 1, "error:")
aggregate("ndjson-unknown-question", many(2) + [line(answers={"nope": True})], 1, "\"nope\" is not a question")
aggregate("ndjson-na-not-allowed", many(2) + [line(answers={"pub.owner": "na"})], 1, "does not allow \"not applicable\"")
aggregate("ndjson-other-rubric", many(2) + [line(rubric="digital-capacity")], 1, "not \"open-data-quickscan\"")
aggregate("ndjson-nul-line", many(2) + ["{\"organisation\": \"A\x00B\"}"], 1, ":3:", "a NUL byte in a line")
aggregate("ndjson-submitted-yesterday",
          many(2) + [line(organisation="Late", attributes={"submitted_at": "yesterday"})], 1,
          "\"yesterday\" is not an ISO 8601 date", extra=("--per-organisation", "latest"))
aggregate("ndjson-submitted-yesterday-all-mode",
          many(2) + [line(organisation="Late", attributes={"submitted_at": "yesterday"})], 1,
          "is not an ISO 8601 date")
aggregate("ndjson-not-utf8", [line()] + ["{\"organisation\": \"\xff\"}"], 1, "error:")
aggregate("ndjson-nfc-nfd-attribute-keys",
          many(2) + [line().replace('"region": "QC"', f'"r{NFC}gion": "QC", "r{NFD}gion": "ON"')], 1,
          "spelt twice in different Unicode normalisation forms", "a line landed in different groups by path")
aggregate("ndjson-nfd-region-key-by-nfc", [line().replace('"region": "QC"', f'"r{NFD}gion": "QC"')] * 6, 0,
          "6 responses from 1 organisations", "NFD key found by an NFC --by on every path", by=f"r{NFC}gion")
aggregate("ndjson-array-line", many(2) + ["[1, 2]"], 1, ":3:")
aggregate("ndjson-threads-zero", many(), 64, "Error:", extra=("--threads", "0"))
aggregate("ndjson-threads-negative", many(), 64, "Error:", extra=("--threads", "-1"))
aggregate("ndjson-threads-huge", many(), 64, "Error:", extra=("--threads", "100000"))
aggregate("ndjson-on-error-ignore", many(), 64, "Error:", extra=("--on-error", "ignore"))
aggregate("ndjson-out-txt", many(), 64, "Error:", extra=("--out", "summary.txt"))
# Rounds: every order of these gives one summary; numbers before text.
ROUND_LINES = [line(organisation="Org", attributes={"round": value}) for value in ["NaN", "1", "9", "10", "10a", "inf"]]
aggregate("ndjson-rounds-nan-and-numbers", ROUND_LINES, 0, "1 responses from 1 organisations",
          "rounds NaN, 1, 9, 10, 10a, inf: one organisation, its latest round counts",
          extra=("--per-organisation", "latest"))
aggregate("ndjson-rounds-reversed", list(reversed(ROUND_LINES)), 0, "1 responses from 1 organisations",
          extra=("--per-organisation", "latest"))
aggregate("ndjson-submitted-offsets",
          [line(organisation="Org", attributes={"submitted_at": "2026-03-01T10:00:00+05:00"}),
           line(organisation="Org", attributes={"submitted_at": "2026-03-01T09:00:00Z"})], 0,
          "1 responses from 1 organisations", "09:00Z is the later instant", extra=("--per-organisation", "latest"))
for index in range(12):
    # One answer at a time made wrong in the middle of a valid set: always the third line.
    qid, bad = [("pub.owner", "maybe"), ("pub.plan", "sideways"), ("pub.portal", 3), ("lic.open", -5),
                ("pub.owner", None), ("pub.plan", ["full"]), ("pub.portal", {"note": 1}), ("lic.open", "60"),
                ("pub.owner", 1.5), ("pub.plan", True), ("pub.portal", "na-ish"), ("lic.open", 1e400)][index]
    answers = dict(RESPONSE["answers"])
    answers[qid] = bad
    bad_line = json.dumps({**RESPONSE, "answers": answers}).replace("Infinity", "1e400")
    aggregate(f"ndjson-bad-answer-{index:02d}", many(2) + [bad_line] + many(2), 1, ":3:")
# Policies.
def policy(name, value, status, expect, note=""):
    content = value if isinstance(value, str) else dump(value)
    case(name, content, ["aggregate", f"{REL}/base/responses.ndjson", "--rubric", RUBRIC_ARG, "--by", "region",
                         "--out", "{out}.json", "--policy", "{case}"], status, expect, note)


policy("policy-valid", {"minimum_organisations": 5}, 0, "Wrote")
policy("policy-decimals-negative", {"score_decimals": -1}, 1, "score_decimals is -1; it must be from 0 to 6")
policy("policy-decimals-huge", {"score_decimals": 9223372036854775807}, 1, "score_decimals")
policy("policy-minimum-two", {"minimum_organisations": 2}, 1, "minimum_organisations is 2; it may not be below 3")
policy("policy-small-groups-drop", {"small_groups": "drop"}, 1, "\"drop\" is not one of the values accepted here")
policy("policy-gap-limit-negative", {"gap_limit": -1}, 1, "gap_limit may not be negative")
policy("policy-not-object", "[]\n", 1, "error:")
policy("policy-empty", "", 1, "the file is empty")
policy("policy-string-number", {"minimum_organisations": "5"}, 1, "error:")
policy("policy-unknown-key", {"minimum_organsiations": 3}, 0, "unknown key \"minimum_organsiations\"")
# Key files.
def keyfile(name, content, status, expect):
    case(name, content, ["aggregate", f"{REL}/base/responses.ndjson", "--rubric", RUBRIC_ARG, "--by", "region",
                         "--out", "{out}.json", "--key-file", "{case}"], status, expect)


keyfile("key-empty", "", 1, "error:")
keyfile("key-short", "abc\n", 1, "it must be at least 32 random bytes")
keyfile("key-typed", "programme2026!!!programme2026!!!\n", 1, "printable text")
keyfile("key-good", "".join(f"{(i * 37 + 11) % 256:02x}" for i in range(32)) + "\n", 0, "Wrote")
case("key-missing", None, ["aggregate", f"{REL}/base/responses.ndjson", "--rubric", RUBRIC_ARG, "--by", "region",
                           "--out", "{out}.json", "--key-file", f"{REL}/cases/no-key"], 1, "cannot be read")

# ---------------------------------------------------------------------------------------------------------------
# Sessions, reported against the base rubric.


def session_case(name, mutate, status, expect, note="", rubric=True):
    document = copy.deepcopy(SESSION)
    mutate(document)
    args = ["report", "{case}", "--format", "json"] + (["--rubric", RUBRIC_ARG] if rubric else [])
    case(name, dump(document), args, status, expect, note)


session_case("session-valid", lambda d: None, 0, "\"overall\"")
session_case("session-elapsed-1e300", setter(("elapsed_seconds",), 1e300), 1, "the time spent must be from 0",
             "stopped resume with a Double-to-Int trap")
session_case("session-elapsed-minus-1e300", setter(("elapsed_seconds",), -1e300), 1, "the time spent must be from 0")
session_case("session-elapsed-negative", setter(("elapsed_seconds",), -1), 1, "the time spent must be from 0")
session_case("session-format-2", setter(("format",), 2), 1, "this session file has format 2")
session_case("session-planned-negative", setter(("planned_minutes",), -5), 1, "found -5")
session_case("session-planned-zero", setter(("planned_minutes",), 0), 1, "a session is planned to last from 1")
session_case("session-planned-huge", setter(("planned_minutes",), 10 ** 12), 1, "a session is planned to last")
session_case("session-unknown-question", setter(("answers", "nope"), {"value": "full"}), 1,
             "\"nope\" is not a question of rubric", "was reported as unanswered with exit 0")
session_case("session-missing-option", setter(("answers", "pub.plan"), {"value": "sideways"}), 1,
             "\"sideways\" is not an option of this question")
session_case("session-na-not-allowed", setter(("answers", "pub.owner"), {"value": "na"}), 1,
             "does not allow \"not applicable\"")
session_case("session-started-yesterday", setter(("started_at",), "yesterday"), 1, "is not an ISO 8601 date and time")
session_case("session-updated-bad", setter(("updated_at",), "2026-13-01T00:00:00Z"), 1, "is not an ISO 8601")
session_case("session-rubric-path-etc-passwd",
             lambda d: (d.__setitem__("rubric", "local-rubric"), d.__setitem__("rubric_path", "/etc/passwd")), 1,
             "\"local-rubric\" is not a bundled rubric", "the path was opened and its first token printed",
             rubric=False)
session_case("session-rubric-path-proc-environ",
             lambda d: (d.__setitem__("rubric", "x"), d.__setitem__("rubric_path", "/proc/self/environ")), 1,
             "pass it again with --rubric", rubric=False)
session_case("session-rubric-id-path", setter(("rubric",), "/etc/passwd"), 1, "is not a bundled rubric", rubric=False)
session_case("session-rubric-id-relative-path", setter(("rubric",), "../../Rubrics/digital-capacity"), 1,
             "is not a bundled rubric", rubric=False)
session_case("session-other-rubric", setter(("rubric",), "digital-capacity"), 1,
             "the session is for rubric \"digital-capacity\", not \"open-data-quickscan\"")
session_case("session-answers-list", setter(("answers",), []), 1, "error:")
session_case("session-audit-field-colour", setter(("audit",), [{"question": "pub.owner", "field": "colour",
                                                                  "at": "2026-03-01T10:00:00Z"}]), 1,
             "\"colour\" is not accepted here; expected one of \"value\", \"note\", \"evidence\"")
session_case("session-missing-started", deleter(("started_at",)), 1, "error:")
session_case("session-missing-organisation", deleter(("organisation",)), 1, "error:")
session_case("session-steps-negative", lambda d: None, 64, "--steps must be 0 or more")
manifest[-1]["args"] += ["--steps", "-1"]
case("session-empty", "", ["report", "{case}", "--rubric", RUBRIC_ARG], 1, "the file is empty")
case("session-nul", dump(SESSION).replace('"answers"', '"ans\x00wers"'), ["report", "{case}", "--rubric", RUBRIC_ARG],
     1, "contains a NUL byte")
for cut in range(1, len(dump(SESSION).encode("utf-8")) - 2, 97):
    case(f"session-truncated-{cut:04d}", dump(SESSION).encode("utf-8")[:cut],
         ["report", "{case}", "--rubric", RUBRIC_ARG, "--format", "json"], 1, "error:")
for key in ["format", "planned_minutes", "elapsed_seconds", "started_at", "question_ids", "skipped"]:
    session_case(f"session-wrong-type-{key}", setter((key,), {"x": 1}), 1, "error:")
# Resuming a session with bad values stops with the same located error, before asking anything.
for name, mutate, expect in [("elapsed", setter(("elapsed_seconds",), 1e300), "the time spent must be from 0"),
                             ("unknown-question", setter(("answers", "nope"), {"value": "full"}),
                              "\"nope\" is not a question")]:
    document = copy.deepcopy(SESSION)
    mutate(document)
    case(f"session-resume-{name}", dump(document), ["session", "resume", "{case}", "--rubric", RUBRIC_ARG], 1, expect)
case("session-start-minutes-negative", None,
     ["session", "start", "--rubric", RUBRIC_ARG, "--org", "X", "--file", "{out}.session.json", "--minutes", "-5"], 64,
     "--minutes must be from 1 to 1440")

# ---------------------------------------------------------------------------------------------------------------
# Summaries, compared against.


def summary_case(name, mutate, status, expect, note="", rubric=True):
    document = copy.deepcopy(SUMMARY)
    mutate(document)
    args = ["compare", f"{REL}/base/response.json", "--against", "{case}"] + (["--rubric", RUBRIC_ARG] if rubric else [])
    case(name, dump(document), args, status, expect, note)


def group_scope(key, value, group=0, scope=0):
    return setter(("groups", group, "scopes", scope, key), value)


summary_case("summary-valid", lambda d: None, 0, "Compared with:")
summary_case("summary-decimals-negative", setter(("policy", "score_decimals"), -1), 1,
             "score_decimals is -1; it must be from 0 to 6", "crashed: Range requires lowerBound <= upperBound")
summary_case("summary-decimals-huge", setter(("policy", "score_decimals"), 9223372036854775807), 1, "score_decimals",
             "hung multiplying by ten that many times")
summary_case("summary-decimals-400", setter(("policy", "score_decimals"), 400), 1, "score_decimals is 400",
             "printed nan with percentile 75")
summary_case("summary-minimum-lowered", setter(("policy", "minimum_organisations"), 1), 1,
             "minimum_organisations is 1", "a lowered policy showed a group of 2")
summary_case("summary-organisations-int-min", setter(("groups", 0, "organisations"), -9223372036854775808), 1,
             "a count may not be negative", "crashed: arithmetic overflow in PeerComparison")
summary_case("summary-organisations-negative", setter(("groups", 0, "organisations"), -3), 1,
             "a count may not be negative")
summary_case("summary-responses-negative", setter(("groups", 0, "responses"), -1), 1, "a count may not be negative")
summary_case("summary-totals-negative", setter(("totals", "organisations"), -1), 1, "(at totals.organisations)")
summary_case("summary-scope-count-negative", group_scope("count", -1), 1, "a count may not be negative")
summary_case("summary-quartiles-reversed", lambda d: (group_scope("q1", 90)(d), group_scope("q3", 10)(d)), 1,
             "the first quartile (90) is above the median")
summary_case("summary-q3-below-median", group_scope("q3", 0), 1, "is below the median")
summary_case("summary-median-above-100", group_scope("median", 150), 1, "a score must lie between 0 and 100")
summary_case("summary-mean-negative", group_scope("mean", -1), 1, "a score must lie between 0 and 100")
summary_case("summary-mean-1e308", group_scope("mean", 1e308), 1, "a score must lie between 0 and 100")
summary_case("summary-q1-without-q3", lambda d: d["groups"][0]["scopes"][0].pop("q3"), 1, "quartiles come in pairs")
summary_case("summary-extra-scope", lambda d: d["scopes"].insert(0, {"id": "extra", "name": "Extra"}), 1,
             "are not the rubric's dimensions and overall", "every row shifted by one")
summary_case("summary-scope-unknown-in-group", group_scope("scope", "nope"), 1,
             "\"nope\" is not one of the summary's scopes")
summary_case("summary-scope-twice", lambda d: d["groups"][0]["scopes"].append(d["groups"][0]["scopes"][0]), 1,
             "is given twice in this group")
summary_case("summary-no-overall-scope", lambda d: d["scopes"].pop(), 1, "the last scope must be \"overall\"")
summary_case("summary-level-unknown", lambda d: d["levels"].append({"id": "expert", "name": "Expert"}), 1,
             "the summary's levels")
summary_case("summary-other-rubric", setter(("rubric", "id"), "digital-capacity"), 1,
             "the summary is for rubric \"digital-capacity\", not \"open-data-quickscan\"",
             "only a warning before, then one rubric's names beside the other's scores")
summary_case("summary-other-version", setter(("rubric", "version"), "2.0.0"), 1,
             "the summary is for version 2.0.0 of open-data-quickscan")
summary_case("summary-format-other", setter(("format",), "something-else/9"), 1,
             "this is not an Assay comparison summary")
summary_case("summary-format-number", setter(("format",), 1), 1, "this is not an Assay comparison summary")
summary_case("summary-rubric-id-etc-passwd", setter(("rubric", "id"), "/etc/passwd"), 1,
             "\"/etc/passwd\" is not a bundled rubric", "opened /etc/passwd and printed its first token",
             rubric=False)
summary_case("summary-rubric-id-proc-environ", setter(("rubric", "id"), "/proc/self/environ"), 1,
             "is not a bundled rubric", "would have printed a secret from the environment", rubric=False)
summary_case("summary-rubric-id-relative", setter(("rubric", "id"), "Rubrics/digital-capacity.json"), 1,
             "is not a bundled rubric", rubric=False)
summary_case("summary-rubric-id-unbundled", lambda d: None, 1,
             "\"open-data-quickscan\" is not a bundled rubric", "names the summary, not the command line",
             rubric=False)
summary_case("summary-gap-percent-200", lambda d: d["groups"][0]["gaps"].append(
    {"question": "pub.owner", "prompt": "x", "percent": 200}), 1, "a share must lie between 0 and 100")
summary_case("summary-level-count-negative", lambda d: d["groups"][0]["scopes"][0].__setitem__(
    "levels", [{"level": "initial", "count": -1}]), 1, "a count may not be negative")
for key in ["policy", "scopes", "levels", "totals", "overall", "groups", "group_by"]:
    summary_case(f"summary-wrong-type-{key}", setter((key,), "x"), 1, "error:")
case("summary-empty", "", ["compare", f"{REL}/base/response.json", "--against", "{case}", "--rubric", RUBRIC_ARG], 1,
     "the file is empty")
for cut in range(1, len(dump(SUMMARY).encode("utf-8")) - 2, 211):
    case(f"summary-truncated-{cut:05d}", dump(SUMMARY).encode("utf-8")[:cut],
         ["compare", f"{REL}/base/response.json", "--against", "{case}", "--rubric", RUBRIC_ARG], 1, "error:")
# report --against reads summaries the same way.
document = copy.deepcopy(SUMMARY)
document["policy"]["score_decimals"] = -1
case("report-against-decimals-negative", dump(document),
     ["report", f"{REL}/base/session.json", "--rubric", RUBRIC_ARG, "--against", "{case}"], 1,
     "score_decimals is -1")
document = copy.deepcopy(SUMMARY)
document["scopes"].insert(0, {"id": "extra", "name": "Extra"})
case("report-against-extra-scope", dump(document),
     ["report", f"{REL}/base/session.json", "--rubric", RUBRIC_ARG, "--against", "{case}"], 1,
     "are not the rubric's dimensions")

# ---------------------------------------------------------------------------------------------------------------
# Two views of one organisation: agree, reconcile, a session started from a self-assessment, and the programme's
# self-minus-confirmed aggregate over a folder of pairs.

BASE_RESPONSE = f"{REL}/base/response.json"
BASE_SESSION = f"{REL}/base/session.json"


def view(**changes):
    document = copy.deepcopy(RESPONSE)
    document["id"] = "lac-vert-2026-self"
    for key, value in changes.items():
        document[key] = value
    return document


def deep(levels):
    return "[" * levels + "]" * levels


VIEW_CASES = [
    ("other-rubric", dump(view(rubric="digital-capacity")),
     "the response is for rubric \"digital-capacity\", not \"open-data-quickscan\""),
    ("other-version", dump(view(rubric_version="9.0.0")), "a response document cannot be brought onto another version"),
    ("invalid-answer", dump(view(answers={"pub.plan": "sideways"})), "\"sideways\" is not an option of this question"),
    ("unknown-question", dump(view(answers={"nope": "largely"})), "\"nope\" is not a question"),
    ("deep-json", dump(view()).replace('"lic.open": 60', '"lic.open": ' + deep(200)), "nested more than"),
    ("answers-list", dump(view(answers=[])), "error:"),
    ("truncated", dump(view())[:120], "error:"),
    ("empty", "", "the file is empty"),
]
for name, content, expect in VIEW_CASES:
    case(f"agree-{name}", content, ["agree", BASE_RESPONSE, "{case}", "--rubric", RUBRIC_ARG], 1, expect)
    case(f"reconcile-{name}", content,
         ["reconcile", BASE_RESPONSE, "{case}", "--rubric", RUBRIC_ARG, "--out", "{out}.session.json"], 1, expect)
# Two organisations' views are compared with a warning: a facilitator may have spelled the name another way.
case("agree-other-organisation", dump(view(organisation="Ville de Lac-Rouge")),
     ["agree", BASE_RESPONSE, "{case}", "--rubric", RUBRIC_ARG], 0, "warning: the views name 2 organisations")
case("agree-duplicate-view", None, ["agree", BASE_RESPONSE, BASE_RESPONSE, "--rubric", RUBRIC_ARG], 1,
     "this file is given twice", "a file compared with itself reported perfect agreement")
case("agree-duplicate-view-spelled-twice", None,
     ["agree", BASE_RESPONSE, f"{REL}/base/../base/response.json", "--rubric", RUBRIC_ARG], 1, "this file is given twice")
case("reconcile-duplicate-view", None,
     ["reconcile", BASE_RESPONSE, BASE_RESPONSE, "--rubric", RUBRIC_ARG, "--out", "{out}.session.json"], 1,
     "this file is given twice", "wrote a consensus with nothing to reconcile")
case("agree-one-view", None, ["agree", BASE_RESPONSE, "--rubric", RUBRIC_ARG], 64, "give at least two views")
# A note of 100 000 characters is an answer's note like any other: compared, never echoed whole.
huge = view()
huge["answers"]["pub.plan"] = {"value": "partial", "note": "n" * 100_000}
case("agree-huge-note", dump(huge), ["agree", BASE_RESPONSE, "{case}", "--rubric", RUBRIC_ARG], 0, "Agreement of 2 views")
case("session-from-other-rubric", dump(view(rubric="digital-capacity")),
     ["session", "start", "--rubric", RUBRIC_ARG, "--from", "{case}", "--file", "{out}.session.json"], 1,
     "the response is for rubric \"digital-capacity\", not \"open-data-quickscan\"")
case("session-from-other-version", dump(view(rubric_version="9.0.0")),
     ["session", "start", "--rubric", RUBRIC_ARG, "--from", "{case}", "--file", "{out}.session.json"], 0,
     "warning: the answers were given against version 9.0.0",
     "accepted with a warning: the facilitator confirms or changes every self-reported answer in the session")
case("session-from-invalid-answer", dump(view(answers={"pub.plan": "sideways"})),
     ["session", "start", "--rubric", RUBRIC_ARG, "--from", "{case}", "--file", "{out}.session.json"], 1,
     "\"sideways\" is not an option of this question")


def paired_folder(name, files, status, expect, note="", extra=()):
    """A folder case of self-assessments and sessions, aggregated with --self-vs-confirmed."""
    if any(entry["name"] == name for entry in manifest):
        raise SystemExit(f"duplicate case {name}")
    folder = os.path.join(CASES, name)
    os.makedirs(folder)
    for file, content in files.items():
        with open(os.path.join(folder, file), "w", encoding="utf-8") as handle:
            handle.write(content)
    case(name, None, ["aggregate", f"{REL}/cases/{name}", "--rubric", RUBRIC_ARG, "--by", "region",
                      "--out", "{out}.json", "--self-vs-confirmed", *extra], status, expect, note)


def pair(number, **changes):
    own = copy.deepcopy(RESPONSE)
    own["organisation"] = f"Ville {number}"
    own["answers"]["pub.plan"] = "full"
    confirmed = copy.deepcopy(SESSION)
    confirmed["organisation"] = f"Ville {number}"
    for key, value in changes.items():
        confirmed[key] = value
    return {f"ville-{number}.self.json": dump(own), f"ville-{number}.session.json": dump(confirmed)}


def pairs(count, **changes):
    files = {}
    for number in range(count):
        files.update(pair(number, **changes))
    return files


paired_folder("paired-valid", pairs(5), 0, "5 organisations with a self-assessment and a confirmed session")
unpaired = pairs(5)
unpaired["ville-9.self.json"] = dump(view(organisation="Ville 9"))
paired_folder("paired-unpaired-self", unpaired, 0, "1 with a self-assessment only",
              "an unpaired organisation is counted for the analyst and in no figure")
duplicated = pairs(5)
duplicated["ville-0.again.json"] = duplicated["ville-0.self.json"]
paired_folder("paired-duplicate-self", duplicated, 1, "a second self-assessment of \"Ville 0\"")
duplicated = pairs(5)
duplicated["ville-0.again.session.json"] = duplicated["ville-0.session.json"]
paired_folder("paired-duplicate-session", duplicated, 1, "a second confirmed session of \"Ville 0\"")
moved = pairs(5)
moved["ville-0.session.json"] = dump({**json.loads(moved["ville-0.session.json"]), "attributes": {"region": "ON"}})
paired_folder("paired-other-group", moved, 1, "the peer group must be the same for both views")
bad = pairs(5)
bad["ville-0.self.json"] = dump(view(organisation="Ville 0", answers={"pub.plan": "sideways"}))
paired_folder("paired-invalid-answer", bad, 1, "\"sideways\" is not an option of this question")
other = pairs(5)
other["ville-0.self.json"] = dump(view(organisation="Ville 0", rubric="digital-capacity"))
paired_folder("paired-other-rubric", other, 1, "not \"open-data-quickscan\"")
nameless = pairs(5)
nameless["ville-0.self.json"] = dump({k: v for k, v in view().items() if k != "organisation"})
paired_folder("paired-no-organisation", nameless, 1, "missing \"organisation\"")
paired_folder("paired-epsilon", pairs(5), 64, "--self-vs-confirmed releases exact figures only",
              extra=("--epsilon", "1"))
# The flags that go with --self-vs-confirmed, over the valid folder: each refused before anything is read or
# written, or accepted as the plain aggregate accepts it.
def paired_flags(name, extra, status, expect, out="{out}.html", note=""):
    case(name, None, ["aggregate", f"{REL}/cases/paired-valid", "--rubric", RUBRIC_ARG, "--by", "region",
                      "--out", out, "--self-vs-confirmed", *extra], status, expect, note)


paired_flags("paired-lang-unknown", ("--lang", "xx"), 64, "--lang must be en, fr or es, not \"xx\"")
paired_flags("paired-lang-empty", ("--lang", ""), 64, "--lang must be en, fr or es")
paired_flags("paired-lang-csv", ("--lang", "fr"), 64, "--lang shapes the difference page: give --out a .html file",
             out="{out}.csv", note="the CSV and JSON are data, in English, as the plain aggregate's are")
paired_flags("paired-lang-json", ("--lang", "es"), 64, "--lang shapes the difference page", out="{out}.json")
paired_flags("paired-lang-french", ("--lang", "fr"), 0, "5 organisations with a self-assessment and a confirmed session")
paired_flags("paired-lang-region", ("--lang", "fr-CA"), 0, "5 organisations with a self-assessment",
             note="a region of a language Assay has reads that language")
paired_flags("paired-focus", ("--focus", "QC"), 64, "leave out --focus")
paired_flags("paired-on-error-skip", ("--on-error", "skip"), 64, "leave out --on-error skip",
             note="a file left out would unpair its organisation without a word")
paired_flags("paired-per-organisation", ("--per-organisation", "latest"), 64, "leave out --per-organisation")
paired_flags("paired-no-ledger-and-ledger", ("--no-ledger", "--ledger", "{out}.ledger.sqlite"), 64,
             "--no-ledger and --ledger cannot both be given")
paired_flags("paired-docx", ("--lang", "fr"), 64, "writes a .json, .csv or .html file, not a Word document",
             out="{out}.docx")
case("paired-not-a-folder", None, ["aggregate", BASE_RESPONSE, "--rubric", RUBRIC_ARG, "--by", "region",
                                   "--out", "{out}.json", "--self-vs-confirmed"], 1, "this is not a folder")


with open(os.path.join(CORPUS, "manifest.json"), "w", encoding="utf-8") as handle:
    json.dump(manifest, handle, indent=1, ensure_ascii=False)
    handle.write("\n")
print(f"{len(manifest)} cases")
