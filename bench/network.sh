#!/usr/bin/env bash
# Network bench: berthd's networking side by side with Debian's dockerd, through the stock docker CLI.
#   - `docker run --rm busybox true` on the default bridge (a veth endpoint made and deleted per run), median;
#   - `docker network create` and `docker network rm`, medians;
#   - MB/s of a 200 MB download from busybox httpd in a container published with -p PORT:80, fetched by
#     curl on the host from 127.0.0.1:PORT and from the host's own non-loopback address; and, as a
#     baseline without any NAT or proxy, from the container's own address on the bridge.
# For 127.0.0.1, dockerd goes through its userland docker-proxy (its default) and berthd through kernel
# DNAT; for the host's address both go through kernel DNAT.
#
# Neither daemon touches the host's defaults: each has its own socket, data-root and exec-root under a
# temp dir and a bridge this script makes (berthd: bbench0 without an address, --bip; dockerd: dbench0
# with an address, as dockerd's -b wants), and user networks come from pools of their own. berthd keeps
# its rules in the nftables table berth_bench. dockerd runs with --iptables=true, which adds DOCKER*
# chains and jumps to them to the host's iptables (iptables-nft on Debian 12): they are removed at exit,
# and the ip filter/nat tables too when they did not exist before. If DOCKER chains already exist (another
# dockerd owns them), dockerd runs with --iptables=false instead: docker-proxy then carries both paths.
# Writes bench/results/network-<date>.txt.
#
#   bench/network.sh                                   # 20 runs, 5 downloads of 200 MB
#   BENCH_RUNS=5 BENCH_TRANSFER_RUNS=3 bench/network.sh
#   BENCH_BERTHD_BIP=10.223.0.1/24 BENCH_DOCKERD_BIP=10.224.0.1/24 bench/network.sh   # if 10.213/10.214 are taken
set -uo pipefail
BERTH_ROOT=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
. "$BERTH_ROOT/bin/provision.sh"

runs=${BENCH_RUNS:-20}
transfer_runs=${BENCH_TRANSFER_RUNS:-5}
transfer_mb=${BENCH_TRANSFER_MB:-200}
berthd_bip=${BENCH_BERTHD_BIP:-10.213.0.1/24}
dockerd_bip=${BENCH_DOCKERD_BIP:-10.214.0.1/24}
berthd_pool=${BENCH_BERTHD_POOL:-10.216.0.0/16}
dockerd_pool=${BENCH_DOCKERD_POOL:-10.217.0.0/16}
nft_table=berth_bench
declare -A bridge=([berthd]=bbench0 [dockerd]=dbench0)
cli_timeout=300

[ "$(id -u)" = 0 ] || { echo "bench: run as root (bridges, nftables, iptables)" >&2; exit 1; }
for tool in ip nft iptables curl python3; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing" >&2; exit 1; }
done
# One run at a time: the bridges, the nft table and the iptables chains have fixed names.
exec 9<"$0"
flock -n 9 || { echo "bench: another bench/network.sh is running" >&2; exit 1; }

work=$(mktemp -d /tmp/berth-netbench-XXXXXX)
results=$BERTH_ROOT/bench/results/network-$(date +%Y-%m-%dT%H%M).txt
declare -A pid fig status
daemons=()
. "$BERTH_ROOT/bench/lib.sh"
# lib.sh's docker_at, bounded: the stock CLI ignores SIGTERM.
docker_at() {
  local name=$1; shift
  timeout -s KILL "$cli_timeout" env DOCKER_CONFIG="$work/docker-config" docker -H "unix://$work/$name/sock" "$@"
}

# What the host had before, to put back at exit.
ip_forward_before=$(cat /proc/sys/net/ipv4/ip_forward)
forward_policy_before=$(iptables -S FORWARD 2>/dev/null | awk '$1 == "-P" { print $3 }')
declare -A had_nft_table
for t in filter nat; do
  nft list table ip "$t" >/dev/null 2>&1 && had_nft_table[$t]=1
done
dockerd_iptables=true
for t in filter nat; do
  if iptables -t "$t" -S 2>/dev/null | awk '$1 == "-N" && $2 ~ /^DOCKER/ { f = 1 } END { exit !f }'; then
    dockerd_iptables=false
  fi
done
made_bridges=()

# Reads `iptables -S`, prints as `-D …` the rules remove_dockerd_iptables deletes.
read -r -d '' ours_rules <<'PY'
import ipaddress, sys
shared, bridges, nets = sys.argv[1] == "yes", sys.argv[2].split(","), [ipaddress.ip_network(a, strict=False) for a in sys.argv[3:]]
def ours(words):
    if any(b in words for b in bridges):
        return True
    for flag in ("-s", "-d"):
        if flag in words and any(ipaddress.ip_network(words[words.index(flag) + 1], strict=False).subnet_of(n) for n in nets):
            return True
    return not shared and not words[1].startswith("DOCKER") and "-j" in words and words[words.index("-j") + 1].startswith("DOCKER")
