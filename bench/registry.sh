#!/usr/bin/env bash
# Registry bench: berth-registry side by side with Debian's docker-registry (distribution 2.8), each on its own
# loopback port and temp filesystem root, same config (no access log, level error). Prints a table and writes it to
# bench/results/registry-<date>.txt.
#
#   bench/registry.sh                          # 256 MiB upload/download, 128 × 1 MiB with 16 clients (Java
#                                              # client ConcurrentLoad), wrk 10 s
#   BENCH_BIG_MB=64 BENCH_SMALL_OPS=64 BENCH_WRK_SECONDS=5 bench/registry.sh
#   BENCH_PARTS=upload bench/registry.sh       # only some figures: upload, download, concurrent, manifest
set -uo pipefail
BERTH_ROOT=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
big_mb=${BENCH_BIG_MB:-256}
small_ops=${BENCH_SMALL_OPS:-128}
wrk_seconds=${BENCH_WRK_SECONDS:-10}
parts=${BENCH_PARTS:-upload,download,concurrent,manifest}
want() { [[ ",$parts," == *",$1,"* ]]; }
work=$(mktemp -d /tmp/berth-regbench-XXXXXX)
results=$BERTH_ROOT/bench/results/registry-$(date +%Y-%m-%dT%H%M)
suffix=
for n in $(seq 2 99); do  # a second run in the same minute writes registry-…-2.txt
  [ -e "$results$suffix.txt" ] || break
  suffix=-$n
done
results=$results$suffix.txt
declare -A pid port fig

cleanup() {
  local n
  for n in "${!pid[@]}"; do kill -TERM "${pid[$n]}" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

[ -e "$BERTH_ROOT/berth-registry/target/lib" ] ||
  (cd "$BERTH_ROOT" && mvn -B -q -o -f berth-registry/pom.xml package -DskipTests) || exit 1

rss_mb() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo n/a; }

config() { # NAME PORT
  mkdir -p "$work/$1"
  cat > "$work/$1/config.yml" <<YML
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $work/$1/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$2
YML
}

start() { # NAME PORT COMMAND...
  local name=$1 p=$2; shift 2
  config "$name" "$p"
  "$@" serve "$work/$name/config.yml" > "$work/$name/log" 2>&1 &
  pid[$name]=$!
  port[$name]=$p
  for _ in $(seq 100); do
    curl -fs "http://127.0.0.1:$p/v2/" > /dev/null && return 0
    sleep 0.1
  done
  echo "$name did not start:"; cat "$work/$name/log"; return 1
}

# push_blob PORT REPO FILE [DIGEST]: POST, then PUT the file with its digest; prints the upload's seconds.
push_blob() {
  local base="http://127.0.0.1:$1" repo=$2 file=$3 digest=${4:-} loc sep
  [ -n "$digest" ] || digest="sha256:$(sha256sum "$file" | cut -d' ' -f1)"
  loc=$(curl -fsS -X POST -D - -o /dev/null "$base/v2/$repo/blobs/uploads/" | tr -d '\r' |
    awk 'tolower($1) == "location:" { print $2 }')
  case "$loc" in http*) ;; *) loc="$base$loc" ;; esac
  case "$loc" in *\?*) sep='&' ;; *) sep='?' ;; esac
  curl -fsS -o /dev/null -w '%{time_total}\n' -X PUT -H 'Content-Type: application/octet-stream' -T "$file" \
    "$loc${sep}digest=$digest"
}
export -f push_blob

# The concurrency figure's client is Java (virtual threads, one connection pool), not 16 curl processes: on 2 CPUs
# the processes' start-up dominated and hid the registries; this client costs the same for both.
load_client="$BERTH_ROOT/berth-registry/src/test/java/dev/berth/registry/bench/ConcurrentLoad.java"
java_bin="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"

echo "generating ${big_mb} MiB blob"
head -c "$((big_mb << 20))" /dev/urandom > "$work/big"
big_digest="sha256:$(sha256sum "$work/big" | cut -d' ' -f1)"
printf '{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}' > "$work/config.json"

start berth 5301 "$BERTH_ROOT/bin/berth-registry" || exit 1
start distribution 5302 /usr/bin/docker-registry || exit 1
sleep 2
for n in berth distribution; do fig[$n.rss_idle]=$(rss_mb "${pid[$n]}"); done

