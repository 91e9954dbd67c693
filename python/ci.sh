#!/usr/bin/env bash
# Builds the Python package in a fresh virtual environment (maturin, pytest,
# pandas and mypy from the package registry), runs its pytest suite and
# type-checks a script that uses the stubs. Exits non-zero when any step fails.
#
# Usage: bash python/ci.sh   (from anywhere; needs python3 >= 3.9 and cargo)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The root package's release build, when there is one, is reused: the
# binding's profile is the same, so its compiled dependencies are shared.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"

echo "python/ci.sh: fresh environment in $work/venv"
python3 -m venv "$work/venv"
py="$work/venv/bin/python"
# The build backend runs the venv's maturin by name.
export PATH="$work/venv/bin:$PATH"
"$py" -m pip install -q --upgrade pip
"$py" -m pip install -q "maturin>=1.5,<2" pytest pandas mypy

echo "python/ci.sh: building and installing the package"
"$py" -m pip install -q --no-build-isolation "$here"

# From outside the source tree, so the installed package is what is tested.
cd "$work"
"$py" -c "import dangjian; v = dangjian.analyze('5年来,1.35万名机关党员到社区报到。')['claims'][0]['value']; print('smoke:', v); assert v == 13500"

echo "python/ci.sh: mypy on a script that uses the stubs"
"$py" -m mypy --strict --no-incremental "$here/typecheck/usage.py"

echo "python/ci.sh: pytest"
status=0
"$py" -m pytest -q -p no:cacheprovider --rootdir "$here" "$here/tests" || status=$?
if [[ $status -ne 0 ]]; then
    # 5 = no test collected: a failure here too, the suite is never empty.
    echo "python/ci.sh: pytest failed (exit $status)" >&2
    exit "$status"
fi
