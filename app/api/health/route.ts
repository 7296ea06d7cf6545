import { NextResponse } from "next/server";
import { getPrisma } from "@/lib/server/db/client";

export const dynamic = "force-dynamic";

/** Liveness and database check, used by the launcher and the e2e web server. */
export async function GET() {
  try {
    await getPrisma().$queryRawUnsafe("SELECT 1");
    return NextResponse.json({ ok: true });
  } catch {
    return NextResponse.json({ ok: false }, { status: 503 });
  }
}
