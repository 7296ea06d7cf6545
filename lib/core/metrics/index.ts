/**
 * lib/core/metrics — the one metrics engine of Intersect: confusion accumulation,
 * scores, aggregations, boundary IoU, bootstrap intervals and the metric
 * contract. Pure TypeScript on typed arrays (no I/O, no framework).
 */
export * from "./confusion";
export * from "./scores";
export * from "./aggregate";
export * from "./boundary";
export * from "./bootstrap";
export * from "./contract";
export * from "../scoring/score-pair";
export { mulberry32, scaleToRange } from "./prng";
export { MAX_CLASSES } from "./validate";
export * from "./confusion-rows";
export * from "./threshold-index";
export * from "./paired-class-bootstrap";