for line in sys.stdin:
    words = line.split()
    if words and words[0] == "-A" and ours(words):
        print("-D " + line.rstrip("\n")[3:])
PY

# Rules dockerd added. Those naming dbench0, a bridge in its pool ($1: NAME,NAME…) or one of its subnets
# are ours in any case; the DOCKER*
# chains and the jumps into them are ours too unless another dockerd with iptables came up meanwhile
# (they did not exist at start), and then they stay.
remove_dockerd_iptables() {
  local t rule chain shared=no p
  for p in $(pgrep -x dockerd); do
    [ "$p" = "${pid[dockerd]:-}" ] && continue
    tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | grep -q -e '--iptables=false' -e '--iptables false' || shared=yes
  done
  [ "$shared" = yes ] && echo "bench: another dockerd runs with iptables; leaving the DOCKER chains, removing only dbench0's rules"
  for t in nat filter; do
    iptables -t "$t" -S 2>/dev/null | python3 -c "$ours_rules" "$shared" "dbench0$1" "$dockerd_bip" "$dockerd_pool" |
      while read -r rule; do eval "iptables -t $t $rule"; done
    [ "$shared" = yes ] && continue
    for chain in $(iptables -t "$t" -S 2>/dev/null | awk '$1 == "-N" && $2 ~ /^DOCKER/ { print $2 }'); do
      iptables -t "$t" -F "$chain"
    done
    for chain in $(iptables -t "$t" -S 2>/dev/null | awk '$1 == "-N" && $2 ~ /^DOCKER/ { print $2 }'); do
      iptables -t "$t" -X "$chain"
    done
  done
  [ "$shared" = yes ] && return
  [ -n "$forward_policy_before" ] && iptables -P FORWARD "$forward_policy_before"
  # iptables-nft made these tables for dockerd; drop them if nothing else has chains or rules in them now.
  for t in filter nat; do
    [ -n "${had_nft_table[$t]:-}" ] && continue
    nft list table ip "$t" >/dev/null 2>&1 || continue
    iptables -t "$t" -S 2>/dev/null | grep -q -e '^-A ' -e '^-N ' || nft delete table ip "$t"
  done
}

# Links with an IPv4 address in one of the pools: the bridges of user networks a daemon left behind.
pool_bridges() {
  ip -4 -o addr show | python3 -c '
import ipaddress, sys
pools = [ipaddress.ip_network(a, strict=False) for a in sys.argv[1:]]
for line in sys.stdin:
    f = line.split()
    if any(ipaddress.ip_interface(f[3]).ip in p for p in pools):
        print(f[1])' "$@"
}

stop_all() {
  local name n b left
  for name in "${!pid[@]}"; do
    for n in $(docker_at "$name" network ls -q --filter name=netbench- 2>/dev/null); do
      docker_at "$name" network rm "$n" >/dev/null 2>&1
    done
  done
  cleanup # lib.sh: containers, daemons, mounts, the temp dir
  nft list table inet "$nft_table" >/dev/null 2>&1 && nft delete table inet "$nft_table"
  left=$(pool_bridges "$berthd_pool" "$dockerd_pool" | sort -u)
  [ "$dockerd_iptables" = true ] && [ -n "${daemons_started:-}" ] &&
    remove_dockerd_iptables "$(printf ',%s' $(pool_bridges "$dockerd_pool"))"
  for b in "${made_bridges[@]}" $left; do
    ip link show "$b" >/dev/null 2>&1 && ip link delete "$b"
  done
  [ "$(cat /proc/sys/net/ipv4/ip_forward)" = "$ip_forward_before" ] || echo "$ip_forward_before" >/proc/sys/net/ipv4/ip_forward
}
trap stop_all EXIT
# Trapped, TERM and INT wait for the docker command in flight, so the EXIT trap sees what it made.
trap 'exit 143' TERM
trap 'exit 130' INT

# The subnets must be free, and the bridges and the nft table must not exist (an earlier run killed hard?).
python3 - "$berthd_bip" "$dockerd_bip" "$berthd_pool" "$dockerd_pool" <<'PY' || exit 1
import ipaddress, subprocess, sys
ours = [ipaddress.ip_network(a, strict=False) for a in sys.argv[1:]]
for line in subprocess.run(["ip", "-4", "route", "show", "table", "all"], capture_output=True, text=True).stdout.splitlines():
    dest = line.split()[0] if line.split() else ""
    if dest in ("default", "local", "broadcast", "unreachable", "blackhole", "prohibit", "throw") or not dest[0].isdigit():
        continue
    for n in ours:
        if ipaddress.ip_network(dest, strict=False).overlaps(n):
            sys.exit(f"bench: {n} overlaps the host route '{line.strip()}'; pick others with BENCH_*_BIP / BENCH_*_POOL")
