#!/usr/bin/env python3
"""Generates the comparison workload: a 120-question rubric in 8 dimensions and an NDJSON response set.

The reference workload is 1,000,000 responses (about 1.2 GB) from organisations in 200 regions x 5 population
bands; --responses makes smaller sets. Answers are mostly scale values as numbers, some option ids, and a few "na",
"unknown" and unanswered questions, so every answer form the fast path reads occurs. Deterministic for a seed.

    python3 generate.py --responses 100000 --out /tmp/assay-bench/responses.ndjson --rubric-out /tmp/assay-bench/rubric.json
"""
import argparse
import json
import os
import random

DIMENSIONS = 8
QUESTIONS_PER_DIMENSION = 15
OPTIONS = ["none", "low", "mid", "high", "full"]
BANDS = ["under-2k", "2k-10k", "10k-50k", "50k-250k", "over-250k"]


def question_id(dimension, question, width=2):
    return f"d{dimension + 1}q{question + 1:0{width}d}"


def rubric(rubric_id="bench-capacity", title="Benchmark capacity scan", dimensions=DIMENSIONS,
           per_dimension=QUESTIONS_PER_DIMENSION, width=2):
    """The benchmark rubric: `dimensions` of `per_dimension` five-step scale questions, "na" allowed, three levels."""
    return {
        "id": rubric_id,
        "version": "1.0.0",
        "default_language": "en",
        "languages": ["en"],
        "title": {"en": title},
        "scoring": {"model": "weighted-mean"},
        "policies": {"not_applicable": "exclude", "dont_know": "zero", "unanswered": "exclude"},
        "scales": [{
            "id": "five", "title": {"en": "Five steps"},
            "options": [{"id": option, "value": value, "label": {"en": option.title()}}
                        for value, option in enumerate(OPTIONS)],
        }],
        "levels": [
            {"id": "initial", "name": {"en": "Initial"}, "min_score": 0, "max_score": 40},
            {"id": "developing", "name": {"en": "Developing"}, "min_score": 40, "max_score": 75},
            {"id": "established", "name": {"en": "Established"}, "min_score": 75, "max_score": 100},
        ],
        "dimensions": [{
            "id": f"d{dimension + 1}",
            "title": {"en": f"Dimension {dimension + 1}"},
            "weight": 1,
            "questions": [{
                "id": question_id(dimension, question, width),
                "prompt": {"en": f"Practice {question + 1} of dimension {dimension + 1}?"},
                "answer": {"type": "scale", "scale": "five"},
                "allow_na": True,
            } for question in range(per_dimension)],
        } for dimension in range(dimensions)],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--responses", type=int, default=1_000_000)
    parser.add_argument("--regions", type=int, default=200)
    parser.add_argument("--organisations-per-group", type=int, default=20)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--out", required=True)
    parser.add_argument("--rubric-out", required=True)
    arguments = parser.parse_args()
    random.seed(arguments.seed)
    for path in (arguments.out, arguments.rubric_out):
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(arguments.rubric_out, "w") as file:
        json.dump(rubric(), file, indent=2)

    ids = [question_id(d, q) for d in range(DIMENSIONS) for q in range(QUESTIONS_PER_DIMENSION)]
    # Each question's answers as JSON text: option ids, the same options as scale values, "na", "unknown", and
    # None (unanswered); mostly scale values, which keeps a line near the reference's 1.2 KB. Ten skill levels
    # weight them differently, so groups and organisations differ.
    forms = [f'"{option}"' for option in OPTIONS] + [str(value) for value in range(len(OPTIONS))] + ['"na"', '"unknown"', None]
    skills = []
    for skill in range(10):
        centre = skill / 9 * 4
        weights = [3.0 / (1 + abs(value - centre)) for value in range(5)]
        weights = [weight * 0.1 for weight in weights] + weights + [0.15, 0.15, 0.1]
        total = 0.0
        cumulative = []
        for weight in weights:
            total += weight
            cumulative.append(total)
        skills.append(cumulative)
    groups = [(f"region-{region + 1:03d}", band) for region in range(arguments.regions) for band in BANDS]
    organisations = []
    for region, band in groups:
        for number in range(arguments.organisations_per_group):
            skill = min(9, max(0, int(random.gauss(4.5, 2.2))))
            organisations.append((f"Municipality {region[7:]}-{band}-{number + 1}", region, band, skill))
    types = ["municipality", "regional-county", "city"]
    with open(arguments.out, "w") as file:
        batch = []
        for number in range(arguments.responses):
            name, region, band, skill = organisations[random.randrange(len(organisations))]
            answers = random.choices(forms, cum_weights=skills[skill], k=len(ids))
            answer_text = ",".join(f'"{qid}":{value}' for qid, value in zip(ids, answers) if value is not None)
            batch.append(
                f'{{"id":"r{number + 1}","organisation":"{name}","rubric":"bench-capacity","rubric_version":"1.0.0",'
                f'"attributes":{{"region":"{region}","population":"{band}","type":"{types[skill % 3]}"}},'
                f'"answers":{{{answer_text}}}}}\n'
            )
            if len(batch) == 10_000:
                file.writelines(batch)
                batch = []
        file.writelines(batch)


if __name__ == "__main__":
    main()
