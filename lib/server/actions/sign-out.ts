"use server";
import "server-only";

import { redirect } from "next/navigation";
import { signOutCurrentSession } from "@/lib/server/auth/guard";

/** Ends the current session and returns to the sign-in page. */
export async function signOutAction(): Promise<void> {
  await signOutCurrentSession();
  redirect("/sign-in");
}
