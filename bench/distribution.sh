#!/usr/bin/env bash
# Distribution bench: push and pull wall time of a 3-layer image (~200 MB uncompressed), berthd
# side by side with Debian's dockerd, against one Debian docker-registry 2.8 on loopback.
#
# Per run: a fresh registry; each daemon loads the image (untimed) and pushes it to its own
# repository (timed); both remove the image and pull the repository dockerd pushed, so both
# pull the very same blobs (timed). Prints best / median seconds and writes the table to
# bench/results/distribution-<date>.txt.
#
#   bench/distribution.sh                        # 3 layers of ~67 MB, 3 runs
#   BENCH_LAYER_MB=20 BENCH_RUNS=5 bench/distribution.sh
set -uo pipefail
BERTH_ROOT=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
. "$BERTH_ROOT/bin/provision.sh"

layer_mb=${BENCH_LAYER_MB:-67}
runs=${BENCH_RUNS:-3}
work=$(mktemp -d /tmp/berth-distbench-XXXXXX)
results=$BERTH_ROOT/bench/results/distribution-$(date +%Y-%m-%dT%H%M).txt
declare -A pid fig status
daemons=()
registry_pid=

. "$BERTH_ROOT/bench/lib.sh"
# The registry first, then lib.sh's cleanup of the daemons and the temp dir.
stop_all() {
  [ -n "$registry_pid" ] && { kill -KILL "$registry_pid"; wait "$registry_pid"; } 2>/dev/null
  cleanup
}
trap stop_all EXIT

secs() { awk -v ns="$1" 'BEGIN { printf "%.2f", ns / 1e9 }'; }
# For times, best is the smallest: "best / median".
best_median_time() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { printf "%s / %s", v[1], v[int((NR + 1) / 2)] }'; }

# A fresh registry on a free loopback port, storage in a new dir; sets $registry.
start_registry() {
  local run=$1 dir=$work/registry-$1 port i
  [ -n "$registry_pid" ] && { kill -KILL "$registry_pid" 2>/dev/null; wait "$registry_pid" 2>/dev/null; rm -rf "$work/registry-$((run - 1))"; }
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  mkdir -p "$dir/storage"
  cat >"$dir/config.yml" <<YML
version: 0.1
log:
  level: error
storage:
  filesystem:
    rootdirectory: $dir/storage
http:
  addr: 127.0.0.1:$port
YML
  /usr/bin/docker-registry serve "$dir/config.yml" >"$dir/log" 2>&1 &
  registry_pid=$!
  registry=127.0.0.1:$port
  for ((i = 0; i < 100; i++)); do
    curl -sf "http://$registry/v2/" >/dev/null && return 0
    sleep 0.1
  done
  echo "bench: docker-registry did not start"; cat "$dir/log"; return 1
}

# Three layers of $layer_mb MB each: half incompressible bytes, half base64 text (about 3:4 gzip),
# so compression matters as it does for real images. Written as a docker-archive.
make_image() {
  local dir=$work/image i diff ids=() layers=()
  mkdir -p "$dir"
  for i in 1 2 3; do
    mkdir -p "$dir/root$i/data$i"
    head -c $((layer_mb * 512 * 1024)) /dev/urandom >"$dir/root$i/data$i/random.bin"
    head -c $((layer_mb * 384 * 1024)) /dev/urandom | base64 >"$dir/root$i/data$i/text.txt"
    tar -C "$dir/root$i" -cf "$dir/layer$i.tar" "data$i"
    rm -rf "$dir/root$i"
    diff=sha256:$(sha256sum "$dir/layer$i.tar" | cut -d' ' -f1)
    ids+=("\"$diff\"")
    layers+=("\"layer$i.tar\"")
  done
  printf '{"architecture":"amd64","os":"linux","created":"2024-01-01T00:00:00Z","config":{"Cmd":["sh"]},"rootfs":{"type":"layers","diff_ids":[%s]}}' \
    "$(IFS=,; echo "${ids[*]}")" >"$dir/config.json"
  printf '[{"Config":"config.json","RepoTags":["bench/dist:1"],"Layers":[%s]}]' "$(IFS=,; echo "${layers[*]}")" >"$dir/manifest.json"
  tar -C "$dir" -cf "$work/image.tar" config.json manifest.json layer1.tar layer2.tar layer3.tar
  image_bytes=$(du -b "$dir"/layer*.tar | awk '{ s += $1 } END { print s }')
  rm -rf "$dir"
}

