#!/bin/sh
# Fetches the name lists anonymise reads at run time: the lookup lists of Deduce 3.0.6 (PyPI
# `deduce`, LGPL-3.0, UMC Utrecht; https://github.com/vmenger/deduce), downloaded as the pinned
# wheel, its SHA-256 checked, and unpacked into a build folder. They are never copied into the
# repository. Usage: scripts/fetch-name-lists.sh FOLDER [PYTHON]
set -eu
folder=$1
python=${2:-python3}
wheel_sha256=8f927455e4a9e88d4af815cf1abb78f652db0a9899539d982c38503c30ea3c4c
download=$folder.download
rm -rf "$download" "$folder.partial"
mkdir -p "$download"
"$python" -m venv "$download/venv"
"$download/venv/bin/pip" download --quiet --no-deps --only-binary=:all: "deduce==3.0.6" -d "$download"
wheel=$download/deduce-3.0.6-py3-none-any.whl
echo "$wheel_sha256  $wheel" | sha256sum -c --quiet - || {
    echo "the deduce 3.0.6 wheel does not have the pinned SHA-256 $wheel_sha256; not using it" >&2
    exit 1
}
"$download/venv/bin/python" - "$wheel" "$folder.partial" <<'PY'
import sys, zipfile
wheel, out = sys.argv[1], sys.argv[2]
prefix = "deduce/data/lookup/src/"
with zipfile.ZipFile(wheel) as archive:
    for name in archive.namelist():
        if name.startswith(prefix) and name.endswith(".txt"):
            target = out + "/deduce/" + name[len(prefix):]
            import os
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with archive.open(name) as source, open(target, "wb") as sink:
                sink.write(source.read())
PY
cat > "$folder.partial/SOURCE" <<TXT
Deduce 3.0.6 lookup lists (deduce/data/lookup/src/**/*.txt of deduce-3.0.6-py3-none-any.whl,
SHA-256 $wheel_sha256), by UMC Utrecht, licensed under the GNU LGPL-3.0:
https://github.com/vmenger/deduce. Fetched by Toets's scripts/fetch-name-lists.sh; not part of Toets.
TXT
rm -rf "$folder" "$download"
mv "$folder.partial" "$folder"
echo "name lists (Deduce 3.0.6) in $folder"
