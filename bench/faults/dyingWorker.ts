// A camunda-external-task-client-js worker that locks tasks and never completes them: the lock test kills
// it with SIGKILL once it holds them. Env: ENGINE_REST, TOPIC, LOCK_MS, MAX_TASKS. Prints "LOCKED <json>".
import { BasicAuthInterceptor, Client } from "camunda-external-task-client-js";

const client = new Client({
  baseUrl: process.env.ENGINE_REST!, workerId: "dying-worker", maxTasks: Number(process.env.MAX_TASKS ?? 1), interval: 50,
  asyncResponseTimeout: 5_000, lockDuration: Number(process.env.LOCK_MS ?? 1_500), usePriority: false,
  interceptors: new BasicAuthInterceptor({ username: "worker", password: "demo" }),
});
client.subscribe(process.env.TOPIC!, async ({ task }) => {
  console.log(`LOCKED ${JSON.stringify({ id: task.id, lockExpirationTime: (task as unknown as { lockExpirationTime: string }).lockExpirationTime })}`);
  await new Promise(() => undefined); // holds the lock until killed
});
