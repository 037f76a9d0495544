#!/usr/bin/env bash
# Foundation bench: berthd side by side with Debian's dockerd, each isolated in a temp dir.
# Measures docker import / docker save throughput of a ~200 MB rootfs, daemon RSS, and the wall
# time of `berth version`, `berth images`, `docker version` and `docker images`. Prints a table
# and writes it to bench/results/foundation-<date>.txt. A daemon that does not start is reported
# and skipped.
#
#   bench/foundation.sh                 # 200 MB, 3 runs each
#   BENCH_SIZE_MB=50 BENCH_RUNS=5 bench/foundation.sh
set -uo pipefail
BERTH_ROOT=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
. "$BERTH_ROOT/bin/provision.sh"

size_mb=${BENCH_SIZE_MB:-200}
runs=${BENCH_RUNS:-3}
work=$(mktemp -d /tmp/berth-bench-XXXXXX)
results=$BERTH_ROOT/bench/results/foundation-$(date +%Y-%m-%dT%H%M).txt
declare -A pid fig status
daemons=()

cleanup() {
  local name m
  for name in "${!pid[@]}"; do
    kill -TERM "${pid[$name]}" 2>/dev/null &&
      { timeout 30 tail --pid="${pid[$name]}" -f /dev/null || kill -KILL "${pid[$name]}" 2>/dev/null; }
  done
  # Deepest first: overlay mounts under data-roots, then the data-roots dockerd bind-mounts.
  awk -v w="$work" 'index($5, w) == 1 { print $5 }' /proc/self/mountinfo | sort -r |
    while read -r m; do umount -l "$m"; done
  rm -rf "$work"
}
trap cleanup EXIT

now_ns() { date +%s%N; }
rss_mb() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo n/a; }
children_rss_mb() {
  local total=0 c kb
  for c in $(cat "/proc/$1/task/"*/children 2>/dev/null); do
    kb=$(awk '/^VmRSS:/ { print $2 }' "/proc/$c/status" 2>/dev/null) && total=$((total + kb))
  done
  awk -v kb="$total" 'BEGIN { printf "%.1f", kb / 1024 }'
}
mbps() { awk -v bytes="$1" -v ns="$2" 'BEGIN { printf "%.1f", bytes / 1048576 / (ns / 1e9) }'; }
# best and median of a list of MB/s figures, as "best / median"
best_median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { printf "%s / %s", v[NR], v[int((NR + 1) / 2)] }'; }

# The stock CLI against one of our daemons, with a private config so the user's contexts don't apply.
docker_at() { local name=$1; shift; env DOCKER_CONFIG="$work/docker-config" docker -H "unix://$work/$name/sock" "$@"; }

