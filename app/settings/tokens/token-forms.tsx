"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { createApiTokenAction } from "@/lib/server/actions/create-api-token";
import { revokeApiTokenAction } from "@/lib/server/actions/revoke-api-token";
import { ErrorAlert } from "@/components/error-alert";
import { NAME_MAX_LENGTH } from "@/lib/contracts/app-input";

/** "Create token": names a token and shows the new token once, with a copy button. */
export function CreateTokenForm() {
  const id = useId();
  const router = useRouter();
  const [name, setName] = useState("");
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const create = () =>
    start(async () => {
      setError(null);
      const r = await createApiTokenAction({ name });
      if (!r.ok) return setError(r.error.message);
      setCreated({ name: r.data.name, token: r.data.token });
      setName("");
      router.refresh();
    });
  return (
    <>
      <form className="form row" onSubmit={(e) => (e.preventDefault(), create())}>
        <div className="field">
          <label htmlFor={`${id}-name`}>Token name</label>
          <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. CI pipeline" maxLength={NAME_MAX_LENGTH.token} required />
        </div>
        <button type="submit" disabled={pending || !name.trim()}>
          Create token
        </button>
      </form>
      <ErrorAlert message={error} />
      {created ? (
        <div className="notice" role="status">
          <p>
            Token <strong>{created.name}</strong> created. Copy it now: it will not be shown again.
          </p>
          <p className="row">
            <code data-testid="new-token">{created.token}</code>
            <button type="button" onClick={() => void navigator.clipboard?.writeText(created.token)}>
              Copy
            </button>
          </p>
        </div>
      ) : null}
    </>
  );
}

/** "Revoke" for one token, after a confirmation. */
export function RevokeTokenButton({ tokenId, name }: { tokenId: string; name: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const revoke = () => {
    if (!window.confirm(`Revoke the token "${name}"? Scripts using it will get 401.`)) return;
    start(async () => {
      const r = await revokeApiTokenAction({ tokenId });
      if (r.ok) router.refresh();
      else setError(r.error.message);
    });
  };
  return (
    <>
      <button type="button" onClick={revoke} disabled={pending}>
        Revoke
      </button>
      {error ? <span className="error"> {error}</span> : null}
    </>
  );
}
