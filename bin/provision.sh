# Sourced by bin/setup and bin/test: installs what is missing, finds Java 25, builds berth.
# Expects BERTH_ROOT to be the repository root.

# Prints the pids of processes whose command name (/proc/PID/comm) is one of the arguments.
berth_running_daemons() {
  local d comm
  for d in /proc/[0-9]*; do
    comm=$(cat "$d/comm" 2>/dev/null) || continue
    case " $* " in *" $comm "*) echo "${d#/proc/}" ;; esac
  done
}

# Packages' postinst scripts must not start dockerd, containerd or the registry: a policy-rc.d
# that answers 101 ("action forbidden") is the Debian way to say so, with or without systemd.
berth_forbid_service_starts() {
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\n# written by berth bin/provision.sh for the duration of apt-get install\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    BERTH_OWN_POLICY=1
  fi
}

berth_allow_service_starts() {
  if [ "${BERTH_OWN_POLICY:-}" = 1 ]; then
    rm -f /usr/sbin/policy-rc.d
    BERTH_OWN_POLICY=
  fi
}

# Stops daemons that appeared during the install (not ones that ran before, nor test daemons
# isolated under /tmp) and the docker0 bridge if the install created it.
berth_undo_service_side_effects() {
  local before=$1 had_bridge=$2 pid
  for pid in $(berth_running_daemons dockerd containerd docker-registry); do
    case " $before " in *" $pid "*) continue ;; esac
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q '/tmp/' && continue
    echo "berth: stopping $(cat /proc/"$pid"/comm 2>/dev/null) (pid $pid) started by the package install"
    kill -TERM "$pid" 2>/dev/null || true
  done
  if [ "$had_bridge" = no ] && [ -e /sys/class/net/docker0 ]; then
    echo "berth: removing the docker0 bridge created by the package install"
    ip link delete docker0 || true
  fi
}

berth_missing_packages() {
  local p
  while read -r p; do
    case "$p" in ''|'#'*) continue ;; esac
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' || echo "$p"
  done <"$BERTH_ROOT/bin/packages.txt"
}

berth_install_packages() {
  local missing before had_bridge=no
  missing=$(berth_missing_packages | tr '\n' ' ')
  if [ -z "${missing// /}" ]; then
    echo "berth: all packages from bin/packages.txt are installed"
    return 0
  fi
  [ "$(id -u)" = 0 ] || { echo "berth: installing packages needs root: $missing" >&2; return 1; }
  echo "berth: installing $missing"
  before=$(berth_running_daemons dockerd containerd docker-registry | tr '\n' ' ')
  [ -e /sys/class/net/docker0 ] && had_bridge=yes
  berth_forbid_service_starts
  trap berth_allow_service_starts EXIT
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  # shellcheck disable=SC2086 # one word per package
  apt-get install -y -q --no-install-recommends $missing
  berth_allow_service_starts
  trap - EXIT
  berth_undo_service_side_effects "$before" "$had_bridge"
}

# Prints a Java 25 home (bin/java-home's search), installing openjdk-25 if Debian offers it.
berth_java25() {
  local home
  if home=$("$BERTH_ROOT/bin/java-home" 2>/dev/null); then
    echo "$home"
    return 0
  fi
  if apt-cache show openjdk-25-jdk-headless >/dev/null 2>&1; then
    echo "berth: installing openjdk-25-jdk-headless" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends openjdk-25-jdk-headless >&2
    home=$("$BERTH_ROOT/bin/java-home") && { echo "$home"; return 0; }
  fi
  cat >&2 <<'MSG'
berth: no Java 25 runtime found, and Debian offers no openjdk-25-jdk-headless here.
  Install a Java 25 JDK (e.g. Eclipse Temurin 25 into /usr/lib/jvm/temurin-25-jdk-amd64)
  or point BERTH_JAVA_HOME at one, then run this again.
MSG
  return 1
}

berth_build() {
  echo "berth: building (mvn -B -q -DskipTests package)"
  (cd "$BERTH_ROOT" && JAVA_HOME=$1 mvn -B -q -DskipTests package)
}

# Runs a main class from berth-testkit (e.g. dev.berth.testkit.BusyboxRootfs) with Java 25.
berth_testkit_java() {
  local java_home=$1 jar
  shift
  jar=$(ls "$BERTH_ROOT"/berth-testkit/target/berth-testkit-*.jar 2>/dev/null | grep -v -e sources -e tests | head -1)
  [ -n "$jar" ] || { echo "berth: berth-testkit is not built" >&2; return 1; }
  "$java_home/bin/java" -cp "$jar:$BERTH_ROOT/berth-testkit/target/lib/*" "$@"
}
