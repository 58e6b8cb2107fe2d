import { project } from "../../vitest.shared.js"

// `pnpm test:e2e`: the report in a real headless Chromium (Debian's `chromium`, or CHROMIUM_PATH).
export default project("report-e2e", {
  include: ["e2e/**/*.e2e.ts"],
  root: import.meta.dirname,
  testTimeout: 120_000,
  hookTimeout: 120_000,
})
