#!/usr/bin/env bash
# Packs every packable project into artifacts/packages (Release). Uses the existing Release build
# (after scripts/test.sh's build step) or builds first when none exists. Fails on any warning or error,
# on a prerelease version of a stable package, and on a stable package depending on a prerelease one.
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
OUT=artifacts/packages
LOG=${BURLY_PACK_LOG:-artifacts/pack.log}
PREVIEW_ALLOWED='^Burly\.Metrics\.Prometheus$'   # OpenTelemetry's Prometheus exporters only exist as prereleases
mkdir -p "$(dirname "$LOG")"; rm -rf "$OUT"; : > "$LOG"

if [ ! -f src/Burly.Core/bin/Release/net10.0/Burly.Core.dll ] || [ "${BURLY_PACK_BUILD:-}" = 1 ]; then
  echo "==> build (Release)"
  dotnet build Burly.sln -c Release -nologo -v q >> "$LOG" 2>&1 || { echo "pack: build failed"; tail -30 "$LOG"; exit 1; }
fi

# The packable projects (IsPackable=true in their csproj); packing the solution fails on its non-packable exes.
rc=0
for proj in $(grep -l '<IsPackable>true</IsPackable>' src/*/*.csproj); do
  dotnet pack "$proj" -c Release --no-build -nologo -v q -o "$OUT" -warnaserror >> "$LOG" 2>&1 || rc=1
done
if [ "$rc" != 0 ] || grep -Eq ": (warning|error) " "$LOG"; then
  echo "pack: failed (exit $rc)"; grep -E ": (warning|error) " "$LOG" | sort -u | head -20; exit 1
fi

shopt -s nullglob
pkgs=("$OUT"/*.nupkg)
[ "${#pkgs[@]}" -gt 0 ] || { echo "pack: no packages produced"; exit 1; }
fail=0
for p in "${pkgs[@]}"; do
  nuspec=$(unzip -p "$p" '*.nuspec')
  id=$(sed -n 's:.*<id>\(.*\)</id>.*:\1:p' <<<"$nuspec" | head -1)
  ver=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' <<<"$nuspec" | head -1)
  [ -n "$id" ] && [ -n "$ver" ] || { echo "pack: $p has no id/version"; fail=1; continue; }
  unzip -l "$p" README.md > /dev/null 2>&1 || { echo "pack: $id has no README.md"; fail=1; }
  if [[ "$id" =~ $PREVIEW_ALLOWED ]]; then continue; fi
  if [[ "$ver" == *-* ]]; then echo "pack: $id $ver is a prerelease"; fail=1; fi
  pre=$(grep -o '<dependency id="[^"]*" version="[^"]*-[^"]*"' <<<"$nuspec" || true)
  if [ -n "$pre" ]; then echo "pack: stable $id $ver depends on a prerelease: $pre"; fail=1; fi
done
[ "$fail" = 0 ] || exit 1

ls -l "$OUT" | awk 'NR>1 {printf "  %8d  %s\n", $5, $9}'
echo "pack: ${#pkgs[@]} packages in $OUT"
