#!/usr/bin/env python3
"""Conformance fixtures for Toets' co-action networks against coordination-network-toolkit 1.5.2.

1. Makes the venv .build-py/venv-cnt with coordination-network-toolkit==1.5.2 if it is
   missing (or uses $CNT_VENV).
2. Generates a seeded synthetic CSV in CNT's input format: coordinated groups that repost,
   reply, post the same and nearly the same text and share URLs in bursts, some exactly at the
   edge of the window; organic posts; empty URL fields; texts that normalise to nothing;
   repeated rows; Unicode text.
3. Runs CNT's command line (`preprocess`, then `compute` per network type, window 60,
   min_edge_weight 1 and 2) and reads each network table as CNT left it.
4. Writes the input, the tables, a manifest and tokeniser cases to
   Tests/ToetsMethodsTests/Fixtures/cnt/.

Two extra tables recompute CNT with the input Toets reads differently removed first, so the
Swift tests can show that those are the only differences: co_link without the URL "" (CNT
gives every row without URLs that URL) and co_tweet without messages that normalise to "".

    python3 scripts/oracles/cnt_conformance.py [--seed 20260311] [--messages 3000]
"""

import argparse
import csv
import json
import os
import pathlib
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "Tests/ToetsMethodsTests/Fixtures/cnt"
CNT_VERSION = "1.5.2"
WINDOW = 60
NETWORKS = ["co_retweet", "co_tweet", "co_reply", "co_link", "co_similar_tweet", "co_post"]


def venv_python():
    venv = pathlib.Path(os.environ.get("CNT_VENV", ROOT / ".build-py/venv-cnt"))
    python = venv / "bin/python"
    if not python.exists():
        print(f"making {venv} with coordination-network-toolkit=={CNT_VERSION}", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin/pip"), "install", "--quiet",
                        f"coordination-network-toolkit=={CNT_VERSION}"], check=True)
    version = subprocess.run(
        [str(python), "-c", "import importlib.metadata as m; print(m.version('coordination-network-toolkit'))"],
        check=True, capture_output=True, text=True).stdout.strip()
    if version != CNT_VERSION:
        sys.exit(f"{venv} has coordination-network-toolkit {version}, not {CNT_VERSION}")
    return python


# ---------------------------------------------------------------------------------------------
# The synthetic input

WORDS = ("stem op ons morgen vandaag verkiezing partij minister debat kijk deel nieuws echt nep "
         "vote now share this truth media election fraud people country great again watch live "
         "breaking update today night city news free speech join us").split()
UNICODE_TEXTS = [
    "Café naïve déjà vu", "ΟΔΟΣ ΣΑΣ Σ", "l'amour c'est l'été", "it’s ‘quoted’ ’abc", "日本語のテキスト カタカナ",
    "שלום \"עולם\" א\"ב", "3.14 1,000.5 3:4 a.b. a_b", "👍🏽 👨‍👩‍👧 🇳🇱🇧🇪 🇳", "İstanbul STRASSE ﬁne", "e\u0301cole \u200dx",
    "tab\tand\nnewline", "nbsp\u00a0and\u2003em\u3000ideo", "sep\x1cunit\x1fend", "mail me at a@b.example now",
]


def sentence(rng, length):
    return " ".join(rng.choice(WORDS) for _ in range(length))


def variant(rng, text):
    """The same text for CNT's co-tweet: case, blanks and mentions changed."""
    choice = rng.randrange(6)
    if choice == 0:
        return text.upper()
    if choice == 1:
        return "  " + text.replace(" ", "  \t") + " \n"
    if choice == 2:
        return f"@{rng.choice(WORDS)} " + text
    if choice == 3:
        return text + f" @{rng.choice(WORDS)}_{rng.randrange(99)}"
    if choice == 4:
        return text.title()
    return text


