# Sourced by the SMB benchmarks: starts Manticore (a memfs share) and Samba's smbd (a share on
# /dev/shm) on free loopback ports, each serving the share "bench" to the user "bench", and stops
# both and removes the scratch folder on exit. Sets WORK, MPORT, SPORT, PASSWORD, CLIENT_CONF.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DIST="$ROOT/launcher/target/dist"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
PASSWORD=bench-only-password

say() { echo "bench: $*" >&2; }
die() { say "$*"; exit 1; }

WORK=""
MANTICORE_PID=""
SAMBA_PID=""
cleanup() {
  local status=$? pid
  trap - EXIT INT TERM
  for pid in "$MANTICORE_PID" "$SAMBA_PID"; do
    [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && { sleep 1; kill -KILL "$pid" 2>/dev/null || true; }
  done
  if [ -n "$WORK" ] && [ -d "$WORK" ]; then
    if [ "${BENCH_KEEP:-0}" = 1 ]; then say "kept $WORK"; else rm -rf "$WORK"; fi
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

command -v smbd >/dev/null || die "smbd is missing: apt-get install samba"
command -v smbclient >/dev/null || die "smbclient is missing: apt-get install smbclient"
if [ ! -d "$DIST/lib" ]; then
  say "building the distribution"
  (cd "$ROOT" && flock /tmp/manticore-build.lock ./manticore build) >&2
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() {
  local port=$1 tenths=300
  until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    tenths=$((tenths - 1)); [ "$tenths" -gt 0 ] || die "nothing listens on $port"; sleep 0.1
  done
}

WORK=$(mktemp -d /dev/shm/manticore-smb-bench.XXXXXX)
chmod 755 "$WORK"
id bench >/dev/null 2>&1 || useradd -M -s /usr/sbin/nologin bench
BUID=$(id -u bench)
BGID=$(id -g bench)

MPORT=$(free_port)
mkdir -p "$WORK/manticore/etc" "$WORK/manticore/deploy"
cp "$DIST"/deploy/*.jar "$WORK/manticore/deploy/"
cp "$ROOT/etc/logback.xml" "$WORK/manticore/etc/"
cat > "$WORK/manticore/etc/manticore.json" <<JSON
{
  "listeners": [ { "protocol": "smb", "transport": "tcp", "address": "127.0.0.1", "port": $MPORT } ],
  "mounts": { "mem": { "module": "memfs", "options": { "size": "${BENCH_MEMFS_SIZE:-3g}", "root_mode": "1777" } } },
  "shares": { "bench": { "path": "/mem", "access": "rw" } },
  "users": [ { "name": "bench", "password": "$PASSWORD", "uid": $BUID, "gid": $BGID } ],
  "shell": { "ssh": false }
}
JSON
# shellcheck disable=SC2086 # extra JVM options, split on spaces
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow ${MANTICORE_JVM_OPTS:-} \
  -cp "$DIST/lib/*" io.manticore.launcher.Main --home "$WORK/manticore" > "$WORK/manticore.log" 2>&1 &
MANTICORE_PID=$!

SPORT=$(free_port)
S="$WORK/samba/state"
mkdir -p "$S" "$WORK/samba/share"
chmod 1777 "$WORK/samba/share"
cat > "$WORK/samba/smb.conf" <<CONF
[global]
interfaces = 127.0.0.1
bind interfaces only = yes
smb ports = $SPORT
disable netbios = yes
server role = standalone server
passdb backend = tdbsam:$S/passdb.tdb
lock directory = $S
state directory = $S
cache directory = $S
private dir = $S
pid directory = $S
ncalrpc dir = $S/ncalrpc
log file = $S/log.%m
[bench]
path = $WORK/samba/share
read only = no
CONF
printf '%s\n%s\n' "$PASSWORD" "$PASSWORD" | smbpasswd -c "$WORK/samba/smb.conf" -s -a bench >/dev/null
setsid smbd --foreground --no-process-group -s "$WORK/samba/smb.conf" > "$WORK/samba.log" 2>&1 &
SAMBA_PID=$!

wait_port "$MPORT"
wait_port "$SPORT"
CLIENT_CONF="$WORK/client.conf"
printf '[global]\n' > "$CLIENT_CONF"