PY
for b in "${bridge[@]}"; do
  ip link show "$b" >/dev/null 2>&1 && { echo "bench: link $b exists already; delete it first (ip link delete $b)" >&2; exit 1; }
done
nft list table inet "$nft_table" >/dev/null 2>&1 &&
  { echo "bench: nft table inet $nft_table exists already; delete it first" >&2; exit 1; }

median_ms() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { printf "%.1f", v[int((NR + 1) / 2)] }'; }
ms_since() { awk -v ns=$(($(now_ns) - $1)) 'BEGIN { printf "%.3f", ns / 1e6 }'; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("0.0.0.0",0)); print(s.getsockname()[1])'; }

# The host's own non-loopback IPv4 address: the source of its default route (a route lookup, no traffic).
host_ip=$(ip -4 -o route get 1.1.1.1 2>/dev/null | sed -n 's/.* src \([0-9.]*\).*/\1/p')
[ -n "$host_ip" ] ||
  host_ip=$(ip -4 -o addr show scope global | awk '$2 !~ /bench0$/ { sub("/.*", "", $4); print $4; exit }')

# Median wall time in ms of one docker command against a daemon, over $runs runs.
median_of() {
  local name=$1 i t0 times=()
  shift
  for ((i = 0; i < runs; i++)); do
    t0=$(now_ns)
    docker_at "$name" "$@" >/dev/null 2>&1 || { echo "failed"; return 1; }
    times+=("$(ms_since "$t0")")
  done
  median_ms "${times[@]}"
}

bench_networks() {
  local name=$1 i t0 t1 creates=() rms=() both=()
  for ((i = 0; i < runs; i++)); do
    t0=$(now_ns)
    docker_at "$name" network create "netbench-$i" >/dev/null 2>&1 || { fig[$name.net_create]=failed; return 1; }
    creates+=("$(ms_since "$t0")")
    t1=$(now_ns)
    docker_at "$name" network rm "netbench-$i" >/dev/null 2>&1 || { fig[$name.net_rm]=failed; return 1; }
    rms+=("$(ms_since "$t1")")
    both+=("$(ms_since "$t0")")
  done
  fig[$name.net_create]=$(median_ms "${creates[@]}")
  fig[$name.net_rm]=$(median_ms "${rms[@]}")
  fig[$name.net_both]=$(median_ms "${both[@]}")
}

# Downloads the big file $transfer_runs times from ADDR:PORT; "best / median" MB/s, or why not.
download_mbps() {
  local url=http://$1:$2/big i out speeds=()
  for ((i = 0; i < transfer_runs; i++)); do
    out=$(curl -s -o /dev/null --max-time 300 -w '%{http_code} %{size_download} %{speed_download}' "$url") ||
      { echo "curl failed ($out)"; return 1; }
    set -- $out
    [ "$1" = 200 ] && [ "$2" = $((transfer_mb * 1048576)) ] || { echo "got HTTP $1, $2 bytes"; return 1; }
    speeds+=("$(awk -v b="$3" 'BEGIN { printf "%.1f", b / 1048576 }')")
  done
  best_median "${speeds[@]}"
}

bench_transfer() {
  local name=$1 port i ip ready=
  port=$(free_port)
  # The file is written before httpd starts, so /ready answering means /big is whole.
  docker_at "$name" run -d --name netbench-srv -p "$port:80" busybox sh -c \
    "mkdir -p /www && dd if=/dev/zero of=/www/big bs=1M count=$transfer_mb 2>/dev/null && echo ok >/www/ready && exec httpd -f -p 80 -h /www" \
    >/dev/null || { fig[$name.lo]="run -p failed"; return 1; }
  for ((i = 0; i < 600; i++)); do
    curl -sf --max-time 2 -o /dev/null "http://127.0.0.1:$port/ready" && { ready=1; break; }
    sleep 0.1
  done
  if [ -z "$ready" ]; then
    fig[$name.lo]="server not reachable"
    docker_at "$name" logs netbench-srv 2>&1 | tail -n 5 | sed 's/^/    /'
  else
    fig[$name.port]=$port
    fig[$name.lo]=$(download_mbps 127.0.0.1 "$port")
    [ -n "$host_ip" ] && fig[$name.hostip]=$(download_mbps "$host_ip" "$port")
    ip=$(docker_at "$name" inspect -f '{{.NetworkSettings.IPAddress}}' netbench-srv 2>/dev/null)
    [ -n "$ip" ] && fig[$name.direct]=$(download_mbps "$ip" 80)
  fi
  docker_at "$name" rm -f netbench-srv >/dev/null 2>&1
}

