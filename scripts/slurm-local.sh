#!/bin/sh
# A single-node Slurm cluster on this machine, for tests and measurements: its own munged, a
# slurmctld and a slurmd on localhost, no accounting database. Everything (configuration, state,
# logs, sockets) lives in one folder, so nothing of a system Slurm or munge is touched.
#
# Usage: scripts/slurm-local.sh start|stop|status|env   (folder: $TOETS_SLURM_DIR, default /tmp/toets-slurm)
#   start   writes the configuration, starts the daemons and waits until the node takes jobs
#   stop    stops what start started (by the process ids it recorded), and nothing else
#   env     prints the variable a client needs: eval "$(scripts/slurm-local.sh env)"
# Needs root (slurmd starts jobs as their user) and Debian's slurmctld, slurmd, slurm-client and munge
# (`make slurm-deps`).
set -eu
dir="${TOETS_SLURM_DIR:-/tmp/toets-slurm}"
ctld_port="${TOETS_SLURM_PORT:-16817}"
slurmd_port=$((ctld_port + 1))
conf="$dir/slurm.conf"

stop_pid() { # name pidfile
    [ -f "$2" ] || return 0
    pid=$(cat "$2")
    if kill -0 "$pid" 2>/dev/null; then
        kill "$pid" 2>/dev/null || true
        i=0
        while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
        kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$2"
}

case "${1:-}" in
start)
    mkdir -p "$dir/state" "$dir/spool" "$dir/log" "$dir/munge"
    chmod 700 "$dir/munge"
    if [ ! -f "$dir/munge/munge.key" ]; then
        (umask 077 && head -c 1024 /dev/urandom > "$dir/munge/munge.key")
    fi
    if ! { [ -f "$dir/munged.pid" ] && kill -0 "$(cat "$dir/munged.pid")" 2>/dev/null; }; then
        munged --force --socket="$dir/munge/munge.socket" --key-file="$dir/munge/munge.key" \
            --pid-file="$dir/munged.pid" --log-file="$dir/log/munged.log" --seed-file="$dir/munge/seed"
    fi
    host=$(hostname -s)
    # The node as slurmd sees it (CPUs, sockets, memory), less a little memory for the system.
    node=$(slurmd -C | head -1)
    memory=$(echo "$node" | sed -E 's/.*RealMemory=([0-9]+).*/\1/')
    node=$(echo "$node" | sed -E "s/RealMemory=[0-9]+/RealMemory=$((memory - 512))/")
    cat > "$conf" <<CONF
ClusterName=toets-local
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge/munge.socket
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool/slurmd-%n
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/linux
JobAcctGatherFrequency=1
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
MpiDefault=none
ReturnToService=2
MinJobAge=300
KillWait=5
$node State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP DefMemPerCPU=4096
CONF
    export SLURM_CONF="$conf"
    if ! { [ -f "$dir/slurmctld.pid" ] && kill -0 "$(cat "$dir/slurmctld.pid")" 2>/dev/null; }; then
        slurmctld -f "$conf"
    fi
    if ! { [ -f "$dir/slurmd.pid" ] && kill -0 "$(cat "$dir/slurmd.pid")" 2>/dev/null; }; then
        slurmd -f "$conf"
    fi
    i=0
    until sinfo -h -o '%T' 2>/dev/null | grep -Eq '^(idle|mixed|allocated)'; do
        i=$((i + 1))
        if [ $i -gt 100 ]; then
            echo "slurm-local: the node did not come up in 20 s; see $dir/log/" >&2
            tail -n 20 "$dir/log/slurmctld.log" "$dir/log/slurmd.log" >&2 || true
            exit 1
        fi
        scontrol update nodename="$host" state=resume >/dev/null 2>&1 || true
        sleep 0.2
    done
    echo "slurm-local: up ($host, $dir); clients need SLURM_CONF=$conf"
    ;;
stop)
    stop_pid slurmd "$dir/slurmd.pid"
    stop_pid slurmctld "$dir/slurmctld.pid"
    stop_pid munged "$dir/munged.pid"
    ;;
status)
    SLURM_CONF="$conf" sinfo
    ;;
env)
    echo "export SLURM_CONF=$conf"
    ;;
*)
    echo "usage: $0 start|stop|status|env" >&2
    exit 2
    ;;
esac
