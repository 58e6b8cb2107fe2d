import { project } from "../../vitest.shared.js"

// The PostgreSQL store is one database for the run (test/globalSetup.ts), emptied for each test:
// files run one at a time.
export default project("plugin-gas-renovation", {
  fileParallelism: false,
  globalSetup: ["test/globalSetup.ts"],
})
