#!/usr/bin/env python3
"""Writes a variant of a rubric whose conditions and a gate compare a number and a text's words, the shapes no
bundled rubric has: a numeric question ("how many people work on IT", four bands) is added at the start of the
first dimension; the first question asked after it in each dimension is asked only from 2 people on; one is asked
only when the rubric's first text question names no context (equals ""); and the second level is gated on at most
40 people. Aggregating a set generated for the variant measures the plan on number and word tests.

    python3 with-value-tests.py Rubrics/digital-capacity.json --out /tmp/assay-bench/dc-values.json
"""
import argparse
import json

parser = argparse.ArgumentParser()
parser.add_argument("rubric")
parser.add_argument("--out", required=True)
arguments = parser.parse_args()
with open(arguments.rubric, encoding="utf-8") as file:
    rubric = json.load(file)
rubric["id"] = rubric["id"] + "-values"


def questions(dimension):
    return dimension.get("questions", []) or [q for area in dimension.get("practice_areas", []) for q in area["questions"]]


staff = {
    "id": "it.staff",
    "prompt": {language: "How many people work on IT?" for language in rubric["languages"]},
    "answer": {
        "type": "numeric",
        "bands": [
            {"id": "none", "max": 1, "points": 0},
            {"id": "one", "min": 1, "max": 2, "points": 0.33},
            {"id": "few", "min": 2, "max": 10, "points": 0.67},
            {"id": "team", "min": 10, "points": 1},
        ],
    },
}
first = rubric["dimensions"][0]
(first.get("questions") or first["practice_areas"][0]["questions"]).insert(0, staff)
texts = [q["id"] for d in rubric["dimensions"] for q in questions(d) if q["answer"]["type"] == "text"]
for index, dimension in enumerate(rubric["dimensions"]):
    # Questions asked in the session, as the numeric one is: a condition may not reach into another phase.
    candidates = [
        q for q in questions(dimension) if q["id"] != "it.staff" and "condition" not in q and "asked" not in q
    ]
    if not candidates:
        continue
    candidates[0]["condition"] = {"question": "it.staff", "at_least": 2}
    if texts and len(candidates) > 1 and index > 0:
        candidates[1]["condition"] = {"question": texts[0], "equals": ""}
if len(rubric["levels"]) > 1:
    rubric["levels"][1].setdefault("gates", []).append({"question": "it.staff", "at_most": 40})
with open(arguments.out, "w", encoding="utf-8") as file:
    json.dump(rubric, file, ensure_ascii=False, indent=2)
