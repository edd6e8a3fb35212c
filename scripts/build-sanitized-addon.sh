#!/usr/bin/env bash
# Builds the kernel addon with AddressSanitizer and UndefinedBehaviorSanitizer into build-sanitize/,
# straight with g++ (node-gyp has one build directory, which the normal build owns). Any UB report
# aborts (-fno-sanitize-recover), so a finding fails the test run rather than scrolling past.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/addon-flags.sh
mkdir -p build-sanitize
g++ "${ADDON_FLAGS[@]}" -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all \
  "${ADDON_SOURCES[@]}" -o build-sanitize/convscope_kernels.node
echo "built build-sanitize/convscope_kernels.node"
