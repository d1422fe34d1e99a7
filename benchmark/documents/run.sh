#!/usr/bin/env bash
# The documents module's performance budget (README, "Documents benchmark"): uploads a 1 GB file to
# VP-Flow running with a 256 MB heap, then downloads it several times side by side with Debian's
# nginx serving the same stored file from the same disk, and samples the server's used heap with
# jstat all along. Needs about 3 GB of disk under target/benchmark; installs nginx if missing
# (apt-get). Figures go to benchmark/results/documents-<time>.txt.
#   benchmark/documents/run.sh [SIZE_MB] [RUNS]      defaults: 1024 MB, 5 runs each
set -euo pipefail
cd "$(dirname "$0")/../.."
SIZE_MB=${1:-1024}
RUNS=${2:-5}
BENCH=$PWD/target/benchmark/documents
VPFLOW_PORT=${VPFLOW_BENCH_PORT:-18480}
NGINX_PORT=${NGINX_BENCH_PORT:-18481}
RESULTS=benchmark/results/documents-$(date +%Y%m%d-%H%M%S).txt
mkdir -p benchmark/results

if ! command -v nginx >/dev/null 2>&1; then
    echo "installing Debian's nginx"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
fi
jar=$(ls target/vpflow-*.jar 2>/dev/null | grep -v original | head -1 || true)
if [ -z "$jar" ]; then
    echo "building the jar"
    ./mvnw -o -q package -DskipTests -Dspotless.check.skip=true
    jar=$(ls target/vpflow-*.jar | grep -v original | head -1)
fi

rm -rf "$BENCH"
mkdir -p "$BENCH/data"
server_pid=""
nginx_started=""
sampler_pid=""
cleanup() {
    [ -n "$sampler_pid" ] && kill "$sampler_pid" 2>/dev/null || true
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
    [ -n "$nginx_started" ] && nginx -c "$BENCH/nginx.conf" -s stop 2>/dev/null || true
    # the embedded PostgreSQL stops with the server; make sure
    if [ -f "$BENCH/data/postgres/postmaster.pid" ]; then
        kill "$(head -1 "$BENCH/data/postgres/postmaster.pid")" 2>/dev/null || true
    fi
}
trap cleanup EXIT

echo "making a ${SIZE_MB} MB file"
file=$BENCH/big.pdf
{ printf '%%PDF-1.7\n'; head -c $((SIZE_MB * 1024 * 1024 - 9)) /dev/urandom; } > "$file"

start_server() {
    VPFLOW_DATA_DIR=$BENCH/data VPFLOW_PORT=$VPFLOW_PORT VPFLOW_MAX_UPLOAD_MB=$((SIZE_MB + 16)) \
        java -Xmx256m -jar "$jar" serve --vpflow.login.bcrypt-strength=4 >>"$BENCH/server.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 240); do
        if curl -fs "http://127.0.0.1:$VPFLOW_PORT/actuator/health" >/dev/null 2>&1; then return 0; fi
        kill -0 "$server_pid" 2>/dev/null || { echo "the server stopped; see $BENCH/server.log"; exit 1; }
        sleep 1
    done
    echo "the server did not start"; exit 1
}
# used heap (KB) = survivor + eden + old (jstat -gc columns S0U S1U EU OU), sampled every 200 ms
sample_heap() {
    jstat -gc "$server_pid" 200 > "$1" &
    sampler_pid=$!
}
stop_sampling() { kill "$sampler_pid" 2>/dev/null || true; wait "$sampler_pid" 2>/dev/null || true; sampler_pid=""; }
max_mb() { awk 'NR > 1 && $1 ~ /^[0-9]/ { u = $3 + $4 + $6 + $8; if (u > m) m = u } END { printf "%.1f", m / 1024 }' "$1"; }

echo "starting VP-Flow with -Xmx256m (first start installs the database)"
start_server
admin_password=$(cat "$BENCH/data/initial-admin-password")
curl -fs -u "admin:$admin_password" -H 'Content-Type: application/json' \
    -d '{"username": "meting", "display_name": "Meting", "role": "secretary", "password": "Lang-genoeg-wachtwoord-2026"}' \
    "http://127.0.0.1:$VPFLOW_PORT/api/v1/users" >/dev/null
auth="meting:Lang-genoeg-wachtwoord-2026"

echo "uploading"
sample_heap "$BENCH/heap-upload.txt"
upload=$(curl -s -u "$auth" -F "title=Benchmark" -F "file=@$file;type=application/pdf" \
    -w '\n%{http_code} %{time_total} %{speed_upload}' "http://127.0.0.1:$VPFLOW_PORT/api/v1/documents")
