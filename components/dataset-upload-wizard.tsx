"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { UploadDto } from "@/lib/contracts/dataset-import";
import { ArchiveUpload } from "./archive-upload";
import { ImportMappingStep, type ImportedVersion } from "./import-mapping-step";

/**
 * Upload a dataset version from the browser: the archive (with progress),
 * then the mapping step and validation report, then the import. By default
 * it opens the new version's page; `onImported` overrides that (the
 * evaluation dialog).
 */
export function DatasetUploadWizard({ datasetId, hasVersions, onImported }: { datasetId: string; hasVersions: boolean; onImported?: (v: ImportedVersion) => void }) {
  const router = useRouter();
  const [upload, setUpload] = useState<UploadDto | null>(null);
  if (!upload) return <ArchiveUpload datasetId={datasetId} onUploaded={setUpload} />;
  return (
    <ImportMappingStep
      datasetId={datasetId}
      upload={upload}
      hasVersions={hasVersions}
      onChooseAnother={() => setUpload(null)}
      onImported={(v) => (onImported ? onImported(v) : router.push(`/datasets/${datasetId}/versions/${v.number}`))}
    />
  );
}
