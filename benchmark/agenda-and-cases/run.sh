#!/usr/bin/env bash
# The agenda and case list benchmark (README, "Benchmarks"): starts VP-Flow on a fresh data folder
# under target/benchmark, fills it as the database owner, measures, and writes
# target/benchmark/agenda-and-cases-<time>.md. Extra arguments go to Maven, for example
#   benchmark/agenda-and-cases/run.sh -o -Dbenchmark.appointments=200000 -Dbenchmark.rounds=300
set -euo pipefail
cd "$(dirname "$0")/../.."
exec ./mvnw -Pbenchmark verify -Dspotless.check.skip=true -Dit.test=AgendaAndCaseListBenchmark "$@"