stop_sampling
read -r upload_status upload_seconds upload_speed <<<"$(tail -1 <<<"$upload")"
[ "$upload_status" = 201 ] || { echo "upload failed: $upload"; exit 1; }
id=$(head -1 <<<"$upload" | sed -E 's/.*"id":"([^"]+)".*/\1/')
sha=$(head -1 <<<"$upload" | sed -E 's/.*"sha256":"([^"]+)".*/\1/')
stored="sha256/${sha:0:2}/${sha:2:2}/$sha"

cat > "$BENCH/nginx.conf" <<CONF
user root;
worker_processes auto;
daemon on;
pid $BENCH/nginx.pid;
error_log $BENCH/nginx-error.log;
events { worker_connections 64; }
http {
    include /etc/nginx/mime.types;
    sendfile on;
    tcp_nopush on;
    access_log off;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $BENCH/data/documents;
    }
}
CONF
nginx -c "$BENCH/nginx.conf"
nginx_started=yes

vpflow_url="http://127.0.0.1:$VPFLOW_PORT/api/v1/documents/$id/content?disposition=attachment"
nginx_url="http://127.0.0.1:$NGINX_PORT/$stored"
cat "$BENCH/data/documents/$stored" > /dev/null   # both read the same file from the page cache
speed() { curl -s -o /dev/null -w '%{http_code} %{speed_download} %{size_download}' "$@"; }
mbps() { awk -v b="$1" 'BEGIN { printf "%.0f", b / 1048576 }'; }

echo "downloading, $RUNS runs each, side by side"
sample_heap "$BENCH/heap-download.txt"
: > "$BENCH/downloads.txt"
for run in $(seq 1 "$RUNS"); do
    read -r vs vspeed vsize <<<"$(speed -u "$auth" "$vpflow_url")"
    read -r ns nspeed nsize <<<"$(speed "$nginx_url")"
    [ "$vs" = 200 ] && [ "$ns" = 200 ] && [ "$vsize" = "$nsize" ] || { echo "download failed: $vs $ns $vsize $nsize"; exit 1; }
    echo "$run $vspeed $nspeed" >> "$BENCH/downloads.txt"
    echo "  run $run: VP-Flow $(mbps "$vspeed") MB/s, nginx $(mbps "$nspeed") MB/s"
done
stop_sampling

echo "restarting VP-Flow: its first read of the file verifies the whole SHA-256 again"
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true
start_server
sample_heap "$BENCH/heap-verify.txt"
read -r fs fspeed ftime <<<"$(curl -s -o /dev/null -w '%{http_code} %{speed_download} %{time_total}' -u "$auth" "$vpflow_url")"
read -r ss sspeed stime <<<"$(curl -s -o /dev/null -w '%{http_code} %{speed_download} %{time_total}' -u "$auth" "$vpflow_url")"
[ "$fs" = 200 ] && [ "$ss" = 200 ] || { echo "download after the restart failed: $fs $ss"; exit 1; }
stop_sampling

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
v_median=$(awk '{ print $2 }' "$BENCH/downloads.txt" | median)
n_median=$(awk '{ print $3 }' "$BENCH/downloads.txt" | median)
ratio=$(awk -v v="$v_median" -v n="$n_median" 'BEGIN { printf "%.2f", v / n }')
{
    echo "VP-Flow documents benchmark, $(date -Iseconds), $(nproc) cores, $(java -version 2>&1 | head -1), $(nginx -v 2>&1)"
    echo "file: $SIZE_MB MB; server: java -Xmx256m; nginx: Debian's, sendfile on, same file, same disk"
    echo "upload: ${upload_seconds}s, $(mbps "$upload_speed") MB/s; max used heap during upload $(max_mb "$BENCH/heap-upload.txt") MB"
    echo "downloads (MB/s, run VP-Flow nginx):"
    awk '{ printf "  %d  %.0f  %.0f\n", $1, $2 / 1048576, $3 / 1048576 }' "$BENCH/downloads.txt"
    echo "median download: VP-Flow $(mbps "$v_median") MB/s, nginx $(mbps "$n_median") MB/s, ratio $ratio (budget 0.70)"
    echo "max used heap during downloads $(max_mb "$BENCH/heap-download.txt") MB (budget 256 MB)"
    echo "after a restart: first download ${ftime}s, $(mbps "$fspeed") MB/s (checks the whole SHA-256 before the first byte); second ${stime}s, $(mbps "$sspeed") MB/s; max used heap $(max_mb "$BENCH/heap-verify.txt") MB"
} | tee "$RESULTS"
