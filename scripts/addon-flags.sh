#!/usr/bin/env bash
# Sourced by the hand-built addon variants (sanitizer, test faults): the include paths and defines
# node-gyp would use, so every variant compiles the same sources the same way.
node_include=$(node -p "process.config.variables.node_prefix + '/include/node'")
if [ ! -f "$node_include/node_api.h" ]; then
  node_include=$(node -p "require('path').join(process.execPath, '..', '..', 'include', 'node')")
fi
addon_include=$(node -p "require('node-addon-api').include_dir")
ADDON_FLAGS=(-std=gnu++17 -fPIC -shared -ffp-contract=fast -Wno-psabi
  -DNAPI_VERSION=8 -DNAPI_CPP_EXCEPTIONS -DNODE_API_NO_EXTERNAL_BUFFERS_ALLOWED
  -DNODE_ADDON_API_DISABLE_DEPRECATED -I"$node_include" -I"$addon_include")
ADDON_SOURCES=(native-kernels/src/*.cc)
