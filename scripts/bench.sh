#!/usr/bin/env bash
# Runs the benchmarks that docs/performance.md reports and writes:
#
#   docs/bench/machine.txt   the machine, Go version, commit and load average
#   docs/bench/raw.txt       raw `go test -bench` output
#   docs/bench/summary.txt   benchstat medians with 95% confidence intervals
#   docs/bench/targets.txt   the issue's targets, the L7 ratio to the
#                            hand-written floor and the scaling ratios,
#                            all computed from the benchstat medians
#   docs/bench/profile-*.txt the top of CPU and allocation profiles
#
# Usage: scripts/bench.sh            (under 10 minutes on 2 cores)
#        COUNT=3 STREAM_COUNT=1 scripts/bench.sh   (a quick look; do not publish)
#
# Run it on a quiet machine: anything else running shows up in the figures.
# Needs only the Go toolchain; benchstat is installed from the module proxy
# when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

COUNT=${COUNT:-10}              # runs of every benchmark, for benchstat's medians
STREAM_COUNT=${STREAM_COUNT:-6} # runs of the 100k and 1M streams (about 10 s a run on 2 cores)
out=docs/bench
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

export PATH="$(go env GOPATH)/bin:$PATH"
if [ -n "$(go env GOBIN)" ]; then
	export PATH="$(go env GOBIN):$PATH"
fi
if ! command -v benchstat >/dev/null; then
	echo "installing benchstat" >&2
	go install golang.org/x/perf/cmd/benchstat@latest
fi

load1() { cut -d' ' -f1 /proc/loadavg; }

{
	echo "date:      $(date -u +%Y-%m-%dT%H:%M:%SZ)"
	echo "go:        $(go version)"
	echo "uname:     $(uname -a)"
	echo "nproc:     $(nproc)"
	echo "cpu:       $(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
	echo "memory:    $(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
	if commit=$(git rev-parse --short HEAD 2>/dev/null); then
		# Go files of the module, other than tests, that differ from the commit.
		changed=$(git status --porcelain --untracked-files=all -- '*.go' ':(exclude)*_test.go' | awk '{print $2}' | tr '\n' ' ')
		echo "commit:    $commit${changed:+, plus uncommitted changes to $changed}"
	fi
	echo "load:      $(load1) (1-minute load average before the run)"
	echo "counts:    -count $COUNT, streams -count $STREAM_COUNT -benchtime 1x"
} >"$out/machine.txt"
cat "$out/machine.txt"
if awk -v l="$(load1)" 'BEGIN { exit !(l > 0.6) }'; then
	echo "warning: the machine is busy (load $(load1)); the figures will be noisy" >&2
fi

echo "--- benchmarks (-count $COUNT)"
go test -run '^$' -timeout 60m -benchmem -count "$COUNT" \
	-bench '^(BenchmarkDefault|BenchmarkEvaluate|BenchmarkEvaluateHandWritten|BenchmarkParsePerson|BenchmarkParsePersonFullPath|BenchmarkParsePersonJSON|BenchmarkRender|BenchmarkEvaluateAll|BenchmarkScale)$' \
	. ./bench | tee "$tmp/main.txt"
echo "--- 100k and 1M person streams (-count $STREAM_COUNT -benchtime 1x)"
go test -run '^$' -timeout 60m -benchmem -count "$STREAM_COUNT" -benchtime 1x \
	-bench '^BenchmarkEvaluateSeq1M$' . | tee "$tmp/stream.txt"
cat "$tmp/main.txt" "$tmp/stream.txt" >"$out/raw.txt"
echo "load:      $(load1) (1-minute load average after the benchmarks)" >>"$out/machine.txt"

benchstat "$out/raw.txt" >"$out/summary.txt"
benchstat -format csv "$out/raw.txt" 2>/dev/null >"$tmp/summary.csv"

