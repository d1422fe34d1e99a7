#!/usr/bin/env bash
# The full-text search benchmark (README, "Benchmarks"): starts VP-Flow on a fresh data folder under
# target/benchmark, writes 100,000 documents with their extracted text as the database owner, asks
# GET /api/v1/search a few kinds of query as the Vice President and as a secretary, and writes
# target/benchmark/search-<time>.md with the server's times (Tomcat's access log). Extra arguments
# go to Maven, for example
#   benchmark/search/run.sh -o -Dbenchmark.documents=200000 -Dbenchmark.rounds=500
set -euo pipefail
cd "$(dirname "$0")/../.."
exec ./mvnw -Pbenchmark verify -Dspotless.check.skip=true -Dit.test=SearchBenchmark "$@"
