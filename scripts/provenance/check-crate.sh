#!/bin/sh
# Runs the demo pipeline into a scratch workspace with throwaway keys, checks its provenance
# with `toets verify`, exports its RO-Crate and PROV-JSON, and checks them offline:
# rocrate-validator (profile provenance-run-crate-0.5) with an HTTP cache seeded from the
# RO-Crate 1.1 context shipped in the rocrate wheel, and the prov library.
set -eu
TOETS=${TOETS:-.build/debug/toets}
VENV=${VENV:-.build-py/venv-crate}
WORK=$(mktemp -d /tmp/toets-check-crate.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

(umask 077 && head -c 32 /dev/urandom > "$WORK/pseudonym.key")
"$TOETS" keygen --out "$WORK/signing.key" > /dev/null
TOETS_PSEUDONYM_KEY_FILE="$WORK/pseudonym.key" "$TOETS" run pipelines/demo.yaml --workspace "$WORK/ws" \
    --signing-key "$WORK/signing.key"
"$TOETS" verify --workspace "$WORK/ws" --trusted-key "$WORK/signing.key.pub"
"$TOETS" export crate --workspace "$WORK/ws" --out "$WORK/crate"
"$TOETS" export prov --workspace "$WORK/ws" --out "$WORK/prov.json"

"$VENV/bin/python" scripts/provenance/seed_http_cache.py "$WORK/http-cache" "$VENV/contexts/rocrate-0.13.0-*.whl"
"$VENV/bin/rocrate-validator" --no-interactive --disable-color validate --profile-identifier provenance-run-crate-0.5 \
    --offline --cache-path "$WORK/http-cache" --output-format json --output-file "$WORK/validation.json" "$WORK/crate" \
    || { "$VENV/bin/python" -m json.tool "$WORK/validation.json" | head -80; echo "the RO-Crate failed validation"; exit 1; }
"$VENV/bin/python" -c 'import json, sys
r = json.load(open(sys.argv[1]))
print("rocrate-validator %s: %s is a valid provenance-run-crate-0.5 (REQUIRED checks)" % (r["meta"].get("version", ""), sys.argv[2]))
' "$WORK/validation.json" "$WORK/crate"
"$VENV/bin/python" scripts/provenance/check_prov.py "$WORK/prov.json"
