#!/usr/bin/env python3
"""Checks Assay's JSON documents against the JSON Schemas in Rubrics/schema/.

    Scripts/check-schemas.py            # every bundled rubric, example response and valid fixture
    Scripts/check-schemas.py FILE...    # just these files (a name containing "response" is a response, one
                                        # containing "explanation" an explanation as Scorer.explain writes it)

Checked by default:
  Rubrics/*.json                                  against Rubrics/schema/rubric.schema.json
  Rubrics/examples/*.json                         against Rubrics/schema/response.schema.json
  Tests/AssayJSONTests/Fixtures/valid/*.json      by name: *response* -> response, *rubric* -> rubric

Prints `ok FILE` for each file that conforms, and each problem with its JSON path for those that do not.
Exits 1 when any file fails (or cannot be read), 0 otherwise.

The schemas check structure: keys, types, required fields, ranges. Assay itself checks more (references between
ids, unique ids, score bands covering 0-100, translations, answers fitting their questions); use
`assay rubric validate` for that.

Needs the `jsonschema` package (4.x): `python3 -m pip install jsonschema`.
"""

import json
import re
import sys
from pathlib import Path

try:
    import jsonschema
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import best_match
except ImportError:
    print(
        "check-schemas: the Python package `jsonschema` (4.x, with JSON Schema draft 2020-12) is not installed.\n"
        "Install it with `python3 -m pip install jsonschema` (or your system's python3-jsonschema package) "
        "and run this again.",
        file=sys.stderr,
    )
    sys.exit(1)

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = ROOT / "Rubrics" / "schema"
SCHEMA_FILES = {
    "rubric": SCHEMA_DIR / "rubric.schema.json",
    "response": SCHEMA_DIR / "response.schema.json",
    "explanation": SCHEMA_DIR / "explanation.schema.json",
}


def relative(path):
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def load_json(path):
    """The parsed document, or raises ValueError with a readable message.

    Stricter than Python's `json` module, as Assay is: duplicate keys, `NaN`/`Infinity` and numbers too large
    for a double are errors.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ValueError(f"cannot read: {error}")
    issues = []

    def pairs(members):
        seen = set()
        for key, _ in members:
            if key in seen:
                issues.append(f"duplicate key {json.dumps(key)}")
            seen.add(key)
        return dict(members)

    def constant(name):
        issues.append(f"{name} is not valid JSON")
        return None

    def number(literal):
        value = float(literal)
        if value in (float("inf"), float("-inf")):
            issues.append(f"{literal} is too large for a number")
            return None
        return value

    try:
        document = json.loads(text, object_pairs_hook=pairs, parse_constant=constant, parse_float=number)
    except json.JSONDecodeError as error:
        raise ValueError(f"not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}")
    if issues:
        raise ValueError("; ".join(issues))
    return document


def load_validators():
    validators = {}
    for kind, path in SCHEMA_FILES.items():
        schema = load_json(path)
        Draft202012Validator.check_schema(schema)
        validators[kind] = Draft202012Validator(schema)
    return validators


def preview(value, limit=60):
    """A short JSON rendering of `value` for messages."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def path_of(error, *extra):
    """The JSONPath of an error's instance, with `extra` keys appended."""
    path = error.json_path
    for key in extra:
        path += f".{key}" if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key) else f"[{json.dumps(key)}]"
    return path


def first_required(schema):
    required = schema.get("required") if isinstance(schema, dict) else None
    return required[0] if required else None


def implausible(error):
    """Whether an error inside one alternative of a oneOf/anyOf shows the document did not mean that alternative.

    An alternative is ruled out when the value has the wrong JSON type, when a discriminating `const` (such as an
    answer format's `type`) does not match, or when the key that names the alternative (its first required key,
    such as a condition's `all`) is missing.
    """
    depth = len(error.relative_path)
    if error.validator == "type" and depth == 0:
        return True
    if error.validator == "const" and depth <= 1:
        return True
    if error.validator == "required" and depth == 0:
        key = first_required(error.schema)
        return key is not None and isinstance(error.instance, dict) and key not in error.instance
    if error.validator in ("anyOf", "oneOf") and depth == 0 and error.context:
        return all(sub.validator == "type" and len(sub.relative_path) == 0 for sub in error.context)
    return False