bench_daemon() {
  local name=$1
  docker_at "$name" import -c 'CMD ["sh"]' "$tar" busybox >/dev/null || { fig[$name.run]="import failed"; return 1; }
  docker_at "$name" run --rm busybox true >/dev/null 2>&1 # warm-up
  fig[$name.run]=$(median_of "$name" run --rm busybox true)
  bench_networks "$name"
  bench_transfer "$name"
}

java_home=$(berth_java25) || exit 1
build_if_needed || echo "bench: build failed; using whatever is built"
mkdir -p "$work/docker-config"
tar=$work/rootfs.tar
berth_testkit_java "$java_home" dev.berth.testkit.BusyboxRootfs "$tar" || exit 1

ip link add bbench0 type bridge && made_bridges+=(bbench0) || exit 1
ip link add dbench0 type bridge && made_bridges+=(dbench0) || exit 1
ip addr add "$dockerd_bip" dev dbench0 && ip link set dbench0 up || exit 1
daemons_started=1

printf '{}\n' >"$work/berthd.json"
start_daemon berthd 30 "$BERTH_ROOT/bin/berthd" --config-file "$work/berthd.json" -b bbench0 --bip "$berthd_bip" \
  --nft-table "$nft_table" --default-address-pool "base=$berthd_pool,size=24"
if [ -x /usr/sbin/dockerd ]; then
  printf '{}\n' >"$work/dockerd.json"
  start_daemon dockerd 60 /usr/sbin/dockerd --config-file "$work/dockerd.json" -b dbench0 \
    --iptables="$dockerd_iptables" --ip6tables=false --userland-proxy=true \
    --default-address-pool "base=$dockerd_pool,size=24" \
    --containerd-namespace berth-netbench --containerd-plugins-namespace berth-netbench-plugins
fi
for name in "${daemons[@]}"; do
  echo "bench: measuring $name"
  bench_daemon "$name"
done

# berthd's figure over dockerd's, when both are numbers.
ratio() {
  awk -v a="${fig[berthd.$1]:-}" -v b="${fig[dockerd.$1]:-}" 'BEGIN {
    n = split(a, x, " / "); a = x[n]; n = split(b, y, " / "); b = y[n]
    if (a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/ && b > 0) printf "%.2f", a / b; else printf "n/a" }'
}
row() { printf '%-50s %-15s %-15s %-7s %s\n' "$1" "${fig[berthd.$2]:-n/a}" "${fig[dockerd.$2]:-n/a}" "$(ratio "$2")" "${3:-}"; }
{
  echo "berth network bench, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, $(uname -r)"
  echo "dockerd: $(/usr/sbin/dockerd --version 2>/dev/null || echo none); runc: $(runc --version 2>/dev/null | head -1); $(iptables -V)"
  for name in berthd dockerd; do echo "$name: ${status[$name]:-not run}"; done
  echo "berthd: -b bbench0 --bip $berthd_bip, networks from $berthd_pool in /24s, nft table inet $nft_table; 127.0.0.1 and $host_ip by kernel DNAT"
  if [ "$dockerd_iptables" = true ]; then
    echo "dockerd: -b dbench0 ($dockerd_bip), networks from $dockerd_pool in /24s, --iptables=true; 127.0.0.1 by docker-proxy, $host_ip by DNAT"
  else
    echo "dockerd: -b dbench0 ($dockerd_bip), networks from $dockerd_pool in /24s, --iptables=false (DOCKER chains already on the host);"
    echo "         both 127.0.0.1 and $host_ip by docker-proxy"
  fi
  echo "runs: $runs; downloads: $transfer_runs × $transfer_mb MB from busybox httpd, -p PORT:80 (MB = 2^20 bytes)"
  echo
  printf '%-50s %-15s %-15s %-7s %s\n' "metric" "berthd" "dockerd" "b/d" "target"
  row "docker run --rm busybox true (bridge), median ms" run "b/d <= 0.8"
  row "docker network create, median ms" net_create
  row "docker network rm, median ms" net_rm
  row "network create + rm, median ms" net_both
  row "download via 127.0.0.1:PORT, best / median MB/s" lo "b/d >= 0.9"
  row "download via $host_ip:PORT, best / median MB/s" hostip "b/d >= 0.9"
  row "container IP:80, no NAT, best / median MB/s" direct "(baseline: bridge + veth only)"
  echo "(b/d: berthd over dockerd, of the medians)"
} | tee "$results"
echo "bench: written to $results"
