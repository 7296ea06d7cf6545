/** Train/evaluation leakage checks: content hashes and perceptual (dHash) near-duplicates. */
export { differenceHash, hammingDistance, hashFromGrid, shrinkToHashGrid, type HashableImage } from "./dhash";
export { findLeakage, NEAR_DUPLICATE_MAX_DISTANCE, type LeakageMatch, type LeakageReport, type SampleFingerprint } from "./find-leakage";
