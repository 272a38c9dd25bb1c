#!/usr/bin/env python3
"""The DuckDB side of the comparison: per (region, population) group, the count of organisations and responses
and the mean and exact quartiles (quantile_cont) of every dimension's score and the overall score.

Scores follow the rubric generate.py writes, as `assay` computes them: a scale answer (option id or value 0-4)
earns value/4 points, "unknown" earns 0, "na" and unanswered are excluded; a dimension scores 100 x the mean of
its points; the overall score is the mean of the dimensions that have a score.

    duckdb_query.py RESPONSES.ndjson RUBRIC.json OUT.csv [THREADS]
"""
import json
import sys

import duckdb

responses, rubric_path, out = sys.argv[1:4]
threads = int(sys.argv[4]) if len(sys.argv) > 4 else 2
rubric = json.load(open(rubric_path))
dimensions = [(d["id"], [q["id"] for q in d["questions"]]) for d in rubric["dimensions"]]
options = [o["id"] for o in rubric["scales"][0]["options"]]
top = len(options) - 1

answer_types = ", ".join(f'"{q}" VARCHAR' for _, questions in dimensions for q in questions)
columns = {
    "organisation": "VARCHAR",
    "attributes": "STRUCT(region VARCHAR, population VARCHAR)",
    "answers": f"STRUCT({answer_types})",
}


def points(question):
    cases = " ".join(
        f"WHEN '{option}' THEN {value / top!r} WHEN '{value}' THEN {value / top!r}" for value, option in enumerate(options)
    )
    return f"(CASE answers.\"{question}\" {cases} WHEN 'unknown' THEN 0.0 ELSE NULL END)"


dimension_scores = ",\n".join(
    f"100 * list_avg([{', '.join(points(q) for q in questions)}]) AS {dimension}" for dimension, questions in dimensions
)
names = [dimension for dimension, _ in dimensions]
# One quantile_cont call with a list of fractions per scope: DuckDB sorts each group's values once for all three.
statistics = ",\n".join(
    f"avg({scope}) AS {scope}_mean, quantile_cont({scope}, [0.25, 0.5, 0.75]) AS {scope}_quartiles"
    for scope in names + ["overall"]
)
unpacked = ", ".join(
    f"{scope}_mean, {scope}_quartiles[1] AS {scope}_q1, {scope}_quartiles[2] AS {scope}_median, "
    f"{scope}_quartiles[3] AS {scope}_q3"
    for scope in names + ["overall"]
)
query = f"""
WITH scored AS (
  SELECT organisation, attributes.region AS region, attributes.population AS population,
  {dimension_scores}
  FROM read_ndjson(?, columns = {columns!r})
)
SELECT region, population, organisations, responses, {unpacked} FROM (
  SELECT region, population, count(DISTINCT organisation) AS organisations, count(*) AS responses,
  {statistics}
  FROM (SELECT *, list_avg([{', '.join(names)}]) AS overall FROM scored)
  GROUP BY region, population
)
ORDER BY region, population
"""
connection = duckdb.connect()
connection.execute(f"SET threads = {threads}")
connection.execute(f"COPY ({query}) TO '{out}' (HEADER, DELIMITER ',')", [responses])
