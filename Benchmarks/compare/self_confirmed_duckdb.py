#!/usr/bin/env python3
"""The self-minus-confirmed figures of `assay aggregate --self-vs-confirmed`, worked out again by DuckDB.

    self_confirmed_duckdb.py FOLDER RUBRIC OUT.csv [--minimum 5] [--decimals 6]

Reads FOLDER's response files (self-assessments) and session files (confirmed views; a session's
"self_assessment" is its organisation's self view) with Python's json module, scores each view in SQL from the
rubric's points (weighted mean; not applicable and unanswered left out, "unknown" at zero points), pairs the two
views of each organisation by its name in Unicode's composed form, groups by the session's `region`, merges groups
of fewer than --minimum organisations into "other", and writes per group:

    kind,group,scope,organisations,count,mean,percent,reason

- `scope` rows: the mean self-minus-confirmed score rounded to --decimals, or empty with the reason `few-scores`
  (fewer than the minimum have a score in both views) or `partly-scored` (some organisation of the group has none);
- a `differing` row: the percentage of compared answers (scored questions answered in either view) that differ,
  rounded half away from zero, or empty with the reason `none-compared` or `dominant` (fewer than two
  organisations differ on some answer, or fewer than two agree on one).

Nothing here reads Assay's code or output: it is the rubric's rules written once more, in SQL.
"""
import argparse
import csv
import json
import os
import unicodedata

import duckdb

parser = argparse.ArgumentParser()
parser.add_argument("folder")
parser.add_argument("rubric")
parser.add_argument("out")
parser.add_argument("--minimum", type=int, default=5)
parser.add_argument("--decimals", type=int, default=6)
arguments = parser.parse_args()

with open(arguments.rubric, encoding="utf-8") as handle:
    rubric = json.load(handle)
policies = rubric.get("policies", {})
assert policies.get("not_applicable") == "exclude" and policies.get("unanswered") == "exclude", policies
assert policies.get("dont_know") == "zero", policies
scales = {scale["id"]: scale for scale in rubric.get("scales", [])}

# The points of every scored answer: (question, answer as JSON text) -> points from 0 to 1. Numeric answers are
# placed in their band in SQL, from the bands table.
questions, options, bands = [], [], []
for dimension in rubric["dimensions"]:
    for question in dimension["questions"]:
        answer = question["answer"]
        kind = answer["type"]
        weight = question.get("weight", 1)
        if kind == "text":
            continue
        questions.append((question["id"], dimension["id"], float(dimension.get("weight", 1)), float(weight), kind))
        if kind == "scale":
            values = [option["value"] for option in scales[answer["scale"]]["options"]]
            low, high = min(values), max(values)
            for option in scales[answer["scale"]]["options"]:
                options.append((question["id"], json.dumps(option["id"]), (option["value"] - low) / (high - low)))
        elif kind == "yes_no":
            options.append((question["id"], "true", 1.0))
            options.append((question["id"], "false", 0.0))
        elif kind == "single_choice":
            for option in answer["options"]:
                options.append((question["id"], json.dumps(option["id"]), float(option["points"])))
        elif kind == "numeric":
            for band in answer["bands"]:
                bands.append((question["id"], band.get("min"), band.get("max"), float(band["points"])))
        else:
            raise SystemExit(f"{question['id']}: answer type {kind} is not handled here")

# Every answer of every view: (organisation, view, region, question, answer as JSON text, number or null).
answers, views = [], []
for name in sorted(os.listdir(arguments.folder)):
    if not name.endswith(".json"):
        continue
    with open(os.path.join(arguments.folder, name), encoding="utf-8") as handle:
        document = json.load(handle)
    organisation = unicodedata.normalize("NFC", document["organisation"])
    region = document.get("attributes", {}).get("region")

    def add(view, given):
        views.append((organisation, view, region))
        for question, value in given.items():
            if isinstance(value, dict):
                value = value.get("value")
            number = float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None
            answers.append((organisation, view, question, json.dumps(value), number))

    if "format" in document and "started_at" in document:
        add("confirmed", document.get("answers", {}))
        if document.get("self_assessment") is not None:
            add("self", document["self_assessment"].get("answers", {}))
    else:
        add("self", document.get("answers", {}))

db = duckdb.connect()
db.execute("create table questions(question text, dimension text, dimension_weight double, weight double, kind text)")
db.executemany("insert into questions values (?, ?, ?, ?, ?)", questions)
db.execute("create table options(question text, answer text, points double)")
if options:
    db.executemany("insert into options values (?, ?, ?)", options)
db.execute("create table bands(question text, low double, high double, points double)")
if bands:
    db.executemany("insert into bands values (?, ?, ?, ?)", bands)
db.execute("create table views(organisation text, view text, region text)")
db.executemany("insert into views values (?, ?, ?)", views)
db.execute("create table answers(organisation text, view text, question text, answer text, number double)")
if answers:
    db.executemany("insert into answers values (?, ?, ?, ?, ?)", answers)

