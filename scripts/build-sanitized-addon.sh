#!/usr/bin/env bash
# Builds the kernel addon with AddressSanitizer and UndefinedBehaviorSanitizer into build-sanitize/,
# straight with g++ (node-gyp has one build directory, which the normal build owns). Any UB report
# aborts (-fno-sanitize-recover), so a finding fails the test run rather than scrolling past.
set -euo pipefail
cd "$(dirname "$0")/.."
out=build-sanitize
mkdir -p "$out"
node_include=$(node -p "require('path').join(process.execPath, '..', '..', 'include', 'node')")
if [ ! -f "$node_include/node_api.h" ]; then
  node_include=$(node -p "process.config.variables.node_prefix + '/include/node'")
fi
addon_include=$(node -p "require('node-addon-api').include_dir")
g++ -std=gnu++17 -O1 -g -fPIC -shared -fno-omit-frame-pointer \
  -fsanitize=address,undefined -fno-sanitize-recover=all \
  -ffp-contract=fast -Wno-psabi \
  -DNAPI_VERSION=8 -DNAPI_CPP_EXCEPTIONS -DNODE_API_NO_EXTERNAL_BUFFERS_ALLOWED -DNODE_ADDON_API_DISABLE_DEPRECATED \
  -I"$node_include" -I"$addon_include" \
  native-kernels/src/*.cc -o "$out/convscope_kernels.node"
echo "built $out/convscope_kernels.node"
