import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { AppError } from "@/lib/core/errors";
import type { OnnxConfig } from "@/lib/contracts/onnx-config";
import { buildDemoModels } from "@/lib/tools/demo/models";
import { defineCommand, pathFlag, positiveIntFlag, type AdminCommand, type AdminDeps } from "./args";

export interface ExportDemoModelInput {
  model: "street" | "lesion";
  /** 1-based: street v1–v3, lesion v1–v2. */
  version: number;
  out: string;
  configOut?: string;
  classesOut?: string;
}

export interface ExportedDemoModel {
  label: string;
  bytes: number;
  config: OnnxConfig;
  classes: readonly string[];
}

/**
 * Writes one of the demo's ONNX segmenters (fitted on generated images, the
 * same bytes the demo seed stores) and, when asked, its preprocessing config
 * and class list (`{"classes": [{name, color}]}`, output order), so a fresh
 * clone has a real model to try `create-model-version --onnx` with.
 */
export async function exportDemoModel(input: ExportDemoModelInput): Promise<ExportedDemoModel> {
  const models = (await buildDemoModels())[input.model];
  const model = models.find((m) => m.version === `v${input.version}`);
  if (!model) throw new AppError("not_found", `The demo's ${input.model} model has versions 1 to ${models.length}, not ${input.version}.`);
  const write = async (file: string, data: Uint8Array | string) => {
    await mkdir(path.dirname(path.resolve(file)), { recursive: true });
    await writeFile(file, data);
  };
  await write(input.out, model.bytes);
  if (input.configOut) await write(input.configOut, `${JSON.stringify(model.config, null, 2)}\n`);
  if (input.classesOut) {
    const classes = model.classes.map((c) => ({ name: c.name, color: c.color }));
    await write(input.classesOut, `${JSON.stringify({ classes }, null, 2)}\n`);
  }
  return { label: model.label, bytes: model.bytes.length, config: model.config, classes: model.classes.map((c) => c.name) };
}

const schema = z
  .object({
    model: z.enum(["street", "lesion"], { error: "--model must be street or lesion" }),
    version: positiveIntFlag("version"),
    out: pathFlag("out", "FILE"),
    "config-out": pathFlag("config-out", "FILE").optional(),
    "classes-out": pathFlag("classes-out", "FILE").optional(),
  })
  .transform((v): ExportDemoModelInput => ({ model: v.model, version: v.version, out: v.out, configOut: v["config-out"], classesOut: v["classes-out"] }));

const command = defineCommand({
  name: "export-demo-model",
  summary: "export-demo-model --model street|lesion --version N --out FILE.onnx [--config-out FILE] [--classes-out FILE]   a demo ONNX model to try",
  help: `Usage: npm run -s admin -- export-demo-model --model street|lesion --version N --out FILE.onnx
         [--config-out FILE.json] [--classes-out FILE.json]

Writes one of the demo's real ONNX segmenters (fitted in TypeScript on generated
images when the command runs, a few seconds; the same bytes the demo seeds):
  --model street|lesion      street scenes (9 classes, v1-v3) or skin lesions (2 classes, v1-v2)
  --version N                1 = colour only; higher versions see more (position, local context)
  --out FILE.onnx            the model file
  --config-out FILE.json     its preprocessing config, for create-model-version --config
  --classes-out FILE.json    its class list in output order, for create-model-version --classes
Touches no database.`,
  options: {
    model: { type: "string" },
    version: { type: "string" },
    out: { type: "string" },
    "config-out": { type: "string" },
    "classes-out": { type: "string" },
  },
  schema,
  async run(input) {
    const r = await exportDemoModel(input);
    return [
      `Wrote the demo's ${input.model} model ${r.label} to ${input.out} (${r.bytes} bytes).`,
      ...(input.configOut ? [`Preprocessing config: ${input.configOut}`] : []),
      ...(input.classesOut ? [`Classes (${r.classes.length}): ${input.classesOut}`] : [`Classes (${r.classes.length}, output order): ${r.classes.join(", ")}`]),
    ].join("\n");
  },
});

/** Deps that must not be touched: this command works on files only, so it never opens the database. */
const noDeps = async (): Promise<AdminDeps> => ({
  get db(): never {
    throw new Error("export-demo-model uses no database");
  },
  get store(): never {
    throw new Error("export-demo-model uses no blob store");
  },
});

export const exportDemoModelCommand: AdminCommand = { ...command, invoke: (argv) => command.invoke(argv, noDeps) };
