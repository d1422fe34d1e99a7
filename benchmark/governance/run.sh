#!/usr/bin/env bash
# The governed migration's performance budget (README, "Benchmarks"): builds a v1.0 database of
# 1,000,000 appointments, 200,000 cases and 2,000,000 audit rows on the embedded PostgreSQL, times a
# restore point against cp -r of the data folder, and migrates it to v1.1-A while the office keeps
# working, sampling the migration's locks on cases and audit_logs. Takes a while (about 15 minutes
# on two cores) and about 10 GB of disk under target/benchmark; progress is printed as it goes, the
# figures end up in benchmark/results/. Smaller: benchmark/governance/run.sh -Dbenchmark.appointments=100000 ...
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p target/benchmark
: > target/benchmark/progress.log
tail -n +1 -F target/benchmark/progress.log &
tailer=$!
trap 'kill $tailer 2>/dev/null || true' EXIT
./mvnw -o -q verify -Dit.test=MigrationBenchmark -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
    -Dfailsafe.failIfNoSpecifiedTests=false -Dspotless.check.skip=true "$@"
