#!/usr/bin/env python3
"""Independent oracle for CooRTweet 2.1.3 coordination semantics.

Written from /work/shared/reference/coortweet-2.1.3-semantics.md only, as plainly as
possible (every pair inside an object is tested; no indexing tricks), so that the Swift
implementation in Sources/ToetsMethods can be checked against a second reading of the text.

Row order of the pairs table (the spec does not state it, so Toets fixes it here and the Swift
code does the same): objects in order of their first row after the activity pre-filter (whose
rows are regrouped by account, accounts in order of first appearance, rows in input order
within an account); inside an object, pairs (i, j) with i before j in that regrouped order,
sorted by i, then j. Filtering keeps this order; orientation swaps sides, never rows.

Numbers: doubles are written with the shortest digits that read back to the same double
(Python's repr), rendered positionally without an exponent; integral values have no ".0".

Usage: coortweet_oracle.py INPUT.csv [--time-window 10] [--min-participation 2]
       [--keep-loops] [--edge-weight 0.5] [--tw2 SECONDS] [--out DIR]
Prints a JSON object of figures and SHA-256 digests of the canonical CSV tables.
"""
import argparse
import csv
import hashlib
import json
import math
import os
import sys
from decimal import Decimal


def read_shares(path):
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        want = ["object_id", "account_id", "content_id", "timestamp_share"]
        if header != want:
            sys.exit(f"{path}: header {header}, expected {want}")
        return [(r[0], r[1], r[2], int(r[3])) for r in reader]


def prefilter(shares, min_participation):
    """Step 1: rows of accounts with at least min_participation rows, regrouped by account."""
    count = {}
    order = []
    for obj, acc, con, t in shares:
        if acc not in count:
            count[acc] = 0
            order.append(acc)
        count[acc] += 1
    by_account = {acc: [] for acc in order}
    for row in shares:
        by_account[row[1]].append(row)
    out = []
    for acc in order:
        if count[acc] >= min_participation:
            out.extend(by_account[acc])
    return out


def participation_keep(pairs, rows, min_participation):
    """Step 4: keep a pair if either side's content belongs to a qualified account."""
    coordinated = set()
    for p in pairs:
        coordinated.add(p["content_id"])
        coordinated.add(p["content_id_y"])
    n = {}
    for obj, acc, con, t in rows:
        if con in coordinated:
            n[acc] = n.get(acc, 0) + 1
    qualified = {acc for acc, k in n.items() if k >= min_participation}
    qualified_content = {con for obj, acc, con, t in rows if acc in qualified}
    kept = [p for p in pairs if p["content_id"] in qualified_content or p["content_id_y"] in qualified_content]
    return kept, qualified


def detect_groups(shares, time_window, min_participation, remove_loops):
    rows = prefilter(shares, min_participation)
    objects = {}
    for row in rows:
        objects.setdefault(row[0], []).append(row)
    pairs = []
    for obj, group in objects.items():
        for i in range(len(group)):
            for j in range(i + 1, len(group)):
                _, ai, ci, ti = group[i]
                _, aj, cj, tj = group[j]
                if abs(ti - tj) > time_window:
                    continue
                if remove_loops and (ai == aj or ci == cj or obj == ci or obj == cj):
                    continue
                if ti > tj:
                    ai, ci, ti, aj, cj, tj = aj, cj, tj, ai, ci, ti
                pairs.append({"object_id": obj, "account_id": ai, "content_id": ci,
                              "account_id_y": aj, "content_id_y": cj, "time_delta": tj - ti})
    kept, qualified = participation_keep(pairs, rows, min_participation)
    return kept, qualified


def flag_speed_share(shares, pairs, min_participation, tw2):
    fast = [p for p in pairs if p["time_delta"] <= tw2]
    kept, _ = participation_keep(fast, shares, min_participation)
    kept_ids = {id(p) for p in kept}
    return [1 if id(p) in kept_ids else 0 for p in pairs]


def r_quantile7(values, prob):
    x = sorted(values)
    n = len(x)
    index = 1 + (n - 1) * prob
    lo = math.floor(index)
    hi = math.ceil(index)
    q = x[lo - 1]
    if index > lo and x[hi - 1] != q:
        h = index - lo
        q = (1 - h) * q + h * x[hi - 1]
    return float(q)


def aggregate(pairs, edge_weight):
    edges = {}
    for p in pairs:
        a, b = p["account_id"], p["account_id_y"]
        key = (min(a, b), max(a, b))
        e = edges.setdefault(key, {"rows": 0, "delta": 0, "c": set(), "cy": set()})
        e["rows"] += 1
        e["delta"] += p["time_delta"]
        e["c"].add(p["content_id"])
        e["cy"].add(p["content_id_y"])
    out = {}
    for key, e in edges.items():
        nc, ncy = len(e["c"]), len(e["cy"])
        out[key] = {"weight": e["rows"], "avg_time_delta": e["delta"] / e["rows"],
                    "n_content_id": nc, "n_content_id_y": ncy,
                    "edge_symmetry_score": min(nc, ncy) / max(nc, ncy)}
    if out:
        q = r_quantile7([e["weight"] for e in out.values()], edge_weight)
        for e in out.values():
            e["weight_threshold"] = 1 if e["weight"] > q else 0
    else:
        q = None
    return out, q


