#!/bin/sh
# The demo pipeline on this machine and through a single-node Slurm cluster (scripts/slurm-local.sh):
# every stage must execute as a job, every output digest must equal the local run's, and a rerun
# must submit no job. Starts the cluster and stops it again, also on failure or Ctrl-C.
# Usage: scripts/test-slurm.sh [TOETS-BINARY]   (default .build/debug/toets)
set -eu
cd "$(dirname "$0")/.."
toets=$(realpath "${1:-.build/debug/toets}")
work=$(mktemp -d /tmp/toets-slurm-test.XXXXXX)
export TOETS_SLURM_DIR="$work/cluster"
cleanup() {
    scripts/slurm-local.sh stop || true
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
scripts/slurm-local.sh start
eval "$(scripts/slurm-local.sh env)"
(umask 077 && head -c 32 /dev/urandom > "$work/pseudonym.key")
export TOETS_PSEUDONYM_KEY_FILE="$work/pseudonym.key"
unset TOETS_SIGNING_KEY_FILE

# Jobs slurmctld accepted so far (its log keeps every submission; squeue forgets finished jobs).
jobs_submitted() { grep -c '_slurm_rpc_submit_batch_job: JobId=' "$TOETS_SLURM_DIR/log/slurmctld.log" || true; }

# `toets run --json` writes one event per line; the stages are its stage-finished and
# stage-failed events, gathered here as {"stages": [...]}.
stages_of() {
    python3 - "$1" > "$1.stages" <<'PY'
import json, sys
events = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
json.dump({"stages": [e for e in events if e.get("event") in ("stage-finished", "stage-failed")]}, sys.stdout)
PY
}

echo "test-slurm: the demo pipeline on this machine"
"$toets" run pipelines/demo.yaml --workspace "$work/local" --reports "$work/reports-local" --json > "$work/local.json"
echo "test-slurm: the demo pipeline through Slurm"
"$toets" run pipelines/demo.yaml --workspace "$work/slurm" --reports "$work/reports-slurm" --executor slurm \
    --json > "$work/slurm.json"
submitted=$(jobs_submitted)
stages_of "$work/local.json"
stages_of "$work/slurm.json"
python3 - "$work/local.json.stages" "$work/slurm.json.stages" <<'PY'
import json, sys
local, slurm = (json.load(open(path)) for path in sys.argv[1:3])
def outputs(summary):
    return {stage["stage"]: sorted((a["name"], a["digest"]) for a in stage["artefacts"] if a.get("role", "output") == "output")
            for stage in summary["stages"]}
problems = []
for stage in slurm["stages"]:
    if stage["status"] != "executed":
        problems.append(f"{stage['stage']}: {stage['status']} through Slurm: {stage.get('reason')}")
for name, digests in outputs(local).items():
    if outputs(slurm).get(name) != digests:
        problems.append(f"{name}: outputs differ: local {digests}, slurm {outputs(slurm).get(name)}")
if problems:
    sys.exit("test-slurm: FAILED\n  " + "\n  ".join(problems))
count = sum(len(v) for v in outputs(local).values())
print(f"test-slurm: {len(slurm['stages'])} stages ran as Slurm jobs; all {count} output digests equal the local run's")
PY
[ "$submitted" -eq "$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['stages']))" "$work/slurm.json.stages")" ] || {
    echo "test-slurm: FAILED: slurmctld accepted $submitted jobs, not one per stage" >&2; exit 1; }

start=$(date +%s%N)
"$toets" run pipelines/demo.yaml --workspace "$work/slurm" --reports "$work/reports-slurm" --executor slurm --json > "$work/noop.json"
end=$(date +%s%N)
stages_of "$work/noop.json"
python3 - "$work/noop.json.stages" <<'PY'
import json, sys
summary = json.load(open(sys.argv[1]))
ran = [s["stage"] for s in summary["stages"] if s["status"] != "cached"]
if ran:
    sys.exit(f"test-slurm: FAILED: the rerun did not reuse {ran}")
PY
[ "$(jobs_submitted)" -eq "$submitted" ] || { echo "test-slurm: FAILED: the no-op rerun submitted jobs" >&2; exit 1; }
echo "test-slurm: the rerun through Slurm reused every stage and submitted no job ($(( (end - start) / 1000000 )) ms with publishing the reports, debug build)"
