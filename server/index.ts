// startServer: opens the database, applies migrations, creates the engine, seeds, listens.
// Used by `npm start` (server/main.ts) and by tests (port 0 = a random free port).
import type { Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createEngineOnDb, migrate, openDatabase, type Clock, type Db, type Engine, type EngineOptions } from "../engine";
import { createApp } from "./app";
import type { Authorizer } from "./authz";
import { defaultConfig, type ServerConfig } from "./config";
import type { Repositories } from "./repositories";
import { createEngineRestRouter } from "./engine-rest";
import { loadRegions, seedDemoOrganisation } from "./seed";
import { regionExpressionFunctions } from "./regionFunctions";
import { taskSubmissionCheck } from "./api/formValidation";
import { installFlows, startFlowWorkersInProcess, workerAccount } from "./flows";
import type { RunningWorkers, WorkerAuth } from "../processes";

export { createApp } from "./app";
export type { AppOptions, JintuApp } from "./app";
export { defaultConfig } from "./config";
export type { ServerConfig } from "./config";
export type { Principal } from "./principal";

export interface StartOptions {
  /** 0 = a random free port (default 8080). */
  port?: number;
  host?: string;
  /** `file:./data/jintu.db` (default), `postgresql://…`. */
  databaseUrl?: string;
  clock?: Clock;
  /** Create the demo organisation when the database has no users (default: not in production). */
  seedDemo?: boolean;
  /** Run the engine's job executor (timers, async continuations). Default true. */
  jobExecutor?: boolean;
  config?: Partial<ServerConfig>;
  /** How to create the engine over the server's database; default engine/index.ts createEngineOnDb. */
  engineFactory?: (db: Db, options: Omit<EngineOptions, "databaseUrl">) => Engine | Promise<Engine>;
  /**
   * Deploy every flow of processes/ (duplicate filtering: a restart deploys nothing new) and put their
   * forms into the form store. Default true; the test helpers pass false and deploy what they need.
   */
  deployFlows?: boolean;
  /**
   * The flows' external-task workers in this process, against the server's own URL (only with
   * deployFlows). Default: on, as JINTU_WORKER_USER/JINTU_WORKER_PASSWORD or, in demo mode, `worker`/`demo`;
   * off with JINTU_WORKERS=off or in production without that account. An account here overrides the env.
   */
  workers?: boolean | WorkerAuth;
  /** Silence the start-up lines (tests). */
  quiet?: boolean;
}

export interface RunningServer {
  url: string;
  port: number;
  engine: Engine;
  db: Db;
  repos: Repositories;
  authz: Authorizer;
  config: ServerConfig;
  close(): Promise<void>;
}

/** `sqlite data/jintu.db` or `postgres 127.0.0.1:5432/jintu` (never the password). */
export function describeDatabase(url: string): string {
  if (/^postgres(ql)?:\/\//.test(url)) {
    const u = new URL(url);
    return `postgres ${u.host}${u.pathname}`;
  }
  return `sqlite ${url.replace(/^file:/, "")}`;
}

/** Open responses of the HTTP server, so close() can wait until each has ended (and been audited). */
function trackResponses(server: Server): { settled(timeoutMs?: number): Promise<void> } {
  const open = new Set<ServerResponse>();
  let wake: (() => void) | null = null;
  server.on("request", (_req, res: ServerResponse) => {
    open.add(res);
    res.once("close", () => {
      open.delete(res);
      if (!open.size) wake?.();
    });
  });
  return {
    async settled(timeoutMs = 2000) {
      if (!open.size) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        wake = () => { clearTimeout(timer); setImmediate(resolve); };
      });
    },
  };
}

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const config: ServerConfig = { ...defaultConfig(), ...options.config };
  const databaseUrl = options.databaseUrl ?? process.env.DATABASE_URL ?? "file:./data/jintu.db";
  const log = options.quiet ? () => undefined : (line: string) => console.log(line);

  const db = await openDatabase(databaseUrl);
  let engine: Engine | null = null;
  try {
    const migrations = await migrate(db);
    log(`[jintu] database ${describeDatabase(databaseUrl)}: applied ${migrations.applied.length} migrations (${migrations.total} total)`);
    // One connection pool for the engine and Jintu's tables (SQLite: one writer queue in this process).
    engine = await (options.engineFactory ?? createEngineOnDb)(db, { clock: options.clock, migrate: false, calendarFallbackToWeekdays: true, expressionFunctions: regionExpressionFunctions });
    const { app, repos, authz } = await createApp({
      engine, db, config, clock: options.clock ?? engine.clock, engineRestRouter: createEngineRestRouter({ engine, db, checkTaskSubmission: taskSubmissionCheck(engine) }),
    });

    await loadRegions(repos.regions);
    for (const year of await repos.holidays.all()) engine.setCalendarYear(year);
    const seedDemo = options.seedDemo ?? !config.production;
    if (seedDemo) {
      const created = await seedDemoOrganisation(repos, authz);
      if (created) log(`[jintu] demo organisation: ${created} users (password "demo"; see server/README.md)`);
    } else if ((await repos.users.count()) === 0) {
      log(`[jintu] no users yet: create the first administrator with  npx tsx server/main.ts create-admin <user> <password>`);
    }
    const deployFlows = options.deployFlows ?? true;
    if (deployFlows) {
      const installed = await installFlows(engine, repos.forms);
      log(`[jintu] deployed ${installed.flows} flows (${installed.newDeployments} new)`);
    }
    if (options.jobExecutor ?? true) engine.startJobExecutor();

    const server = app.listen(options.port ?? 8080, options.host ?? "127.0.0.1");
    await new Promise<void>((resolve, reject) => {
      server.once("listening", resolve);
      server.once("error", reject);
    });
    const inflight = trackResponses(server);
    const port = (server.address() as AddressInfo).port;
    const purge = setInterval(() => void repos.sessions.purgeExpired().catch(() => undefined), 3600_000);
    purge.unref();
    const url = `http://${options.host && options.host !== "0.0.0.0" ? options.host : "127.0.0.1"}:${port}`;
    const running = engine;

    let workers: RunningWorkers | null = null;
    if (deployFlows && options.workers !== false) {
      const account = typeof options.workers === "object" ? { auth: options.workers } : workerAccount(process.env, seedDemo);
      if (account.auth) {
        workers = startFlowWorkersInProcess(url, account.auth);
        log(`[jintu] workers: ${workers.topics.length} topics in-process (as ${account.auth.username})`);
      } else {
        log(`[jintu] workers: none in-process: ${account.reason}`);
      }
    }

    return {
      url, port, engine: running, db, repos, authz, config,
      async close() {
        clearInterval(purge);
        await workers?.stop();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        // responses cut by closeAllConnections (a worker's long poll) report 'close' a little later: audit them first
        await inflight.settled();
        await repos.audit.drain();
        await running.stopJobExecutor();
        await running.close(); // closes the shared database too
        await db.close().catch(() => undefined);
      },
    };
  } catch (error) {
    await engine?.close().catch(() => undefined);
    await db.close().catch(() => undefined);
    throw error;
  }
}
