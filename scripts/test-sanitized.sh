#!/usr/bin/env bash
# Runs the native kernel tests against the ASan+UBSan build. Node itself is not instrumented, so
# the sanitizer runtimes are preloaded; leak checking is off because V8 keeps allocations alive
# until exit by design.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build-sanitized-addon.sh
asan=$(g++ -print-file-name=libasan.so)
ubsan=$(g++ -print-file-name=libubsan.so)
export CONVSCOPE_KERNELS_ADDON="$PWD/build-sanitize/convscope_kernels.node"
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:halt_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
LD_PRELOAD="$asan $ubsan" npx vitest run test/unit/native --reporter=default --reporter=json --outputFile=test-results/sanitized.json
