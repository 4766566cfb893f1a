import { defineConfig } from "vitest/config";

// One test run for every folder. Tests that touch the database get a fresh database each
// (see engine/testing); browser tests drive Debian's chromium through playwright-core.
export default defineConfig({
  test: {
    include: ["**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/dist/**"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Most test files wait on servers, databases and a browser rather than computing, so two files run
    // side by side even on a 2-core machine (Vitest's default there is one). JINTU_TEST_WORKERS overrides.
    maxWorkers: Number(process.env.JINTU_TEST_WORKERS ?? 2),
  },
});
