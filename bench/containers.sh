#!/usr/bin/env bash
# Containers bench: berthd side by side with Debian's dockerd (both on runc, no networking:
# --network none, since dockerd runs with --bridge=none here). Measures through the stock docker CLI:
#   - `docker run --rm busybox true`, median wall time;
#   - 50 containers created, started (`run -d`) and removed (`rm -f`), containers per second;
#   - `docker exec C true`, median wall time, the two daemons' execs taken in turns so that both see the
#     same noise: the first 20 (berthd's JIT still compiling its exec path) and, after 40, the steady state;
#   - memory with 50 running containers: the daemon and its helper processes (berthd: conmon per
#     container; dockerd: containerd and a shim per container).
# Writes bench/results/containers-<date>.txt.
#
#   bench/containers.sh                     # 20 runs, 50 containers, 100 execs
#   BENCH_RUNS=20 BENCH_CONTAINERS=100 BENCH_EXECS=200 bench/containers.sh
set -uo pipefail
BERTH_ROOT=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
. "$BERTH_ROOT/bin/provision.sh"

runs=${BENCH_RUNS:-20}
count=${BENCH_CONTAINERS:-50}
execs=${BENCH_EXECS:-100}
work=$(mktemp -d /tmp/berth-bench-XXXXXX)
results=$BERTH_ROOT/bench/results/containers-$(date +%Y-%m-%dT%H%M).txt
declare -A pid fig status
daemons=()
. "$BERTH_ROOT/bench/lib.sh"
trap cleanup EXIT

median_ms() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { printf "%.1f", v[int((NR + 1) / 2)] }'; }

# Wall time in ms of one docker command against a daemon; "failed" when it fails.
time_ms() {
  local name=$1 t0 t1
  shift
  t0=$(now_ns)
  docker_at "$name" "$@" >/dev/null 2>&1 || { echo "failed"; return 1; }
  t1=$(now_ns)
  awk -v ns=$((t1 - t0)) 'BEGIN { printf "%.3f", ns / 1e6 }'
}

# Median wall time in ms of one docker command against a daemon, over $runs runs.
median_of() {
  local name=$1 i t times=()
  shift
  for ((i = 0; i < runs; i++)); do
    t=$(time_ms "$name" "$@") || { echo "failed"; return 1; }
    times+=("$t")
  done
  median_ms "${times[@]}"
}

# RSS in MB of every process named $2.. whose ancestry or cgroup belongs to this run ($1 = pid of the daemon).
helpers_rss_mb() {
  local total=0 p kb comm
  for p in $(pgrep -f "$work" 2>/dev/null); do
    [ "$p" = "$1" ] && continue
    comm=$(cat "/proc/$p/comm" 2>/dev/null) || continue
    case "$comm" in conmon|containerd*|docker-proxy|runc) ;; *) continue ;; esac
    kb=$(awk '/^VmRSS:/ { print $2 }' "/proc/$p/status" 2>/dev/null) && total=$((total + kb))
  done
  awk -v kb="$total" 'BEGIN { printf "%.1f", kb / 1024 }'
}

# run --rm, then $count containers started (kept running for the exec phase; their ids in $work/<name>/ids).
bench_start() {
  local name=$1 t0 t1 i
  docker_at "$name" import -c 'CMD ["sh"]' "$tar" busybox >/dev/null || { fig[$name.run]="import failed"; return 1; }
  docker_at "$name" run --rm --network none busybox true >/dev/null 2>&1
  fig[$name.run]=$(median_of "$name" run --rm --network none busybox true)
  t0=$(now_ns)
  for ((i = 0; i < count; i++)); do
    docker_at "$name" run -d --network none busybox sleep 3600 >>"$work/$name/ids"
  done
  t1=$(now_ns)
  fig[$name.start_ns]=$((t1 - t0))
  fig[$name.rss_running]=$(rss_mb "${pid[$name]}")
  fig[$name.helpers_running]=$(helpers_rss_mb "${pid[$name]}")
}

