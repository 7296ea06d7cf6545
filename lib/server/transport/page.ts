import "server-only";
import { notFound, redirect } from "next/navigation";
import { AppError } from "@/lib/core/errors";
import { getCurrentUser } from "@/lib/server/auth/guard";
import type { ActionUser } from "./action";

/** The signed-in user for a page; redirects to the sign-in page when there is none. */
export async function requirePageUser(): Promise<ActionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  return user;
}

/** Runs a page's data read and turns a not_found AppError (missing or another owner's id) into the 404 page. */
export async function orNotFound<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}
