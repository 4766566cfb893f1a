// Starts the external-task workers of every flow (or of some) against a Jintu server: in-process by default
// (`startWorkers` in processes/index.ts), or as a separate process:
//   JINTU_URL=http://127.0.0.1:8080 JINTU_WORKER_USER=worker JINTU_WORKER_PASSWORD=demo npx tsx processes/workers.ts
import { pathToFileURL } from "node:url";
import { createWorkerClient, type WorkerAuth } from "./shared/workers";
import type { FlowEntry } from "./shared/flow";
import { FLOWS } from "./registry";

export interface StartWorkersOptions {
  /** default: every flow in the registry */
  flows?: FlowEntry[];
  /** per flow key: settings a deployer may change (see each flow's README) */
  settings?: Record<string, Record<string, unknown>>;
  workerId?: string;
  asyncResponseTimeout?: number;
  interval?: number;
}

export interface RunningWorkers {
  topics: string[];
  stop(): Promise<void>;
}

/** One camunda-external-task-client-js Client serving the topics of the given flows. */
export function startFlowWorkers(baseUrl: string, auth: WorkerAuth, options: StartWorkersOptions = {}): RunningWorkers {
  const flows = options.flows ?? FLOWS;
  const engineRestUrl = `${baseUrl.replace(/\/$/, "")}/engine-rest`;
  const client = createWorkerClient({
    engineRestUrl, auth,
    workerId: options.workerId ?? `jintu-workers-${process.pid}`,
    asyncResponseTimeout: options.asyncResponseTimeout, interval: options.interval,
  });
  for (const flow of flows) flow.subscribeWorkers(client, { engineRestUrl, auth }, { settings: options.settings?.[flow.key] });
  client.start();
  return {
    topics: flows.flatMap((f) => f.topics),
    async stop() {
      client.stop();
      // let a long poll in flight return before the caller closes the server
      await new Promise((r) => setTimeout(r, (options.asyncResponseTimeout ?? 10_000) > 1000 ? 50 : (options.asyncResponseTimeout ?? 0) + 50));
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const baseUrl = process.env.JINTU_URL ?? "http://127.0.0.1:8080";
  const auth = { username: process.env.JINTU_WORKER_USER ?? "worker", password: process.env.JINTU_WORKER_PASSWORD ?? "demo" };
  const running = startFlowWorkers(baseUrl, auth);
  console.log(`[jintu-workers] serving ${running.topics.length} topics against ${baseUrl}/engine-rest as ${auth.username}: ${running.topics.join(", ")}`);
  const stop = () => void running.stop().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
