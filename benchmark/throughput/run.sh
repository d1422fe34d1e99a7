#!/usr/bin/env bash
# API throughput against the database's own (README, "Benchmarks"): VP-Flow runs on a fresh data
# folder with the demonstration office (VPFLOW_DEMO); wrk (50 connections) reads the week agenda
# and the case list through the API, once with a personal access token (Bearer) and once with the
# web session's cookie, and pgbench (50 clients) runs the same SQL those requests send, presenting
# the same token the same way (benchmark/throughput/*.sql). Rounds alternate between the two so
# that both see the same machine; the medians and their ratios go to
# benchmark/results/throughput-<time>.txt, with the pages and HTTP Basic for comparison and a
# profile of the server (Java Flight Recorder) during an agenda run.
#   benchmark/throughput/run.sh [SECONDS] [ROUNDS] [WARMUP_SECONDS]     defaults: 20 s, 3 rounds, 90 s
# Needs wrk and pgbench (installed with apt-get when missing).
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_EACH=${1:-20}
ROUNDS=${2:-3}
WARMUP=${3:-90}
CONNECTIONS=50
HERE=benchmark/throughput
BENCH=$PWD/target/benchmark/throughput
PORT=${VPFLOW_BENCH_PORT:-18490}
BASE=http://127.0.0.1:$PORT
RESULTS=benchmark/results/throughput-$(date +%Y%m%d-%H%M%S).txt
mkdir -p benchmark/results

missing=""
command -v wrk >/dev/null 2>&1 || missing="$missing wrk"
command -v pgbench >/dev/null 2>&1 || missing="$missing postgresql-client"
if [ -n "$missing" ]; then
    echo "installing$missing"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
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
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
    if [ -f "$BENCH/data/postgres/postmaster.pid" ]; then
        kill "$(head -1 "$BENCH/data/postgres/postmaster.pid")" 2>/dev/null || true
    fi
}
trap cleanup EXIT

echo "starting VP-Flow with the demonstration office"
VPFLOW_DATA_DIR=$BENCH/data VPFLOW_PORT=$PORT VPFLOW_DEMO=true java -jar "$jar" >"$BENCH/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 600); do
    grep -q "demo data loaded" "$BENCH/server.log" 2>/dev/null && break
    kill -0 "$server_pid" 2>/dev/null || { echo "the server stopped; see $BENCH/server.log"; exit 1; }
    sleep 1
done
grep -q "demo data loaded" "$BENCH/server.log" || { echo "no demo data after 10 minutes"; exit 1; }

user=demo-secretary
password=$(awk -v u="$user" '$1 == u { print $2 }' "$BENCH/data/demo-passwords")
token=$(curl -fs -u "$user:$password" -H 'Content-Type: application/json' -d '{"name": "throughput benchmark"}' \
    "$BASE/api/v1/me/tokens" | sed -E 's/.*"token":"([^"]+)".*/\1/')
jar_cookies=$BENCH/cookies.txt
csrf=$(curl -fs -c "$jar_cookies" "$BASE/login" | sed -nE 's/.*name="_csrf"[^>]*value="([^"]+)".*/\1/p' | head -1)
curl -fs -o /dev/null -b "$jar_cookies" -c "$jar_cookies" \
    --data-urlencode "username=$user" --data-urlencode "password=$password" --data-urlencode "_csrf=$csrf" "$BASE/login"
session=$(awk '$6 == "VPFLOW_SESSION" { print $7 }' "$jar_cookies")
[ -n "$token" ] && [ -n "$session" ] || { echo "could not sign in"; exit 1; }

monday=$(TZ=America/Paramaribo date -d "$(TZ=America/Paramaribo date +%F) -$(( $(TZ=America/Paramaribo date +%u) - 1 )) days" +%F)
sunday=$(date -d "$monday + 6 days" +%F)
next_monday=$(date -d "$monday + 7 days" +%F)
agenda="/api/v1/appointments?from=$monday&to=$sunday&limit=200"
cases="/api/v1/cases?limit=50"

pg_port=$(sed -n 4p "$BENCH/data/postgres/postmaster.pid")
pg_password=$(cat "$BENCH/data/secrets/database-app-password")
pgb() {
    PGPASSWORD=$pg_password PGOPTIONS="-c search_path=vpflow,pg_temp" pgbench -n -h 127.0.0.1 -p "$pg_port" \
        -U vpflow_app -c $CONNECTIONS -j 2 -T "$2" -M prepared -f "$HERE/$1.sql" -D "token=$token" \
        -D "from=${monday}T00:00:00-03:00" -D "to=${next_monday}T00:00:00-03:00" -D none=none vpflow 2>&1
}
tps() { pgb "$1" "$2" | sed -nE 's/^tps = ([0-9.]+).*/\1/p'; }
rps() { wrk -t2 -c$CONNECTIONS -d"$2"s -H "$3" "$BASE$1" | sed -nE 's/^Requests\/sec: *([0-9.]+)/\1/p'; }
bearer="Authorization: Bearer $token"
cookie="Cookie: VPFLOW_SESSION=$session"