# The targets, from benchstat's medians (its CSV has one block per unit:
# a ",unit,CI" header, then name,median,CI rows; names end in -GOMAXPROCS).
awk -F, '
	/^,[^,]*,CI$/ { unit = $2; next }
	unit != "" && NF >= 2 && $1 != "" && $1 != "geomean" {
		name = $1; sub(/-[0-9]+$/, "", name); v[name, unit] = $2 + 0
	}
	function need(name, unit) {
		if (!((name, unit) in v)) { printf "missing from the summary: %s %s\n", name, unit > "/dev/stderr"; bad = 1; return 0 }
		return v[name, unit]
	}
	function row(what, median, goal, ok) { printf "%-42s %-24s %-13s %s\n", what, median, goal, ok ? "met" : "MISSED" }
	END {
		l7 = need("Evaluate/L7", "sec/op"); l7a = need("Evaluate/L7", "allocs/op")
		hw = need("EvaluateHandWritten", "sec/op")
		def = need("Default", "sec/op"); all = need("EvaluateAll", "people/s")
		parse = need("ParsePerson", "sec/op"); parsea = need("ParsePerson", "allocs/op")
		full = need("ParsePersonFullPath", "sec/op"); fulla = need("ParsePersonFullPath", "allocs/op")
		json = need("ParsePersonJSON", "sec/op"); jsona = need("ParsePersonJSON", "allocs/op")
		p100k = need("EvaluateSeq1M/people=100k", "peak-heap-MiB")
		p1m = need("EvaluateSeq1M/people=1M", "peak-heap-MiB")
		last1m = need("EvaluateSeq1M/people=1M", "last-100k-peak-heap-MiB")
		if (bad) exit 1
		printf "Evaluate/L7 / EvaluateHandWritten = %.2f (%.3f us / %.3f us)\n\n", l7 / hw, l7 * 1e6, hw * 1e6
		printf "%-42s %-24s %-13s %s\n", "target", "median", "goal", "verdict"
		row("Evaluate, full L7 profile: time", sprintf("%.3f us", l7 * 1e6), "<= 5 us", l7 <= 5e-6)
		row("Evaluate, full L7 profile: allocations", sprintf("%d allocs/op", l7a), "<= 40", l7a <= 40)
		row("Evaluate/L7 within 3x of hand-written", sprintf("%.2fx", l7 / hw), "<= 3x", l7 / hw <= 3)
		row("Default(): load and compile the track", sprintf("%.3f ms", def * 1e3), "<= 5 ms", def <= 5e-3)
		row("EvaluateAll, 100,000 generated people", sprintf("%.0f people/s", all), ">= 300000/s", all >= 300000)
		row("ParsePerson, typical profile", sprintf("%.2f us", parse * 1e6), "<= 30 us", parse <= 30e-6)
		row("1M stream, flat memory (see below)", sprintf("%.2f vs %.2f MiB", last1m, p100k), "<= 1.5x", last1m <= 1.5 * p100k)
		printf "\nParsePerson of the typical profile, by path: YAML fast path %.2f us (%d allocs), JSON %.2f us (%d allocs),\n", parse * 1e6, parsea, json * 1e6, jsona
		printf "full YAML path (anything outside the fast path subset, and every error) %.2f us (%d allocs)\n", full * 1e6, fulla
		printf "\nstream heap peaks (MiB over the heap before the stream): 100k people %.2f;\n", p100k
		printf "1M people %.2f over the whole stream, %.2f over its last 100k (%.2fx the 100k stream)\n", p1m, last1m, last1m / p100k
		printf "\nscaling, median at 10x / median at the base:\n"
		split("levels=10 levels=100 load|levels=10 levels=100 evaluate|rules=5 rules=50 load|rules=5 rules=50 evaluate|mentees=3 mentees=30 evaluate", rows, "|")
		for (i = 1; i in rows; i++) {
			split(rows[i], f, " ")
			for (j = 1; j <= 2; j++) {
				unit = j == 1 ? "sec/op" : "allocs/op"
				a = need("Scale/" f[1] "/op=" f[3], unit); b = need("Scale/" f[2] "/op=" f[3], unit)
				if (a > 0) printf "  %-9s %-24s %-10s %6.2fx  (%.4g -> %.4g)\n", f[3], f[1] " -> " f[2], unit, b / a, a, b
			}
		}
		exit bad
	}' "$tmp/summary.csv" >"$out/targets.txt"

# Where the time and the allocations go.
echo "--- profiles"
go test -c -o "$tmp/ladder.test" .
profile() { # name benchmark-regexp; the CPU and allocation profiles come from separate runs
	# From the package directory: the benchmarks read testdata.
	"$tmp/ladder.test" -test.run '^$' -test.bench "$2" -test.benchtime 3s -test.cpuprofile "$tmp/$1.cpu" \
		-test.outputdir "$tmp" >/dev/null
	"$tmp/ladder.test" -test.run '^$' -test.bench "$2" -test.benchtime 1s -test.memprofile "$tmp/$1.mem" \
		-test.memprofilerate 512 -test.outputdir "$tmp" >/dev/null
	{
		echo "# go test -run '^\$' -bench '$2' -benchtime 3s -cpuprofile; go tool pprof -top -cum"
		go tool pprof -top -cum -nodecount 40 "$tmp/ladder.test" "$tmp/$1.cpu" 2>/dev/null
		echo
		echo "# the same CPU profile; go tool pprof -top"
		go tool pprof -top -nodecount 25 "$tmp/ladder.test" "$tmp/$1.cpu" 2>/dev/null | sed -n '/^ *flat/,$p'
		echo
		echo "# go test -run '^\$' -bench '$2' -memprofile -memprofilerate 512; go tool pprof -sample_index alloc_space -top"
		go tool pprof -sample_index alloc_space -top -nodecount 20 "$tmp/ladder.test" "$tmp/$1.mem" 2>/dev/null
	} >"$out/profile-$1.txt"
	echo "$out/profile-$1.txt"
}
profile evaluate-l7 '^BenchmarkEvaluate$/^L7$'
profile parse-person '^BenchmarkParsePerson$'
profile default '^BenchmarkDefault$'
profile evaluate-all '^BenchmarkEvaluateAll$'

echo
echo "=== $out/summary.txt"
cat "$out/summary.txt"
echo
echo "=== $out/targets.txt"
cat "$out/targets.txt"
