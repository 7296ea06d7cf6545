import { z } from "zod";
import { listOwnerTree } from "@/lib/server/db/apps";
import { defineCommand, emailFlag, type AdminDeps } from "./args";
import { findUserByEmail } from "./lookup";

/** Everything a user owns, as plain data, apps and their children sorted by name and versions newest first. */
export interface UserTree {
  user: { email: string; name: string };
  apps: {
    id: string;
    name: string;
    datasets: { id: string; name: string; versions: { number: number; sampleCount: number; classCount: number; ignoreIndex: number | null; note: string }[] }[];
    models: {
      id: string;
      name: string;
      versions: { number: number; runnerKind: string; predictionCount: number; classCount: number; trainedOn: string | null; note: string }[];
    }[];
  }[];
}

/** Reads the user's apps, datasets (versions, sample counts) and models (versions, prediction counts). */
export async function adminListUser(input: { email: string }, deps: AdminDeps): Promise<UserTree> {
  const user = await findUserByEmail(deps.db, input.email);
  const apps = await listOwnerTree({ ownerId: user.id }, deps.db);
  return {
    user: { email: user.email, name: user.name },
    apps: apps.map((a) => ({
      id: a.id,
      name: a.name,
      datasets: a.datasets.map((d) => ({
        id: d.id,
        name: d.name,
        versions: d.versions.map(({ classes, ...v }) => ({ ...v, classCount: classes.length })),
      })),
      models: a.models.map((m) => ({
        id: m.id,
        name: m.name,
        versions: m.versions.map(({ classes, _count, trainingDatasetVersion: t, ...v }) => ({
          ...v,
          classCount: classes.length,
          predictionCount: _count.predictionMasks,
          trainedOn: t ? `${t.dataset.name} v${t.number}` : null,
        })),
      })),
    })),
  };
}

const noteOf = (note: string) => (note ? `  "${note}"` : "");
const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

/** Renders a {@link UserTree} as an indented, readable tree with the URL path of each app and model. */
export function formatUserTree(tree: UserTree): string {
  const lines = [`${tree.user.email} (${tree.user.name}): ${plural(tree.apps.length, "app")}`];
  if (tree.apps.length === 0) lines.push("  (no apps yet: create one with create-app)");
  for (const app of tree.apps) {
    lines.push(`  app "${app.name}"  /apps/${app.id}`);
    lines.push(`    datasets${app.datasets.length ? "" : ": none"}`);
    for (const d of app.datasets) {
      lines.push(`      ${d.name}${d.versions.length ? "" : "  (no versions)"}`);
      for (const v of d.versions) {
        const ignore = v.ignoreIndex === null ? "" : `, ignore ${v.ignoreIndex}`;
        lines.push(`        v${v.number}  ${plural(v.sampleCount, "sample")}, ${plural(v.classCount, "class", "classes")}${ignore}${noteOf(v.note)}`);
      }
    }
    lines.push(`    models${app.models.length ? "" : ": none"}`);
    for (const m of app.models) {
      lines.push(`      ${m.name}  /models/${m.id}${m.versions.length ? "" : "  (no versions)"}`);
      for (const v of m.versions) {
        const predictions = v.runnerKind === "predictions" ? `, ${plural(v.predictionCount, "prediction mask")}` : "";
        const trained = v.trainedOn ? `, trained on ${v.trainedOn}` : "";
        lines.push(`        v${v.number}  ${v.runnerKind}${predictions}, ${plural(v.classCount, "class", "classes")}${trained}${noteOf(v.note)}`);
      }
    }
  }
  return lines.join("\n");
}

export const listCommand = defineCommand({
  name: "list",
  summary: "list --email E   the user's apps, datasets and models as a tree",
  help: `Usage: npm run -s admin -- list --email E

Shows the user's apps with their datasets (versions, sample counts) and models
(versions, runner, prediction masks), and the URL path of each app and model.`,
  options: { email: { type: "string" } },
  schema: z.object({ email: emailFlag }),
  async run(input, deps) {
    return formatUserTree(await adminListUser(input, deps));
  },
});
