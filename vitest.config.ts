import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/unit/**/*.test.ts"],
    testTimeout: 60_000,
    // Some files sync the real upstream (a 60 MB repository) once in beforeAll: minutes on a loaded machine, not 10 s.
    hookTimeout: 300_000,
    // Two files at a time even on two cores: the slow files wait on git and child processes.
    maxWorkers: 2,
  },
});
