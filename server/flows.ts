// The business flows of processes/ on start (`npm start`): every flow deployed (duplicate filtering, so a
// restart deploys nothing new), every flow's Form.io forms put into the form store (so the designer's
// templates open with their forms), and the flows' external-task workers run in this process against
// the server's own /engine-rest, as a worker account.
import type { Engine } from "../engine";
import { FLOWS, deployAllFlows, readForm, startWorkers, type RunningWorkers, type WorkerAuth } from "../processes";
import type { FormRepository } from "./repositories/forms";

export interface InstalledFlows {
  flows: number;
  /** deployments that created process definitions (0 on a restart with unchanged flows) */
  newDeployments: number;
  forms: number;
  /** form versions saved now (0 when no form file changed) */
  newFormVersions: number;
}

/** The note on form versions stored from a flow's folder; also how a later start recognises them. */
export const flowFormNote = (flowKey: string) => `processes/${flowKey}`;

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Saves each flow's forms into form_definition. A new version only when the file differs from the last
 * version stored from processes/ (or, never stored from there, from the latest version), so a restart
 * adds nothing and a form IT staff edited in the designer is not overwritten by an unchanged file.
 */
export async function storeFlowForms(forms: FormRepository): Promise<{ forms: number; newVersions: number }> {
  let count = 0;
  let newVersions = 0;
  for (const flow of FLOWS) {
    for (const { key } of flow.forms) {
      count++;
      const definition = readForm(flow, key);
      const note = flowFormNote(flow.key);
      const imported = (await forms.versions(key)).find((v) => v.note === note);
      const compareWith = imported ? await forms.get(key, imported.version) : await forms.get(key);
      if (compareWith && sameJson(compareWith.definition, definition)) continue;
      const name = typeof definition.title === "string" && definition.title.trim() ? definition.title.trim() : key;
      await forms.save({ key, name, definition, note, createdBy: null });
      newVersions++;
    }
  }
  return { forms: count, newVersions };
}

/** Deploys every flow (shared, no tenant) and stores their forms. */
export async function installFlows(engine: Engine, forms: FormRepository): Promise<InstalledFlows> {
  const deployments = await deployAllFlows(engine);
  const stored = await storeFlowForms(forms);
  return {
    flows: deployments.length,
    newDeployments: deployments.filter((d) => d.processDefinitions.length > 0).length,
    forms: stored.forms,
    newFormVersions: stored.newVersions,
  };
}

export type WorkerAccount = { auth: WorkerAuth } | { auth: null; reason: string };

/**
 * Which account the in-process workers use: `JINTU_WORKERS=off` → none (workers run as their own process,
 * `npm run workers`); `JINTU_WORKER_USER`/`JINTU_WORKER_PASSWORD` when set; else the demo `worker`/`demo`
 * in demo mode; else none (production without a configured account).
 */
export function workerAccount(env: NodeJS.ProcessEnv, demo: boolean): WorkerAccount {
  if ((env.JINTU_WORKERS ?? "").toLowerCase() === "off") return { auth: null, reason: "JINTU_WORKERS=off (run them with `npm run workers`)" };
  const username = env.JINTU_WORKER_USER;
  const password = env.JINTU_WORKER_PASSWORD;
  if (username && password) return { auth: { username, password } };
  if (username || password) return { auth: null, reason: "set both JINTU_WORKER_USER and JINTU_WORKER_PASSWORD" };
  if (demo) return { auth: { username: "worker", password: "demo" } };
  return { auth: null, reason: "set JINTU_WORKER_USER and JINTU_WORKER_PASSWORD (a user with the worker role), or run `npm run workers`" };
}

/** Starts every flow's workers against `url` (the server itself). */
export function startFlowWorkersInProcess(url: string, auth: WorkerAuth): RunningWorkers {
  return startWorkers(url, auth, { workerId: `jintu-server-${process.pid}` });
}
