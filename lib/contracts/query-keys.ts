/** Query keys for react-query, from one factory so invalidation stays consistent. */
export const queryKeys = {
  evaluation: (id: string) => ["evaluation", id] as const,
  datasetVersions: (datasetId: string) => ["dataset-versions", datasetId] as const,
  importReport: (datasetId: string, uploadId: string, options: unknown) => ["import-report", datasetId, uploadId, options] as const,
  galleryPage: (datasetId: string, number: number, query: Record<string, string | number | undefined>) => ["gallery", datasetId, number, query] as const,
  evaluationImages: (id: string, query: Record<string, string | number>) => ["evaluation", id, "images", query] as const,
  evaluationThreshold: (id: string, t: number) => ["evaluation", id, "threshold", t] as const,
  confusionImages: (id: string, gt: number, pred: number) => ["evaluation", id, "confusion-images", gt, pred] as const,
  confusionMatrix: (id: string) => ["evaluation", id, "confusion"] as const,
  onnxInspection: (modelId: string, file: string) => ["onnx-inspection", modelId, file] as const,
  sampleTest: (modelVersionId: string, sampleId: string) => ["sample-test", modelVersionId, sampleId] as const,
};
