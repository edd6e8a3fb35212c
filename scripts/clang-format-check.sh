#!/usr/bin/env bash
# The C++ follows .clang-format; the check fails on any difference.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v clang-format >/dev/null 2>&1; then
  echo "clang-format is missing: install it (Debian/Ubuntu: sudo apt-get install clang-format)" >&2
  exit 1
fi
clang-format --dry-run --Werror native-kernels/src/*.cc native-kernels/src/*.h
