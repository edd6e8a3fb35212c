#!/usr/bin/env bash
# Builds the addon with CONVSCOPE_TEST_FAULTS into build-test/: the same kernels plus
# crashForTest(), a real segfault for the crash-isolation tests. Never shipped. Skips the build when
# the binary is newer than every source.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/addon-flags.sh
out=build-test/convscope_kernels.node
newest_source=$(ls -t native-kernels/src/*.cc native-kernels/src/*.h | head -n 1)
if [ -f "$out" ] && [ "$out" -nt "$newest_source" ]; then exit 0; fi
mkdir -p build-test
g++ "${ADDON_FLAGS[@]}" -O2 -Wl,-z,nodelete -DCONVSCOPE_TEST_FAULTS "${ADDON_SOURCES[@]}" -o "$out"
echo "built $out"
