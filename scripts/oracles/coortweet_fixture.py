#!/usr/bin/env python3
"""Runs the CooRTweet oracle on the real data sets and writes the figures the Swift tests compare
against: Tests/ToetsMethodsTests/Fixtures/coortweet-oracle-figures.json.

Usage (from the repository root): python3 scripts/oracles/coortweet_fixture.py [DATA_DIR]
DATA_DIR defaults to ../shared/data/coortweet. Takes about 20 s.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import coortweet_oracle  # noqa: E402

RUNS = [
    {"name": "russian-tw10", "file": "russian_coord_tweets.csv", "time_window": 10},
    {"name": "russian-tw60", "file": "russian_coord_tweets.csv", "time_window": 60},
    {"name": "russian-tw60-speed10", "file": "russian_coord_tweets.csv", "time_window": 60, "tw2": 10},
    {"name": "german-urls-default", "file": "german_elections_urls_prepared.csv", "time_window": 10},
]


def main():
    data = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/coortweet"
    runs = []
    for spec in RUNS:
        run = {"name": spec["name"], "file": spec["file"], "time_window": spec["time_window"],
               "min_participation": 2, "remove_loops": True, "edge_weight": 0.5, "tw2": spec.get("tw2")}
        run["figures"] = coortweet_oracle.run(
            os.path.join(data, spec["file"]), run["time_window"], run["min_participation"],
            run["remove_loops"], run["edge_weight"], run["tw2"])
        runs.append(run)
        print(spec["name"], run["figures"]["pairs"], "pairs", file=sys.stderr)
    target = "Tests/ToetsMethodsTests/Fixtures/coortweet-oracle-figures.json"
    with open(target, "w", encoding="utf-8") as f:
        json.dump({"generator": "scripts/oracles/coortweet_fixture.py", "runs": runs}, f, indent=2, sort_keys=True)
        f.write("\n")
    print("wrote", target, file=sys.stderr)


if __name__ == "__main__":
    main()
