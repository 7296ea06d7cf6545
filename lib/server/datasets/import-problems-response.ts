import "server-only";
import { NextResponse } from "next/server";
import { AppError } from "@/lib/core/errors";
import { problemsFromMessage } from "@/lib/server/transport/problems";
import { ImportProblemsError } from "./import-dataset-version";

/**
 * The REST API's 422 for a refused import: `{error: {code, message},
 * problems: [{file?, problem}]}`, every problem naming its file when it is
 * about one. Anything else is rethrown to the route wrapper.
 */
export function importProblemsResponse(error: unknown): Response {
  if (error instanceof ImportProblemsError) {
    return NextResponse.json({ error: { code: error.code, message: error.message }, problems: error.problems }, { status: 422 });
  }
  if (error instanceof AppError && error.code === "invalid_input") {
    return NextResponse.json({ error: { code: error.code, message: error.message }, problems: problemsFromMessage(error.message) }, { status: 422 });
  }
  throw error;
}
