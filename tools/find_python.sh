#!/usr/bin/env bash
# Prints "PATH VERSION" of the Python the virtualenv is made with: PYTHON if set, else the first
# of python3.14, python3.13, python3.12 on PATH, else pyenv's newest 3.12+. pyodide-build needs
# 3.12 or later. Each candidate is run, not just found: pyenv's shims are on PATH for every
# version pyenv has, and fail for all but the global one.
set -uo pipefail

suitable() {
  "$1" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 &&
    "$1" -c 'import platform, sys; print(sys.executable, platform.python_version())'
}

if [ -n "${PYTHON:-}" ]; then
  suitable "$PYTHON" && exit 0
  echo "PYTHON=$PYTHON is not a Python 3.12 or later that runs here" >&2
  exit 1
fi
candidates=(python3.14 python3.13 python3.12)
while IFS= read -r found; do candidates+=("$found"); done < <(
  ls -d "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -r -V)
for candidate in "${candidates[@]}"; do
  suitable "$candidate" && exit 0
done
echo "no Python 3.12 or later found: install python3.12 or newer (Debian 13 and Ubuntu 24.04 ship it as python3), or run make with PYTHON=/path/to/python3.12" >&2
exit 1
