#!/usr/bin/env python3
"""The polars side of the comparison: the same statistics as duckdb_query.py, written as the same CSV.

Per (region, population) group: the count of organisations and responses, and the mean and exact quartiles
(`quantile(..., "linear")`, the same definition as DuckDB's quantile_cont) of every dimension's score and the
overall score, scored as duckdb_query.py describes.

    polars_query.py RESPONSES.ndjson RUBRIC.json OUT.csv [THREADS]

THREADS must be set before polars is imported, so it is read from the command line into POLARS_MAX_THREADS.
"""
import json
import os
import sys

responses, rubric_path, out = sys.argv[1:4]
os.environ["POLARS_MAX_THREADS"] = sys.argv[4] if len(sys.argv) > 4 else "2"
import polars as pl  # noqa: E402  (after the thread count is set)

rubric = json.load(open(rubric_path))
dimensions = [(d["id"], [q["id"] for q in d["questions"]]) for d in rubric["dimensions"]]
options = [o["id"] for o in rubric["scales"][0]["options"]]
top = len(options) - 1
schema = {
    "organisation": pl.String,
    "attributes": pl.Struct({"region": pl.String, "population": pl.String}),
    # Answers are option ids or numbers; read as text, as DuckDB reads them as VARCHAR.
    "answers": pl.Struct({question: pl.String for _, questions in dimensions for question in questions}),
}
points_of = {option: value / top for value, option in enumerate(options)}
points_of.update({str(value): value / top for value in range(len(options))})
points_of["unknown"] = 0.0


def points(question):
    answer = pl.col("answers").struct.field(question)
    return answer.replace_strict(points_of, default=None, return_dtype=pl.Float64)


def mean_of(expressions):
    # The mean of the non-null points: "na" and unanswered are excluded; null when nothing counts.
    total = pl.sum_horizontal(expressions)
    counted = pl.sum_horizontal([expression.is_not_null().cast(pl.Int32) for expression in expressions])
    return pl.when(counted > 0).then(total / counted).otherwise(None)


names = [dimension for dimension, _ in dimensions]
frame = (
    pl.read_ndjson(responses, schema=schema)
    .lazy()
    .select(
        pl.col("organisation"),
        pl.col("attributes").struct.field("region").alias("region"),
        pl.col("attributes").struct.field("population").alias("population"),
        *[(100 * mean_of([points(question) for question in questions])).alias(dimension) for dimension, questions in dimensions],
    )
    .with_columns(mean_of([pl.col(name) for name in names]).alias("overall"))
    .group_by("region", "population")
    .agg(
        pl.col("organisation").n_unique().alias("organisations"),
        pl.len().alias("responses"),
        *[
            expression
            for scope in names + ["overall"]
            for expression in (
                pl.col(scope).mean().alias(f"{scope}_mean"),
                pl.col(scope).quantile(0.25, "linear").alias(f"{scope}_q1"),
                pl.col(scope).quantile(0.5, "linear").alias(f"{scope}_median"),
                pl.col(scope).quantile(0.75, "linear").alias(f"{scope}_q3"),
            )
        ],
    )
    .sort("region", "population")
    .collect()
)
frame.write_csv(out)
