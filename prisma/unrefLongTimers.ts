// Imported by both prisma.config.ts files (they run only inside the Prisma CLI): the wasm schema engine
// leaves an uncancelled 10 s / 60 s timer behind (migrate deploy/reset, db push), so the CLI would linger
// before exiting. Long timers are unref'd so the process ends when the work is done.
const originalSetTimeout = globalThis.setTimeout;
(globalThis as any).setTimeout = (fn: any, ms?: number, ...args: any[]) => {
  const timer = originalSetTimeout(fn, ms, ...args);
  if ((ms ?? 0) >= 10_000) (timer as any).unref?.();
  return timer;
};
