"use client";

import { useRouter } from "next/navigation";
import { NewDatasetForm } from "@/components/new-dataset-form";

/** The new-dataset form, opening the upload page of the dataset it creates. */
export function NewDatasetRedirect(props: { apps: { id: string; name: string }[]; defaultAppId?: string }) {
  const router = useRouter();
  return <NewDatasetForm {...props} onCreated={(id) => router.push(`/datasets/${id}/upload`)} />;
}
