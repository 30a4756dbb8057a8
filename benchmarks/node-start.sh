#!/usr/bin/env bash
# How long a node takes to start: process start to its "serving" line, wall time and the process's CPU (user + system)
# at that moment, on a data folder it made at a first, uncounted start (SQLite, loopback, free ports).
# Give one or more checkouts, each built first (dotnet build src/FleetKeys.Node -c Release); they are started in turn,
# RUNS times each (default 4), so a change is measured against its parent on the same machine in the same minutes:
#   benchmarks/node-start.sh /path/to/before /path/to/after
set -euo pipefail
runs=${RUNS:-4}
[ "$#" -gt 0 ] || set -- "$(dirname "$0")/.."
checkouts=()
for checkout in "$@"; do checkouts+=("$(cd "$checkout" && pwd)"); done
set -- "${checkouts[@]}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tick=$(getconf CLK_TCK)

start() { # checkout, data folder; prints "wall cpu"
  local dll="$1/src/FleetKeys.Node/bin/Release/net10.0/FleetKeys.Node.dll" out="$2.log" began pid
  [ -f "$dll" ] || { echo "not built: $dll" >&2; exit 1; }
  began=$(date +%s.%N)
  (cd "$2" && exec dotnet "$dll" --Urls http://127.0.0.1:0 --FleetKeys:Management:Port 0 --FleetKeys:Cluster:Port 0) > "$out" 2>&1 &
  pid=$!
  for _ in $(seq 1 1200); do grep -q "serving http" "$out" && break; kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
  grep -q "serving http" "$out" || { echo "the node in $1 did not start; its output: $out" >&2; cat "$out" >&2; exit 1; }
  local now stat
  now=$(date +%s.%N)
  read -r -a stat < "/proc/$pid/stat"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$(echo "$now - $began" | bc) $(echo "(${stat[13]} + ${stat[14]}) / $tick" | bc -l)"
}

for i in $(seq 1 $#); do mkdir -p "$work/$i"; start "${!i}" "$work/$i" > /dev/null; done
for run in $(seq 1 "$runs"); do
  i=0
  for checkout in "$@"; do
    i=$((i + 1))
    read -r wall cpu < <(start "$checkout" "$work/$i")
    printf '%-40s run %d: wall %.2f s, CPU %.2f s\n' "$checkout" "$run" "$wall" "$cpu"
  done
done
