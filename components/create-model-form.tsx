"use client";

import { createModelAction } from "@/lib/server/actions/create-model";
import { CreateNamedForm } from "./create-named-form";

/** "Create model" on an app's page; goes to the new model's page. */
export function CreateModelForm({ appId }: { appId: string }) {
  return <CreateNamedForm what="Model" submit={(input) => createModelAction({ appId, ...input })} hrefOf={(id) => `/models/${id}`} />;
}
