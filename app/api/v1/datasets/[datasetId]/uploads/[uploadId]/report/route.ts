import { NextResponse } from "next/server";
import { AppError } from "@/lib/core/errors";
import { importOptionsSchema } from "@/lib/contracts/dataset-import";
import { inspectUpload } from "@/lib/server/datasets/upload-report";
import { otherMethods } from "@/lib/server/transport/method-not-allowed";
import { authedRoute } from "@/lib/server/transport/route";

export const dynamic = "force-dynamic";

/** The mapping step and validation report of an owned upload; `?options=` is the JSON of the layout, split and mapping. */
export const GET = authedRoute<{ datasetId: string; uploadId: string }>(async (req, { params, user }) => {
  const raw = new URL(req.url).searchParams.get("options");
  let json: unknown = {};
  try {
    json = raw ? JSON.parse(raw) : {};
  } catch {
    throw new AppError("invalid_input", "options: not valid JSON.");
  }
  const options = importOptionsSchema.safeParse(json);
  if (!options.success) throw new AppError("invalid_input", `options: ${options.error.issues[0]?.message ?? "invalid"}`);
  const report = await inspectUpload({ ownerId: user.id, datasetId: params.datasetId, uploadId: params.uploadId, options: options.data });
  return NextResponse.json(report);
});

/** Any other method: the API's JSON 405 with an `Allow` header. */
export const { DELETE, PATCH, POST, PUT, OPTIONS } = otherMethods({ GET });
