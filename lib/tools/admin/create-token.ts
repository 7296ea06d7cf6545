import { z } from "zod";
import { createApiToken } from "@/lib/server/auth/api-tokens";
import { defineCommand, emailFlag, nameFlag } from "./args";
import { findUserByEmail } from "./lookup";

const schema = z.object({ email: emailFlag, name: nameFlag("name", "token") });

export const createTokenCommand = defineCommand({
  name: "create-token",
  summary: "create-token --email E --name N              a personal API token for the user (printed once)",
  help: `Usage: npm run -s admin -- create-token --email E --name N

Creates a personal API token for the user with this email and prints it, alone
on stdout (TOKEN=$(npm run -s admin -- create-token ...)), this once: only its
sha256 is stored; list and revoke tokens on the API tokens page. Scripts send it
as "Authorization: Bearer <token>" to the REST API (/api/v1).
  --email E    the user's email (see create-user)
  --name N     what the token is for, e.g. "CI pipeline"`,
  options: { email: { type: "string" }, name: { type: "string" } },
  schema,
  async run(input, deps) {
    const user = await findUserByEmail(deps.db, input.email);
    const created = await createApiToken({ userId: user.id, name: input.name }, deps.db);
    return created.token;
  },
});
