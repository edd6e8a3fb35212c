#!/usr/bin/env bash
# Builds the addon with CONVSCOPE_TEST_FAULTS into build-test/: the same kernels plus
# crashForTest(), a real segfault for the crash-isolation tests. Never shipped.
set -euo pipefail
cd "$(dirname "$0")/.."
out=build-test
mkdir -p "$out"
node_include=$(node -p "process.config.variables.node_prefix + '/include/node'")
if [ ! -f "$node_include/node_api.h" ]; then
  node_include=$(node -p "require('path').join(process.execPath, '..', '..', 'include', 'node')")
fi
addon_include=$(node -p "require('node-addon-api').include_dir")
newest_source=$(ls -t native-kernels/src/*.cc native-kernels/src/*.h | head -n 1)
if [ -f "$out/convscope_kernels.node" ] && [ "$out/convscope_kernels.node" -nt "$newest_source" ]; then
  exit 0
fi
g++ -std=gnu++17 -O2 -fPIC -shared -ffp-contract=fast -Wno-psabi -Wl,-z,nodelete \
  -DCONVSCOPE_TEST_FAULTS -DNAPI_VERSION=8 -DNAPI_CPP_EXCEPTIONS -DNODE_API_NO_EXTERNAL_BUFFERS_ALLOWED \
  -DNODE_ADDON_API_DISABLE_DEPRECATED -I"$node_include" -I"$addon_include" \
  native-kernels/src/*.cc -o "$out/convscope_kernels.node"
echo "built $out/convscope_kernels.node"
