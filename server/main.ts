// `npm start`: Jintu's server. PORT (default 8080), HOST (default 0.0.0.0), DATABASE_URL (default
// file:./data/jintu.db), NODE_ENV=production (no demo users). Deploys processes/' flows, stores their forms and
// runs their workers in-process (JINTU_WORKER_USER/JINTU_WORKER_PASSWORD, JINTU_WORKERS=off; see server/README.md).
// `npx tsx server/main.ts create-admin <user> <password>`: the first administrator.
import { openDatabase } from "../engine";
import { migrate } from "../engine";
import { systemClock } from "../engine";
import { createAuthorizer } from "./authz";
import { defaultConfig } from "./config";
import { createRepositories } from "./repositories";
import { createAdministrator, loadRegions } from "./seed";
import { describeDatabase, startServer } from "./index";

const databaseUrl = process.env.DATABASE_URL ?? "file:./data/jintu.db";

async function createAdminCommand(userId: string | undefined, password: string | undefined): Promise<void> {
  if (!userId || !password) {
    console.error("usage: npx tsx server/main.ts create-admin <user> <password>");
    process.exit(2);
  }
  const db = await openDatabase(databaseUrl);
  try {
    const migrations = await migrate(db);
    console.log(`[jintu] database ${describeDatabase(databaseUrl)}: applied ${migrations.applied.length} migrations (${migrations.total} total)`);
    const repos = createRepositories(db, systemClock, { sessionTtlMs: defaultConfig().sessionTtlMs });
    await loadRegions(repos.regions);
    const result = await createAdministrator(repos, await createAuthorizer(db, systemClock), userId, password);
    console.log(`[jintu] administrator '${userId}' ${result} (admin at 000000)`);
  } finally {
    await db.close();
  }
}

async function serve(): Promise<void> {
  const server = await startServer({ port: Number(process.env.PORT ?? 8080), host: process.env.HOST ?? "0.0.0.0", databaseUrl });
  console.log(`[jintu] listening on http://localhost:${server.port}  (login: /login, API docs: /api/docs/, engine: /engine-rest)`);
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

const [command, ...args] = process.argv.slice(2);
const run = command === "create-admin" ? createAdminCommand(args[0], args[1]) : serve();
run.catch((error) => {
  console.error("[jintu]", error instanceof Error ? error.message : error);
  process.exit(1);
});
