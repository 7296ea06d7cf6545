"use client";

import { useState, useTransition } from "react";
import { createAppAction } from "@/lib/server/actions/create-app";
import { createDatasetAction } from "@/lib/server/actions/create-dataset";
import { ErrorAlert } from "./error-alert";
import { createDatasetSchema, NAME_MAX_LENGTH } from "@/lib/contracts/app-input";

const NEW_APP = "__new__";

/**
 * Creates a dataset (and, when asked, its app first) through server actions;
 * `onCreated` gets the new dataset id (the page then opens the upload). The
 * dataset name is checked before a new app is made, and an app made for a
 * dataset that then fails stays chosen, so trying again does not make it twice.
 */
export function NewDatasetForm({ apps, defaultAppId, onCreated }: { apps: { id: string; name: string }[]; defaultAppId?: string; onCreated: (datasetId: string) => void }) {
  const [appId, setAppId] = useState(defaultAppId ?? apps[0]?.id ?? NEW_APP);
  const [appName, setAppName] = useState("");
  /** Apps this form made (not in `apps` until the page reloads). */
  const [madeApps, setMadeApps] = useState<{ id: string; name: string }[]>([]);
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const submit = () =>
    startTransition(async () => {
      setError(null);
      let targetApp = appId;
      if (appId === NEW_APP) {
        const checked = createDatasetSchema.safeParse({ name });
        if (!checked.success) return setError(checked.error.issues[0].message);
        const app = await createAppAction({ name: appName });
        if (!app.ok) return setError(app.error.fieldErrors?.name?.[0] ?? app.error.message);
        targetApp = app.data.id;
        setMadeApps((made) => [...made, { id: app.data.id, name: appName.trim() }]);
        setAppId(app.data.id);
      }
      const created = await createDatasetAction({ appId: targetApp, name });
      if (!created.ok) return setError(created.error.fieldErrors?.name?.[0] ?? created.error.message);
      onCreated(created.data.id);
    });

  return (
    <div className="form">
      <label className="field">
        App
        <select value={appId} onChange={(e) => setAppId(e.target.value)}>
          {[...apps, ...madeApps].map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
          <option value={NEW_APP}>New app…</option>
        </select>
      </label>
      {appId === NEW_APP ? (
        <label className="field">
          App name
          <input value={appName} onChange={(e) => setAppName(e.target.value)} maxLength={NAME_MAX_LENGTH.app} />
        </label>
      ) : null}
      <label className="field">
        Dataset name
        <input value={name} onChange={(e) => setName(e.target.value)} maxLength={NAME_MAX_LENGTH.dataset} />
      </label>
      <div className="row">
        <button type="button" disabled={pending || !name.trim() || (appId === NEW_APP && !appName.trim())} onClick={submit}>
          Create dataset
        </button>
        <ErrorAlert message={error} as="span" />
      </div>
    </div>
  );
}