def only_required_alternatives(branches):
    """The keys, when every alternative is just `{"required": [key]}` (exactly one of these keys)."""
    keys = []
    for branch in branches:
        if not isinstance(branch, dict) or set(branch) != {"required"} or len(branch["required"]) != 1:
            return None
        keys.append(branch["required"][0])
    return keys


def describe(error):
    """(path, message, is_fallback) triples for one validation error, drilling into oneOf/anyOf."""
    validator = error.validator
    instance = error.instance
    schema = error.schema if isinstance(error.schema, dict) else {}

    if "propertyNames" in error.schema_path and isinstance(instance, str):
        # An error about an object's key: jsonschema reports the key as the instance, at the object's path.
        if instance.startswith("$"):
            reason = "in this map every key is an entry, so keys starting with \"$\" are not ignored here"
        elif validator == "pattern":
            reason = "expected a language tag such as en, fr or fr-CA"
        else:
            reason = "not a valid key here"
        return [(path_of(error, instance), f"the key {json.dumps(instance)} is not allowed: {reason}", False)]

    if validator in ("oneOf", "anyOf"):
        branches = error.validator_value
        keys = only_required_alternatives(branches)
        if not error.context:  # oneOf matched more than one alternative
            if keys:
                present = [key for key in keys if isinstance(instance, dict) and key in instance]
                return [(path_of(error), f"has more than one of {', '.join(present)}; keep exactly one", False)]
            return [(path_of(error), "matches more than one alternative; the document is ambiguous", False)]
        if keys:
            return [(path_of(error), f"needs one of {', '.join(keys)}", False)]
        grouped = {}
        for sub in error.context:
            grouped.setdefault(sub.relative_schema_path[0], []).append(sub)
        plausible = [subs for subs in grouped.values() if not any(implausible(sub) for sub in subs)]
        if len(plausible) == 1:
            found = []
            for sub in plausible[0]:
                found.extend(describe(sub))
            return found
        title = schema.get("title")
        what = f"a valid {title.lower()}" if title else "valid here"
        if plausible:
            best = best_match([sub for subs in plausible for sub in subs])
            if best is not None:
                return [(path_of(error), f"{preview(instance)} is not {what}", True)] + describe(best)
        return [(path_of(error), f"{preview(instance)} is not {what}", True)]

    if validator == "additionalProperties" and isinstance(instance, dict):
        known = list(schema.get("properties", {}))
        patterns = list(schema.get("patternProperties", {}))
        found = []
        for key in instance:
            if key in known or any(re.search(pattern, key) for pattern in patterns):
                continue
            expected = f"; expected one of {', '.join(known)}" if known else ""
            found.append((path_of(error, key), f"unknown key {json.dumps(key)}{expected}", False))
        return found or [(path_of(error), error.message, False)]
    if validator == "required":
        missing = [key for key in error.validator_value if isinstance(instance, dict) and key not in instance]
        return [(path_of(error), f"missing required key {', '.join(json.dumps(key) for key in missing)}", False)]
    if validator == "type":
        expected = error.validator_value
        expected = " or ".join(expected) if isinstance(expected, list) else expected
        return [(path_of(error), f"expected {expected}, found {preview(instance)}", False)]
    if validator == "enum":
        options = ", ".join(json.dumps(option) for option in error.validator_value)
        return [(path_of(error), f"{preview(instance)} is not one of {options}", False)]
    if validator == "const":
        return [(path_of(error), f"expected {json.dumps(error.validator_value)}, found {preview(instance)}", False)]
    if validator == "not":
        forbidden = error.validator_value if isinstance(error.validator_value, dict) else {}
        if "enum" in forbidden:
            return [(path_of(error), f"{preview(instance)} is reserved and cannot be used here", False)]
        return [(path_of(error), f"{preview(instance)} is not allowed here", False)]
    if validator == "pattern":
        return [(path_of(error), f"{preview(instance)} does not match the pattern {error.validator_value}", False)]
    if validator in ("minLength", "minItems", "minProperties"):
        if error.validator_value == 1:
            return [(path_of(error), f"{preview(instance)} must not be empty", False)]
        unit = {"minLength": "characters", "minItems": "items", "minProperties": "keys"}[validator]
        return [(path_of(error), f"needs at least {error.validator_value} {unit}, found {preview(instance)}", False)]
    if validator in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        relation = {"minimum": "at least", "maximum": "at most", "exclusiveMinimum": "greater than",
                    "exclusiveMaximum": "less than"}[validator]
        return [(path_of(error), f"must be {relation} {preview(error.validator_value)}, found {preview(instance)}", False)]
    if validator == "uniqueItems":
        return [(path_of(error), f"{preview(instance)} has an item twice", False)]
    if validator == "dependentRequired":
        return [(path_of(error), error.message.replace("'", '"'), False)]
    message = error.message
    return [(path_of(error), message if len(message) <= 200 else message[:199] + "…", False)]


