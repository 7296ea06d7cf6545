"use client";

import { createAppAction } from "@/lib/server/actions/create-app";
import { CreateNamedForm } from "./create-named-form";

/** "Create app" on the apps page. */
export function CreateAppForm() {
  return <CreateNamedForm what="App" submit={createAppAction} hrefOf={(id) => `/apps/${id}`} />;
}
