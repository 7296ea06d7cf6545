import { z } from "zod";
import { createApp } from "@/lib/server/apps/create-app";
import { defineCommand, emailFlag, nameFlag, type AdminDeps } from "./args";
import { findUserByEmail } from "./lookup";

export interface CreateAppInput {
  email: string;
  appName: string;
  description?: string;
}

const schema = z
  .object({
    email: emailFlag,
    app: nameFlag("app", "app"),
    description: z.string().trim().max(1000, "--description must be at most 1000 characters").optional(),
  })
  .transform((v): CreateAppInput => ({ email: v.email, appName: v.app, description: v.description }));

/**
 * Creates the user's app `appName`, or finds it when it exists already
 * (idempotent: `created` is false then and the description is left as it was).
 */
export async function adminCreateApp(
  input: CreateAppInput,
  deps: AdminDeps,
): Promise<{ id: string; name: string; created: boolean; ownerEmail: string }> {
  const user = await findUserByEmail(deps.db, input.email);
  const app = await createApp({ ownerId: user.id, name: input.appName, description: input.description }, deps.db);
  return { ...app, ownerEmail: user.email };
}

export const createAppCommand = defineCommand({
  name: "create-app",
  summary: "create-app --email E --app NAME [--description D]   an app for the user (reused if it exists)",
  help: `Usage: npm run -s admin -- create-app --email E --app NAME [--description D]

Creates an app (a project holding datasets and models) owned by the user with
this email. Running it again with the same name reuses the existing app.
  --email E          the owner's email (see create-user)
  --app NAME         app name, unique per user
  --description D    shown on the app page`,
  options: { email: { type: "string" }, app: { type: "string" }, description: { type: "string" } },
  schema,
  async run(input, deps) {
    const app = await adminCreateApp(input, deps);
    const what = app.created ? `Created app "${app.name}"` : `App "${app.name}" already exists; reusing it`;
    return `${what} (owner ${app.ownerEmail}, id ${app.id}).\nOpen: /apps/${app.id}`;
  },
});
