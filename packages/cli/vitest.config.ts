import { project } from "../../vitest.shared.js"

// The tests run the built `tongxin` binary; test/globalSetup.ts builds it (and any stale
// workspace dependency) once before they start.
export default project("cli", { globalSetup: ["test/globalSetup.ts"] })
