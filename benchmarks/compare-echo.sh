#!/usr/bin/env bash
# Same echo tool over stdio, bare MCP SDK vs Burly's full pipeline (policy, schema, limits, audit, metrics),
# run side by side in one go. Prints calls/s of each and the ratio (Burly / bare). Bounded: N calls each.
set -euo pipefail
cd "$(dirname "$0")/.."
CALLS=${1:-2000}
CONCURRENCY=${2:-4}
dotnet build benchmarks/Burly.Benchmarks -c Release -nologo -v q >/dev/null
EXE=benchmarks/Burly.Benchmarks/bin/Release/net10.0/Burly.Benchmarks
bare=$("$EXE" drive serve-bare "$CALLS" "$CONCURRENCY")
burly=$("$EXE" drive serve-burly "$CALLS" "$CONCURRENCY")
echo "$bare"; echo "$burly"
b=$(sed -E 's/.*calls_per_second=([0-9]+).*/\1/' <<<"$bare")
y=$(sed -E 's/.*calls_per_second=([0-9]+).*/\1/' <<<"$burly")
awk -v b="$b" -v y="$y" 'BEGIN { printf "ratio burly/bare throughput = %.2f (1.00 = no overhead)\n", y / b }'