for n in berth distribution; do
  p=${port[$n]}
  if want upload; then
    echo "== $n: upload ${big_mb} MiB (best of 3)"
    best=0
    for i in 1 2 3; do
      secs=$(push_blob "$p" "bench/big$i" "$work/big" "$big_digest")
      best=$(awk -v s="$secs" -v mb="$big_mb" -v b="$best" 'BEGIN { r = mb / s; printf "%.0f", (r > b ? r : b) }')
    done
    fig[$n.upload]=$best
  fi
  if want download; then
    want upload || push_blob "$p" bench/big1 "$work/big" "$big_digest" > /dev/null
    echo "== $n: download (best of 3)"
    best=0
    for _ in 1 2 3; do
      secs=$(curl -fsS -o /dev/null -w '%{time_total}' "http://127.0.0.1:$p/v2/bench/big1/blobs/$big_digest")
      best=$(awk -v s="$secs" -v mb="$big_mb" -v b="$best" 'BEGIN { r = mb / s; printf "%.0f", (r > b ? r : b) }')
    done
    fig[$n.download]=$best
  fi
  if want concurrent; then
    echo "== $n: 16 clients × push+pull 1 MiB (best of 3, fresh blobs each run)"
    best=0
    for seed in 1 2 3; do
      ops=$("$java_bin" "$load_client" "http://127.0.0.1:$p" "$small_ops" 16 "$seed") || { echo "load failed"; ops=0; }
      best=$(awk -v r="$ops" -v b="$best" 'BEGIN { printf "%.1f", (r > b ? r : b) }')
    done
    fig[$n.concurrent]=$best
  fi
  if ! want manifest; then
    fig[$n.rss_load]=$(rss_mb "${pid[$n]}")
    continue
  fi
  echo "== $n: manifest GET, 32 connections"
  push_blob "$p" bench/m "$work/config.json" > /dev/null
  size=$(stat -c %s "$work/config.json")
  cfg="sha256:$(sha256sum "$work/config.json" | cut -d' ' -f1)"
  printf '{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":%s,"digest":"%s"},"layers":[]}' \
    "$size" "$cfg" > "$work/manifest.json"
  curl -fsS -X PUT -H 'Content-Type: application/vnd.docker.distribution.manifest.v2+json' \
    --data-binary @"$work/manifest.json" "http://127.0.0.1:$p/v2/bench/m/manifests/latest" > /dev/null
  if command -v wrk > /dev/null; then
    fig[$n.manifest_rps]=$(wrk -t2 -c32 -d"${wrk_seconds}s" \
      -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
      "http://127.0.0.1:$p/v2/bench/m/manifests/latest" | awk '/Requests\/sec/ { printf "%.0f", $2 }')
  else
    fig[$n.manifest_rps]="n/a (no wrk)"
  fi
  fig[$n.rss_load]=$(rss_mb "${pid[$n]}")
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f×", a / b; else print "n/a" }'; }
{
  echo "berth-registry vs docker-registry $(/usr/bin/docker-registry --version | awk '{print $3}') — $(date -Is), $(nproc) CPUs"
  printf '%-38s %14s %14s %8s\n' figure berth distribution ratio
  for f in "upload:upload ${big_mb} MiB, MB/s" "download:download ${big_mb} MiB, MB/s" \
           "concurrent:16 clients push+pull 1 MiB, ops/s" "manifest_rps:manifest GET, 32 conns, req/s"; do
    k=${f%%:*}; label=${f#*:}
    [ -n "${fig[berth.$k]:-}" ] || continue
    printf '%-38s %14s %14s %8s\n' "$label" "${fig[berth.$k]}" "${fig[distribution.$k]}" \
      "$(ratio "${fig[berth.$k]}" "${fig[distribution.$k]}")"
  done
  printf '%-38s %14s %14s\n' "RSS idle, MB" "${fig[berth.rss_idle]}" "${fig[distribution.rss_idle]}"
  printf '%-38s %14s %14s\n' "RSS after load, MB" "${fig[berth.rss_load]}" "${fig[distribution.rss_load]}"
} | tee "$results"
