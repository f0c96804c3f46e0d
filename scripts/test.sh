#!/usr/bin/env bash
# Runs the whole test suite. Installs/starts what it needs (Docker engine, test image, npm packages),
# builds once, runs every test project without rebuilding, then the shell-level suites, and prints a
# final plain line "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export BURLY_TEST_LOG_DIR="$ROOT/TestResults/logs"
RESULTS="$ROOT/TestResults"
rm -rf "$RESULTS"; mkdir -p "$RESULTS" "$BURLY_TEST_LOG_DIR"
CONFIG=${BURLY_TEST_CONFIGURATION:-Release}
COUNTS="$RESULTS/counts.txt"; : > "$COUNTS"
started=$(date +%s)

note() { echo "==> $*"; }
record() { echo "$1 $2 $3 $4" >> "$COUNTS"; }   # suite passed failed skipped

# In CI the Docker tests must fail, not skip, when no engine is available.
if [ "${CI:-}" = "true" ]; then export BURLY_REQUIRE_DOCKER=1; fi

note "prerequisites"
if bash scripts/lib/ensure-docker.sh; then
  export BURLY_DOCKER_AVAILABLE=1
else
  echo "!! Docker engine unavailable; Docker tests will ${BURLY_REQUIRE_DOCKER:+fail}${BURLY_REQUIRE_DOCKER:-skip}" >&2
fi
for prereq in scripts/lib/ensure-*.sh; do
  case "$prereq" in */ensure-docker.sh) continue;; esac
  bash "$prereq" || echo "!! $prereq failed" >&2
done

note "build ($CONFIG)"
if ! dotnet build Burly.sln -c "$CONFIG" -nologo -v q 2>&1 | tee "$RESULTS/build.log" | grep -E "error|Warn|warn" ; then :; fi
if [ "${PIPESTATUS[0]}" != 0 ] || grep -q " error " "$RESULTS/build.log"; then
  echo "build failed"; echo "0 passed, 1 failed, 0 skipped"; exit 1
fi
export BURLY_TEST_CONFIGURATION=$CONFIG

note "pack"
if [ "$CONFIG" != Release ]; then
  record pack 0 0 1; echo "    pack skipped (packages are Release only)"
elif BURLY_PACK_LOG="$RESULTS/pack.log" bash scripts/pack.sh > "$RESULTS/pack.out" 2>&1; then
  record pack 1 0 0; tail -1 "$RESULTS/pack.out"
else
  record pack 0 1 0; echo "    pack failed"; tail -20 "$RESULTS/pack.out"
fi

note "test projects"
for proj in tests/*/*.csproj; do
  name=$(basename "$proj" .csproj)
  dotnet test "$proj" -c "$CONFIG" --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --results-directory "$RESULTS" -- NUnit.DisplayName=FullName \
    > "$RESULTS/$name.log" 2>&1
  rc=$?
  trx="$RESULTS/$name.trx"
  if [ -f "$trx" ]; then
    read -r p f s < <(python3 - "$trx" <<'PY'
import re,sys
t=open(sys.argv[1],encoding='utf-8').read()
m=re.search(r'<Counters [^>]*>',t); c=dict(re.findall(r'(\w+)="(\d+)"',m.group(0))) if m else {}
total=int(c.get('total',0)); passed=int(c.get('passed',0)); failed=int(c.get('failed',0))+int(c.get('error',0))+int(c.get('timeout',0)) + int(c.get('aborted',0))
print(passed, failed, max(0,total-passed-failed))
PY
)
  else
    p=0; f=1; s=0
  fi
  if [ "$rc" != 0 ] && [ "$f" = 0 ]; then f=1; fi   # crashed runner counts as a failure
  record "$name" "$p" "$f" "$s"
  echo "    $name: $p passed, $f failed, $s skipped"
  if [ "$f" != 0 ]; then grep -E "^\s+Failed |Error Message|^\s+at |Assert" "$RESULTS/$name.log" | head -40; fi
done

for suite in scripts/suites/*.sh; do
  [ -e "$suite" ] || continue
  name=$(basename "$suite" .sh)
  note "suite $name"
  out=$(bash "$suite" 2>"$RESULTS/$name.err" | tee "$RESULTS/$name.log" | tail -1)
  if [[ "$out" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed,\ ([0-9]+)\ skipped$ ]]; then
    record "$name" "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}" "${BASH_REMATCH[3]}"
  else
    record "$name" 0 1 0; tail -20 "$RESULTS/$name.log" "$RESULTS/$name.err"
  fi
  echo "    $name: $out"
done

read -r P F S < <(awk '{p+=$2; f+=$3; s+=$4} END {print p+0, f+0, s+0}' "$COUNTS")
echo "suite time: $(( $(date +%s) - started )) s"
echo "$P passed, $F failed, $S skipped"
[ "$F" = 0 ] && [ "$P" -gt 0 ]
