"use client";

import { useActionState } from "react";
import { signInAction, type SignInState } from "@/lib/server/actions/sign-in";
import { ErrorAlert } from "./error-alert";

/** The email + password form of the sign-in page. */
export function SignInForm({ next }: { next?: string }) {
  const [state, formAction, pending] = useActionState<SignInState, FormData>(signInAction, { error: null, email: "" });
  return (
    <form action={formAction} className="form panel">
      <label>
        Email
        <input name="email" type="email" autoComplete="username" required defaultValue={state.email} />
      </label>
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <ErrorAlert message={state.error?.message} />
      <button type="submit" disabled={pending}>
        Sign in
      </button>
    </form>
  );
}