def problems(validator, document):
    found = []
    for error in validator.iter_errors(document):
        found.extend(describe(error))
    # A fallback ("is not a valid …") adds nothing when a precise error sits at the same place or below.
    precise = [path for path, _, fallback in found if not fallback]
    kept = []
    for path, message, fallback in found:
        if fallback and any(other == path or other.startswith(path + ".") or other.startswith(path + "[") for other in precise):
            continue
        if (path, message) not in kept:
            kept.append((path, message))
    kept.sort(key=lambda item: item[0])
    return kept


def kind_from_name(path):
    name = path.name.lower()
    if "explanation" in name:
        return "explanation"
    if "response" in name or name.endswith(".example.json"):
        return "response"
    if "rubric" in name:
        return "rubric"
    return None


def default_targets():
    targets = [(path, "rubric") for path in sorted((ROOT / "Rubrics").glob("*.json"))]
    targets += [(path, "response") for path in sorted((ROOT / "Rubrics" / "examples").glob("*.json"))]
    for path in sorted((ROOT / "Tests" / "AssayJSONTests" / "Fixtures" / "valid").glob("*.json")):
        kind = kind_from_name(path)
        if kind is None:
            print(f"skip {relative(path)}: the name says neither rubric nor response", file=sys.stderr)
            continue
        targets.append((path, kind))
    return targets


def main(arguments):
    if any(argument in ("-h", "--help") for argument in arguments):
        print(__doc__.strip())
        return 0
    try:
        validators = load_validators()
    except (ValueError, jsonschema.exceptions.SchemaError) as error:
        print(f"check-schemas: a schema in {relative(SCHEMA_DIR)} is broken: {error}", file=sys.stderr)
        return 1

    if arguments:
        targets = []
        for argument in arguments:
            path = Path(argument)
            targets.append((path, kind_from_name(path) or "rubric"))
    else:
        targets = default_targets()

    failures = 0
    for path, kind in targets:
        name = relative(path)
        try:
            document = load_json(path)
        except ValueError as error:
            print(f"FAIL {name} ({kind}): {error}")
            failures += 1
            continue
        found = problems(validators[kind], document)
        if not found:
            print(f"ok {name} ({kind})")
            continue
        failures += 1
        note = " (an empty placeholder)" if document == {} else ""
        print(f"FAIL {name} ({kind}){note}: {len(found)} problem{'s' if len(found) != 1 else ''}")
        for location, message in found:
            print(f"  {location}: {message}")

    print(f"{len(targets) - failures} ok, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
