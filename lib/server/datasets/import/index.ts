import "server-only";
/**
 * Dataset import: safe sources (archives streamed to a staging folder, server
 * folders walked without following links), layout detection and
 * normalization into one plan, the value scan for the mapping step and the
 * per-file validation report, and normalized samples for the domain's
 * createDatasetVersion. Nothing here writes to the database or blob store.
 */
export { DEFAULT_IMPORT_LIMITS, getImportLimits, type ImportLimits } from "./limits";
export { extractArchive, openFolderSource, sniffArchive, type ArchiveKind, type ImportSource } from "./import-source";
export { assertNoProblems, inspectImport, type ImportReport, type InspectOptions, type ValueScan } from "./inspect-import";
export { createMaskNormalizer, readPlanSamples, type NormalizedSample } from "./mask-reader";
export type { ClassesInput } from "./resolve-classes";
