#!/usr/bin/env bash
# Why the web session is a database token (README, "Sign-in, sessions and tokens"): the week agenda
# API read with a session cookie, side by side in one run, by the version that kept sessions in
# Spring Session's tables (git ref b746b20, the default) and by this one, each on a fresh
# demonstration office; this one also with a personal access token. Figures go to
# benchmark/results/session-store-<time>.txt.
#   benchmark/throughput/session-store.sh [REF] [SECONDS] [ROUNDS]     defaults: b746b20, 20 s, 3 rounds
set -euo pipefail
cd "$(dirname "$0")/../.."
REF=${1:-b746b20}
SECONDS_EACH=${2:-20}
ROUNDS=${3:-3}
BENCH=$PWD/target/benchmark/session-store
PORT=${VPFLOW_BENCH_PORT:-18491}
BASE=http://127.0.0.1:$PORT
RESULTS=benchmark/results/session-store-$(date +%Y%m%d-%H%M%S).txt
mkdir -p benchmark/results
command -v wrk >/dev/null 2>&1 || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

rm -rf "$BENCH"
mkdir -p "$BENCH"
git worktree remove --force "$BENCH/previous" 2>/dev/null || true
git worktree add --detach "$BENCH/previous" "$REF" >/dev/null
echo "building $REF"
(cd "$BENCH/previous" && ./mvnw -o -q package -DskipTests -Dspotless.check.skip=true)
previous=$(ls "$BENCH"/previous/target/vpflow-*.jar | grep -v original | head -1)
current=$(ls target/vpflow-*.jar 2>/dev/null | grep -v original | head -1 || true)
if [ -z "$current" ]; then
    ./mvnw -o -q package -DskipTests -Dspotless.check.skip=true
    current=$(ls target/vpflow-*.jar | grep -v original | head -1)
fi

server_pid=""
stop() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
    server_pid=""
}
trap 'stop; git worktree remove --force "$BENCH/previous" 2>/dev/null || true' EXIT

monday=$(TZ=America/Paramaribo date -d "$(TZ=America/Paramaribo date +%F) -$(( $(TZ=America/Paramaribo date +%u) - 1 )) days" +%F)
sunday=$(date -d "$monday + 6 days" +%F)
agenda="$BASE/api/v1/appointments?from=$monday&to=$sunday&limit=200"
rps() { wrk -t2 -c50 -d"$1"s -H "$2" "$agenda" | sed -nE 's/^Requests\/sec: *([0-9.]+)/\1/p'; }
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

measure() {
    local label=$1 jar=$2 data=$BENCH/$1
    mkdir -p "$data"
    VPFLOW_DATA_DIR=$data VPFLOW_PORT=$PORT VPFLOW_DEMO=true java -jar "$jar" >"$data.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 600); do grep -q "demo data loaded" "$data.log" 2>/dev/null && break; sleep 1; done
    local password csrf session
    password=$(awk '$1 == "demo-secretary" { print $2 }' "$data/demo-passwords")
    csrf=$(curl -fs -c "$data.cookies" "$BASE/login" | sed -nE 's/.*name="_csrf"[^>]*value="([^"]+)".*/\1/p' | head -1)
    curl -fs -o /dev/null -b "$data.cookies" -c "$data.cookies" --data-urlencode "username=demo-secretary" \
        --data-urlencode "password=$password" --data-urlencode "_csrf=$csrf" "$BASE/login"
    session=$(awk '$6 == "VPFLOW_SESSION" { print $7 }' "$data.cookies")
    rps 60 "Cookie: VPFLOW_SESSION=$session" >/dev/null
    for _ in $(seq 1 "$ROUNDS"); do rps "$SECONDS_EACH" "Cookie: VPFLOW_SESSION=$session"; done | median > "$data.session"
    if [ "$label" = current ]; then
        local token
        token=$(curl -fs -u "demo-secretary:$password" -H 'Content-Type: application/json' -d '{"name": "bench"}' \
            "$BASE/api/v1/me/tokens" | sed -E 's/.*"token":"([^"]+)".*/\1/')
        for _ in $(seq 1 "$ROUNDS"); do rps "$SECONDS_EACH" "Authorization: Bearer $token"; done | median > "$data.token"
    fi
    stop
}

echo "measuring $REF (Spring Session in PostgreSQL)"
measure previous "$previous"
echo "measuring this version (the session is a database token)"
measure current "$current"
{
    echo "VP-Flow web session store, $(date -Iseconds), $(nproc) cores, $(java -version 2>&1 | head -1)"
    echo "GET /api/v1/appointments (the week from $monday, demonstration office), wrk 50 connections,"
    echo "60 s warm-up, median of $ROUNDS runs of $SECONDS_EACH s"
    echo "  $REF, Spring Session JDBC, session cookie: $(cat "$BENCH/previous.session") req/s"
    echo "  this version, session cookie (a database token): $(cat "$BENCH/current.session") req/s"
    echo "  this version, personal access token: $(cat "$BENCH/current.token") req/s"
} | tee "$RESULTS"