# the same rows both ways
api_rows=$(curl -fs -H "$bearer" "$BASE$agenda" | grep -o '"starts_at"' | wc -l)
sql_rows=$(PGPASSWORD=$pg_password psql -h 127.0.0.1 -p "$pg_port" -U vpflow_app -d vpflow -qAt -v ON_ERROR_STOP=1 \
    -v token="$token" -v from="${monday}T00:00:00-03:00" -v to="${next_monday}T00:00:00-03:00" <<'SQL'
BEGIN READ ONLY;
SELECT count(*) FROM vpflow.act(:'token', 'api');
SELECT count(*) FROM vpflow.appointments
WHERE tstzrange(starts_at, ends_at, '[)') && tstzrange(CAST(:'from' AS timestamptz), CAST(:'to' AS timestamptz), '[)');
COMMIT;
SQL
)
sql_rows=$(tail -1 <<<"$sql_rows")
echo "the week from $monday: $api_rows appointments through the API, $sql_rows through SQL"

echo "warming up for ${WARMUP} s"
for path in "$agenda" "$cases"; do
    rps "$path" $((WARMUP / 4)) "$bearer" >/dev/null
    rps "$path" $((WARMUP / 4)) "$cookie" >/dev/null
done
tps agenda-week 10 >/dev/null
tps case-list 10 >/dev/null

: > "$BENCH/rounds.txt"
for round in $(seq 1 "$ROUNDS"); do
    for pair in "agenda-week|$agenda" "case-list|$cases"; do
        name=${pair%%|*}
        path=${pair#*|}
        t=$(rps "$path" "$SECONDS_EACH" "$bearer")
        s=$(rps "$path" "$SECONDS_EACH" "$cookie")
        p=$(tps "$name" "$SECONDS_EACH")
        echo "$name $round $t $s $p" | tee -a "$BENCH/rounds.txt"
    done
done
pages=""
for page in "/agenda?view=week&date=$monday" "/cases"; do
    pages="$pages  $page: $(rps "$page" "$SECONDS_EACH" "$cookie") pages/s with the session cookie"$'\n'
done
basic=$(wrk -t2 -c$CONNECTIONS -d10s -H "Authorization: Basic $(printf '%s' "$user:$password" | base64 -w0)" "$BASE$agenda" \
    | sed -nE 's/^Requests\/sec: *([0-9.]+)/\1/p')

echo "profiling an agenda run with Java Flight Recorder"
jcmd "$server_pid" JFR.start name=throughput settings=default filename="$BENCH/agenda.jfr" >/dev/null
profiled=$(rps "$agenda" "$SECONDS_EACH" "$bearer")
jcmd "$server_pid" JFR.stop name=throughput >/dev/null
profile="(no profile: needs python3)"
if command -v python3 >/dev/null 2>&1; then
    profile=$(jfr print --events jdk.ExecutionSample --stack-depth 300 "$BENCH/agenda.jfr" | python3 "$HERE/profile.py")
fi

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
summary() {
    local name=$1 t s p
    t=$(awk -v n="$name" '$1 == n { print $3 }' "$BENCH/rounds.txt" | median)
    s=$(awk -v n="$name" '$1 == n { print $4 }' "$BENCH/rounds.txt" | median)
    p=$(awk -v n="$name" '$1 == n { print $5 }' "$BENCH/rounds.txt" | median)
    awk -v n="$name" -v t="$t" -v s="$s" -v p="$p" 'BEGIN {
        printf "  %-12s token %7.0f req/s (ratio %.2f)   session cookie %7.0f req/s (ratio %.2f)   pgbench %7.0f tps\n",
            n, t, t / p, s, s / p, p }'
}
{
    echo "VP-Flow API throughput, $(date -Iseconds), $(nproc) cores, $(java -version 2>&1 | head -1), $(pgbench --version)"
    echo "demonstration office; the week from $monday holds $api_rows appointments (SQL: $sql_rows); $CONNECTIONS connections;"
    echo "$ROUNDS rounds of $SECONDS_EACH s after ${WARMUP} s of warm-up, medians; ratio = API requests / pgbench transactions (goal 0.5)"
    echo "rounds (name round token session pgbench):"
    sed 's/^/  /' "$BENCH/rounds.txt"
    echo "medians:"
    summary agenda-week
    summary case-list
    echo "pages:"
    printf '%s' "$pages"
    echo "HTTP Basic (a password check in the database per request, bcrypt cost 12): $basic req/s on the week agenda"
    echo "server profile during an agenda run with the token ($profiled req/s while recording), share of samples:"
    echo "$profile" | sed 's/^/  /'
} | tee "$RESULTS"
