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
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import generate  # noqa: E402  (the benchmark rubric, made larger)

DIMENSIONS = 10
QUESTIONS_PER_DIMENSION = 100
OPTIONS = generate.OPTIONS


def question_id(dimension, question):
    return generate.question_id(dimension, question, width=3)


def rubric():
    return generate.rubric("tiny-groups", "Many tiny groups", DIMENSIONS, QUESTIONS_PER_DIMENSION, width=3)


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
