import onnxProto from "onnx-proto";

const { onnx } = onnxProto;

/** ONNX element types used by the generated graphs. */
export const ELEM = { float: 1, uint8: 2, int64: 7 } as const;

type Dim = number | string;
type AttrValue = number | number[];

/** A graph input/output declaration: symbolic dims are strings. */
export function valueInfo(name: string, elemType: number, dims: Dim[]) {
  return onnx.ValueInfoProto.create({
    name,
    type: { tensorType: { elemType, shape: { dim: dims.map((d) => (typeof d === "string" ? { dimParam: d } : { dimValue: d })) } } },
  });
}

/** A float32 initializer (weights). */
export function floatTensor(name: string, dims: number[], values: ArrayLike<number>) {
  return onnx.TensorProto.create({ name, dataType: ELEM.float, dims, floatData: Array.from(values) });
}

/** A node; integer attributes become INT, integer arrays INTS. */
export function node(opType: string, input: string[], output: string[], attrs: Record<string, AttrValue> = {}) {
  const attribute = Object.entries(attrs).map(([name, v]) =>
    Array.isArray(v)
      ? onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.INTS, ints: v })
      : onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.INT, i: v }),
  );
  return onnx.NodeProto.create({ opType, input, output, attribute });
}

export interface GraphParts {
  nodes: ReturnType<typeof node>[];
  initializers?: ReturnType<typeof floatTensor>[];
  inputs: ReturnType<typeof valueInfo>[];
  outputs: ReturnType<typeof valueInfo>[];
}

/**
 * Encodes a model (IR 8, opset 17: what onnxruntime-node 1.30 loads straight
 * from the bytes). Used by tests, benchmarks and demo-model generators.
 */
export function encodeOnnxModel(parts: GraphParts): Uint8Array {
  const graph = onnx.GraphProto.create({
    name: "intersect",
    node: parts.nodes,
    initializer: parts.initializers ?? [],
    input: parts.inputs,
    output: parts.outputs,
  });
  const model = onnx.ModelProto.create({ irVersion: 8, producerName: "intersect", opsetImport: [{ domain: "", version: 17 }], graph });
  return onnx.ModelProto.encode(model).finish();
}
