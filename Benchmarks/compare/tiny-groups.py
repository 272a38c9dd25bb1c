#!/usr/bin/env python3
"""Generates the many-tiny-groups workload: a rubric of 1,000 questions (10 dimensions of 100) and a response set
in which every organisation is a group of its own, each answering a handful of questions.

It is the shape that made memory grow with groups times questions rather than with the input: 30,000 such groups
took 1.2 GB from a 3.2 MB file. Deterministic for a seed.

    python3 tiny-groups.py --groups 30000 --out /tmp/tiny/responses.ndjson --rubric-out /tmp/tiny/rubric.json
    assay aggregate /tmp/tiny/responses.ndjson --rubric /tmp/tiny/rubric.json --by group --no-ledger --out /tmp/tiny/s.json
"""
import argparse
import json
import os
import random

DIMENSIONS = 10
QUESTIONS_PER_DIMENSION = 100
OPTIONS = ["none", "low", "mid", "high", "full"]


def question_id(dimension, question):
    return f"d{dimension + 1}q{question + 1:03d}"


def rubric():
    return {
        "id": "tiny-groups",
        "version": "1.0.0",
        "default_language": "en",
        "languages": ["en"],
        "title": {"en": "Many tiny groups"},
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
                "id": question_id(dimension, question),
                "prompt": {"en": f"Practice {question + 1} of dimension {dimension + 1}?"},
                "answer": {"type": "scale", "scale": "five"},
                "allow_na": True,
            } for question in range(QUESTIONS_PER_DIMENSION)],
        } for dimension in range(DIMENSIONS)],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--groups", type=int, default=30_000)
    parser.add_argument("--answers", type=int, default=3, help="questions each response answers")
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
    with open(arguments.out, "w") as file:
        for number in range(arguments.groups):
            chosen = random.sample(ids, arguments.answers)
            answers = ",".join(f'"{qid}":{random.randrange(len(OPTIONS))}' for qid in chosen)
            file.write(
                f'{{"id":"r{number + 1}","organisation":"Org {number + 1}","rubric":"tiny-groups",'
                f'"rubric_version":"1.0.0","attributes":{{"group":"g{number + 1:05d}"}},"answers":{{{answers}}}}}\n'
            )


if __name__ == "__main__":
    main()
