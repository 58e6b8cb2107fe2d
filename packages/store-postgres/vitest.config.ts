import { project } from "../../vitest.shared.js"

// One PostgreSQL (or embedded PGlite) per run, started by globalSetup: suites here share it, so run
// files one at a time.
export default project("store-postgres", {
  fileParallelism: false,
  globalSetup: ["test/globalSetup.ts"],
})
