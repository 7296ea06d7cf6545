"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import type { ErrorDto } from "@/lib/core/errors";
import { ErrorAlert } from "./error-alert";

type Result = { ok: true; data: { id: string } } | { ok: false; error: ErrorDto };

/**
 * A small "name + description" create form (new app, new model): calls the
 * given server action and goes to `hrefOf(id)` on success; the action's
 * message is shown on failure.
 */
export function CreateNamedForm({
  what,
  submit,
  hrefOf,
}: {
  what: string;
  submit: (input: { name: string; description?: string }) => Promise<Result>;
  hrefOf: (id: string) => string;
}) {
  const id = useId();
  const router = useRouter();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const create = () =>
    start(async () => {
      setError(null);
      const r = await submit({ name, description: description || undefined });
      if (r.ok) router.push(hrefOf(r.data.id));
      else setError(r.error.message);
    });
  return (
    <form className="form row" onSubmit={(e) => (e.preventDefault(), create())}>
      <div className="field">
        <label htmlFor={`${id}-name`}>{`${what} name`}</label>
        <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} required />
      </div>
      <div className="field">
        <label htmlFor={`${id}-description`}>Description</label>
        <input id={`${id}-description`} value={description} onChange={(e) => setDescription(e.target.value)} />
      </div>
      <button type="submit" disabled={pending || !name.trim()}>{`Create ${what.toLowerCase()}`}</button>
      <ErrorAlert message={error} />
    </form>
  );
}
