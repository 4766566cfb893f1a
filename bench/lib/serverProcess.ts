// Starts bench/lib/serverMain.ts as a child process (node --import tsx) and waits until it listens.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

export interface ServerChild {
  url: string;
  pid: number;
  /** the engine's node id (job lock owner); absent for the hello server */
  nodeId?: string;
  child: ChildProcess;
  /** stderr and stdout lines seen so far (for failure messages) */
  output: string[];
  stop(): Promise<void>;
  kill9(): Promise<void>;
}

const main = path.resolve(import.meta.dirname, "serverMain.ts");
export const helloMain = path.resolve(import.meta.dirname, "helloMain.ts");
const root = path.resolve(import.meta.dirname, "../..");

export async function startServerProcess(env: Record<string, string>, extraNodeArgs: string[] = [], script = main): Promise<ServerChild> {
  const child = spawn(process.execPath, [...extraNodeArgs, "--import", "tsx", script], {
    cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const ready = await new Promise<{ url: string; pid: number; nodeId?: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within 60 s:\n${output.join("\n")}`)), 60_000);
    let buffer = "";
    child.stdout!.on("data", (d: Buffer) => {
      buffer += d.toString();
      let i;
      while ((i = buffer.indexOf("\n")) >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 1);
        output.push(line);
        const m = /^JINTU_SERVER_READY (.*)$/.exec(line);
        if (m) {
          clearTimeout(timer);
          resolve(JSON.parse(m[1]));
        }
      }
    });
    child.stderr!.on("data", (d: Buffer) => output.push(d.toString()));
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${output.join("\n")}`));
    });
  });
  return {
    ...ready,
    child,
    output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
    async kill9() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGKILL");
      await exited;
    },
  };
}

export const workerAuth = { username: "worker", password: "demo" };
export const adminAuth = { username: "demo", password: "demo" };

export function basicAuthHeader(auth: { username: string; password: string }): string {
  return "Basic " + Buffer.from(`${auth.username}:${auth.password}`).toString("base64");
}
