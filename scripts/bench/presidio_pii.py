"""Presidio's analyzer, regex only, over the labelled Dutch PII sample of `toets-bench pii`.

No spaCy model can be downloaded here, so the analyzer runs with Presidio's own NoOpNlpEngine
(empty NLP artifacts, no NER) and only the predefined recognizers that match kinds Toets
reports: EmailRecognizer, PhoneRecognizer (python-phonenumbers, region NL), IbanRecognizer
and UrlRecognizer. Presidio has no recognizer for BSN, postcodes, licence plates or @handles.

Reads the sample (JSON lines with "id" and "text"), times analyze() over every text on one
thread (wall-clock and process CPU time), and writes a header line (version, seconds,
cpu_seconds, texts, recognizers) and one line per text:
{"id": 0, "found": [{"entity": "IBAN_CODE", "kinds": ["iban"], "start": 3, "end": 25,
"score": 1.0}]} with Python string offsets. toets-bench scores the result.
"""

import argparse
import json
import logging
import sys
import time
from importlib.metadata import version

from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
from presidio_analyzer.nlp_engine import NoOpNlpEngine
from presidio_analyzer.predefined_recognizers import (
    EmailRecognizer,
    IbanRecognizer,
    PhoneRecognizer,
    UrlRecognizer,
)

LANGUAGE = "nl"

# Presidio entity types as Toets kinds. A URL is a generic link: it counts as a profile link
# or an invite, whichever gold span it overlaps; otherwise as a false profile link.
KINDS = {
    "EMAIL_ADDRESS": ["email"],
    "PHONE_NUMBER": ["phone"],
    "IBAN_CODE": ["iban"],
    "URL": ["profile-url", "invite"],
}


def make_analyzer() -> AnalyzerEngine:
    recognizers = [
        EmailRecognizer(supported_language=LANGUAGE),
        PhoneRecognizer(supported_language=LANGUAGE, supported_regions=("NL",)),
        IbanRecognizer(supported_language=LANGUAGE),
        UrlRecognizer(supported_language=LANGUAGE),
    ]
    registry = RecognizerRegistry(recognizers=recognizers, supported_languages=[LANGUAGE])
    nlp_engine = NoOpNlpEngine(models=[{"lang_code": LANGUAGE, "model_name": "none"}])
    return AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=[LANGUAGE])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", required=True, help="the sample's JSON lines")
    parser.add_argument("--out", required=True, help="where to write Presidio's findings")
    args = parser.parse_args()

    # EmailRecognizer validates with tldextract, which first tries to fetch the public suffix
    # list and, with no network, falls back to its bundled copy. That happens in the warm-up
    # below, outside the timing, and its traceback is not news.
    logging.getLogger("tldextract").setLevel(logging.CRITICAL)

    with open(args.sample, encoding="utf-8") as sample:
        texts = [json.loads(line)["text"] for line in sample]

    analyzer = make_analyzer()
    analyzer.analyze("Warm-up: anna@ziggo.nl, 06-12345678, NL91ABNA0417164300, https://x.com/a", language=LANGUAGE)

    start, cpu_start = time.perf_counter(), time.process_time()
    results = [analyzer.analyze(text, language=LANGUAGE) for text in texts]
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start

    unknown = sorted({r.entity_type for found in results for r in found} - KINDS.keys())
    if unknown:
        print(f"Presidio reported entity types with no Toets kind: {unknown}", file=sys.stderr)
        return 1
    with open(args.out, "w", encoding="utf-8") as out:
        header = {
            "presidio_analyzer": version("presidio-analyzer"),
            "seconds": seconds,
            "cpu_seconds": cpu_seconds,
            "texts": len(texts),
            "recognizers": sorted(r.name for r in analyzer.get_recognizers(LANGUAGE)),
        }
        out.write(json.dumps(header) + "\n")
        for index, found in enumerate(results):
            found = sorted(found, key=lambda r: (r.start, r.end, r.entity_type))
            line = {
                "id": index,
                "found": [
                    {"entity": r.entity_type, "kinds": KINDS[r.entity_type], "start": r.start, "end": r.end,
                     "score": r.score}
                    for r in found
                ],
            }
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
    print(f"Presidio {header['presidio_analyzer']} ({', '.join(header['recognizers'])}): "
          f"{len(texts)} texts in {seconds:.1f} s ({cpu_seconds:.1f} s CPU), {len(texts) / seconds:.0f} texts/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
