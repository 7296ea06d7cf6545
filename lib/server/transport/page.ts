import "server-only";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { AppError } from "@/lib/core/errors";
import { safeNextPath } from "@/lib/core/navigation/safe-next-path";
import { getCurrentUser } from "@/lib/server/auth/guard";
import type { ActionUser } from "./action";
import { REQUEST_PATH_HEADER } from "./request-guard";

/**
 * The signed-in user for a page; when there is none, redirects to
 * `/sign-in?next=<the path asked for>` (from the header proxy.ts sets), so
 * that signing in lands on that page. Home needs no `next`.
 */
export async function requirePageUser(): Promise<ActionUser> {
  const user = await getCurrentUser();
  if (!user) redirect(signInPathFor((await headers()).get(REQUEST_PATH_HEADER)));
  return user;
}

/** `/sign-in`, with `?next=` when `askedFor` is a safe same-origin path other than home. */
export function signInPathFor(askedFor: string | null | undefined): string {
  const next = safeNextPath(askedFor);
  return next === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(next)}`;
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
