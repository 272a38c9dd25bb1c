#!/usr/bin/env python3
"""Writes Rubrics/examples/digital-capacity.responses.ndjson: 48 fictional municipalities' answers to the
digital-capacity rubric, the response set the README's workshop summary and peer comparison use.

Deterministic (a fixed seed), so the committed file can be regenerated exactly: python3 Scripts/generate-example-responses.py
"""
import json
import pathlib
import random

ROOT = pathlib.Path(__file__).resolve().parent.parent
RUBRIC = json.loads((ROOT / "Rubrics/digital-capacity.json").read_text(encoding="utf-8"))
OUT = ROOT / "Rubrics/examples/digital-capacity.responses.ndjson"

REGIONS = {
    "QC": ["Saint-Aurèle", "Lac-Brûlé", "Val-des-Pins", "Mont-Soleil", "Rivière-Claire", "Sainte-Hélène-du-Cap",
           "Pointe-aux-Outardes", "Saint-Féréol-les-Neiges", "Baie-des-Sables", "Notre-Dame-du-Roc",
           "Saint-Ulric", "Les Éboulements-Est", "Cap-Rouge-Nord", "Saint-Jovite-Sud", "Grande-Vallée-Ouest",
           "Lac-Sergent-Est", "Saint-Prime-du-Lac", "Val-Alain", "Sainte-Flore", "Port-Cartier-Ouest"],
    "ON": ["Maple Ridge", "Port Elgin Shores", "Kettle Falls", "Bruce Crossing", "Fenwick Mills", "Ashby",
           "Glen Morris", "Otter Creek", "Harrow Point", "Dunmore", "Lakeview Heights", "Pine Hollow",
           "Cedar Bay", "Millbrook East", "Stony Point", "Wellesley Falls"],
    "NB": ["Baie-Verte", "Tidewater", "Harvey Station North", "Saint-Isidore-Est", "Cape Tormentine West",
           "Riverbend", "Grand-Sault-Nord", "Salmon Cove", "Upper Kingsclear", "Petit-Rocher-Sud",
           "Juniper Ridge", "Bas-Caraquet-Ouest"],
}
POPULATIONS = ["under-10k", "10k-50k", "50k-250k"]
NOTES = ["Discussed with the clerk", "Depends on the new budget", "To confirm with IT", "Council asked about this"]


def answer(question, rng, tilt):
    kind = question["answer"]["type"]
    if kind == "scale":
        options = ["none", "partial", "largely", "full"]
        index = min(3, max(0, int(rng.gauss(1.4 + tilt, 0.9) + 0.5)))
        return options[index]
    if kind == "yes_no":
        return rng.random() < 0.45 + tilt / 4
    if kind == "single_choice":
        return rng.choice(question["answer"]["options"])["id"]
    return None


def main():
    rng = random.Random(20261121)
    tilts = {"QC": 0.2, "ON": 0.0, "NB": -0.2}
    questions = [q for d in RUBRIC["dimensions"] for q in d.get("questions", [])]
    lines = []
    for region, names in REGIONS.items():
        for number, name in enumerate(names):
            tilt = tilts[region] + rng.uniform(-0.5, 0.5)
            answers = {}
            for question in questions:
                if question.get("allow_na") and rng.random() < 0.1:
                    answers[question["id"]] = "na"
                    continue
                if rng.random() < 0.04:
                    answers[question["id"]] = "unknown"
                    continue
                value = answer(question, rng, tilt)
                if value is None:
                    continue
                if rng.random() < 0.05:
                    answers[question["id"]] = {"value": value, "note": rng.choice(NOTES)}
                else:
                    answers[question["id"]] = value
            lines.append({
                "id": f"{region.lower()}-{number + 1:02d}-2026",
                "organisation": f"Municipalité de {name}" if region != "ON" else f"Township of {name}",
                "rubric": "digital-capacity",
                "rubric_version": RUBRIC["version"],
                "attributes": {"region": region, "population": POPULATIONS[number % 3], "type": "municipality"},
                "answers": answers,
            })
    OUT.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    print(f"wrote {len(lines)} responses to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
