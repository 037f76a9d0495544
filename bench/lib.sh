# Shared by the benches: daemons side by side in a temp dir, timing and memory helpers.
# The sourcing script sets `work` (its temp dir) and declares `declare -A pid fig status; daemons=()`,
# then installs `trap cleanup EXIT`.
cleanup() {
  local name m ids
  # conmon keeps berthd's containers alive without the daemon: remove them while it still answers.
  for name in "${!pid[@]}"; do
    ids=$(docker_at "$name" ps -aq 2>/dev/null)
    [ -n "$ids" ] && docker_at "$name" rm -f $ids >/dev/null 2>&1
  done
  for name in "${!pid[@]}"; do
    kill -TERM "${pid[$name]}" 2>/dev/null &&
      { timeout 30 tail --pid="${pid[$name]}" -f /dev/null || kill -KILL "${pid[$name]}" 2>/dev/null; }
  done
  # Deepest first: overlay mounts under data-roots, then the data-roots dockerd bind-mounts.
  awk -v w="$work" 'index($5, w) == 1 { print $5 }' /proc/self/mountinfo | sort -r |
    while read -r m; do umount -l "$m"; done
  rm -rf "$work"
}

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
