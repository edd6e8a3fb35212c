/**
 * Caps the importer checks before it allocates anything, so a hostile file costs at most about
 * its own size in memory and time. The defaults fit every model Convscope can run comfortably
 * (the homework CNN is 25 KB; a float32 weight as large as the whole file is allowed).
 */
export interface OnnxLimits {
  /** Size of the file itself. */
  maxBytes: number;
  /** Nodes in the graph. */
  maxNodes: number;
  /** Initializers (and graph inputs, which old files repeat them in). */
  maxInitializers: number;
  /** Rank of any tensor, including the graph input. */
  maxRank: number;
  /** Any one dimension. */
  maxDim: number;
  /** Elements of any one float tensor (and the graph input). */
  maxElements: number;
  /** Elements of all float tensors together (initializers and Constant values). */
  maxTotalElements: number;
  /** Elements of an integer tensor: they are shape-like (Reshape's shape, Pad's pads). */
  maxIntElements: number;
  /** Inputs or outputs of one node, and attributes of one node. */
  maxNodeEntries: number;
  /** Values in one ints/floats attribute. */
  maxAttributeValues: number;
  /** Protobuf messages nested inside each other. */
  maxDepth: number;
}

export const DEFAULT_ONNX_LIMITS: Readonly<OnnxLimits> = Object.freeze({
  maxBytes: 64 * 1024 * 1024,
  maxNodes: 10_000,
  maxInitializers: 100_000,
  maxRank: 8,
  maxDim: 1 << 24,
  maxElements: 1 << 24,
  maxTotalElements: 1 << 24,
  maxIntElements: 4096,
  maxNodeEntries: 64,
  maxAttributeValues: 1 << 16,
  maxDepth: 16,
});
