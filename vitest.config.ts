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
  },
});
