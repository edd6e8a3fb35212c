{
  "targets": [
    {
      "target_name": "convscope_kernels",
      "sources": [
        "src/addon.cc",
        "src/batchnorm.cc",
        "src/conv2d.cc",
        "src/elementwise.cc",
        "src/filter2d.cc",
        "src/gemm.cc",
        "src/linear.cc",
        "src/peak_flops.cc",
        "src/pool2d.cc"
      ],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")"],
      "defines": [
        "NAPI_VERSION=8",
        "NAPI_CPP_EXCEPTIONS",
        "NODE_API_NO_EXTERNAL_BUFFERS_ALLOWED",
        "NODE_ADDON_API_DISABLE_DEPRECATED"
      ],
      "cflags!": ["-fno-exceptions", "-O2", "-O3"],
      "cflags_cc!": ["-fno-exceptions", "-std=gnu++17", "-std=gnu++20"],
      "cflags_cc": ["-std=gnu++17", "-fexceptions", "-O3", "-ffp-contract=fast", "-fno-math-errno", "-Wno-psabi"],
      "ldflags": ["-Wl,-z,nodelete"],
      "xcode_settings": {
        "GCC_ENABLE_CPP_EXCEPTIONS": "YES",
        "OTHER_CPLUSPLUSFLAGS": ["-std=gnu++17", "-O3", "-ffp-contract=fast"]
      },
      "msvs_settings": { "VCCLCompilerTool": { "ExceptionHandling": 1 } }
    }
  ]
}
