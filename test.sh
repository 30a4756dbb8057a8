#!/usr/bin/env bash
# Runs the whole FleetKeys test suite: prepares what the tests need (a throwaway PostgreSQL on loopback, Debian's
# chromium and npm's oidc-provider for the console's browser specs), builds once, runs every test project, cleans up,
# and ends with one line: "N passed, N failed[, N skipped]". Exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)
source scripts/throwaway-postgres.sh
source scripts/console-browser.sh

results="$root/TestResults"
cleanup() {
  pg_throwaway_stop
  # No test host, node or simulator may outlive the run.
  pkill -f "$root/tests/.*/bin/" 2>/dev/null || true
  pkill -f "$root/src/.*/bin/" 2>/dev/null || true
  pkill -f "$root/hardware-driver/.*/bin/" 2>/dev/null || true
  pkill -f "$root/TestResults/readme-" 2>/dev/null || true
  pkill -f "$root/tests/FleetKeys.Console.Tests/oidc/provider.js" 2>/dev/null || true
  dotnet build-server shutdown >/dev/null 2>&1 || true
}
trap cleanup EXIT

rm -rf "$results"
mkdir -p "$results"

# What a fresh machine lacks (PostgreSQL, chromium, the OpenID provider's packages) is installed while the build runs:
# apt-get and npm wait on the network and the disk, the build on the CPU.
( pg_throwaway_bindir >/dev/null || pg_throwaway_install ) && console_browser_prepare &
installing=$!

echo "building..."
# The compiler server keeps one warm compiler for every project of the build (a fresh csc per project costs as much
# again); the clean-up shuts it down.
dotnet build FleetKeys.sln -c Release -nologo -v quiet -clp:ErrorsOnly -p:UseSharedCompilation=true
built=$?
# An install is never cut short, even when the build failed: a half-run apt-get leaves dpkg broken for the next run.
wait "$installing"
installed=$?
[ "$built" -eq 0 ] || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }
[ "$installed" -eq 0 ] || { echo "could not install PostgreSQL, chromium or the OpenID provider for the specs"; echo "0 passed, 1 failed"; exit 1; }
pg_throwaway_start || { echo "could not start PostgreSQL"; echo "0 passed, 1 failed"; exit 1; }
console_browser_prepare || { echo "could not prepare chromium and the OpenID provider for the console's specs"; echo "0 passed, 1 failed"; exit 1; }

# The suite runs some forty .NET processes (test hosts, node processes, simulators) on what may be two cores. Idle
# thread-pool workers spinning for work, and the JIT's profile-guided second compilation of hot methods, bought no speed
# there and took a third of the CPU (docs/benchmarks.md, "The test suite"): both are turned off for the tests' processes.
export DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0 DOTNET_TieredPGO=0

# One run over every test assembly, one after another: `dotnet test` on each project would evaluate it with MSBuild
# first, seconds of CPU apiece for what the build already made.
assemblies=()
for project in tests/*/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  assemblies+=("$(dirname "$project")/bin/Release/net10.0/$name.dll")
done
dotnet test "${assemblies[@]}" \
  --blame-hang-timeout 5m \
  --logger "trx;LogFileName=tests.trx" --logger "console;verbosity=minimal" \
  --results-directory "$results" -- RunConfiguration.MaxCpuCount=1
status=$?

passed=0; failed=0; skipped=0
if [ -f "$results/tests.trx" ]; then
  counters=$(grep -o '<Counters [^>]*>' "$results/tests.trx" | head -n 1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  passed=$(get passed); failed=$(get failed); skipped=$(get notExecuted)
else
  echo "the test run produced no results"; status=1
fi

[ "$failed" -eq 0 ] || status=1
# A test host that crashed or hung fails the run without failing a test: it counts as one.
[ "$status" -eq 0 ] || [ "$failed" -ne 0 ] || failed=1
line="$passed passed, $failed failed"
[ "$skipped" -eq 0 ] || line="$line, $skipped skipped"
echo "$line"
exit $status