def near(rng, text):
    """A nearly equal text: one word replaced, added or dropped."""
    words = text.split()
    choice = rng.randrange(3)
    position = rng.randrange(len(words))
    if choice == 0:
        words[position] = rng.choice(WORDS)
    elif choice == 1:
        words.insert(position, rng.choice(WORDS))
    elif len(words) > 2:
        del words[position]
    return " ".join(words)


def generate(seed, target):
    rng = random.Random(seed)
    users = [f"u{n:03d}" for n in range(60)]
    groups = [users[i:i + 5] for i in range(0, 25, 5)]
    urls = [f"https://news{n}.example/a/{n * 7}" for n in range(30)] + ["http://t.example/x?a=1,2"]
    start = 1_700_000_000
    span = 8 * 3600
    rows = []
    ids = iter(range(1, 10 ** 9))

    def add(user, time, message="", repost="", reply="", links=None, urls_field=None):
        message_id = f"m{next(ids):06d}"
        if urls_field is None:
            urls_field = " ".join(links or [])
        rows.append([message_id, user, "name_" + user, repost, reply, message, str(time), urls_field])
        return message_id

    originals = [add(rng.choice(users), start + rng.randrange(span), sentence(rng, 8),
                     links=rng.sample(urls, rng.randrange(2))) for _ in range(60)]
    reply_targets = originals[:30] + [f"ext{n}" for n in range(20)]
    repost_targets = originals + [f"ext{n}" for n in range(40)]

    while len(rows) < target:
        kind = rng.randrange(100)
        t0 = start + rng.randrange(span)
        if kind < 45:
            # A coordinated burst: a group acts together, some members exactly at the window's
            # edge, one just beyond it.
            group = rng.choice(groups)
            members = rng.sample(group, rng.randrange(2, len(group) + 1))
            if rng.random() < 0.3:
                members.append(rng.choice(users))
            action = rng.randrange(6)
            text = sentence(rng, rng.randrange(6, 13))
            target_post = rng.choice(repost_targets)
            reply_to = rng.choice(reply_targets)
            link = rng.choice(urls)
            for index, user in enumerate(members):
                offset = rng.choice([0, 0, rng.randrange(60), rng.randrange(60), 60, 60, 61, 59])
                if index == 0:
                    offset = 0
                time = t0 + offset
                if action == 0:
                    add(user, time, f"RT @x: {text}", repost=target_post, links=[link])
                elif action == 1:
                    add(user, time, variant(rng, text), links=rng.sample(urls, rng.randrange(2)))
                elif action == 2:
                    add(user, time, near(rng, text))
                elif action == 3:
                    add(user, time, sentence(rng, 5), reply=reply_to)
                elif action == 4:
                    add(user, time, sentence(rng, 6), links=[link] + rng.sample(urls, rng.randrange(2)))
                else:
                    add(user, time, rng.choice(["", "@" + rng.choice(WORDS), "   ", "@a @b"]),
                        reply=rng.choice(["", reply_to]))
                if rng.random() < 0.15:
                    # The same account again, within the window.
                    add(user, time + rng.randrange(61), variant(rng, text), repost=rng.choice(["", target_post]))
        elif kind < 60:
            add(rng.choice(users), t0, "RT: " + sentence(rng, 6), repost=rng.choice(repost_targets),
                links=rng.sample(urls, rng.randrange(2)))
        elif kind < 70:
            add(rng.choice(users), t0, sentence(rng, rng.randrange(1, 8)), reply=rng.choice(reply_targets),
                links=rng.sample(urls, rng.randrange(2)))
        elif kind < 80:
            # URL fields CNT splits into an empty URL too.
            links = rng.sample(urls, rng.randrange(1, 3))
            add(rng.choice(users), t0, sentence(rng, 4),
                urls_field=rng.choice(["  ".join(links), " ".join(links) + " ", " " + links[0], ""]))
        elif kind < 88:
            add(rng.choice(users), t0, rng.choice(UNICODE_TEXTS) + rng.choice(["", " " + sentence(rng, 2)]),
                reply=rng.choice(["", "", rng.choice(reply_targets)]))
        elif kind < 92:
            add(rng.choice(users), t0, rng.choice(["", " ", "@only @mentions", "\t"]))
        elif kind < 95:
            # Both a repost and a reply: CNT treats it as a repost.
            add(rng.choice(users), t0, sentence(rng, 4), repost=rng.choice(repost_targets),
                reply=rng.choice(reply_targets))
        else:
            add(rng.choice(users), t0, sentence(rng, rng.randrange(3, 10)), links=rng.sample(urls, rng.randrange(3)))

    # Repeated rows: the same message id again, unchanged.
    rows.extend(rng.sample(rows, 40))
    rng.shuffle(rows)
    return rows