def components(edge_keys):
    parent = {}

    def find(v):
        while parent[v] != v:
            parent[v] = parent[parent[v]]
            v = parent[v]
        return v

    for a, b in edge_keys:
        parent.setdefault(a, a)
        parent.setdefault(b, b)
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    members = {}
    for v in parent:
        members.setdefault(find(v), []).append(v)
    ordered = sorted(members.values(), key=min)
    return {v: k + 1 for k, group in enumerate(ordered) for v in group}


def below_min_distinct_content(pairs, min_participation):
    contents = {}
    for p in pairs:
        contents.setdefault(p["account_id"], set()).add(p["content_id"])
        contents.setdefault(p["account_id_y"], set()).add(p["content_id_y"])
    return {a for a, c in contents.items() if len(c) < min_participation}


def fmt(x):
    if isinstance(x, int):
        return str(x)
    if x is None:
        return "NA"
    s = format(Decimal(repr(x)), "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def field(s):
    if any(c in s for c in ',"\r\n'):
        return '"' + s.replace('"', '""') + '"'
    return s


def table(header, rows):
    lines = [",".join(header)] + [",".join(field(fmt(v) if not isinstance(v, str) else v) for v in r) for r in rows]
    return "".join(line + "\n" for line in lines)


PAIR_COLUMNS = ["object_id", "account_id", "content_id", "account_id_y", "content_id_y", "time_delta"]
EDGE_ATTRS = ["weight", "avg_time_delta", "weight_threshold", "n_content_id", "n_content_id_y", "edge_symmetry_score"]


def run(path, time_window=10, min_participation=2, remove_loops=True, edge_weight=0.5, tw2=None, out=None):
    """One run on a shares file: figures and digests, and the tables written to `out` if given."""
    shares = read_shares(path)
    pairs, qualified = detect_groups(shares, time_window, min_participation, remove_loops)
    accounts = {p["account_id"] for p in pairs} | {p["account_id_y"] for p in pairs}
    tables = {}
    pair_header = list(PAIR_COLUMNS)
    pair_rows = [[p[c] for c in PAIR_COLUMNS] for p in pairs]
    fast_pairs = None
    if tw2 is not None:
        flags = flag_speed_share(shares, pairs, min_participation, tw2)
        pair_header.append(f"time_window_{tw2}")
        for row, flag in zip(pair_rows, flags):
            row.append(flag)
        fast_pairs = [p for p, f in zip(pairs, flags) if f == 1]
    tables["pairs"] = table(pair_header, pair_rows)

    full, q_full = aggregate(pairs, edge_weight)
    keys = sorted(full)
    if fast_pairs is None:
        header = ["account_1", "account_2"] + EDGE_ATTRS
        rows = [[a, b] + [full[(a, b)][c] for c in EDGE_ATTRS] for a, b in keys]
    else:
        fast, q_fast = aggregate(fast_pairs, edge_weight)
        keys = sorted(set(full) | set(fast))
        header = ["account_1", "account_2"] + [c + "_full" for c in EDGE_ATTRS] + [c + "_fast" for c in EDGE_ATTRS]
        rows = []
        for k in keys:
            fa = full.get(k)
            fs = fast.get(k)
            rows.append(list(k) + [fa[c] if fa else None for c in EDGE_ATTRS] + [fs[c] if fs else None for c in EDGE_ATTRS])
    tables["edges"] = table(header, rows)
    comp_all = components(full.keys())
    flagged = [k for k in keys if k in full and full[k]["weight_threshold"] == 1]
    comp_sub = components(flagged)
    tables["nodes_subgraph1"] = table(["account_id", "component"], [[v, comp_sub[v]] for v in sorted(comp_sub)])

    figures = {
        "shares": len(shares),
        "pairs": len(pairs),
        "accounts": len(accounts),
        # Accounts that are not qualified themselves and stay only because a partner is.
        "accounts_not_qualified": len(accounts - qualified),
        # Accounts with fewer than min_participation distinct content_ids in the pairs table:
        # the spec's "318 of 525" figure counts these. It differs from the line above by
        # accounts that qualify through one content_id present in several input rows.
        "accounts_below_min_distinct_content": len(below_min_distinct_content(pairs, min_participation)),
        "edges": len(full),
        "weight_quantile": q_full,
        "flagged_edges": len(flagged),
        "components": len(set(comp_all.values())),
        "subgraph1_accounts": len(comp_sub),
        "subgraph1_components": len(set(comp_sub.values())),
    }
    if fast_pairs is not None:
        figures["fast_pairs"] = len(fast_pairs)
        figures["fast_edges"] = len(fast)
        figures["fast_weight_quantile"] = q_fast
        figures["fast_flagged_edges"] = sum(1 for e in fast.values() if e["weight_threshold"] == 1)
    for name, text in tables.items():
        figures[name + "_sha256"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if out:
            os.makedirs(out, exist_ok=True)
            with open(os.path.join(out, name + ".csv"), "w", encoding="utf-8", newline="") as f:
                f.write(text)
    return figures


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("input")
    ap.add_argument("--time-window", type=int, default=10)
    ap.add_argument("--min-participation", type=int, default=2)
    ap.add_argument("--keep-loops", action="store_true")
    ap.add_argument("--edge-weight", type=float, default=0.5)
    ap.add_argument("--tw2", type=int)
    ap.add_argument("--out")
    args = ap.parse_args()
    figures = run(args.input, args.time_window, args.min_participation, not args.keep_loops,
                  args.edge_weight, args.tw2, args.out)
    print(json.dumps(figures, indent=2, sort_keys=True))


if __name__ == "__main__":
    main()
