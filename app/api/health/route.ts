import { NextResponse } from "next/server";
import { pingDatabase } from "@/lib/server/db/health";

export const dynamic = "force-dynamic";

/** Liveness and database check, used by the launcher and the e2e web server. */
export async function GET() {
  try {
    await pingDatabase();
    return NextResponse.json({ ok: true });
  } catch {
    return NextResponse.json({ ok: false }, { status: 503 });
  }
}
