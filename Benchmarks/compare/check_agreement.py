#!/usr/bin/env python3
"""Checks that Assay's summary (written with verification-policy.json: 6 decimals, no suppression below the group
size the workload has) gives a peer's numbers (DuckDB's or polars's CSV) for every group and scope.

    check_agreement.py PEER.csv SUMMARY.json [PEER-NAME]
"""
import csv
import json
import sys

duck_path, summary_path = sys.argv[1:3]
peer = sys.argv[3] if len(sys.argv) > 3 else "duckdb"
summary = json.load(open(summary_path))
groups = {(g["attributes"].get("region"), g["attributes"].get("population")): g for g in summary["groups"]}
scopes = [s["id"] for s in summary["scopes"]]
checked = 0
problems = []
with open(duck_path) as file:
    for row in csv.DictReader(file):
        group = groups.get((row["region"], row["population"]))
        if group is None:
            problems.append(f"{row['region']} {row['population']}: missing from Assay's summary")
            continue
        if int(row["organisations"]) != group["organisations"] or int(row["responses"]) != group["responses"]:
            problems.append(f"{row['region']} {row['population']}: counts differ")
        for scope in group["scopes"]:
            name = scope["scope"]
            for statistic, column in (("mean", "mean"), ("q1", "q1"), ("median", "median"), ("q3", "q3")):
                expected = float(row[f"{name}_{column}"])
                actual = scope[statistic]
                # Assay rounds to 6 decimals; the peer sums in another order, so allow a few units in the 6th.
                if actual is None or abs(actual - expected) > 2e-6:
                    problems.append(f"{row['region']} {row['population']} {name} {statistic}: assay {actual}, {peer} {expected}")
                checked += 1
verdict = "all agree" if not problems else f"{len(problems)} differ"
print(f"{peer}: checked {checked} numbers in {len(groups)} groups: {verdict}")
for problem in problems[:20]:
    print("  " + problem)
sys.exit(1 if problems else 0)
