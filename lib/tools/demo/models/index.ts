/** Real demo segmenters fitted in TypeScript on generated images and exported as ONNX. */
export { buildDemoModels, LESION_TRAIN, STREET_TRAIN, type DemoOnnxModel } from "./build-demo-models";
export { demoOnnxConfig } from "./train-segmenter";
export type { FeatureSet } from "./feature-graph";
