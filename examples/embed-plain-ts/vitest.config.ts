import { project } from "../../vitest.shared.js"

// The tests run the app in child processes.
export default project("embed-plain-ts")
