import { describe, expect, it } from "vitest"
import { spawnSync } from "node:child_process"
import { mkdtempSync } from "node:fs"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"

const main = fileURLToPath(new URL("../src/main.ts", import.meta.url))
const qingshan = fileURLToPath(new URL("../../qingshan/data/qingshan.json", import.meta.url))
const tsx = createRequire(import.meta.url).resolve("tsx/cli")
const run = (...args: ReadonlyArray<string>) =>
  spawnSync(process.execPath, [tsx, "--conditions=@tongxin/source", main, ...args], {
    encoding: "utf8",
    // A hang guard only, as long as vitest's (vitest.shared.ts): a child on a loaded machine may be slow.
    timeout: 600_000,
  })

describe("a plain TypeScript app embedding Tongxin", () => {
  it("stores the district, runs a case and applies the rules with async/await only", () => {
    const store = join(mkdtempSync(join(tmpdir(), "tongxin-embed-")), "district.db")
    const first = run(qingshan, store)
    expect(first.stderr).toBe("")
    expect(first.status).toBe(0)
    expect(first.stdout).toContain("imported 233 members and 5036 attendance rows")
    expect(first.stdout).toContain("case embed-demo-case: approved (version 2)")
    expect(first.stdout).toContain("平台覆盖: 129/129")
    expect(first.stdout).toContain("优秀: 16")
    const again = run(qingshan, store)
    expect(again.status).toBe(0)
    expect(again.stdout).toContain('"approve" refused: possible now: startResearch')
  })

  it("prints a bad file's problems with their lines and exits 1", () => {
    const bad = fileURLToPath(new URL("../../../packages/core/test/fixtures/broken-district.yaml", import.meta.url))
    const r = run(bad, join(mkdtempSync(join(tmpdir(), "tongxin-embed-")), "x.db"))
    expect(r.status).toBe(1)
    expect(r.stderr).toContain("broken-district.yaml:20:32")
  })
})
