import { project } from "../../vitest.shared.js"

// The tests run the app in child processes (up to 60 s each, two runs in one test): the default
// 30 s per test is too tight on a busy machine.
export default project("embed-plain-ts", { testTimeout: 150_000 })