db.execute(
    """
    -- Organisations with both views; the group is the confirmed session's region.
    create table pairs as
    select c.organisation, c.region from views c join views s on s.organisation = c.organisation
    where c.view = 'confirmed' and s.view = 'self';

    -- Points of each answer that counts: "unknown" at 0, "na" left out, numbers by band (min inclusive, max
    -- exclusive), options by id.
    create table points as
    select a.organisation, a.view, q.question, q.dimension, q.dimension_weight, q.weight,
        case
            when a.answer = '"unknown"' then 0.0
            when q.kind = 'numeric' then (
                select b.points from bands b where b.question = q.question
                    and (b.low is null or a.number >= b.low) and (b.high is null or a.number < b.high))
            else (select o.points from options o where o.question = q.question and o.answer = a.answer)
        end as points
    from answers a join questions q on q.question = a.question
    where a.answer <> '"na"' and a.answer <> 'null';

    create table dimension_scores as
    select organisation, view, dimension, any_value(dimension_weight) as dimension_weight,
        100 * sum(weight * points) / sum(weight) as score
    from points group by organisation, view, dimension;

    create table scores as
    select organisation, view, dimension as scope, score from dimension_scores
    union all
    select organisation, view, 'overall', sum(dimension_weight * score) / sum(dimension_weight)
    from dimension_scores group by organisation, view;

    -- Each pair's difference per scope: null where either view has no score.
    create table differences as
    select p.organisation, p.region, scope.scope, s.score - c.score as difference
    from pairs p
    cross join (select distinct dimension as scope from questions union all select 'overall') scope
    left join scores s on s.organisation = p.organisation and s.view = 'self' and s.scope = scope.scope
    left join scores c on c.organisation = p.organisation and c.view = 'confirmed' and c.scope = scope.scope;

    -- The answers compared: every scored question answered in either view; it differs when the two answers do.
    create table compared as
    select p.organisation, p.region, q.question,
        (s.answer is distinct from c.answer) as differs
    from pairs p cross join questions q
    left join answers s on s.organisation = p.organisation and s.view = 'self' and s.question = q.question
    left join answers c on c.organisation = p.organisation and c.view = 'confirmed' and c.question = q.question
    where s.answer is not null or c.answer is not null;
    """
)
db.execute(
    f"""
    create table groups as
    select region, case when count(*) < {arguments.minimum} then 'other' else region end as label
    from pairs group by region;
    create table cells as
    select g.label as cell, p.organisation from pairs p join groups g using (region)
    union all
    select 'all', organisation from pairs;
    """
)
rows = db.execute(
    f"""
    select c.cell, d.scope, count(*) as organisations, count(d.difference) as scored,
        round(avg(d.difference), {arguments.decimals}) as mean
    from cells c join differences d using (organisation)
    group by c.cell, d.scope order by c.cell, d.scope
    """
).fetchall()
shares = db.execute(
    """
    select c.cell,
        (select count(*) from cells x where x.cell = c.cell) as organisations,
        count(*) as compared, count(*) filter (where differs) as differing,
        count(distinct organisation) filter (where differs) as differ_somewhere,
        count(distinct organisation) filter (where not differs) as agree_somewhere
    from cells c join compared using (organisation)
    group by c.cell order by c.cell
    """
).fetchall()
cells_without_answers = db.execute(
    """
    select cell, count(*) from cells where cell not in (select c.cell from cells c join compared using (organisation))
    group by cell
    """
).fetchall()

with open(arguments.out, "w", newline="", encoding="utf-8") as handle:
    out = csv.writer(handle, lineterminator="\n")
    out.writerow(["kind", "group", "scope", "organisations", "count", "mean", "percent", "reason"])
    for cell, scope, organisations, scored, mean in rows:
        if scored < arguments.minimum:
            out.writerow(["scope", cell, scope, organisations, scored, "", "", "few-scores"])
        elif scored < organisations:
            out.writerow(["scope", cell, scope, organisations, scored, "", "", "partly-scored"])
        else:
            out.writerow(["scope", cell, scope, organisations, scored, repr(mean), "", ""])
    for cell, organisations, compared, differing, differ_somewhere, agree_somewhere in shares:
        if differ_somewhere < 2 or agree_somewhere < 2:
            out.writerow(["differing", cell, "", organisations, compared, "", "", "dominant"])
        else:
            # Half away from zero, in whole numbers: floor((200·differing + compared) / (2·compared)).
            percent = (200 * differing + compared) // (2 * compared)
            out.writerow(["differing", cell, "", organisations, compared, "", percent, ""])
    for cell, organisations in cells_without_answers:
        out.writerow(["differing", cell, "", organisations, 0, "", "", "none-compared"])
