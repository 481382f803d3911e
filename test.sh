#!/usr/bin/env bash
# The test command: ./test.sh [extra dotnet test args, e.g. --filter "FullyQualifiedName~Risk"]
#
# Starts the test profile's PostgreSQL and RabbitMQ (infra/local/servers.sh), builds the solution,
# runs every test project, and ends with one line that CI reads:  N passed, N failed[, N skipped]
# Exit code 0 only if nothing failed, something passed and `dotnet test` itself succeeded.
# KEEP_SERVERS=1 leaves the servers running afterwards (faster reruns, or to inspect the data).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$REPO"
SERVERS=infra/local/servers.sh
RESULTS="$REPO/.data/test-results"

# Servers are stopped before the summary is printed (the summary must be the last line); this
# trap covers every other way out (build failure, Ctrl-C, an unexpected error).
servers_started=0
stop_servers() {
    if (( servers_started )) && [[ "${KEEP_SERVERS:-0}" != 1 ]]; then
        servers_started=0
        "$SERVERS" stop --profile test >/dev/null 2>&1 || echo "warning: '$SERVERS stop --profile test' failed" >&2
    fi
}
trap stop_servers EXIT

# Totals over all .trx files of $1 (one per test project), from each <Counters .../> element.
# Sets: passed failed skipped, and failed_names (one per line). Plain grep/sed — no XML tooling
# needed; the trx writer puts each element's attributes on one line and escapes '>' in values.
passed=0 failed=0 skipped=0 failed_names=""
attr() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$2"; }   # attr NAME ELEMENT → number or ""
read_trx_results() {
    local trx counters total executed n not_executed what
    shopt -s nullglob globstar
    for trx in "$1"/**/*.trx; do
        counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1 || true)"
        [[ -n "$counters" ]] || { echo "warning: no <Counters> in $trx" >&2; continue; }
        total="$(attr total "$counters")"; executed="$(attr executed "$counters")"
        n="$(attr passed "$counters")"
        passed=$((passed + ${n:-0}))
        # error/timeout/aborted are failures too, just reported separately by the trx logger.
        for what in failed error timeout aborted; do
            n="$(attr "$what" "$counters")"
            failed=$((failed + ${n:-0}))
        done
        # Skipped tests count in total but not in executed (newer loggers also set notExecuted).
        n=$(( ${total:-0} - ${executed:-${total:-0}} ))
        not_executed="$(attr notExecuted "$counters")"
        (( ${not_executed:-0} > n )) && n=${not_executed:-0}
        skipped=$((skipped + n))
        # <UnitTestResult ... testName="Ns.Class.Method(x: 1)" ... outcome="Failed" ...>
        failed_names+="$(grep -o '<UnitTestResult [^>]*outcome="\(Failed\|Error\|Timeout\|Aborted\)"[^>]*>' "$trx" \
            | sed -n 's/.* testName="\([^"]*\)".*/\1/p' || true)"$'\n'
    done
    # Un-escape the XML entities a test name can contain; drop blank lines; sort, unique.
    failed_names="$(sed -e 's/&quot;/"/g; s/&apos;/'"'"'/g; s/&lt;/</g; s/&gt;/>/g; s/&amp;/\&/g' \
        <<<"$failed_names" | sed '/^$/d' | sort -u)"
}

summary_line() {
    local line="$passed passed, $failed failed"
    (( skipped == 0 )) || line+=", $skipped skipped"
    echo "$line"
}

# The parsing alone, for trying it on hand-made or downloaded results: ./test.sh --summarize DIR
if [[ "${1:-}" == --summarize ]]; then
    read_trx_results "${2:?usage: test.sh --summarize DIR}"
    [[ -z "$failed_names" ]] || { echo "failed tests:"; sed 's/^/  /' <<<"$failed_names"; }
    summary_line
    exit 0
fi

infra/local/install.sh --browser

servers_started=1                            # before: a half-done start is cleaned up too
"$SERVERS" start --profile test
eval "$("$SERVERS" env --profile test)"      # ConnectionStrings__postgres / __rabbitmq
export ISMS_TEST_PROFILE=test
export ISMS_REPO_ROOT="$REPO"
export CHROMIUM_PATH=/usr/bin/chromium
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1

# Build once up front, quietly: on failure its output is all that matters, so show it and stop.
echo "building IsmsCloud.sln ..."
build_log="$(mktemp)"
if ! dotnet build IsmsCloud.sln -c Debug >"$build_log" 2>&1; then
    cat "$build_log"
    rm -f "$build_log"
    stop_servers
    echo "dotnet build failed"
    echo "0 passed, 0 failed"
    exit 1
fi
rm -f "$build_log"

rm -rf "$RESULTS"
mkdir -p "$RESULTS"
# The exit code is kept, not acted on: the counts below are reported either way.
test_rc=0
# One test project after the other: on a 2-core machine the suites only slow each other down, and the
# integration tests stop and restart the broker that the system tests' services use.
for project in $(grep -l '<IsTestProject>true</IsTestProject>' tests/*/*.csproj); do
    dotnet test "$project" --no-build \
        --logger "trx;LogFilePrefix=r" --results-directory "$RESULTS" "$@" || test_rc=$?
done

stop_servers
read_trx_results "$RESULTS"

echo
if [[ -n "$failed_names" ]]; then
    echo "failed tests:"
    sed 's/^/  /' <<<"$failed_names"
fi
if (( test_rc != 0 && failed == 0 )); then
    echo "dotnet test exited with code $test_rc (no failed test in the results: build, crash or abort?)"
fi
summary_line

(( failed == 0 && passed > 0 && test_rc == 0 ))
