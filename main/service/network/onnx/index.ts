/** ONNX import and export of ModelGraph (issue 5): the public face of this folder. */
export { importOnnx, type ImportOnnxOptions } from './importOnnx.js';
export { exportOnnx, EXPORT_IR_VERSION, EXPORT_PRODUCER } from './exportOnnx.js';
export { OnnxError } from './onnxError.js';
export { DEFAULT_ONNX_LIMITS, type OnnxLimits } from './onnxLimits.js';
