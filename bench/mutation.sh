#!/usr/bin/env bash
# Mutation testing with mutmut: one command reruns the configured run
# ([tool.mutmut] in pyproject.toml) and prints the score, the counts and the time.
#
#   bench/mutation.sh            # run (mutmut resumes where it left off in mutants/)
#   bench/mutation.sh --fresh    # delete mutants/ first and run everything again
#
# Environment: MUTMUT (default: mutmut on PATH, else .venv/bin/mutmut),
# MAX_CHILDREN (default: the number of CPUs).
set -euo pipefail

cd "$(dirname "$0")/.."

if [[ "${1:-}" == "--fresh" ]]; then
  rm -rf mutants
fi

mutmut="${MUTMUT:-$(command -v mutmut || echo .venv/bin/mutmut)}"
children="${MAX_CHILDREN:-$(nproc)}"
log="mutants/mutmut-run.log"

# The smallest derandomized Hypothesis profile (tests/conftest.py): each mutant
# reruns the tests that reach its function, and those must be quick and
# repeatable. Rerun a survivor under "ci" (HYPOTHESIS_PROFILE=ci mutmut run NAME).
export HYPOTHESIS_PROFILE="${HYPOTHESIS_PROFILE:-mutation}"

start=$(date +%s)
mkdir -p mutants
status=0
"$mutmut" run --max-children "$children" >"$log" 2>&1 || status=$?
elapsed=$(($(date +%s) - start))
if [[ $status -ne 0 ]]; then
  tail -20 "$log" >&2
  echo "mutmut run failed (exit $status); the whole output is in $log" >&2
  exit "$status"
fi

"$mutmut" results --all true 2>/dev/null | python3 -c '
import collections
import sys

counts = collections.defaultdict(collections.Counter)
for line in sys.stdin:
    name, _, status = line.strip().rpartition(": ")
    if name:
        module = name.split(".")[1]
        counts[module][status] += 1
        counts["all"][status] += 1

statuses = ["killed", "timeout", "survived", "no tests", "suspicious", "segfault", "skipped",
            "not checked"]
print("module".ljust(12) + "".join(s.rjust(12) for s in statuses) + "score".rjust(9))
for module, count in sorted(counts.items(), key=lambda kv: (kv[0] == "all", kv[0])):
    # Killed and timed-out mutants are caught; survivors, untested mutants and
    # suspicious ones are not; skipped and not-checked ones are left out.
    caught = count["killed"] + count["timeout"]
    judged = caught + count["survived"] + count["no tests"] + count["suspicious"] + count["segfault"]
    score = f"{100 * caught / judged:.1f}%" if judged else "-"
    print(f"{module:<12}" + "".join(f"{count[s]:>12}" for s in statuses) + f"{score:>9}")
'
echo "elapsed: ${elapsed}s (mutmut run with ${children} workers; log in ${log})"
