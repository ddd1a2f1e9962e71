#!/usr/bin/env bash
# The Windows lane of CI: the tests marked `windows` (registry, Windows command lines, job
# objects, the built .exe's --version and scan --json, ...) run in a real Windows CPython under
# Wine (tools/wine-lane.sh). What Wine cannot do is skipped with its reason (-rs lists them).
#
#   tools/windows-lane-ci.sh            # from the checkout; WINELANE_PREFIX may name the prefix
set -uo pipefail
cd "$(dirname "$0")/.."
export WINELANE_PREFIX=${WINELANE_PREFIX:-$HOME/.cache/pytorch-setup/winelane/prefix}
log=$(mktemp)
tools/wine-lane.sh "$PWD" -m pytest -m windows -p no:cacheprovider -q -rs 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
summary=$(grep -E '^[=]* ?[0-9]+ (passed|failed|error)' "$log" | tail -1 | tr -d '=' | sed 's/^ *//')
echo "Windows lane (Windows CPython under Wine): ${summary:-no summary line (exit $rc)}"
rm -f "$log"
exit "$rc"
