import type { Metadata } from "next";
import { formatUtcMinute } from "@/lib/core/format";
import Link from "next/link";
import { listOwnApiTokens } from "@/lib/server/auth/api-tokens";
import { requirePageUser } from "@/lib/server/transport/page";
import { CreateTokenForm, RevokeTokenButton } from "./token-forms";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "API tokens" };

const when = (d: Date | null) => (d ? formatUtcMinute(d) : "never");

/** Personal API tokens: create (shown once), list with last use, revoke. */
export default async function TokensPage() {
  const user = await requirePageUser();
  const tokens = await listOwnApiTokens({ ownerId: user.id });
  return (
    <>
      <div className="crumbs">
        <Link href="/">Apps</Link> / Settings / API tokens
      </div>
      <h1>API tokens</h1>
      <p className="muted">
        Tokens let scripts and CI pipelines call the REST API (<code>/api/v1</code>) as you: send <code>Authorization: Bearer &lt;token&gt;</code>. A
        token is shown once, when it is created; only its hash is stored. Revoke a token you no longer use.
      </p>
      <CreateTokenForm />
      <h2>Your tokens</h2>
      {tokens.length === 0 ? (
        <p className="muted">No tokens yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Name</th>
              <th>Token</th>
              <th>Created</th>
              <th>Last used</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <tr key={t.id}>
                <td>{t.name}</td>
                <td>
                  <code>{t.prefix}…</code>
                </td>
                <td>{when(t.createdAt)}</td>
                <td>{when(t.lastUsedAt)}</td>
                <td>{t.revokedAt ? <span className="muted">revoked {when(t.revokedAt)}</span> : <RevokeTokenButton tokenId={t.id} name={t.name} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
