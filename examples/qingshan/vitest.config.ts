import { project } from "../../vitest.shared.js"

// demo.test.ts runs the demo in child processes.
export default project("example-qingshan")