# $execs execs into each daemon's first container, the daemons taking turns: the median of the first 20
# and the median of those after the 40th.
bench_execs() {
  local i name t
  declare -A first=() cold=() steady=()
  for name in "${daemons[@]}"; do first[$name]=$(head -n 1 "$work/$name/ids"); done
  for ((i = 0; i < execs; i++)); do
    for name in "${daemons[@]}"; do
      [ -n "${first[$name]}" ] || continue
      t=$(time_ms "$name" exec "${first[$name]}" true) || { fig[$name.exec_cold]=failed; first[$name]=; continue; }
      ((i < 20)) && cold[$name]+="$t "
      ((i >= 40)) && steady[$name]+="$t "
    done
  done
  for name in "${daemons[@]}"; do
    [ -n "${first[$name]}" ] || continue
    fig[$name.exec_cold]=$(median_ms ${cold[$name]})
    [ -n "${steady[$name]:-}" ] && fig[$name.exec]=$(median_ms ${steady[$name]})
  done
}

bench_remove() {
  local name=$1 t0 t1
  t0=$(now_ns)
  # shellcheck disable=SC2046
  docker_at "$name" rm -f $(cat "$work/$name/ids") >/dev/null
  t1=$(now_ns)
  fig[$name.cps]=$(awk -v n="$count" -v a="${fig[$name.start_ns]}" -v b=$((t1 - t0)) 'BEGIN { printf "%.1f", n / ((a + b) / 1e9) }')
  fig[$name.runtime_cps]=$(awk -v n="$count" -v a="${fig[$name.start_ns]}" 'BEGIN { printf "%.1f", n / (a / 1e9) }')
}

java_home=$(berth_java25) || exit 1
build_if_needed || echo "bench: build failed; using whatever is built"
mkdir -p "$work/docker-config"
tar=$work/rootfs.tar
berth_testkit_java "$java_home" dev.berth.testkit.BusyboxRootfs "$tar" || exit 1

printf '{}\n' >"$work/berthd.json"
start_daemon berthd 30 "$BERTH_ROOT/bin/berthd" --config-file "$work/berthd.json" --bridge=none --nft-table "berth_bench_$$"
if [ -x /usr/sbin/dockerd ]; then
  printf '{}\n' >"$work/dockerd.json"
  start_daemon dockerd 60 /usr/sbin/dockerd --config-file "$work/dockerd.json" --iptables=false \
    --ip6tables=false --bridge=none --containerd-namespace berth-bench --containerd-plugins-namespace berth-bench-plugins
fi
for name in "${daemons[@]}"; do
  echo "bench: measuring $name"
  bench_start "$name"
done
echo "bench: $execs execs into each daemon, in turns"
bench_execs
for name in "${daemons[@]}"; do
  bench_remove "$name"
done

row() { printf '%-52s %-16s %-16s\n' "$1" "${fig[berthd.$2]:-n/a}" "${fig[dockerd.$2]:-n/a}"; }
{
  echo "berth containers bench, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, $(uname -r)"
  echo "dockerd: $(/usr/sbin/dockerd --version 2>/dev/null || echo none); runc: $(runc --version 2>/dev/null | head -1)"
  echo "runs: $runs; containers: $count; execs: $execs, the daemons in turns; every container with --network none"
  echo
  printf '%-52s %-16s %-16s\n' "metric" "berthd" "dockerd"
  row "docker run --rm busybox true, median ms" run
  row "run -d + rm -f of $count containers, containers/s" cps
  row "run -d alone, containers/s" runtime_cps
  row "docker exec C true, median ms (after 40)" exec
  row "docker exec C true, median ms (first 20)" exec_cold
  row "RSS with $count running, MB (daemon)" rss_running
  row "RSS with $count running, MB (conmon / containerd+shims)" helpers_running
} | tee "$results"
echo "bench: written to $results"
