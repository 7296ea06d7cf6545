import "server-only";
import { z } from "zod";
import { classResultsCsv, imageResultsCsv } from "@/lib/core/results/csv";
import { parseQuery } from "@/lib/server/transport/query";
import { buildResultsExport } from "./export-report";

const truthy = (v: string | null) => v !== null && ["1", "true", "yes"].includes(v.toLowerCase());

function download(body: string, contentType: string, fileName: string, attachment: boolean): Response {
  const headers = new Headers({ "Content-Type": contentType, "Cache-Control": "private, no-cache", "X-Content-Type-Options": "nosniff" });
  if (attachment) headers.set("Content-Disposition", `attachment; filename="${fileName}"`);
  return new Response(body, { status: 200, headers });
}

/**
 * GET …/results: the CLI's JSON report; `?perImage=1` adds every image,
 * `?download=1` offers it as a file.
 */
export async function resultsJsonResponse(req: Request, { ownerId, evaluationId }: { ownerId: string; evaluationId: string }): Promise<Response> {
  const url = new URL(req.url);
  const { report } = await buildResultsExport({ ownerId, evaluationId, perImage: truthy(url.searchParams.get("perImage")) });
  return download(JSON.stringify(report), "application/json; charset=utf-8", `evaluation-${evaluationId}.json`, truthy(url.searchParams.get("download")));
}

const csvQuerySchema = z.object({ level: z.enum(["class", "image"], { error: 'Use "class" or "image".' }).default("class") });

/** GET …/results.csv?level=class|image: the per-class or per-image CSV, as a download. */
export async function resultsCsvResponse(req: Request, { ownerId, evaluationId }: { ownerId: string; evaluationId: string }): Promise<Response> {
  const { level } = parseQuery(req, csvQuerySchema);
  const { report, tags } = await buildResultsExport({ ownerId, evaluationId, perImage: level === "image" });
  const body = level === "class" ? classResultsCsv(report) : imageResultsCsv(report, tags);
  return download(body, "text/csv; charset=utf-8; header=present", `evaluation-${evaluationId}-${level === "class" ? "classes" : "images"}.csv`, true);
}
