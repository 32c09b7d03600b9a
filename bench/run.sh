#!/usr/bin/env bash
# bench/run.sh: benchmark Berth against the reference registry (CNCF distribution,
# Debian's docker-registry), both on 127.0.0.1, in one run. See bench/README.md.
#
#   bench/run.sh [--out FILE.md]
#
# Sizes and durations come from environment variables (defaults in brackets):
#   BENCH_BLOB_MB [1024]  size of the big blob for monolithic push, pull and chunked push
#   BENCH_CHUNK_MB [16]   PATCH chunk size for the chunked push
#   BENCH_CONC [8]        number of concurrent monolithic pushes
#   BENCH_CONC_MB [64]    size of each concurrently pushed blob
#   BENCH_TAGS [10000]    number of tags in the tags/list repository
#   BENCH_DURATION [10]   seconds per wrk / ab run
#   BENCH_WARMUP [10]     seconds of unmeasured wrk/ab warm-up before each (0 = none); long
#                         enough for the JIT to compile the request path, so steady state is measured
#   BENCH_ROUNDS [3]      rounds of the blob figures (push, pull, chunked, concurrent), each with fresh
#                         content; each figure is the median of its rounds (all rounds are listed)
#   BENCH_WARMUP_MB [256] size of a blob pushed and pulled once by each server before the blob
#                         figures (0 = none): a fresh JVM compiles its transfer path during it;
#                         its push and pull are reported as "first transfer of a fresh server"
#   BENCH_CONNS [32]      connections for wrk and ab
#   BENCH_TAGLIST_REPS [9] measured tags/list requests (median is reported)
#   BENCH_TAG_WORKERS [16] concurrent connections used to PUT the tags
#   BENCH_IDLE_WAIT [5]   seconds to let a server settle before reading idle RSS
#   BENCH_VERIFY [1]      1 = check the pulled big blob's sha256 (an untimed third pull)
#   BENCH_KEEP [0]        1 = keep the temp dir (blobs, server logs, raw tool output)
#   BENCH_TMPDIR [$TMPDIR or /tmp]  where the temp dir is made
#   BENCH_START_TIMEOUT [120] seconds to wait for a server to answer /v2/
# Berth:
#   BERTH_URL        use an already running registry at this URL (127.0.0.1/localhost only)
#                    instead of starting the jar; BERTH_PID gives its pid for RSS (else it
#                    is looked up from the listening socket)
#   BERTH_PASSWORD   with BERTH_URL: login password, sent as Basic AWS:<password> on every
#                    request; unset = no Authorization header (a registry without auth).
#                    A Berth started by run.sh gets its password from get-login-password.
#   BERTH_JAR [registry-server/target/berth.jar]  built with mvn if missing
#   BERTH_JAVA_OPTS [-Xmx128m]  JVM options for Berth (word-split), e.g. "-Xmx1g -XX:+UseZGC";
#                    Berth runs with MALLOC_ARENA_MAX=2 (override with MALLOC_ARENA_MAX), as bin/berth does;
#                    set it empty for the JVM's own defaults
#   JAVA_HOME [/usr/lib/jvm/temurin-25-jdk-amd64]
# Reference:
#   REF_BIN [/usr/bin/docker-registry]

set -uo pipefail

usage() { sed -n '2,41p' "$0" | sed 's/^# \{0,1\}//'; }

