// `npx tsx server/main.ts create-admin <user> <password>`: the first administrator of a production
// installation (admin at the national tier). Re-running it resets that user's password.
import { hashPassword } from "../auth";
import type { Authorizer } from "../authz";
import { NATIONAL } from "../authz";
import type { Repositories } from "../repositories";

export async function createAdministrator(repos: Repositories, authz: Authorizer, userId: string, password: string): Promise<"created" | "updated"> {
  if (!/^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/.test(userId)) throw new Error(`Invalid user name '${userId}': letters, digits and . _ @ - (at most 64)`);
  if (password.length < 8) throw new Error("The administrator password needs at least 8 characters");
  const passwordHash = await hashPassword(password);
  const existing = await repos.users.find(userId);
  if (existing) await repos.users.update(userId, { passwordHash, disabled: false });
  else await repos.users.create({ id: userId, displayName: userId, passwordHash });
  await authz.grant({ userId, role: "admin", region: NATIONAL }, "create-admin");
  return existing ? "updated" : "created";
}
