import { z } from "zod";
import { createUser } from "@/lib/server/auth/sessions";
import { defineCommand, emailFlag, type AdminDeps } from "./args";

export interface CreateUserInput {
  email: string;
  password: string;
  /** Display name; the part of the email before "@" when omitted. */
  name?: string;
}

const schema = z
  .object({
    email: emailFlag,
    password: z
      .string({ error: "--password P is required" })
      .min(8, "--password must have at least 8 characters")
      .max(200, "--password must have at most 200 characters"),
    name: z.string().trim().min(1, "--name needs a value").max(100, "--name must be at most 100 characters").optional(),
  })
  .transform((v): CreateUserInput => v);

/**
 * Registers a user who can then sign in with the email and password. The
 * name defaults to the email's local part. A taken email is AppError("conflict").
 */
export async function adminCreateUser(input: CreateUserInput, deps: AdminDeps): Promise<{ id: string; email: string; name: string }> {
  const name = input.name ?? input.email.split("@")[0];
  return createUser({ email: input.email, password: input.password, name }, { db: deps.db });
}

export const createUserCommand = defineCommand({
  name: "create-user",
  summary: "create-user --email E --password P [--name N]   a user who can sign in",
  help: `Usage: npm run -s admin -- create-user --email E --password P [--name N]

Creates a user who can sign in to Intersect with this email and password.
  --email E       the sign-in email (stored lower-case)
  --password P    8 to 200 characters
  --name N        display name (default: the part of the email before "@")`,
  options: { email: { type: "string" }, password: { type: "string" }, name: { type: "string" } },
  schema,
  async run(input, deps) {
    const user = await adminCreateUser(input, deps);
    return `Created user ${user.email} ("${user.name}", id ${user.id}). Sign in at /sign-in.`;
  },
});