OUT=""
while [ $# -gt 0 ]; do
  case "$1" in
    --out) [ $# -ge 2 ] || { echo "--out needs a file" >&2; exit 2; }; OUT=$2; shift 2 ;;
    --out=*) OUT=${1#*=}; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$SCRIPT_DIR/.." && pwd)
if [ -n "$OUT" ]; then
  case "$OUT" in /*) ;; *) OUT="$PWD/$OUT" ;; esac
fi

BENCH_BLOB_MB=${BENCH_BLOB_MB:-1024}
BENCH_CHUNK_MB=${BENCH_CHUNK_MB:-16}
BENCH_CONC=${BENCH_CONC:-8}
BENCH_CONC_MB=${BENCH_CONC_MB:-64}
BENCH_TAGS=${BENCH_TAGS:-10000}
BENCH_DURATION=${BENCH_DURATION:-10}
BENCH_WARMUP=${BENCH_WARMUP:-10}
BENCH_WARMUP_MB=${BENCH_WARMUP_MB:-256}
BENCH_ROUNDS=${BENCH_ROUNDS:-3}
BENCH_CONNS=${BENCH_CONNS:-32}
BENCH_TAGLIST_REPS=${BENCH_TAGLIST_REPS:-9}
BENCH_TAG_WORKERS=${BENCH_TAG_WORKERS:-16}
BENCH_IDLE_WAIT=${BENCH_IDLE_WAIT:-5}
BENCH_VERIFY=${BENCH_VERIFY:-1}
BENCH_KEEP=${BENCH_KEEP:-0}
BENCH_TMPDIR=${BENCH_TMPDIR:-${TMPDIR:-/tmp}}
BENCH_START_TIMEOUT=${BENCH_START_TIMEOUT:-120}
BERTH_URL=${BERTH_URL:-}
BERTH_PID=${BERTH_PID:-}
BERTH_DATA=""
BERTH_AUTH_DESC="-"
BERTH_JAR=${BERTH_JAR:-$ROOT/registry-server/target/berth.jar}
BERTH_JAVA_OPTS=${BERTH_JAVA_OPTS--Xmx128m}
# the password is kept in this shell only: not exported to the servers or the load tools
BERTH_PASSWORD_IN=${BERTH_PASSWORD:-}; BERTH_PASSWORD_SET=${BERTH_PASSWORD+1}
unset BERTH_PASSWORD
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export JAVA_HOME
REF_BIN=${REF_BIN:-/usr/bin/docker-registry}
PY=${PYTHON:-python3}

for v in BENCH_BLOB_MB BENCH_CHUNK_MB BENCH_CONC BENCH_CONC_MB BENCH_TAGS BENCH_DURATION \
         BENCH_CONNS BENCH_TAGLIST_REPS BENCH_TAG_WORKERS BENCH_START_TIMEOUT BENCH_ROUNDS; do
  [[ ${!v} =~ ^[1-9][0-9]*$ ]] || { echo "$v must be a positive integer (got '${!v}')" >&2; exit 2; }
done
for v in BENCH_WARMUP BENCH_WARMUP_MB BENCH_IDLE_WAIT; do
  [[ ${!v} =~ ^[0-9]+$ ]] || { echo "$v must be a non-negative integer (got '${!v}')" >&2; exit 2; }
done
[ "$BENCH_TAGS" -le 1000000 ] || { echo "BENCH_TAGS too large (max 1000000)" >&2; exit 2; }

OCI_MT='application/vnd.oci.image.manifest.v1+json'
MiB=1048576
BIG_TIMEOUT=1800     # seconds, max for one big-blob curl
SMALL_TIMEOUT=60     # seconds, max for one small request
CURL=(curl -sS --noproxy '*' -H 'Expect:')
# Authentication per server, keyed by base URL: AUTH_HDR is the full header line
# ("Authorization: Basic base64(AWS:password)") for wrk and ab, which take it on the command
# line only; AUTH_FILE holds the same line for curl (-H @file) and the Python tag pusher, so
# that it stays out of their argv. Neither is ever logged or written to the results.
declare -A AUTH_HDR AUTH_FILE
# rcurl BASE CURL-ARGS...: curl with BASE's Authorization header, if it has one
rcurl() {
  local base=$1; shift
  if [ -n "${AUTH_FILE[$base]:-}" ]; then "${CURL[@]}" -H @"${AUTH_FILE[$base]}" "$@"
  else "${CURL[@]}" "$@"; fi
}

log()  { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die()  { log "FATAL: $*"; exit 1; }
now_us() { local t=${EPOCHREALTIME//[!0-9]/}; echo "$t"; }   # microseconds since epoch
is_local_url() { [[ $1 =~ ^http://(127\.0\.0\.1|localhost)(:[0-9]+)?(/|\?|$) ]]; }

# ---------------------------------------------------------------- tools
ensure_tools() {
  local missing=() pair cmd pkg
  for pair in curl:curl wrk:wrk ab:apache2-utils jq:jq sha256sum:coreutils split:coreutils \
              "$PY":python3 "$REF_BIN":docker-registry; do
    cmd=${pair%:*}; pkg=${pair##*:}
    command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing missing packages: ${missing[*]} (waiting for the dpkg lock if needed)"
  [ "$(id -u)" = 0 ] || die "missing ${missing[*]} and not root"
  apt-get -o DPkg::Lock::Timeout=900 install -y "${missing[@]}" >&2 \
    || { apt-get -o DPkg::Lock::Timeout=900 update >&2 \
         && apt-get -o DPkg::Lock::Timeout=900 install -y "${missing[@]}" >&2; } \
    || die "apt-get install ${missing[*]} failed"
}

# ---------------------------------------------------------------- temp dir, cleanup
TMP=""
SERVER_PIDS=()
SAMPLER_PIDS=()
CUR_TOOL=""
cleanup() {
  local rc=$? p i
  trap - EXIT INT TERM
  [ -n "$CUR_TOOL" ] && kill -TERM "$CUR_TOOL" 2>/dev/null
  [ -n "$TMP" ] && touch "$TMP/stop-samplers" 2>/dev/null
  for p in "${SAMPLER_PIDS[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${SERVER_PIDS[@]}"; do kill -TERM "$p" 2>/dev/null; done
  for p in "${SERVER_PIDS[@]}"; do
    for i in $(seq 1 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$p" 2>/dev/null && { log "server pid $p did not stop, killing"; kill -KILL "$p" 2>/dev/null; }
  done
  wait 2>/dev/null
  for p in "${AUTH_FILE[@]}"; do rm -f "$p"; done
  if [ -n "$TMP" ] && [ -d "$TMP" ]; then
    if [ "$BENCH_KEEP" = 1 ]; then log "kept temp dir $TMP"; else rm -rf "$TMP"; fi
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# bg_run CMD...: run a load tool in the background and wait for it, so that Ctrl-C reaches
# this script's trap at once (wrk and ab catch SIGINT themselves and exit normally,
# which would otherwise make bash carry on with the next step)
bg_run() {
  local rc
  "$@" & CUR_TOOL=$!
  wait "$CUR_TOOL"; rc=$?
  CUR_TOOL=""
  return $rc
}

free_port() {
  "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# pid of the process listening on 127.0.0.1:PORT (for BERTH_URL mode), empty if unknown
listener_pid() {
  "$PY" - "$1" <<'EOF'
import os, sys
port = int(sys.argv[1]); inodes = set()
for f in ("/proc/net/tcp", "/proc/net/tcp6"):
    try:
        for line in open(f).readlines()[1:]:
            p = line.split()
            if p[3] == "0A" and int(p[1].rsplit(":", 1)[1], 16) == port:
                inodes.add("socket:[%s]" % p[9])
    except OSError:
        pass
for pid in sorted(os.listdir("/proc"), key=lambda s: (len(s), s)):
    if not pid.isdigit():
        continue
    try:
        for fd in os.listdir("/proc/%s/fd" % pid):
            if os.readlink("/proc/%s/fd/%s" % (pid, fd)) in inodes:
                print(pid); sys.exit(0)
    except OSError:
        pass
EOF
}

# ---------------------------------------------------------------- RSS
rss_kb() {   # rss_kb PID FIELD -> kB, or empty
  local k v _
  [ -r "/proc/$1/status" ] || return 0
  while read -r k v _; do
    [ "$k" = "$2:" ] && { echo "$v"; return 0; }
  done < "/proc/$1/status"
}
# sampler PID OUTFILE: keeps the max VmRSS (kB) seen, every 100 ms, until told to stop
sampler() {
  local pid=$1 out=$2 max=0 k v _ end=$((SECONDS + 6 * 3600))
  while [ ! -e "$TMP/stop-samplers" ] && [ "$SECONDS" -lt "$end" ] && [ -r "/proc/$pid/status" ]; do
    while read -r k v _; do
      if [ "$k" = "VmRSS:" ]; then
        if [ "$v" -gt "$max" ]; then max=$v; echo "$max" > "$out.tmp" && mv -f "$out.tmp" "$out"; fi
        break
      fi
    done < "/proc/$pid/status" 2>/dev/null
    sleep 0.1
  done
}
kb_to_mib() { awk -v k="$1" 'BEGIN{printf "%.1f", k/1024}'; }
isnum() { [[ $1 =~ ^[0-9]+(\.[0-9]+)?$ ]]; }
# peak_rss_kb SRV PID: the highest VmRSS sampled so far, or the current one if higher
peak_rss_kb() {
  local pk cur
  pk=$(cat "$TMP/rss.$1.peak" 2>/dev/null || echo 0); cur=$(rss_kb "$2" VmRSS)
  [ "${cur:-0}" -gt "$pk" ] && pk=$cur
  echo "$pk"
}

# ---------------------------------------------------------------- results
declare -A R       # R[srv.key] = value or FAIL
declare -A ROUND_VALUES  # ROUND_VALUES[srv.key] = every value measured, in round order
declare -A NOTE    # NOTE[srv.key] = reason
NOTES=()
FAILED=0
# set_res SRV KEY VALUE: a figure measured in several rounds keeps every value (ROUND_VALUES) and, once a round
# failed, stays FAIL
set_res()  { [ "${R[$1.$2]:-}" = FAIL ] && return 0; R[$1.$2]=$3; ROUND_VALUES[$1.$2]+="${ROUND_VALUES[$1.$2]:+ }$3"; }
fail_res() { R[$1.$2]=FAIL; NOTE[$1.$2]=$3; FAILED=1; NOTES+=("$(label "$1"): $2 failed: $3"); log "FAIL $1 $2: $3"; }
label()    { case "$1" in berth) echo "Berth" ;; ref) echo "reference" ;; *) echo "$1" ;; esac; }
mibps()    { awk -v b="$1" -v us="$2" 'BEGIN{ if (us<=0) us=1; printf "%.1f", b/1048576/(us/1e6) }'; }

# ---------------------------------------------------------------- HTTP helpers
# resolve_loc BASE LOCATION -> absolute URL (must stay on 127.0.0.1/localhost)
resolve_loc() {
  local base=$1 loc=${2%$'\r'}
  case "$loc" in
    http://*|https://*) ;;
    /*) loc="$base$loc" ;;
    *) return 1 ;;
  esac
  is_local_url "$loc" || return 1
  printf '%s' "$loc"
}
# start_upload BASE REPO -> upload URL on stdout
start_upload() {
  local base=$1 repo=$2 out code loc url resp="$TMP/resp/$BASHPID"
  out=$(rcurl "$base" --max-time "$SMALL_TIMEOUT" -X POST --data-binary '' \
        -H 'Content-Type: application/octet-stream' -o "$resp" \
        -w '%{http_code} %header{location}' "$base/v2/$repo/blobs/uploads/") || true
  code=${out%% *}; loc=${out#* }
  if [ "$code" != 202 ]; then
    echo "POST blobs/uploads/ -> HTTP ${code:-none} $(head -c 200 "$resp" 2>/dev/null)" >&2; return 1
  fi
  url=$(resolve_loc "$base" "$loc") || { echo "bad upload Location '$loc'" >&2; return 1; }
  printf '%s' "$url"
}
qsep() { case "$1" in *\?*) printf '&' ;; *) printf '?' ;; esac; }
# push_mono BASE REPO FILE DIGEST: POST + PUT ?digest= with body streamed from FILE
push_mono() {
  local base=$1 repo=$2 file=$3 digest=$4 url code resp="$TMP/resp/$BASHPID"
  url=$(start_upload "$base" "$repo") || return 1
  code=$(rcurl "$base" --max-time "$BIG_TIMEOUT" -X PUT -H 'Content-Type: application/octet-stream' \
         -T "$file" -o "$resp" -w '%{http_code}' "$url$(qsep "$url")digest=$digest") || true
  [ "$code" = 201 ] || { echo "PUT ?digest= -> HTTP ${code:-none} $(head -c 200 "$resp" 2>/dev/null)" >&2; return 1; }
}
# push_chunked BASE REPO DIGEST CHUNKFILE...: POST, PATCH each chunk with Content-Range, PUT ?digest=
# The loop forks nothing but curl (sizes read once, curl's output read from a file, the Location resolved in this
# shell): each extra fork per chunk cost both servers a few ms per PATCH that was the client's, not theirs.
push_chunked() {
  local base=$1 repo=$2 digest=$3 url code loc i sz off=0 end resp="$TMP/resp/$BASHPID" wout="$TMP/resp/$BASHPID.w"
  local -a sizes
  shift 3
  url=$(start_upload "$base" "$repo") || return 1
  mapfile -t sizes < <(stat -c %s "$@")
  for ((i = 1; i <= $#; i++)); do
    sz=${sizes[i-1]}; end=$((off + sz - 1))
    rcurl "$base" --max-time "$BIG_TIMEOUT" -X PATCH -H 'Content-Type: application/octet-stream' \
          -H "Content-Range: $off-$end" -T "${!i}" -o "$resp" \
          -w '%{http_code} %header{location}' "$url" > "$wout" || true
    code=; loc=; read -r code loc < "$wout" || true; loc=${loc%$'\r'}
    [ "$code" = 202 ] || { echo "PATCH $off-$end -> HTTP ${code:-none} $(head -c 200 "$resp" 2>/dev/null)" >&2; return 1; }
    if [ -n "$loc" ]; then
      case "$loc" in
        /*) url="$base$loc" ;;
        http://*|https://*) url=$loc ;;
        *) echo "bad PATCH Location '$loc'" >&2; return 1 ;;
      esac
      is_local_url "$url" || { echo "PATCH Location '$loc' leaves loopback" >&2; return 1; }
    fi
    off=$((end + 1))
  done
  code=$(rcurl "$base" --max-time "$BIG_TIMEOUT" -X PUT --data-binary '' \
         -H 'Content-Type: application/octet-stream' -o "$resp" -w '%{http_code}' \
         "$url$(qsep "$url")digest=$digest") || true
  [ "$code" = 201 ] || { echo "final PUT ?digest= -> HTTP ${code:-none} $(head -c 200 "$resp" 2>/dev/null)" >&2; return 1; }
}
# head_blob BASE REPO DIGEST SIZE: blob must exist with the right length
head_blob() {
  local out
  out=$(rcurl "$1" --max-time "$SMALL_TIMEOUT" -I -o /dev/null -w '%{http_code} %header{content-length}' \
        "$1/v2/$2/blobs/$3") || true
  out=${out%$'\r'}
  [ "${out%% *}" = 200 ] || { echo "HEAD blob -> HTTP ${out%% *}" >&2; return 1; }
  [ "${out#* }" = "$4" ] || { echo "HEAD blob Content-Length ${out#* } != $4" >&2; return 1; }
}
sha_of() { sha256sum "$1" | awk '{print "sha256:"$1}'; }

# ---------------------------------------------------------------- servers
start_ref() {
  local port dir cfg
  port=$(free_port) || die "no free port"
  dir="$TMP/ref"; mkdir -p "$dir/storage"; cfg="$dir/config.yml"
  cat > "$cfg" <<EOF
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $dir/storage
  delete:
    enabled: true
  cache:
    blobdescriptor: inmemory
  maintenance:
    uploadpurging:
      enabled: false
http:
  addr: 127.0.0.1:$port
  secret: bench-$RANDOM$RANDOM
health:
  storagedriver:
    enabled: false
EOF
  "$REF_BIN" serve "$cfg" > "$dir/server.log" 2>&1 &
  REF_PID=$!; SERVER_PIDS+=("$REF_PID")
  REF_URL="http://127.0.0.1:$port"
  REF_LOG="$dir/server.log"
}

build_berth() {
  [ -f "$BERTH_JAR" ] && return 0
  log "Berth jar $BERTH_JAR missing: building with mvn -q -DskipTests package (JAVA_HOME=$JAVA_HOME)"
  command -v mvn >/dev/null || die "mvn not found"
  [ -x "$JAVA_HOME/bin/java" ] || die "JAVA_HOME=$JAVA_HOME has no bin/java"
  (cd "$ROOT" && mvn -q -DskipTests package) >&2 || die "maven build failed"
  [ -f "$BERTH_JAR" ] || die "build finished but $BERTH_JAR does not exist"
}

start_berth() {
  local port dir opts=()
  if [ -n "$BERTH_URL" ]; then
    BERTH_URL=${BERTH_URL%/}
    is_local_url "$BERTH_URL/" || die "BERTH_URL must be http://127.0.0.1:PORT or http://localhost:PORT"
    if [ -z "$BERTH_PID" ]; then
      local hp=${BERTH_URL#http://}; hp=${hp%%/*}
      [[ $hp == *:* ]] && BERTH_PID=$(listener_pid "${hp##*:}") || BERTH_PID=$(listener_pid 80)
    fi
    BERTH_LOG=""
    return 0
  fi
  build_berth
  port=$(free_port) || die "no free port"
  dir="$TMP/berth"; mkdir -p "$dir/data"
  read -r -a opts <<< "$BERTH_JAVA_OPTS"
  # the environment bin/berth gives it: two glibc malloc arenas
  MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}" "$JAVA_HOME/bin/java" "${opts[@]}" -jar "$BERTH_JAR" serve --listen "127.0.0.1:$port" \
      --data-dir "$dir/data" > "$dir/server.log" 2>&1 &
  BERTH_PID=$!; SERVER_PIDS+=("$BERTH_PID")
  BERTH_URL="http://127.0.0.1:$port"
  BERTH_LOG="$dir/server.log"
  BERTH_DATA="$dir/data"
}

# berth_auth: sets Berth's Authorization header (AUTH_HDR, AUTH_FILE) and BERTH_AUTH_DESC.
# A Berth started here: the password comes from get-login-password (its own JVM, not timed),
# using the root credentials Berth wrote to DATA/credentials (profile berth); AWS_* variables
# of the caller's environment are kept out so that they cannot pick other credentials.
# BERTH_URL mode: BERTH_PASSWORD, or no header when it is unset. Then /v2/ must answer 200
# with the header, and a Berth started here must answer 401 without it.
# Returns 1 (with a note) when Berth cannot be used. The password is never logged.
berth_auth() {
  local pw="" rc code hdr f errf="$TMP/berth-login.err"
  if [ -n "$BERTH_LOG" ]; then
    log "Berth: get-login-password"
    pw=$(env -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY -u AWS_SESSION_TOKEN -u AWS_REGION \
             -u AWS_DEFAULT_REGION -u BERTH_ENDPOINT \
             AWS_SHARED_CREDENTIALS_FILE="$BERTH_DATA/credentials" AWS_PROFILE=berth \
             timeout 120 "$JAVA_HOME/bin/java" -jar "$BERTH_JAR" get-login-password \
             --endpoint-url "$BERTH_URL" --data-dir "$BERTH_DATA" 2> "$errf")
    rc=$?
    if [ $rc -ne 0 ] || ! [[ $pw =~ ^[A-Za-z0-9_=+/-]+$ ]]; then
      NOTES+=("Berth: get-login-password failed (exit $rc): $(head -c 300 "$errf" | tr '\n' ' ')")
      log "Berth: get-login-password failed (exit $rc)"; head -c 300 "$errf" >&2
      return 1
    fi
    BERTH_AUTH_DESC="Basic AWS:<login password> on every request, password from get-login-password"
  elif [ -n "$BERTH_PASSWORD_SET" ]; then
    pw=$BERTH_PASSWORD_IN
    [ -n "$pw" ] || { NOTES+=("Berth: BERTH_PASSWORD is set but empty"); return 1; }
    BERTH_AUTH_DESC="Basic AWS:<password> on every request, password from BERTH_PASSWORD"
  else
    BERTH_AUTH_DESC="none (BERTH_PASSWORD unset)"
  fi
  if [ -n "$pw" ]; then
    hdr="Authorization: Basic $(printf 'AWS:%s' "$pw" | base64 -w0)"
    f="$TMP/berth-auth.hdr"
    ( umask 077; printf '%s\n' "$hdr" > "$f" ) || { NOTES+=("Berth: cannot write $f"); return 1; }
    AUTH_HDR[$BERTH_URL]=$hdr; AUTH_FILE[$BERTH_URL]=$f
    pw=""; hdr=""
  fi
  code=$(rcurl "$BERTH_URL" --max-time "$SMALL_TIMEOUT" -o /dev/null -w '%{http_code}' "$BERTH_URL/v2/") || true
  if [ "$code" != 200 ]; then
    if [ -n "${AUTH_FILE[$BERTH_URL]:-}" ]; then NOTES+=("Berth: GET /v2/ with the login password -> HTTP ${code:-none}, want 200")
    else NOTES+=("Berth: GET /v2/ without credentials -> HTTP ${code:-none}, want 200 (set BERTH_PASSWORD if it needs a login)"); fi
    return 1
  fi
  if [ -n "$BERTH_LOG" ]; then
    code=$("${CURL[@]}" --max-time "$SMALL_TIMEOUT" -o /dev/null -w '%{http_code}' "$BERTH_URL/v2/") || true
    if [ "$code" != 401 ]; then
      NOTES+=("Berth: GET /v2/ without credentials -> HTTP ${code:-none}, not 401: it is not enforcing authentication, so its figures do not include the cost of checking it")
      BERTH_AUTH_DESC="$BERTH_AUTH_DESC (but Berth did NOT require it: /v2/ without credentials -> HTTP ${code:-none})"
    else
      BERTH_AUTH_DESC="$BERTH_AUTH_DESC; checked: /v2/ answers 401 without it"
    fi
  fi
  return 0
}

# wait_ready NAME URL PID LOG: poll GET /v2/ until 200/401, bounded
wait_ready() {
  local name=$1 url=$2 pid=$3 logf=$4 code i
  for i in $(seq 1 $((BENCH_START_TIMEOUT * 5))); do
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
      log "$name exited during start-up"; [ -n "$logf" ] && tail -n 30 "$logf" >&2
      return 1
    fi
    code=$("${CURL[@]}" --max-time 2 -o /dev/null -w '%{http_code}' "$url/v2/" 2>/dev/null) || true
    case "$code" in 200|401) return 0 ;; esac
    sleep 0.2
  done
  log "$name did not answer $url/v2/ within ${BENCH_START_TIMEOUT}s"; [ -n "$logf" ] && tail -n 30 "$logf" >&2
  return 1
}

# ---------------------------------------------------------------- load tools
# auth_args SRV -> AUTH_ARGS=(-H "Authorization: ...") for wrk and ab, or () without auth
auth_args() {
  AUTH_ARGS=()
  [ -n "${AUTH_HDR[${URL[$1]}]:-}" ] && AUTH_ARGS=(-H "${AUTH_HDR[${URL[$1]}]}")
  return 0
}
# run_wrk SRV URL OUTFILE -> sets W_RPS W_P99 (ms) W_ERR
run_wrk() {
  local srv=$1 url=$2 out=$3 threads auth
  threads=$(nproc); [ "$threads" -gt "$BENCH_CONNS" ] && threads=$BENCH_CONNS
  auth_args "$srv"; auth=("${AUTH_ARGS[@]}")
  if [ "$BENCH_WARMUP" -gt 0 ]; then
    bg_run timeout $((BENCH_WARMUP + 30)) wrk -t"$threads" -c"$BENCH_CONNS" -d"${BENCH_WARMUP}s" \
      -H "Accept: $OCI_MT" "${auth[@]}" "$url" > "$out.warmup" 2>&1
  fi
  bg_run timeout $((BENCH_DURATION + 60)) wrk -t"$threads" -c"$BENCH_CONNS" -d"${BENCH_DURATION}s" --timeout 10s \
    --latency -H "Accept: $OCI_MT" "${auth[@]}" "$url" > "$out" 2>&1
  local rc=$?
  W_ERR=""; W_RPS=""; W_P99=""
  [ $rc -eq 0 ] || { W_ERR="wrk exit $rc: $(tail -n 3 "$out" | tr '\n' ' ')"; return 1; }
  local p50 p90 max
  read -r W_RPS W_P99 bad total sockerr p50 p90 max < <(awk '
    function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; if (v ~ /m$/) return v*60000; return v+0 }
    /Requests\/sec:/ { rps=$2 }
    /^[ \t]+Latency[ \t]+[0-9]/ { mx=ms($4) }
    /^[ \t]+50%/ { m50=ms($2) }
    /^[ \t]+90%/ { m90=ms($2) }
    /^[ \t]+99%/ { m99=ms($2) }
    /Non-2xx or 3xx responses:/ { bad=$NF }
    /requests in/ { total=$1 }
    /Socket errors:/ { se=$0; gsub(/[ \t]+/, "_", se) }
    END { printf "%s %.3f %d %d %s %.3f %.3f %.3f\n", rps, m99, bad, total, (se==""?"-":se), m50, m90, mx }' "$out")
  if [ -z "$W_RPS" ] || [ "${total:-0}" -eq 0 ]; then W_ERR="no requests completed"; return 1; fi
  if [ "${bad:-0}" -gt 0 ]; then W_ERR="$bad of $total responses were not 2xx/3xx"; return 1; fi
  [ "$sockerr" != "-" ] && NOTES+=("$(label "$srv"): wrk manifest GET reported ${sockerr//_/ }")
  # wrk adds the requests a stalled connection would have sent (one stall of T ms on c connections adds about
  # c*T/interval samples between T and the interval), so its p99 follows the longest stalls, not the typical one
  NOTES+=("$(label "$srv"): manifest GET latency (wrk, ms): p50 $p50, p90 $p90, p99 $W_P99, max $max")
  return 0
}

# run_ab SRV URL OUTFILE -> sets A_RPS A_P99 (ms) A_ERR; HEAD with keep-alive, falls back to no keep-alive
run_ab() {
  local srv=$1 url=$2 out=$3 nmax=$((BENCH_DURATION * 100000)) ka rc auth
  A_ERR=""; A_RPS=""; A_P99=""
  auth_args "$srv"; auth=("${AUTH_ARGS[@]}")
  for ka in -k ""; do
    if [ "$BENCH_WARMUP" -gt 0 ]; then
      bg_run timeout $((BENCH_WARMUP + 60)) ab -q $ka -i -c "$BENCH_CONNS" -t "$BENCH_WARMUP" -n $((BENCH_WARMUP * 100000)) \
        -s 10 -H "Accept: $OCI_MT" "${auth[@]}" "$url" > "$out.warmup" 2>&1
    fi
    bg_run timeout $((BENCH_DURATION + 60)) ab -q $ka -i -c "$BENCH_CONNS" -t "$BENCH_DURATION" -n "$nmax" -s 10 \
      -e "$out.csv" -H "Accept: $OCI_MT" "${auth[@]}" "$url" > "$out" 2>&1
    rc=$?
    local complete failed non2xx
    read -r A_RPS complete failed non2xx < <(awk -F: '
      /^Requests per second/ { split($2, a, " "); rps=a[1] }
      /^Complete requests/ { c=$2+0 }
      /^Failed requests/ { f=$2+0 }
      /^Non-2xx responses/ { n=$2+0 }
      END { printf "%s %d %d %d\n", (rps==""?"-":rps), c, f, n }' "$out")
    A_P99=$(awk -F, '$1=="99" { printf "%.3f", $2 }' "$out.csv" 2>/dev/null)
    [ -z "$A_P99" ] && A_P99=$(awk '/^ +99%/ { printf "%.3f", $2 }' "$out")
    if [ $rc -eq 0 ] && [ "$A_RPS" != "-" ] && [ "$complete" -gt 0 ] && [ "$failed" -eq 0 ] && [ "$non2xx" -eq 0 ]; then
      [ -z "$ka" ] && NOTES+=("$(label "$srv"): ab HEAD with keep-alive failed, measured WITHOUT keep-alive (new connection per request)")
      return 0
    fi
    A_ERR="ab${ka:+ $ka} exit $rc, complete=$complete failed=$failed non2xx=$non2xx: $(grep -m1 -iE 'error|timed out|apr_' "$out")"
    [ "$non2xx" -gt 0 ] && return 1        # the server answered wrongly: no point retrying without -k
    log "ab ${ka:-(no -k)} HEAD failed on $(label "$srv") ($A_ERR)${ka:+; retrying without keep-alive}"
  done
  return 1
}

# ---------------------------------------------------------------- tags
TAGPUSH_PY='
import http.client, json, sys, threading, time, urllib.parse
base, repo, mfile, count, workers, limit = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6])
authfile = sys.argv[7] if len(sys.argv) > 7 else ""
u = urllib.parse.urlsplit(base)
body = open(mfile, "rb").read()
hdrs = {"Content-Type": "application/vnd.oci.image.manifest.v1+json"}
if authfile:
    name, _, value = open(authfile).read().strip().partition(":")
    hdrs[name.strip()] = value.strip()
width = max(5, len(str(count - 1)))
lock = threading.Lock()
st = {"ok": 0, "fail": 0, "err": None}
t0 = time.monotonic(); deadline = t0 + limit
def note_fail(msg):
    with lock:
        st["fail"] += 1
        if st["err"] is None: st["err"] = msg
def work(k):
    conn = None
    for i in range(k, count, workers):
        if time.monotonic() > deadline:
            note_fail("time limit %.0fs reached" % limit); return
        path = "/v2/%s/manifests/t%0*d" % (repo, width, i)
        for attempt in range(3):
            try:
                if conn is None:
                    conn = http.client.HTTPConnection(u.hostname, u.port or 80, timeout=60)
                conn.request("PUT", path, body=body, headers=hdrs)
                r = conn.getresponse(); data = r.read()
                if r.status == 201:
                    with lock: st["ok"] += 1
                else:
                    note_fail("PUT %s -> HTTP %d %s" % (path, r.status, data[:200]))
                if r.getheader("connection", "").lower() == "close":
                    conn.close(); conn = None
                break
            except (OSError, http.client.HTTPException) as e:
                if conn is not None: conn.close()
                conn = None
                if attempt == 2: note_fail("PUT %s: %r" % (path, e))
    if conn is not None: conn.close()
ts = [threading.Thread(target=work, args=(k,)) for k in range(workers)]
for t in ts: t.start()
for t in ts: t.join()
st["seconds"] = time.monotonic() - t0
print(json.dumps(st))
'

# taglist_once BASE REPO -> "seconds ntags pages" (follows Link rel=next, bounded)
taglist_once() {
  local base=$1 repo=$2 url out code t total=0 n=0 pages=0 next body="$TMP/tags.body" hdr="$TMP/tags.hdr"
  url="$base/v2/$repo/tags/list"
  while [ $pages -lt $((BENCH_TAGS + 2)) ]; do
    out=$(rcurl "$base" --max-time "$SMALL_TIMEOUT" -D "$hdr" -o "$body" -w '%{http_code} %{time_total}' "$url") || true
    code=${out%% *}; t=${out#* }
    [ "$code" = 200 ] || { echo "GET tags/list -> HTTP ${code:-none} $(head -c 200 "$body" 2>/dev/null)" >&2; return 1; }
    pages=$((pages + 1))
    total=$(awk -v a="$total" -v b="$t" 'BEGIN{printf "%.6f", a+b}')
    n=$((n + $(jq '.tags | length' "$body" 2>/dev/null || echo 0)))
    next=$(tr -d '\r' < "$hdr" | awk 'tolower($1)=="link:" && /rel="?next"?/ { if (match($0, /<[^>]*>/)) print substr($0, RSTART+1, RLENGTH-2) }' | head -n1)
    [ -z "$next" ] && break
    url=$(resolve_loc "$base" "$next") || { echo "bad Link '$next'" >&2; return 1; }
  done
  echo "$total $n $pages"
}

# ---------------------------------------------------------------- one server's suite
# Each phase_* function measures one group of figures on one server: phase_X SRV BASE.
# 0. warm-up: the first blob transfer of a fresh server (a JVM compiles its transfer path meanwhile), reported
# on its own so that the figures below are those of a server that has run for a while, as registries do
phase_warmup() {
  local srv=$1 base=$2 t0 t1 err out
  [ "$BENCH_WARMUP_MB" -gt 0 ] || return 0
  sync
  log "$(label "$srv"): warm-up push and pull of ${BENCH_WARMUP_MB} MiB"
  t0=$(now_us)
  if err=$(push_mono "$base" bench/warmup "$WARM" "$WARM_DGST" 2>&1); then
    t1=$(now_us)
    set_res "$srv" warm_push "$(mibps "$WARM_SIZE" $((t1 - t0)))"
    t0=$(now_us)
    out=$(rcurl "$base" --max-time "$BIG_TIMEOUT" -L -o /dev/null -w '%{http_code} %{size_download}' \
          "$base/v2/bench/warmup/blobs/$WARM_DGST" 2>&1) || true
    t1=$(now_us)
    if [ "$out" = "200 $WARM_SIZE" ]; then set_res "$srv" warm_pull "$(mibps "$WARM_SIZE" $((t1 - t0)))"
    else fail_res "$srv" warm_pull "GET blob -> '$out' (want '200 $WARM_SIZE')"; fi
  else
    fail_res "$srv" warm_push "$err"
    fail_res "$srv" warm_pull "skipped: warm-up push failed"
  fi
}

# 1. monolithic push + pull of the big blob
phase_mono() {
  local srv=$1 base=$2 t0 t1 err e i pids rc name
  sync
  log "$(label "$srv"): monolithic push of ${BENCH_BLOB_MB} MiB"
  t0=$(now_us)
  if err=$(push_mono "$base" bench/mono "$BIG" "$BIG_DGST" 2>&1); then
    t1=$(now_us)
    if err=$(head_blob "$base" bench/mono "$BIG_DGST" "$BIG_SIZE" 2>&1); then
      set_res "$srv" mono_push "$(mibps "$BIG_SIZE" $((t1 - t0)))"
    else fail_res "$srv" mono_push "$err"; fi
  else fail_res "$srv" mono_push "$err"; fi

  if [ "${R[$srv.mono_push]}" != FAIL ]; then
    # the first pull right after the push (cold: a fresh JVM compiles its read path, caches are whatever the
    # push left), then a second one (steady state, as a long-running registry serves); with BENCH_VERIFY=1 a
    # third, untimed, checks the content
    local out key
    for key in pull_first pull; do
      log "$(label "$srv"): pull of ${BENCH_BLOB_MB} MiB ($key)"
      t0=$(now_us)
      out=$(rcurl "$base" --max-time "$BIG_TIMEOUT" -L -o /dev/null -w '%{http_code} %{size_download}' \
            "$base/v2/bench/mono/blobs/$BIG_DGST" 2>&1) || true
      t1=$(now_us)
      if [ "$out" != "200 $BIG_SIZE" ]; then
        fail_res "$srv" "$key" "GET blob -> '$out' (want '200 $BIG_SIZE')"
      else
        set_res "$srv" "$key" "$(mibps "$BIG_SIZE" $((t1 - t0)))"
      fi
    done
    if [ "$BENCH_VERIFY" = 1 ] && [ "${R[$srv.pull]}" != FAIL ]; then
      local got
      got=$(rcurl "$base" --max-time "$BIG_TIMEOUT" -L "$base/v2/bench/mono/blobs/$BIG_DGST" | sha256sum | awk '{print "sha256:"$1}')
      [ "$got" = "$BIG_DGST" ] || fail_res "$srv" pull "pulled content has digest $got, want $BIG_DGST"
    fi
  else
    fail_res "$srv" pull_first "skipped: monolithic push failed"
    fail_res "$srv" pull "skipped: monolithic push failed"
  fi
}

# 2. chunked push
phase_chunked() {
  local srv=$1 base=$2 t0 t1 err e i pids rc name
  sync
  log "$(label "$srv"): chunked push of ${BENCH_BLOB_MB} MiB in ${BENCH_CHUNK_MB} MiB PATCHes (${#CHUNKS[@]} chunks)"
  t0=$(now_us)
  if err=$(push_chunked "$base" bench/chunked "$CH_DGST" "${CHUNKS[@]}" 2>&1); then
    t1=$(now_us)
    if err=$(head_blob "$base" bench/chunked "$CH_DGST" "$CH_SIZE" 2>&1); then
      set_res "$srv" chunked_push "$(mibps "$CH_SIZE" $((t1 - t0)))"
    else fail_res "$srv" chunked_push "$err"; fi
  else fail_res "$srv" chunked_push "$err"; fi
}

# 3. concurrent monolithic pushes
phase_conc() {
  local srv=$1 base=$2 t0 t1 err e i pids rc name
  sync
  log "$(label "$srv"): ${BENCH_CONC} concurrent pushes of ${BENCH_CONC_MB} MiB"
  rm -f "$TMP"/conc.*.rc "$TMP"/conc.*.err
  pids=()
  t0=$(now_us)
  for i in $(seq 1 "$BENCH_CONC"); do
    ( push_mono "$base" bench/conc "$TMP/blobs/conc.$i" "${CONC_DGST[$i]}" 2> "$TMP/conc.$i.err"; echo $? > "$TMP/conc.$i.rc" ) &
    pids+=($!)
  done
  for i in "${pids[@]}"; do wait "$i"; done
  t1=$(now_us)
  rc=0; err=""
  for i in $(seq 1 "$BENCH_CONC"); do
    if [ "$(cat "$TMP/conc.$i.rc" 2>/dev/null)" != 0 ]; then rc=1; err="push $i: $(head -c 300 "$TMP/conc.$i.err")"; break; fi
    if ! e=$(head_blob "$base" bench/conc "${CONC_DGST[$i]}" "$CONC_SIZE" 2>&1); then rc=1; err="push $i: $e"; break; fi
  done
  if [ $rc -eq 0 ]; then set_res "$srv" conc_push "$(mibps $((CONC_SIZE * BENCH_CONC)) $((t1 - t0)))"
  else fail_res "$srv" conc_push "$err"; fi
}

# 4. manifest GET (wrk) and HEAD (ab) by tag
phase_manifest() {
  local srv=$1 base=$2 t0 t1 err e i pids rc name
  log "$(label "$srv"): manifest setup"
  local mok=1 mdg code mu="$base/v2/bench/manifest/manifests/latest"
  for name in cfg layer; do
    err=$(push_mono "$base" bench/manifest "$TMP/blobs/$name" "$(sha_of "$TMP/blobs/$name")" 2>&1) || { mok=0; break; }
  done
  if [ $mok = 1 ]; then
    code=$(rcurl "$base" --max-time "$SMALL_TIMEOUT" -X PUT -H "Content-Type: $OCI_MT" --data-binary @"$MANIFEST" \
           -o "$TMP/resp.m" -w '%{http_code}' "$mu") || true
    [ "$code" = 201 ] || { mok=0; err="PUT manifest -> HTTP ${code:-none} $(head -c 200 "$TMP/resp.m")"; }
  fi
  if [ $mok = 1 ]; then
    code=$(rcurl "$base" --max-time "$SMALL_TIMEOUT" -H "Accept: $OCI_MT" -o "$TMP/resp.m" -w '%{http_code}' "$mu") || true
    if [ "$code" != 200 ] || ! cmp -s "$TMP/resp.m" "$MANIFEST"; then mok=0; err="GET manifest -> HTTP $code, body differs from pushed manifest"; fi
    code=$(rcurl "$base" --max-time "$SMALL_TIMEOUT" -I -H "Accept: $OCI_MT" -o /dev/null -w '%{http_code}' "$mu") || true
    [ "$code" = 200 ] || { mok=0; err="HEAD manifest -> HTTP $code"; }
  fi
  if [ $mok = 1 ]; then
    log "$(label "$srv"): manifest GET, wrk -c$BENCH_CONNS ${BENCH_DURATION}s (+${BENCH_WARMUP}s warm-up)"
    if run_wrk "$srv" "$mu" "$TMP/wrk.$srv.txt"; then
      set_res "$srv" mget_rps "$(printf '%.0f' "$W_RPS")"; set_res "$srv" mget_p99 "$W_P99"
    else fail_res "$srv" mget_rps "$W_ERR"; R[$srv.mget_p99]=FAIL; fi
    log "$(label "$srv"): manifest HEAD, ab -i -c$BENCH_CONNS ${BENCH_DURATION}s (+${BENCH_WARMUP}s warm-up)"
    if run_ab "$srv" "$mu" "$TMP/ab.$srv.txt"; then
      set_res "$srv" mhead_rps "$(printf '%.0f' "$A_RPS")"; set_res "$srv" mhead_p99 "$A_P99"
    else fail_res "$srv" mhead_rps "$A_ERR"; R[$srv.mhead_p99]=FAIL; fi
  else
    for name in mget_rps mget_p99 mhead_rps mhead_p99; do fail_res "$srv" $name "manifest setup: $err"; done
  fi
}

# 5. tags/list with BENCH_TAGS tags
phase_tags() {
  local srv=$1 base=$2 t0 t1 err e i pids rc name
  log "$(label "$srv"): pushing $BENCH_TAGS tags ($BENCH_TAG_WORKERS connections)"
  local tok=1 js okc
  for name in cfg layer; do
    err=$(push_mono "$base" bench/tags "$TMP/blobs/$name" "$(sha_of "$TMP/blobs/$name")" 2>&1) || { tok=0; break; }
  done
  if [ $tok = 1 ]; then
    bg_run timeout 3700 "$PY" -c "$TAGPUSH_PY" "$base" bench/tags "$MANIFEST" "$BENCH_TAGS" "$BENCH_TAG_WORKERS" 3600 \
      "${AUTH_FILE[$base]:-}" > "$TMP/tagpush.$srv.out" 2>&1
    js=$(tail -n1 "$TMP/tagpush.$srv.out")
    okc=$(jq -r '.ok' <<< "$js" 2>/dev/null)
    if [ "$okc" = "$BENCH_TAGS" ]; then
      set_res "$srv" tag_push "$(jq -r '.ok / .seconds | . * 10 | round / 10' <<< "$js")"
    else
      tok=0; err="tag push: $(jq -r '"\(.ok) ok, \(.fail) failed, first error: \(.err)"' <<< "$js" 2>/dev/null || echo "$js")"
      fail_res "$srv" tag_push "$err"
    fi
  else
    fail_res "$srv" tag_push "blob setup: $err"
  fi
  if [ $tok = 1 ]; then
    log "$(label "$srv"): tags/list, 2 warm-up + $BENCH_TAGLIST_REPS measured requests"
    local times=() res s n p
    for i in $(seq 1 $((BENCH_TAGLIST_REPS + 2))); do
      res=$(taglist_once "$base" bench/tags 2>&1) || { tok=0; err=$res; break; }
      read -r s n p <<< "$res"
      [ "$n" = "$BENCH_TAGS" ] || { tok=0; err="tags/list returned $n tags in $p page(s), want $BENCH_TAGS"; break; }
      [ "$i" -gt 2 ] && times+=("$s")
      [ "$p" -gt 1 ] && TAGLIST_PAGES[$srv]=$p
    done
    if [ $tok = 1 ]; then
      set_res "$srv" taglist "$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END { m = (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2; printf "%.2f", m*1000 }')"
      [ -n "${TAGLIST_PAGES[$srv]:-}" ] && NOTES+=("$(label "$srv"): tags/list was paginated (${TAGLIST_PAGES[$srv]} pages via Link); the time is for all pages")
    else fail_res "$srv" taglist "$err"; fi
  else
    fail_res "$srv" taglist "skipped: tag push failed"
  fi
}
declare -A TAGLIST_PAGES

# ================================================================ main
ensure_tools
mkdir -p "$BENCH_TMPDIR"
TMP=$(mktemp -d "$BENCH_TMPDIR/berth-bench.XXXXXX") || die "mktemp failed"
mkdir -p "$TMP/blobs" "$TMP/resp"

need_mb=$(( (BENCH_BLOB_MB * 2 + BENCH_CONC * BENCH_CONC_MB) * 3 + 1024 ))
avail_mb=$(df -Pm "$TMP" | awk 'NR==2 {print $4}')
[ "$avail_mb" -ge "$need_mb" ] || die "need about ${need_mb} MiB free in $BENCH_TMPDIR, have ${avail_mb} MiB"

log "config: blob=${BENCH_BLOB_MB}MiB chunk=${BENCH_CHUNK_MB}MiB conc=${BENCH_CONC}x${BENCH_CONC_MB}MiB tags=$BENCH_TAGS duration=${BENCH_DURATION}s warmup=${BENCH_WARMUP}s conns=$BENCH_CONNS"
[ -z "$BERTH_URL" ] && log "config: BERTH_JAVA_OPTS='$BERTH_JAVA_OPTS'"

# how busy is the machine before we start? (other builds make every figure noisy)
cpu_busy_pct() {   # cpu_busy_pct SECONDS -> % of all CPU time not idle over that interval
  local a b
  a=$(awk '/^cpu / {print $2+$3+$4+$5+$6+$7+$8+$9, $5+$6}' /proc/stat); sleep "$1"
  b=$(awk '/^cpu / {print $2+$3+$4+$5+$6+$7+$8+$9, $5+$6}' /proc/stat)
  awk -v a="$a" -v b="$b" 'BEGIN { split(a, x, " "); split(b, y, " "); t=y[1]-x[1]; i=y[2]-x[2]; printf "%d", (t>0) ? 100*(t-i)/t : 0 }'
}
BUSY_BEFORE=$(cpu_busy_pct 2)
if [ "$BUSY_BEFORE" -ge 20 ]; then
  log "WARNING: the machine was ${BUSY_BEFORE}% busy before the run (other processes); figures will be noisy"
  NOTES+=("the machine was ${BUSY_BEFORE}% busy (CPU) just before the run, from other processes: figures are unreliable, rerun on a quiet machine")
fi

# CPU seconds used so far: whole machine (non-idle), the given server pids, and this
# script with its finished children (curl, wrk, ab, python) -> "machine servers script";
# kernel threads (writeback, softirq) count as "machine" too, so this is an estimate
# usage: times > FILE; cpu_snapshot FILE PID... (times must run in the main shell itself)
cpu_snapshot() {
  local hz p sum=0 f tf=$1
  shift
  hz=$(getconf CLK_TCK)
  for p in "$@"; do
    [ -r "/proc/$p/stat" ] || continue
    f=$(sed 's/^.*) //' "/proc/$p/stat" | awk '{print $12+$13+$14+$15}')   # utime stime cutime cstime
    sum=$((sum + f))
  done
  awk -v hz="$hz" -v srv="$sum" -v t="$(tr '\n' ' ' < "$tf")" '
    function sec(x,  a) { split(x, a, "m"); return a[1]*60 + a[2] }
    /^cpu / { busy = $2+$3+$4 }
    END { split(t, v, " "); printf "%.2f %.2f %.2f\n", busy/hz, srv/hz, sec(v[1])+sec(v[2])+sec(v[3])+sec(v[4]) }' /proc/stat
}

# servers first (so idle RSS is read before any load), blobs while they start
start_ref
start_berth

log "generating blobs from /dev/urandom in $TMP/blobs"
BIG="$TMP/blobs/big"
head -c $((BENCH_BLOB_MB * MiB)) /dev/urandom > "$BIG" || die "cannot write $BIG"
BIG_SIZE=$(stat -c %s "$BIG"); BIG_DGST=$(sha_of "$BIG")
WARM="$TMP/blobs/warmup"
head -c $((BENCH_WARMUP_MB * MiB)) /dev/urandom > "$WARM" || die "cannot write $WARM"
WARM_SIZE=$(stat -c %s "$WARM"); WARM_DGST=$(sha_of "$WARM")
head -c $((BENCH_BLOB_MB * MiB)) /dev/urandom > "$TMP/blobs/chunked" || die "cannot write chunked blob"
CH_SIZE=$(stat -c %s "$TMP/blobs/chunked"); CH_DGST=$(sha_of "$TMP/blobs/chunked")
mkdir -p "$TMP/blobs/chunks"
split -b $((BENCH_CHUNK_MB * MiB)) -a 5 -d "$TMP/blobs/chunked" "$TMP/blobs/chunks/c." || die "split failed"
rm -f "$TMP/blobs/chunked"
CHUNKS=("$TMP"/blobs/chunks/c.*)
declare -A CONC_DGST
for i in $(seq 1 "$BENCH_CONC"); do
  head -c $((BENCH_CONC_MB * MiB)) /dev/urandom > "$TMP/blobs/conc.$i" || die "cannot write conc blob"
  CONC_DGST[$i]=$(sha_of "$TMP/blobs/conc.$i")
done
CONC_SIZE=$((BENCH_CONC_MB * MiB))
# fresh_content: new first bytes for the big blob, the first chunk and each concurrent blob, so that the next round
# pushes content neither server holds (no deduplication), then their digests again (not timed)
fresh_content() {
  local i f
  log "new content for the next round"
  for f in "$BIG" "${CHUNKS[0]}" "$TMP"/blobs/conc.*; do
    head -c 64 /dev/urandom | dd of="$f" conv=notrunc status=none || die "cannot rewrite $f"
  done
  BIG_DGST=$(sha_of "$BIG")
  CH_DGST=$(cat "${CHUNKS[@]}" | sha256sum | awk '{print "sha256:"$1}')
  for i in $(seq 1 "$BENCH_CONC"); do CONC_DGST[$i]=$(sha_of "$TMP/blobs/conc.$i"); done
  sync
}
# small image: config + one 4 KiB layer, and an OCI image manifest referencing them
printf '{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":["%s"]}}' \
  "sha256:0000000000000000000000000000000000000000000000000000000000000000" > "$TMP/blobs/cfg"
head -c 4096 /dev/urandom > "$TMP/blobs/layer"
MANIFEST="$TMP/blobs/manifest.json"
printf '{"schemaVersion":2,"mediaType":"%s","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%s","size":%d},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"%s","size":%d}]}' \
  "$OCI_MT" "$(sha_of "$TMP/blobs/cfg")" "$(stat -c %s "$TMP/blobs/cfg")" \
  "$(sha_of "$TMP/blobs/layer")" "$(stat -c %s "$TMP/blobs/layer")" > "$MANIFEST"
sync

SRVS=()
declare -A URL PID
if wait_ready "reference registry" "$REF_URL" "$REF_PID" "$REF_LOG"; then
  SRVS+=(ref); URL[ref]=$REF_URL; PID[ref]=$REF_PID
else
  NOTES+=("reference: server did not start"); FAILED=1
fi
if wait_ready "Berth" "$BERTH_URL" "$BERTH_PID" "$BERTH_LOG"; then
  if berth_auth; then
    SRVS+=(berth); URL[berth]=$BERTH_URL; PID[berth]=$BERTH_PID
  else
    log "Berth: cannot authenticate, Berth is not measured"; FAILED=1
  fi
else
  NOTES+=("Berth: server did not start"); FAILED=1
fi

sleep "$BENCH_IDLE_WAIT"
for s in "${SRVS[@]}"; do
  p=${PID[$s]}
  if [ -n "$p" ] && [ -r "/proc/$p/status" ]; then
    set_res "$s" rss_idle "$(kb_to_mib "$(rss_kb "$p" VmRSS)")"
    sampler "$p" "$TMP/rss.$s.peak" & SAMPLER_PIDS+=($!)
  else
    NOTES+=("$(label "$s"): pid unknown, RSS not measured (set BERTH_PID)")
  fi
done

# phases interleaved between the servers (order alternating) so that a change in
# background load affects both sides of a ratio alike
order=("${SRVS[@]}")
SPIDS=(); for s in "${SRVS[@]}"; do [ -n "${PID[$s]}" ] && SPIDS+=("${PID[$s]}"); done
times > "$TMP/times0"; CPU0=$(cpu_snapshot "$TMP/times0" "${SPIDS[@]}"); WALL0=$(now_us)
PHASES=(warmup)
for round in $(seq 1 "$BENCH_ROUNDS"); do PHASES+=("round:$round" mono chunked conc); done
PHASES+=(manifest tags)
for phase in "${PHASES[@]}"; do
  if [[ $phase == round:* ]]; then
    [ "${phase#round:}" = 1 ] || fresh_content
    log "== round ${phase#round:} of $BENCH_ROUNDS =="
    continue
  fi
  log "== phase $phase =="
  for s in "${order[@]}"; do
    phase_$phase "$s" "${URL[$s]}"
  done
  [ ${#order[@]} -eq 2 ] && order=("${order[1]}" "${order[0]}")
  if [ "$phase" = warmup ] && [ "$BENCH_WARMUP_MB" -gt 0 ]; then
    # what the first transfer grew the process to: the rest of the run shows whether it keeps growing
    for s in "${SRVS[@]}"; do
      p=${PID[$s]}
      [ -n "$p" ] && [ -r "/proc/$p/status" ] && set_res "$s" rss_warm "$(kb_to_mib "$(peak_rss_kb "$s" "$p")")"
    done
  fi
done

# peak RSS
for s in "${SRVS[@]}"; do
  p=${PID[$s]}
  if [ -n "$p" ] && [ -r "/proc/$p/status" ]; then
    hwm=$(rss_kb "$p" VmHWM)
    pk=$(peak_rss_kb "$s" "$p")
    set_res "$s" rss_peak "$(kb_to_mib "$pk")"
    set_res "$s" rss_hwm "$(kb_to_mib "$hwm")"
    if isnum "${R[$s.rss_warm]:-}"; then
      set_res "$s" rss_growth "$(awk -v w="${R[$s.rss_warm]}" -v p="$(kb_to_mib "$pk")" \
                                   'BEGIN{ printf "%.1f", (p - w) * 100 / w }')"
    fi
  elif [ -n "$p" ]; then
    fail_res "$s" rss_peak "server process $p is gone (crashed?)"
  fi
done
touch "$TMP/stop-samplers"
for p in "${SAMPLER_PIDS[@]}"; do wait "$p" 2>/dev/null; done
SAMPLER_PIDS=()

# CPU used by processes other than the two servers and this script's tools, while measuring
times > "$TMP/times1"; CPU1=$(cpu_snapshot "$TMP/times1" "${SPIDS[@]}"); WALL1=$(now_us)
FOREIGN_PCT=$(awk -v a="$CPU0" -v b="$CPU1" -v w0="$WALL0" -v w1="$WALL1" -v n="$(nproc)" 'BEGIN {
  split(a, x, " "); split(b, y, " "); f = (y[1]-x[1]) - (y[2]-x[2]) - (y[3]-x[3]); if (f < 0) f = 0
  w = (w1-w0)/1e6; printf "%d", (w > 0) ? 100*f/(w*n) : 0 }')
if [ "$FOREIGN_PCT" -ge 10 ]; then
  NOTES+=("other processes used about ${FOREIGN_PCT}% of the machine's CPU while measuring: figures are noisy, rerun on a quiet machine")
fi

# ---------------------------------------------------------------- report
ROWS=(
  "warm_push|Warm-up push, ${BENCH_WARMUP_MB} MiB, first transfer of a fresh server (MiB/s)|higher"
  "warm_pull|Warm-up pull, ${BENCH_WARMUP_MB} MiB, right after it (MiB/s)|higher"
  "mono_push|Monolithic push, ${BENCH_BLOB_MB} MiB blob (MiB/s)|higher"
  "pull_first|Blob pull (GET), ${BENCH_BLOB_MB} MiB, first after the push (MiB/s)|higher"
  "pull|Blob pull (GET), ${BENCH_BLOB_MB} MiB, second (MiB/s)|higher"
  "chunked_push|Chunked push, ${BENCH_BLOB_MB} MiB in ${BENCH_CHUNK_MB} MiB PATCHes (MiB/s)|higher"
  "conc_push|${BENCH_CONC} concurrent pushes x ${BENCH_CONC_MB} MiB (aggregate MiB/s)|higher"
  "mget_rps|Manifest GET by tag, wrk c=${BENCH_CONNS} (req/s)|higher"
  "mget_p99|Manifest GET by tag, p99 latency (ms)|lower"
  "mhead_rps|Manifest HEAD by tag, ab -i c=${BENCH_CONNS} (req/s)|higher"
  "mhead_p99|Manifest HEAD by tag, p99 latency (ms)|lower"
  "tag_push|Tag PUTs, ${BENCH_TAGS} tags, ${BENCH_TAG_WORKERS} conns (tags/s)|higher"
  "taglist|tags/list of ${BENCH_TAGS} tags, median (ms/request)|lower"
  "rss_idle|RSS at idle after start (MiB)|lower"
  "rss_warm|RSS peak during the warm-up, the first transfer (MiB)|lower"
  "rss_peak|RSS peak, sampled VmRSS (MiB)|lower"
  "rss_growth|RSS growth from the warm-up's peak to the run's peak (%)|lower"
  "rss_hwm|RSS high-water mark, VmHWM (MiB)|lower"
)
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# figures measured in several rounds: the median is reported, every round is listed under Notes
if [ "$BENCH_ROUNDS" -gt 1 ]; then
  ROUND_NOTES=()
  for row in "${ROWS[@]}"; do
    IFS='|' read -r key lab dir <<< "$row"
    line=""
    for s in berth ref; do
      values=${ROUND_VALUES[$s.$key]:-}
      [ "$(wc -w <<< "$values")" -gt 1 ] || continue
      # shellcheck disable=SC2086  # one word per value
      [ "${R[$s.$key]:-}" = FAIL ] || R[$s.$key]=$(median $values)
      line+="${line:+; }$(label "$s") ${values// / \/ }"
    done
    [ -n "$line" ] && ROUND_NOTES+=("$lab: $line")
  done
  if [ ${#ROUND_NOTES[@]} -gt 0 ]; then
    NOTES+=("blob figures are the median of $BENCH_ROUNDS rounds, each pushing content neither server held; by round:")
    NOTES+=("${ROUND_NOTES[@]}")
  fi
fi
TSV="$TMP/results.tsv"
{
  printf 'Figure\tBerth\treference\tratio B/ref\tbetter\n'
  for row in "${ROWS[@]}"; do
    IFS='|' read -r key lab dir <<< "$row"
    b=${R[berth.$key]:--}; r=${R[ref.$key]:--}
    if isnum "$b" && isnum "$r" && awk -v r="$r" 'BEGIN{exit !(r>0)}'; then
      ratio=$(awk -v b="$b" -v r="$r" 'BEGIN{printf "%.2f", b/r}')
    else ratio=-; fi
    if [ "$dir" = higher ]; then better="higher (ratio > 1 favours Berth)"
    else better="lower (ratio < 1 favours Berth)"; fi
    printf '%s\t%s\t%s\t%s\t%s\n' "$lab" "$b" "$r" "$ratio" "$better"
  done
} > "$TSV"

echo
awk -F'\t' '
  { for (i=1;i<=NF;i++) { c[NR,i]=$i; if (length($i)>w[i]) w[i]=length($i) } n=NR; nf=NF }
  END {
    for (r=1;r<=n;r++) {
      line=""
      for (i=1;i<=nf;i++) line = line sprintf((i==1 || i==nf) ? "%-*s" : "%*s", w[i], c[r,i]) ((i<nf) ? "  " : "")
      print line
      if (r==1) { s=""; for (i=1;i<=nf;i++) { d=""; for (k=0;k<w[i];k++) d=d "-"; s = s d ((i<nf)?"  ":"") } print s }
    }
  }' "$TSV"

REF_VER=$("$REF_BIN" --version 2>/dev/null | head -n1)
if [ -n "$BERTH_LOG" ]; then
  BERTH_DESC="$(basename "$BERTH_JAR") started by run.sh, JVM $("$JAVA_HOME/bin/java" -version 2>&1 | head -n1), BERTH_JAVA_OPTS='${BERTH_JAVA_OPTS}'$([ "$BERTH_JAVA_OPTS" = -Xmx128m ] && echo ' (the run.sh default)'), MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2} (as bin/berth runs it)"
else
  BERTH_DESC="already running server at BERTH_URL=$BERTH_URL (pid ${BERTH_PID:-unknown}), not started by run.sh"
fi
if [ ${#NOTES[@]} -gt 0 ]; then
  echo; echo "Notes:"; printf '  - %s\n' "${NOTES[@]}"
fi

# cpu_model: the CPU's model name (runs on different hosts differ most by it)
cpu_model() {
  local model
  model=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null)
  echo "${model:-unknown CPU model}"
}
# memory_regime: whether the kernel pages out idle memory on its own (DAMON's pageout scheme) and hands free
# pages back to a hypervisor (virtio-balloon free page reporting); with both, the page cache grows into memory
# the host has taken back, and every new page costs a host fault on first touch, for both servers alike
memory_regime() {
  local d=/sys/kernel/mm/damon/admin/kdamonds/0 damon=off reporting=off features aggr age
  if [ "$(cat "$d/state" 2>/dev/null)" = on ] \
     && [ "$(cat "$d/contexts/0/schemes/0/action" 2>/dev/null)" = pageout ]; then
    aggr=$(cat "$d/contexts/0/monitoring_attrs/intervals/aggr_us" 2>/dev/null); [[ $aggr =~ ^[0-9]+$ ]] || aggr=0
    age=$(cat "$d/contexts/0/schemes/0/access_pattern/age/min" 2>/dev/null); [[ $age =~ ^[0-9]+$ ]] || age=0
    damon="on (pages idle for about $(( aggr / 1000000 * age )) s are paged out)"
  fi
  # feature bit 5 of a virtio balloon device: VIRTIO_BALLOON_F_REPORTING
  for features in /sys/bus/virtio/drivers/virtio_balloon/virtio*/features; do
    [ "$(cut -c6 "$features" 2>/dev/null)" = 1 ] && reporting=on
  done
  echo "proactive reclaim (DAMON pageout) $damon; free page reporting to the hypervisor $reporting"
}

