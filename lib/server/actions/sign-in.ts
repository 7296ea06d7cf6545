"use server";
import "server-only";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { AppError, toErrorDto, type ErrorDto } from "@/lib/core/errors";
import { safeNextPath } from "@/lib/core/navigation/safe-next-path";
import { setSessionCookie } from "@/lib/server/auth/guard";
import { signIn } from "@/lib/server/auth/sessions";
import { clientAddressOf } from "@/lib/server/transport/client-address";

const signInSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter an email address."),
  password: z.string().min(1, "Enter your password."),
  next: z.string().optional(),
});

export type SignInState = { error: ErrorDto | null; email: string };

/**
 * Signs in with email and password and sets the session cookie (form action
 * for useActionState), then goes to the `next` path when it is a safe
 * same-origin path, else home. Throttled per account and client address.
 */
export async function signInAction(_prev: SignInState, form: FormData): Promise<SignInState> {
  const email = String(form.get("email") ?? "");
  const parsed = signInSchema.safeParse({ email, password: form.get("password"), next: form.get("next") ?? undefined });
  if (!parsed.success) {
    return { email, error: toErrorDto(new AppError("invalid_input", parsed.error.issues[0]?.message)) };
  }
  try {
    const address = clientAddressOf((await headers()).get("x-forwarded-for"));
    const session = await signIn({ email: parsed.data.email, password: parsed.data.password, address });
    await setSessionCookie(session.token, session.expiresAt);
  } catch (error) {
    if (!(error instanceof AppError)) console.error("[sign-in]", error);
    return { email, error: toErrorDto(error) };
  }
  redirect(safeNextPath(parsed.data.next));
}