timed() { local t0; t0=$(now_ns); "$@" >"$work/out" 2>&1 || { cat "$work/out" >&2; echo failed; return 1; }; secs $(($(now_ns) - t0)); }

java_home=$(berth_java25) || exit 1
ls "$BERTH_ROOT"/berth-daemon/target/berth-daemon-*.jar >/dev/null 2>&1 || berth_build "$java_home"
mkdir -p "$work/docker-config"
make_image
printf '{}\n' >"$work/berthd.json"
start_daemon berthd 30 "$BERTH_ROOT/bin/berthd" --config-file "$work/berthd.json" --bridge=none --nft-table "berth_bench_$$"
if [ -x /usr/sbin/dockerd ]; then
  printf '{}\n' >"$work/dockerd.json"
  start_daemon dockerd 60 /usr/sbin/dockerd --config-file "$work/dockerd.json" --iptables=false \
    --ip6tables=false --bridge=none --containerd-namespace berth-distbench --containerd-plugins-namespace berth-distbench-plugins
fi

declare -A pushes pulls
for ((run = 1; run <= runs; run++)); do
  start_registry "$run" || exit 1
  echo "bench: run $run against $registry"
  for name in "${daemons[@]}"; do
    docker_at "$name" load -i "$work/image.tar" >/dev/null
    docker_at "$name" tag bench/dist:1 "$registry/bench/$name:1"
    pushes[$name]+=" $(timed docker_at "$name" push "$registry/bench/$name:1")"
    docker_at "$name" rmi "$registry/bench/$name:1" bench/dist:1 >/dev/null
  done
  # Both pull what dockerd pushed (berthd's own push when dockerd is absent): the same blobs.
  source_repo=$registry/bench/${daemons[-1]}:1
  [[ " ${daemons[*]} " == *" dockerd "* ]] && source_repo=$registry/bench/dockerd:1
  for name in "${daemons[@]}"; do
    pulls[$name]+=" $(timed docker_at "$name" pull "$source_repo")"
    docker_at "$name" rmi "$source_repo" >/dev/null
  done
done
for name in "${daemons[@]}"; do
  fig[$name.push]=$(best_median_time ${pushes[$name]})
  fig[$name.pull]=$(best_median_time ${pulls[$name]})
done

row() { printf '%-44s %-22s %-22s\n' "$1" "${fig[berthd.$2]:-n/a}" "${fig[dockerd.$2]:-n/a}"; }
{
  echo "berth distribution bench, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, $(uname -r)"
  echo "image: 3 layers, $(awk -v b="$image_bytes" 'BEGIN { printf "%.1f", b / 1048576 }') MB uncompressed; $runs runs; registry: $(/usr/bin/docker-registry --version 2>/dev/null | cut -d' ' -f3) on loopback"
  echo "dockerd: $(/usr/sbin/dockerd --version 2>/dev/null || echo none); docker CLI: $(docker --version 2>/dev/null)"
  echo "berthd run: ${status[berthd]:-not run}; dockerd run: ${status[dockerd]:-not run}"
  echo
  printf '%-44s %-22s %-22s\n' "metric" "berthd" "dockerd"
  row "docker push, s (best / median)" push
  row "docker pull, s (best / median)" pull
  echo
  echo "raw push s: berthd${pushes[berthd]:-} | dockerd${pushes[dockerd]:-}"
  echo "raw pull s: berthd${pulls[berthd]:-} | dockerd${pulls[dockerd]:-}"
} | tee "$results"
echo "bench: written to $results"
