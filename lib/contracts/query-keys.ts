/** Query keys for react-query, from one factory so invalidation stays consistent. */
export const queryKeys = {
  evaluation: (id: string) => ["evaluation", id] as const,
  datasetVersions: (datasetId: string) => ["dataset-versions", datasetId] as const,
};
