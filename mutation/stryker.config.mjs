// Mutation testing of the store conformance kit (issue #20): StrykerJS mutates the in-memory
// reference store and the input checks every adapter shares, and the kit run against
// MemoryStore.layer (kit-memory.test.ts) is the only test suite. Run from the repository root:
// `pnpm mutation`. Not part of CI. Results: packages/store-testkit/README.md, "Mutation testing".
// @ts-check

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  packageManager: "pnpm",
  testRunner: "vitest",
  plugins: ["@stryker-mutator/vitest-runner"],
  // `related: false`: the test file is given, no need to ask vitest which tests import the mutants.
  vitest: { configFile: "mutation/vitest.config.ts", related: false },
  mutate: ["packages/core/src/store/MemoryStore.ts", "packages/core/src/store/StoreInput.ts"],
  // Each mutant runs only the kit tests that reached it in the dry run.
  coverageAnalysis: "perTest",
  // 2 cores: two vitest workers.
  concurrency: 2,
  // A mutant may turn a loop endless (a paging cursor that never advances, a retry that never
  // wins); it counts as a timeout after its tests' own time × 2 + 30 s.
  timeoutMS: 30_000,
  timeoutFactor: 2,
  dryRunTimeoutMinutes: 10,
  reporters: ["clear-text", "progress-append-only", "html", "json"],
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  htmlReporter: { fileName: "mutation/reports/mutation.html" },
  jsonReporter: { fileName: "mutation/reports/mutation.json" },
  tempDirName: "mutation/.stryker-tmp",
  // The sandbox needs the root config, the two packages and this folder (node_modules are symlinked).
  ignorePatterns: [
    "/*",
    "!/package.json",
    "!/tsconfig.base.json",
    "!/vitest.shared.ts",
    "!/mutation",
    "/mutation/reports",
    "!/packages",
    "/packages/*",
    "!/packages/core",
    "!/packages/store-testkit",
    "dist",
    "build",
  ],
  thresholds: { high: 90, low: 80, break: null },
}
