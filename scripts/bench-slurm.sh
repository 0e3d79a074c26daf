#!/bin/sh
# Toets against Snakemake 9 + snakemake-executor-plugin-slurm on the same single-node Slurm
# cluster (scripts/slurm-local.sh), with the same steps: a fan-out of N steps (default 50) that
# each copy one input and append their number. Prints wall times, per-step overhead and the
# no-op rerun of each, and stops the cluster it started.
# Usage: scripts/bench-slurm.sh [TOETS-BINARY] [N]   (`make bench-slurm`: release build, venv in .build-py/snakemake)
set -eu
cd "$(dirname "$0")/.."
toets=$(realpath "${1:-.build/release/toets}")
steps="${2:-50}"
snakemake="$(pwd)/.build-py/snakemake/bin/snakemake"
work=$(mktemp -d /tmp/toets-bench-slurm.XXXXXX)
export TOETS_SLURM_DIR="$work/cluster"
# Its own ports, so that it can run beside `make test-slurm`'s cluster.
export TOETS_SLURM_PORT="${TOETS_SLURM_PORT:-16917}"
linked=""
cleanup() {
    [ -n "$linked" ] && rm -f /etc/slurm/slurm.conf
    scripts/slurm-local.sh stop || true
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
scripts/slurm-local.sh start >/dev/null
eval "$(scripts/slurm-local.sh env)"
# Snakemake's jobs call srun, which inside a job finds slurm.conf only where Slurm looks by
# default: link it there for the bench if no Slurm is configured on this machine.
if [ ! -e /etc/slurm/slurm.conf ]; then
    mkdir -p /etc/slurm && ln -s "$SLURM_CONF" /etc/slurm/slurm.conf && linked=yes
fi
now() { date +%s%N; }
ms() { echo $(( ($2 - $1) / 1000000 )); }
submitted() { grep -c '_slurm_rpc_submit_batch_job: JobId=' "$TOETS_SLURM_DIR/log/slurmctld.log" || true; }

# The same work for both: one input, N steps that each copy it and append their number.
mkdir -p "$work/toets" "$work/snakemake"
seq 1 1000 > "$work/toets/input.txt"
cp "$work/toets/input.txt" "$work/snakemake/input.txt"
{
    echo "stages:"
    echo "  data: {uses: source, with: {files: {input: input.txt}}}"
    for i in $(seq 1 "$steps"); do
        echo "  step-$i: {needs: data, run: \"cat {in.input} > {out.copy}; echo $i >> {out.copy}\"}"
    done
} > "$work/toets/fanout.yaml"
cat > "$work/snakemake/Snakefile" <<SNAKE
rule all:
    input: expand("out/{i}.txt", i=range(1, $steps + 1))

rule step:
    input: "input.txt"
    output: "out/{i}.txt"
    shell: "cat {input} > {output}; echo {wildcards.i} >> {output}"
SNAKE

echo "bench-slurm: $steps-step fan-out on a single-node Slurm ($(nproc) cores), each step a job"
before=$(submitted); start=$(now)
(cd "$work/toets" && "$toets" run fanout.yaml --executor slurm --jobs "$steps" --workspace .toets > run.log 2>&1)
end=$(now); toets_ms=$(ms "$start" "$end"); toets_jobs=$(( $(submitted) - before ))
start=$(now)
(cd "$work/toets" && "$toets" run fanout.yaml --executor slurm --jobs "$steps" --workspace .toets > noop.log 2>&1)
end=$(now); toets_noop=$(ms "$start" "$end")
grep -q "0 executed, $((steps + 1)) cached" "$work/toets/noop.log" || { cat "$work/toets/noop.log"; exit 1; }
echo "toets: $toets_jobs jobs, $toets_ms ms, $((toets_ms / steps)) ms per step; no-op rerun $toets_noop ms"

# Snakemake: status checks as often as its plugin allows, so that polling does not decide.
before=$(submitted); start=$(now)
(cd "$work/snakemake" && "$snakemake" --executor slurm --jobs "$steps" --quiet all --slurm-no-account \
    --slurm-status-command squeue --slurm-init-seconds-before-status-checks 1 --seconds-between-status-checks 1 \
    > run.log 2>&1) || {
    tail -30 "$work/snakemake/run.log"; exit 1; }
end=$(now); snake_ms=$(ms "$start" "$end"); snake_jobs=$(( $(submitted) - before ))
start=$(now)
(cd "$work/snakemake" && "$snakemake" --executor slurm --jobs "$steps" --quiet all --slurm-no-account \
    --slurm-status-command squeue > noop.log 2>&1)
end=$(now); snake_noop=$(ms "$start" "$end")
echo "snakemake: $snake_jobs jobs, $snake_ms ms, $((snake_ms / steps)) ms per step; no-op rerun $snake_noop ms"

for i in $(seq 1 "$steps"); do
    cmp -s "$work/snakemake/out/$i.txt" "$(cd "$work/toets" && "$toets" outputs "step-$i" --workspace .toets --json \
        | python3 -c 'import json,sys; print([a["path"] for a in json.load(sys.stdin)["artefacts"] if a["name"]=="copy"][0])')" \
        || { echo "bench-slurm: step $i differs between toets and Snakemake" >&2; exit 1; }
done
printf '%-10s %6s %10s %14s %10s\n' tool jobs "wall ms" "ms per step" "no-op ms"
printf '%-10s %6s %10s %14s %10s\n' toets "$toets_jobs" "$toets_ms" "$((toets_ms / steps))" "$toets_noop"
printf '%-10s %6s %10s %14s %10s\n' snakemake "$snake_jobs" "$snake_ms" "$((snake_ms / steps))" "$snake_noop"
echo "(wall time / steps; the steps themselves take milliseconds, so this is the overhead per step of submitting,"
echo " scheduling, starting and noticing the end of a job; both tools' outputs are byte-identical)"
