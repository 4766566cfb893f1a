// Password hashing: argon2id with OWASP's minimum parameters (19 MiB, 2 passes), ~20 ms per check.
import argon2 from "argon2";

const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export async function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (!hash) return false;
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false; // a malformed hash in the table is a failed login, not a 500
  }
}

/** A fixed hash verified for unknown users, so response time does not reveal which logins exist. */
let dummyHash: Promise<string> | null = null;
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword("jintu-dummy-password");
  await verifyPassword(await dummyHash, password);
  return false;
}