pings() { curl -sf --max-time 2 --unix-socket "$1" http://localhost/_ping >/dev/null 2>&1; }

start_daemon() {
  local name=$1 timeout_s=$2; shift 2
  local dir=$work/$name i t0
  mkdir -p "$dir"
  t0=$(now_ns)
  setsid "$@" -H "unix://$dir/sock" --data-root "$dir/data" --exec-root "$dir/exec" --pidfile "$dir/pid" \
    >"$dir/log" 2>&1 </dev/null &
  pid[$name]=$!
  for ((i = 0; i < timeout_s * 10; i++)); do
    if pings "$dir/sock"; then
      daemons+=("$name")
      status[$name]="pid ${pid[$name]}, answered /_ping $(awk -v ns=$(($(now_ns) - t0)) 'BEGIN { printf "%.2f", ns / 1e9 }') s after start"
      fig[$name.rss_start]=$(rss_mb "${pid[$name]}")
      fig[$name.rss_helpers_start]=$(children_rss_mb "${pid[$name]}")
      echo "bench: $name is up (pid ${pid[$name]})"
      return 0
    fi
    kill -0 "${pid[$name]}" 2>/dev/null || break
    sleep 0.1
  done
  status[$name]="did not start: $(grep -v '^\s*$' "$dir/log" | tail -n 1 | cut -c1-110)"
  echo "bench: $name did not start; skipping it. Last lines of its log:"
  tail -n 15 "$dir/log" | sed 's/^/    /'
  kill -KILL "${pid[$name]}" 2>/dev/null
  unset "pid[$name]"
  return 1
}

bench_import() {
  local name=$1 i t0 t1 speeds=()
  for ((i = 1; i <= runs; i++)); do
    docker_at "$name" rmi -f "bench:import" >/dev/null 2>&1
    t0=$(now_ns)
    if ! docker_at "$name" import "$tar" bench:import >/dev/null 2>"$work/$name/err"; then
      fig[$name.import]="failed: $(head -c 80 "$work/$name/err" | tr '\n' ' ')"
      return 1
    fi
    t1=$(now_ns)
    speeds+=("$(mbps "$tar_bytes" $((t1 - t0)))")
  done
  fig[$name.import]=$(best_median "${speeds[@]}")
}

bench_save() {
  local name=$1 i t0 t1 bytes speeds=()
  for ((i = 1; i <= runs; i++)); do
    t0=$(now_ns)
    bytes=$({ docker_at "$name" save bench:import 2>"$work/$name/err"; echo $? >"$work/$name/rc"; } | wc -c)
    t1=$(now_ns)
    if [ "$(cat "$work/$name/rc")" != 0 ] || [ "$bytes" -lt "$tar_bytes" ]; then
      fig[$name.save]="failed: $(head -c 80 "$work/$name/err" | tr '\n' ' ')"
      return 1
    fi
    speeds+=("$(mbps "$bytes" $((t1 - t0)))")
  done
  fig[$name.save]=$(best_median "${speeds[@]}")
}

# Mean wall time in ms of a command: hyperfine when installed, else a plain loop.
wall_ms() {
  local n=10 t0 t1 i
  "$@" >/dev/null 2>&1 || { echo "failed"; return 1; }
  if command -v hyperfine >/dev/null; then
    hyperfine -N --warmup 2 --runs "$n" --export-csv "$work/hf.csv" -- "$(printf '%q ' "$@")" >/dev/null 2>&1 &&
      awk -F, 'NR == 2 { printf "%.1f ± %.1f", $2 * 1000, $3 * 1000 }' "$work/hf.csv" && return 0
  fi
  t0=$(now_ns)
  for ((i = 0; i < n; i++)); do "$@" >/dev/null 2>&1; done
  t1=$(now_ns)
  awk -v ns=$((t1 - t0)) -v n="$n" 'BEGIN { printf "%.1f", ns / n / 1e6 }'
}

build_if_needed() {
  local m
  for m in berth-testkit berth-daemon berth-cli; do
    ls "$BERTH_ROOT/$m/target/$m"-*.jar >/dev/null 2>&1 || { berth_build "$java_home"; return; }
  done
}

java_home=$(berth_java25) || exit 1
build_if_needed || echo "bench: build failed; using whatever is built"
mkdir -p "$work/docker-config"
tar=$work/rootfs.tar
berth_testkit_java "$java_home" dev.berth.testkit.BusyboxRootfs "$tar" --size-mb "$size_mb" || exit 1
tar_bytes=$(stat -c %s "$tar")

printf '{}\n' >"$work/berthd.json"
start_daemon berthd 30 "$BERTH_ROOT/bin/berthd" --config-file "$work/berthd.json"
if [ -x /usr/sbin/dockerd ]; then
  printf '{}\n' >"$work/dockerd.json"
  start_daemon dockerd 60 /usr/sbin/dockerd --config-file "$work/dockerd.json" --iptables=false \
    --ip6tables=false --bridge=none --containerd-namespace berth-bench --containerd-plugins-namespace berth-bench-plugins
else
  echo "bench: /usr/sbin/dockerd is not installed; no reference figures"
fi

for name in "${daemons[@]}"; do
  echo "bench: measuring $name"
  bench_import "$name" && bench_save "$name"
  fig[$name.rss_after]=$(rss_mb "${pid[$name]}")
  fig[$name.rss_helpers_after]=$(children_rss_mb "${pid[$name]}")
  fig[$name.docker_version]=$(wall_ms env DOCKER_CONFIG="$work/docker-config" docker -H "unix://$work/$name/sock" version)
  fig[$name.docker_images]=$(wall_ms env DOCKER_CONFIG="$work/docker-config" docker -H "unix://$work/$name/sock" images)
done
if [[ " ${daemons[*]} " == *" berthd "* ]]; then
  fig[berthd.berth_version]=$(wall_ms "$BERTH_ROOT/bin/berth" -H "unix://$work/berthd/sock" version)
  fig[berthd.berth_images]=$(wall_ms "$BERTH_ROOT/bin/berth" -H "unix://$work/berthd/sock" images)
fi

row() {
  printf '%-44s %-22s %-22s\n' "$1" "${fig[berthd.$2]:-n/a}" "${fig[dockerd.$2]:-n/a}"
}
{
  echo "berth foundation bench, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, $(uname -r)"
  echo "rootfs tar: $(awk -v b="$tar_bytes" 'BEGIN { printf "%.1f", b / 1048576 }') MB, $runs runs each"
  echo "dockerd: $(/usr/sbin/dockerd --version 2>/dev/null || echo none); docker CLI: $(docker --version 2>/dev/null)"
  echo "berthd run: ${status[berthd]:-not run}"
  echo "dockerd run: ${status[dockerd]:-not run}"
  echo
  printf '%-44s %-22s %-22s\n' "metric" "berthd" "dockerd"
  row "docker import, MB/s (best / median)" import
  row "docker save to a pipe, MB/s (best / median)" save
  row "RSS after start, MB (daemon)" rss_start
  row "RSS after start, MB (its children)" rss_helpers_start
  row "RSS after imports, MB (daemon)" rss_after
  row "RSS after imports, MB (its children)" rss_helpers_after
  row "docker version, ms" docker_version
  row "docker images, ms" docker_images
  row "bin/berth version, ms" berth_version
  row "bin/berth images, ms" berth_images
  echo
  echo "children: dockerd's supervised containerd; berthd has none unless containers run."
} | tee "$results"
echo "bench: written to $results"
