import { project } from "../vitest.shared.js"

// `pnpm test:reliability`: one PostgreSQL database for the run (test/globalSetup.ts); files run one
// at a time because the crash and concurrency tests each want the machine's cores.
export default project("reliability", {
  root: import.meta.dirname,
  fileParallelism: false,
  globalSetup: ["test/globalSetup.ts"],
})
