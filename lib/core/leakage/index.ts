/** Train/evaluation leakage checks: content hashes and perceptual (256-bit DCT hash) near-duplicates. */
export { DCT_HASH_GRID, dctHash, dctHashFromGrid, hammingDistance, isDctHash } from "./dct-hash";
export { findLeakage, leakageCounts, NEAR_DUPLICATE_MAX_DISTANCE, type LeakageMatch, type LeakageReport, type SampleFingerprint } from "./find-leakage";
export { shrinkToGreyGrid, type HashableImage } from "./grey-grid";