# ---------------------------------------------------------------------------------------------
# Tokeniser cases

CHARACTER_POOL = (
    list("abcXYZ019") + list(" '\".,:;_-@#/!?") + ["\t", "\n", "\r", "\u00a0", "\u2003", "\u3000", "\x1c", "\x0b"]
    + ["\u0301", "\u0308", "\u200d", "\u00ad", "\u200b", "\u2060"]            # Extend, ZWJ, Format, Other
    + ["👍", "🏽", "❤", "🛑", "\U0001F1F3", "\U0001F1F1", "©"]               # emoji, RI, ExtPict
    + ["テ", "ー", "ひ", "日", "א", "ב", "Σ", "σ", "İ", "ß", "ﬁ", "é", "ǅ"]  # scripts, cases
    + ["٣", "\u066c", "\u00b7", "\u05f3", "\u203f", "’", "“", "\u2018", "\u0085", "\u2028"]
)


def tokenizer_cases(seed, count):
    rng = random.Random(seed + 1)
    cases = [text for text in UNICODE_TEXTS]
    cases += ["'orange' it's don't", "a  ' b", "’abc x’a", "ab''cd", "a ''b", "a:\u0308a", "1,\u03081", "\u0300A",
              "\U0001F1E6A", "'A", "@bob hi @x@y there", "x@y", "Σ", "aΣ", "aΣb", "aΣ.", "ΑΣ\u0301"]
    while len(cases) < count:
        cases.append("".join(rng.choice(CHARACTER_POOL) for _ in range(rng.randrange(1, 14))))
    return cases


# ---------------------------------------------------------------------------------------------
# Running CNT

