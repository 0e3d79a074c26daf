#!/usr/bin/env python3
"""Co-sharing detector: a worked example of an external Toets method.

Two accounts are linked when both share the same object (a link, or a repost of the same post,
or the same content id) within `window` seconds of each other; the weight of a link is the number
of distinct objects behind it. An account's score is the total weight of its links; it is flagged
when it has a link of at least `min_weight`. Groups are the connected components of the flagged
links, named by their smallest account id.

Usage (as Toets runs it): co_share.py POSTS PARAMS DETECTIONS EVIDENCE
Reads the normalized posts (NDJSON) and the parameters (JSON); writes detections
(account_id,score,flagged,group) and evidence (account_1,account_2,object,time_1,time_2).
Only the Python standard library; no network.
"""
import csv
import json
import sys
from collections import defaultdict


def shared_objects(post):
    objects = [("url", url.split("?")[0]) for url in post.get("urls") or []]
    if post.get("kind") == "repost" and post.get("ref_post_id"):
        objects.append(("repost", post["ref_post_id"]))
    if post.get("content_id"):
        objects.append(("content", post["content_id"]))
    return objects


def main(posts_path, params_path, detections_path, evidence_path):
    with open(params_path, encoding="utf-8") as handle:
        params = json.load(handle)
    window = int(params.get("window", 60))
    min_weight = int(params.get("min_weight", 2))

    shares = defaultdict(list)  # object -> [(time, account)]
    accounts = set()
    with open(posts_path, encoding="utf-8") as handle:
        for line in handle:
            post = json.loads(line)
            accounts.add(post["author_id"])
            for obj in shared_objects(post):
                shares[obj].append((post["created_at"], post["author_id"]))

    edges = defaultdict(set)  # (a, b) -> objects
    evidence = []
    for obj in sorted(shares):
        events = sorted(shares[obj])
        start = 0
        for end in range(len(events)):
            while events[end][0] - events[start][0] > window:
                start += 1
            for other in range(start, end):
                a, b = events[other][1], events[end][1]
                if a == b:
                    continue
                pair = (min(a, b), max(a, b))
                if obj not in edges[pair]:
                    edges[pair].add(obj)
                    evidence.append((pair[0], pair[1], obj[0] + ":" + obj[1], events[other][0], events[end][0]))

    score = defaultdict(int)
    parent = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    flagged = set()
    for (a, b), objects in edges.items():
        score[a] += len(objects)
        score[b] += len(objects)
        if len(objects) >= min_weight:
            flagged.update((a, b))
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)

    with open(detections_path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["account_id", "score", "flagged", "group"])
        for account in sorted(accounts):
            group = find(account) if account in flagged else ""
            writer.writerow([account, score[account], "true" if account in flagged else "false", group])

    with open(evidence_path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["account_1", "account_2", "object", "time_1", "time_2"])
        for row in sorted(evidence):
            writer.writerow(row)


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit("usage: co_share.py POSTS PARAMS DETECTIONS EVIDENCE")
    main(*sys.argv[1:])
