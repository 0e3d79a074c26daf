"""Deduce 3.0.6 over the labelled Dutch PII sample of `toets-bench pii`.

Deduce (PyPI `deduce`, LGPL-3.0, UMC Utrecht) is the established de-identification tool for
Dutch text: token patterns over lists of first names, surnames, interfixes, streets and places,
and regular expressions for numbers. It runs with its own base configuration.

Reads the sample (JSON lines with "id" and "text"), times deidentify() over every text on one
thread (wall-clock and process CPU time), and writes a header line (version, seconds,
cpu_seconds, texts, tags) and one line per text:
{"id": 0, "found": [{"entity": "persoon", "kinds": ["person"], "start": 3, "end": 25}]} with
Python string offsets. toets-bench scores the result.
"""

import argparse
import json
import logging
import sys
import time
from importlib.metadata import version

# Deduce's tags as Toets kinds. "locatie" covers streets with their numbers and also places,
# counted as addresses; "id" is a long number that may be an IBAN or a BSN. Dates, ages, links
# and institutions are not kinds of this benchmark and are left out.
KINDS = {
    "persoon": ["person"],
    "patient": ["person"],
    "locatie": ["address"],
    "bsn": ["bsn"],
    "telefoonnummer": ["phone"],
    "emailadres": ["email"],
    "id": ["iban", "bsn"],
}
IGNORED = {"datum", "leeftijd", "url", "ziekenhuis", "zorginstelling"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", required=True, help="the sample's JSON lines")
    parser.add_argument("--out", required=True, help="where to write Deduce's findings")
    args = parser.parse_args()

    logging.disable(logging.CRITICAL)  # Deduce logs its loading to stdout at DEBUG
    from deduce import Deduce

    with open(args.sample, encoding="utf-8") as sample:
        texts = [json.loads(line)["text"] for line in sample]

    deduce = Deduce()  # builds or loads its lookup structures: outside the timing
    deduce.deidentify("Warm-up: dhr. Jan de Vries, Kerkstraat 12, 06-12345678, jan@example.nl")

    start, cpu_start = time.perf_counter(), time.process_time()
    results = [deduce.deidentify(text) for text in texts]
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start

    unknown = sorted({a.tag for doc in results for a in doc.annotations} - KINDS.keys() - IGNORED)
    if unknown:
        print(f"Deduce reported tags with no Toets kind: {unknown}", file=sys.stderr)
        return 1
    with open(args.out, "w", encoding="utf-8") as out:
        header = {
            "deduce": version("deduce"),
            "seconds": seconds,
            "cpu_seconds": cpu_seconds,
            "texts": len(texts),
            "tags": sorted(KINDS),
        }
        out.write(json.dumps(header) + "\n")
        for index, doc in enumerate(results):
            found = sorted((a for a in doc.annotations if a.tag in KINDS), key=lambda a: (a.start_char, a.end_char, a.tag))
            line = {
                "id": index,
                "found": [
                    {"entity": a.tag, "kinds": KINDS[a.tag], "start": a.start_char, "end": a.end_char}
                    for a in found
                ],
            }
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
    print(f"Deduce {header['deduce']}: {len(texts)} texts in {seconds:.1f} s ({cpu_seconds:.1f} s CPU), "
          f"{len(texts) / seconds:.0f} texts/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
