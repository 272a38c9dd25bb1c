#!/usr/bin/env python3
"""Generates a response set for a bundled (or any) rubric: the workload users have, beside the benchmark rubric.

Answers use every form a real set has: option ids, scale values as numbers, true/false and "yes"/"no", "na" where a
question allows it, "unknown", unanswered questions, short texts for text questions, and answers to questions whose
conditions leave them unasked (a form filled in before the routing question was changed). Organisations lean
towards a skill level, so groups differ. Deterministic for a seed.

    python3 generate-bundled.py Rubrics/digital-capacity.json --responses 20000 --out /tmp/assay-bench/dc.ndjson
"""
import argparse
import json
import os
import random

BANDS = ["under-2k", "2k-10k", "10k-50k", "50k-250k", "over-250k"]
TEXTS = ["", "We share a server room with the regional county.", "Plan adopted by council in 2025; review due."]


def questions(rubric):
    scales = {scale["id"]: scale["options"] for scale in rubric.get("scales", [])}
    for dimension in rubric["dimensions"]:
        for question in dimension.get("questions", []) + [
            q for area in dimension.get("practice_areas", []) for q in area.get("questions", [])
        ]:
            answer = question["answer"]
            kind = answer["type"]
            if kind == "scale":
                options = scales[answer["scale"]] if "scale" in answer else answer["options"]
                ids = [option["id"] for option in options]
                values = [option["value"] for option in options]
            elif kind in ("single_choice", "multiple_choice"):
                ids = [option["id"] for option in answer["options"]]
                values = None
            else:
                ids, values = None, None
            yield question["id"], kind, ids, values, question.get("allow_na", False)


def answer(kind, ids, values, allow_na, skill):
    roll = random.random()
    if roll < 0.06:
        return None
    if roll < 0.10:
        return '"unknown"'
    if roll < 0.14 and allow_na:
        return '"na"'
    if kind == "text":
        return json.dumps(random.choice(TEXTS))
    if kind == "yes_no":
        yes = random.random() < 0.25 + 0.5 * skill
        return random.choice(["true" if yes else "false", '"yes"' if yes else '"no"'])
    if kind == "numeric":
        return str(round(random.uniform(0, 100), 1))
    # Skill leans the option towards the top; scales are named by id or by value, half each.
    position = min(len(ids) - 1, max(0, int(random.gauss(skill * (len(ids) - 1), 1.0) + 0.5)))
    if kind == "multiple_choice":
        return json.dumps(random.sample(ids, random.randint(1, len(ids))))
    if kind == "scale" and random.random() < 0.5:
        value = values[position]
        return str(int(value)) if float(value).is_integer() else str(value)
    return json.dumps(ids[position])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("rubric")
    parser.add_argument("--responses", type=int, default=20_000)
    parser.add_argument("--regions", type=int, default=17)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--out", required=True)
    arguments = parser.parse_args()
    random.seed(arguments.seed)
    with open(arguments.rubric) as file:
        rubric = json.load(file)
    entries = list(questions(rubric))
    os.makedirs(os.path.dirname(os.path.abspath(arguments.out)), exist_ok=True)
    organisations = [
        (f"Municipality {number + 1}", f"region-{number % arguments.regions + 1:02d}", BANDS[number % 5], random.random())
        for number in range(max(100, arguments.responses // 4))
    ]
    with open(arguments.out, "w") as file:
        for number in range(arguments.responses):
            name, region, band, skill = random.choice(organisations)
            parts = []
            for question_id, kind, ids, values, allow_na in entries:
                value = answer(kind, ids, values, allow_na, skill)
                if value is not None:
                    parts.append(f'"{question_id}":{value}')
            file.write(
                f'{{"id":"r{number + 1}","organisation":"{name}","rubric":"{rubric["id"]}",'
                f'"rubric_version":"{rubric["version"]}","attributes":{{"region":"{region}","population":"{band}",'
                f'"round":"{2024 + number % 3}"}},"answers":{{{",".join(parts)}}}}}\n'
            )


if __name__ == "__main__":
    main()
