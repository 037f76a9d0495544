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

. "$BERTH_ROOT/bench/lib.sh"
trap cleanup EXIT

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


java_home=$(berth_java25) || exit 1
build_if_needed || echo "bench: build failed; using whatever is built"
mkdir -p "$work/docker-config"
tar=$work/rootfs.tar
berth_testkit_java "$java_home" dev.berth.testkit.BusyboxRootfs "$tar" --size-mb "$size_mb" || exit 1
tar_bytes=$(stat -c %s "$tar")

printf '{}\n' >"$work/berthd.json"
start_daemon berthd 30 "$BERTH_ROOT/bin/berthd" --config-file "$work/berthd.json" --bridge=none --nft-table "berth_bench_$$"
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
