"""Reads a PROV-JSON file with the `prov` library and checks that it holds the run: activities,
entities, agents and the usage and generation relations between them.

usage: check_prov.py FILE
"""

import sys

import prov
from prov.model import ProvActivity, ProvAgent, ProvEntity, ProvGeneration, ProvUsage


def main():
    document = prov.read(sys.argv[1], format="json")
    records = list(document.get_records())
    count = {kind: sum(isinstance(r, kind) for r in records)
             for kind in (ProvActivity, ProvEntity, ProvAgent, ProvUsage, ProvGeneration)}
    names = {kind.__name__.removeprefix("Prov"): n for kind, n in count.items()}
    if min(count.values()) == 0:
        sys.exit(f"{sys.argv[1]}: read by prov {prov.__version__}, but some kind of record is missing: {names}")
    # A round trip through prov's own serializer must keep every record.
    again = prov.model.ProvDocument.deserialize(content=document.serialize(format="json"), format="json")
    if len(list(again.get_records())) != len(records):
        sys.exit(f"{sys.argv[1]}: records lost in a round trip through prov")
    print(f"{sys.argv[1]}: read by prov {prov.__version__}: "
          + ", ".join(f"{n} {name.lower()}" for name, n in names.items()))


if __name__ == "__main__":
    main()
