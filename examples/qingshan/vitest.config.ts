import { project } from "../../vitest.shared.js"

// demo.test.ts runs the demo in child processes (up to 60 s each, two runs in one test): the
// default 30 s per test is too tight on a busy machine.
export default project("example-qingshan", { testTimeout: 150_000 })
