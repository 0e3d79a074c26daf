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

# A controller killed with SIGKILL cannot cancel its jobs: the next run must find and cancel them
# (before it empties the workspace's tmp/, where they work) and then run as usual.
echo "test-slurm: a controller killed with SIGKILL, then the next run"
orphan="$work/orphan"
mkdir -p "$orphan"
printf 'stages:\n  slow:\n    role: data\n    run: sleep 613; echo slow > {out.x}\n' > "$orphan/pipeline.yaml"
"$toets" run "$orphan/pipeline.yaml" --workspace "$orphan/ws" --executor slurm > "$orphan/first.log" 2>&1 &
controller=$!
job=""
i=0
while [ -z "$job" ] && [ $i -lt 300 ]; do
    job=$(squeue --noheader --states=RUNNING --format=%i --name=toets-r1-slow 2>/dev/null || true)
    [ -n "$job" ] || sleep 0.2
    i=$((i + 1))
done
[ -n "$job" ] || { echo "test-slurm: FAILED: the slow job never ran" >&2; cat "$orphan/first.log" >&2; exit 1; }
# RUNNING in Slurm is not yet the command: `toets step` in the job first reads the pipeline and
# checks its key (a debug build under load takes seconds). Wait for the command itself, or the
# job could still read the changed pipeline below, refuse, and end on its own.
i=0
until pgrep -f "sleep 613; echo slow" > /dev/null || [ $i -ge 300 ]; do sleep 0.2; i=$((i + 1)); done
pgrep -f "sleep 613; echo slow" > /dev/null || {
    echo "test-slurm: FAILED: the slow job's command never started" >&2; cat "$orphan/first.log" >&2; exit 1; }
kill -9 "$controller"
wait "$controller" 2>/dev/null || true
[ "$(squeue --noheader --format=%T --jobs="$job")" = RUNNING ] || {
    echo "test-slurm: FAILED: job $job did not outlive its killed controller (nothing to test)" >&2; exit 1; }
printf 'stages:\n  slow:\n    role: data\n    run: echo quick > {out.x}\n' > "$orphan/pipeline.yaml"
"$toets" run "$orphan/pipeline.yaml" --workspace "$orphan/ws" --executor slurm > "$orphan/second.log" 2>&1 || {
    echo "test-slurm: FAILED: the run after the killed controller failed" >&2; cat "$orphan/second.log" >&2; exit 1; }
state=$(squeue --noheader --states=all --format=%T --jobs="$job" 2>/dev/null || true)
case "$state" in
    RUNNING|PENDING|COMPLETING) echo "test-slurm: FAILED: job $job of the killed controller is still $state" >&2; exit 1 ;;
esac
grep -q "cancelled Slurm job $job" "$orphan/second.log" || {
    echo "test-slurm: FAILED: the run did not say it cancelled job $job" >&2; cat "$orphan/second.log" >&2; exit 1; }
"$toets" verify --workspace "$orphan/ws" > "$orphan/verify.log" 2>&1 || {
    echo "test-slurm: FAILED: verify after the killed controller" >&2; cat "$orphan/verify.log" >&2; exit 1; }
echo "test-slurm: the next run cancelled job $job of the killed controller (${state:-gone}), ran, and verify found the store whole"