def run_cnt(python, database, *arguments):
    # The command line CNT installs (`python -m coordination_network_toolkit` works too, with a
    # warning from runpy).
    # CNT's process pool prints an ignored exception at exit; its stderr is shown only on failure.
    result = subprocess.run([str(python.parent / "compute_networks"), str(database), *arguments],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        sys.exit(f"compute_networks {' '.join(arguments)} failed:\n{result.stderr}")


def table_rows(database, network):
    with sqlite3.connect(database) as db:
        return sorted(db.execute(f"select user_1, user_2, weight from {network}_network"))


def write_table(path, rows):
    with open(path, "w", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["user_1", "user_2", "weight"])
        writer.writerows(rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=20260311)
    parser.add_argument("--messages", type=int, default=3000)
    parser.add_argument("--tokeniser-cases", type=int, default=1500)
    options = parser.parse_args()

    python = venv_python()
    rows = generate(options.seed, options.messages)
    if FIXTURES.exists():
        shutil.rmtree(FIXTURES)
    FIXTURES.mkdir(parents=True)
    input_csv = FIXTURES / "input.csv"
    with open(input_csv, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["message_id", "user_id", "username", "repost_id", "reply_id", "message", "timestamp", "urls"])
        writer.writerows(rows)

    tables = []
    with tempfile.TemporaryDirectory() as scratch:
        database = pathlib.Path(scratch) / "cnt.db"
        run_cnt(python, database, "preprocess", "--format", "csv", str(input_csv))

        # The same data with what Toets reads differently removed first (see the docstring).
        without_empty_urls = pathlib.Path(scratch) / "without-empty-urls.db"
        without_empty_texts = pathlib.Path(scratch) / "without-empty-texts.db"
        for copy in (without_empty_urls, without_empty_texts):
            shutil.copy(database, copy)
        with sqlite3.connect(without_empty_urls) as db:
            db.execute("delete from message_url where url = ''")
        empty = subprocess.run(
            [str(python), "-c",
             "import sys, sqlite3\n"
             "from coordination_network_toolkit.similarity import message_preprocessor\n"
             "db = sqlite3.connect(sys.argv[1])\n"
             "ids = [(m,) for m, t in db.execute('select message_id, message from edge where repost_id is null')"
             " if message_preprocessor(t) == '']\n"
             "db.executemany('delete from edge where message_id = ?', ids)\n"
             "db.commit()\n"
             "print(len(ids))\n",
             str(without_empty_texts)], check=True, capture_output=True, text=True).stdout.strip()
        print(f"{empty} messages normalise to the empty text", file=sys.stderr)

        variants = [(network, {}, database, "") for network in NETWORKS]
        variants.append(("co_similar_tweet", {"similarity_threshold": 0.5, "min_document_size_similarity": 3.0},
                         database, ""))
        variants.append(("co_link", {}, without_empty_urls, "without_empty_urls"))
        variants.append(("co_tweet", {}, without_empty_texts, "without_empty_texts"))
        for network, extra, source, removed in variants:
            for min_edge_weight in (1, 2):
                arguments = ["compute", network, "--time_window", str(WINDOW), "--min_edge_weight",
                             str(min_edge_weight), "--n_cpus", "2"]
                for name, value in extra.items():
                    arguments += [f"--{name}", str(value)]
                run_cnt(python, source, *arguments)
                name = f"{network}-mw{min_edge_weight}"
                if extra:
                    name += "-t{similarity_threshold}-d{min_document_size_similarity:g}".format(**extra)
                if removed:
                    name += "-" + removed.replace("_", "-")
                rows_out = table_rows(source, network)
                write_table(FIXTURES / f"{name}.csv", rows_out)
                parameters = {"similarity_threshold": 0.8, "min_document_size_similarity": 1.0}
                parameters.update(extra)
                tables.append({"file": f"{name}.csv", "network": network, "time_window": WINDOW,
                               "min_edge_weight": min_edge_weight, "removed_before_compute": removed or None,
                               "edges": len(rows_out), **parameters})
                print(f"{name}: {len(rows_out)} rows", file=sys.stderr)

    cases = tokenizer_cases(options.seed, options.tokeniser_cases)
    script = ("import json, sys\n"
              "from coordination_network_toolkit.similarity import tokenize, message_preprocessor\n"
              "for line in sys.stdin:\n"
              "    text = json.loads(line)\n"
              "    print(json.dumps({'text': text, 'normalised': message_preprocessor(text),\n"
              "                      'words': sorted(set(tokenize(text).split()))}, ensure_ascii=False))\n")
    output = subprocess.run([str(python), "-c", script], check=True, capture_output=True, text=True,
                            input="".join(json.dumps(case) + "\n" for case in cases)).stdout
    (FIXTURES / "tokenize.jsonl").write_text(output, encoding="utf-8")

    manifest = {"generator": "scripts/oracles/cnt_conformance.py", "cnt_version": CNT_VERSION,
                "seed": options.seed, "input": "input.csv", "input_rows": len(rows), "tables": tables}
    (FIXTURES / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    size = sum(path.stat().st_size for path in FIXTURES.iterdir())
    print(f"wrote {len(tables)} tables to {FIXTURES.relative_to(ROOT)} ({size // 1024} KiB)", file=sys.stderr)


if __name__ == "__main__":
    main()