if [ -n "$OUT" ]; then
  mkdir -p "$(dirname "$OUT")"
  {
    echo "# Berth benchmark: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "- Machine: $(nproc) cores ($(cpu_model)), $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM, kernel $(uname -r); clients and servers on the same machine, 127.0.0.1"
    echo "- Memory: $(memory_regime)"
    echo "- CPU used by other processes: ${BUSY_BEFORE}% just before the run (2 s sample), about ${FOREIGN_PCT}% while measuring"
    echo "- Berth: $BERTH_DESC"
    echo "- Berth authentication: $BERTH_AUTH_DESC"
    echo "- Reference: $REF_VER, filesystem storage, delete enabled, access log off, in-memory blob descriptor cache, no authentication"
    echo "- Sizes: BENCH_BLOB_MB=$BENCH_BLOB_MB BENCH_CHUNK_MB=$BENCH_CHUNK_MB BENCH_CONC=$BENCH_CONC BENCH_CONC_MB=$BENCH_CONC_MB BENCH_TAGS=$BENCH_TAGS BENCH_DURATION=$BENCH_DURATION BENCH_WARMUP=$BENCH_WARMUP BENCH_WARMUP_MB=$BENCH_WARMUP_MB BENCH_CONNS=$BENCH_CONNS"
    echo "- Ratio = Berth / reference. For throughput rows (MiB/s, req/s, tags/s) higher is better, so a ratio above 1 favours Berth; for latency, time per request and RSS rows lower is better, so a ratio below 1 favours Berth."
    echo
    awk -F'\t' '{ printf "|"; for (i=1;i<=NF;i++) printf " %s |", $i; print ""; if (NR==1) { printf "|"; for (i=1;i<=NF;i++) printf (i==1||i==NF) ? " --- |" : " ---: |"; print "" } }' "$TSV"
    if [ ${#NOTES[@]} -gt 0 ]; then
      echo; echo "Notes:"; echo; printf -- '- %s\n' "${NOTES[@]}"
    fi
  } > "$OUT"
  log "wrote $OUT"
fi

exit "$FAILED"
