/**
 * lib/core/preprocess — image -> model input tensor and model output -> label
 * map, shared by every runner (onnx in process, http endpoints). Pure
 * TypeScript on typed arrays.
 */
export * from "./types";
export { planInput } from "./plan";
export { planesLayoutOf, toInputTensor } from "./to-tensor";
export { checkScoreChannels, scoreChannelsProblem, toLabelMap, outputGrid, OUT_OF_RANGE_LABEL } from "./to-label-map";
