#!/usr/bin/env bash
# Builds a root filesystem tar of berth-registry for `berth import` / `docker import`:
#   /opt/berth-registry/runtime   a jlink'ed Java runtime holding only the modules jdeps finds in use
#   /opt/berth-registry/lib       the registry's jar and its dependencies
#   /opt/berth-registry/bin/berth-registry   the launcher (the image's entrypoint)
#   /bin/sh                       busybox-static, for the launcher script only
#   /lib, /lib64                  the glibc libraries the runtime links against
#   /etc/berth/registry/config.yml, /var/lib/registry   distribution's defaults
#
#   berth-registry/image/build-image.sh [OUT.tar]     # default: berth-registry/target/berth-registry-image.tar
#
# Needs the module packaged first (mvn -pl berth-registry -am package -DskipTests), or REGISTRY_JAR and REGISTRY_LIB
# naming the registry's jar and a directory of its dependency jars elsewhere; a JDK with jlink and jdeps (JAVA_HOME),
# and busybox-static. Import with:
#   berth import --change 'ENTRYPOINT ["/opt/berth-registry/bin/berth-registry","serve","/etc/berth/registry/config.yml"]' \
#     --change 'EXPOSE 5000' --change 'VOLUME /var/lib/registry' OUT.tar berth-registry:latest
set -euo pipefail
module=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
out=${1:-$module/target/berth-registry-image.tar}
java_home=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
busybox=${BUSYBOX:-/bin/busybox}

jar=${REGISTRY_JAR:-$(ls "$module"/target/berth-registry-*.jar 2>/dev/null | grep -v -e sources -e tests | head -1)}
lib=${REGISTRY_LIB:-$module/target/lib}
[ -n "$jar" ] && [ -f "$jar" ] && [ -d "$lib" ] || {
  echo "build-image: package the module first: mvn -B -pl berth-registry -am package -DskipTests" >&2; exit 1; }
[ -x "$busybox" ] || { echo "build-image: need a static busybox at $busybox (apt-get install busybox-static)" >&2; exit 1; }

stage=$(mktemp -d /tmp/berth-registry-image-XXXXXX)
trap 'rm -rf "$stage"' EXIT
rootfs=$stage/rootfs
app=$rootfs/opt/berth-registry
mkdir -p "$app/lib" "$app/bin" "$rootfs/bin" "$rootfs/etc/berth/registry" "$rootfs/var/lib/registry" "$rootfs/tmp" \
  "$rootfs/proc" "$rootfs/sys" "$rootfs/dev"   # mount points the runtime fills in (java finds its libs via /proc)
chmod 1777 "$rootfs/tmp"
cp "$jar" "$lib"/*.jar "$app/lib/"

# jdeps names the JDK modules the jars use; the EC provider and DNS/zip helpers are loaded by name at run time,
# where jdeps cannot see them, so they are added by hand.
modules=$("$java_home/bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release 25 \
  --class-path "$lib/*" "$jar")
modules="$modules,jdk.crypto.ec,jdk.naming.dns,jdk.zipfs"
echo "build-image: modules $modules"
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --compress zip-6 --output "$app/runtime"

cat > "$app/bin/berth-registry" <<'SH'
#!/bin/sh
# Serial GC and a heap that gives memory back: blobs stream through small buffers.
exec /opt/berth-registry/runtime/bin/java -XX:+UseSerialGC -Xms8m -XX:MinHeapFreeRatio=5 -XX:MaxHeapFreeRatio=20 \
  --enable-native-access=ALL-UNNAMED $BERTH_JAVA_OPTS -cp '/opt/berth-registry/lib/*' dev.berth.registry.RegistryMain "$@"
SH
chmod 755 "$app/bin/berth-registry"
cp "$busybox" "$rootfs/bin/busybox"
ln -s busybox "$rootfs/bin/sh"

# The glibc pieces java and the runtime's own libraries link against, at the paths the loader looks in.
for lib in $( (ldd "$app/runtime/bin/java"; find "$app/runtime/lib" -name '*.so' -exec ldd {} \;) 2>/dev/null |
    awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' | grep -v "^$stage" | sort -u); do
  mkdir -p "$rootfs$(dirname "$lib")"
  cp -L "$lib" "$rootfs$lib"
done
# glibc resolves users and hosts through NSS modules it loads with dlopen
for lib in /lib/x86_64-linux-gnu/libnss_files.so.2 /lib/x86_64-linux-gnu/libnss_dns.so.2; do
  [ -e "$lib" ] && mkdir -p "$rootfs$(dirname "$lib")" && cp -L "$lib" "$rootfs$lib"
done
printf 'root:x:0:0:root:/root:/bin/sh\n' > "$rootfs/etc/passwd"
printf 'root:x:0:\n' > "$rootfs/etc/group"
printf 'hosts: files dns\n' > "$rootfs/etc/nsswitch.conf"
printf '127.0.0.1 localhost\n' > "$rootfs/etc/hosts"
cat > "$rootfs/etc/berth/registry/config.yml" <<'YML'
version: 0.1
log:
  fields:
    service: registry
storage:
  cache:
    blobdescriptor: inmemory
  filesystem:
    rootdirectory: /var/lib/registry
http:
  addr: :5000
  headers:
    X-Content-Type-Options: [nosniff]
health:
  storagedriver:
    enabled: true
    interval: 10s
    threshold: 3
YML

mkdir -p "$(dirname "$out")"
tar --numeric-owner --owner=0 --group=0 -C "$rootfs" -cf "$out.tmp" .
mv "$out.tmp" "$out"
echo "build-image: wrote $out ($(du -h "$out" | cut -f1))"
