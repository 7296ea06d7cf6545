import { z } from "zod";
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
    app: nameFlag("app"),
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
  const where = { ownerId_name: { ownerId: user.id, name: input.appName } };
  const existing = await deps.db.app.findUnique({ where, select: { id: true, name: true } });
  if (existing) return { ...existing, created: false, ownerEmail: user.email };
  try {
    const app = await deps.db.app.create({
      data: { ownerId: user.id, name: input.appName, description: input.description ?? "" },
      select: { id: true, name: true },
    });
    return { ...app, created: true, ownerEmail: user.email };
  } catch (error) {
    if ((error as { code?: string }).code !== "P2002") throw error;
    const raced = await deps.db.app.findUniqueOrThrow({ where, select: { id: true, name: true } });
    return { ...raced, created: false, ownerEmail: user.email };
  }
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
