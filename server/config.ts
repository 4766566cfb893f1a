// Server settings: defaults for `npm start`, overridable by startServer's options (tests) and env.
import path from "node:path";

export interface ServerConfig {
  /** NODE_ENV=production: no demo organisation, no stack traces. */
  production: boolean;
  /** Express "trust proxy": set when behind a reverse proxy so req.ip / req.secure see the client. */
  trustProxy: boolean | number | string;
  /** Session lifetime, sliding: each use extends it up to this long after the last request. */
  sessionTtlMs: number;
  /** Login attempts that fail, per client address and window, before 429. */
  loginRateLimit: { windowMs: number; limit: number };
  /** Folders served to browsers, when they exist. */
  designerDist: string;
  portalDist: string;
  /** Folder with one sub-folder per business flow (processes/<flow>/<flow>.bpmn). */
  processesDir: string;
}

const root = path.resolve(import.meta.dirname, "..");

export function defaultConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  return {
    production: env.NODE_ENV === "production",
    trustProxy: env.JINTU_TRUST_PROXY ? parseTrustProxy(env.JINTU_TRUST_PROXY) : false,
    sessionTtlMs: Number(env.JINTU_SESSION_TTL_MS ?? 8 * 3600_000),
    loginRateLimit: { windowMs: 15 * 60_000, limit: Number(env.JINTU_LOGIN_RATE_LIMIT ?? 10) },
    designerDist: path.join(root, "designer", "dist"),
    portalDist: path.join(root, "portal", "dist"),
    processesDir: path.join(root, "processes"),
  };
}

function parseTrustProxy(value: string): boolean | number | string {
  if (value === "true") return true;
  if (value === "false") return false;
  return /^\d+$/.test(value) ? Number(value) : value;
}
