#!/usr/bin/env python3
"""A first look at a method's detections against the annotators' labels, for the demo.

An account counts as a campaign account when most of its annotators say so, as not one when
most say none; ties and unlabelled accounts are unknown and left out. Prints counts, precision,
recall and F1 at the method's own flag, in plain text. (The score stage will do this properly,
with intervals.)

Usage: evaluate.py DETECTIONS LABELS SUMMARY
"""
import csv
import sys
from collections import defaultdict


def main(detections_path, labels_path, summary_path):
    votes = defaultdict(list)
    with open(labels_path, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            votes[row["account_id"]].append(row["label"] == "campaign")
    truth = {}
    for account, marks in votes.items():
        yes = sum(marks)
        if yes * 2 > len(marks):
            truth[account] = True
        elif yes * 2 < len(marks):
            truth[account] = False
    tp = fp = fn = tn = 0
    with open(detections_path, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["account_id"] not in truth:
                continue
            flagged = row["flagged"] == "true"
            actual = truth[row["account_id"]]
            tp += flagged and actual
            fp += flagged and not actual
            fn += (not flagged) and actual
            tn += (not flagged) and not actual
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    with open(summary_path, "w", encoding="utf-8") as handle:
        handle.write(f"labelled accounts with a majority label: {len(truth)}\n")
        handle.write(f"true positives {tp}, false positives {fp}, false negatives {fn}, true negatives {tn}\n")
        handle.write(f"precision {precision:.3f}, recall {recall:.3f}, F1 {f1:.3f}\n")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit("usage: evaluate.py DETECTIONS LABELS SUMMARY")
    main(*sys.argv[1:])
