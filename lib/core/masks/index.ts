export * from "./types";
export { readPngHeader, checkPixelLimit, hasPngSignature } from "./png-chunks";
export { decodeLabelMap, decodeLabelMapWith, type Inflate } from "./decode";
export { formatColor } from "./color-table";
export { checkLabelValues, checkSameSize, type LabelCheck } from "./checks";
export { encodeLabelMap } from "./encode";
export { renderColorizedMask, renderErrorMap, ERROR_MAP_COLORS } from "./render";
