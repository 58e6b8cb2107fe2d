import { describe, expect, it } from "@effect/vitest"
import { spawnSync } from "node:child_process"
import { createRequire } from "node:module"
import { mkdtempSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const demo = fileURLToPath(new URL("../src/demo.ts", import.meta.url))
const tsx = createRequire(import.meta.url).resolve("tsx/cli")
const freshStore = () => join(mkdtempSync(join(tmpdir(), "tongxin-demo-")), "qingshan.db")
const runWith = (store: string, ...args: ReadonlyArray<string>) =>
  spawnSync(process.execPath, [tsx, "--conditions=@tongxin/source", demo, "--store", store, ...args], {
    encoding: "utf8",
    // A hang guard only, as long as vitest's (vitest.shared.ts): a child on a loaded machine may be slow.
    timeout: 600_000,
  })
const run = (...args: ReadonlyArray<string>) => runWith(freshStore(), ...args)

describe("pnpm demo", () => {
  it("prints the bilingual summary, assignment, coverage and evaluation of Qingshan", () => {
    const r = run()
    expect(r.status).toBe(0)
    for (const text of [
      "青山区 Qingshan District",
      "委员 Members: 233",
      "最优性已验证 optimality verified",
      "社区（村）平台覆盖",
      "119         119",
      "履职考评",
      "冶金街道     76.0%",
    ]) {
      expect(r.stdout).toContain(text)
    }
  })

  it("keeps the district, the assignment and a year of consultation cases in SQLite; running again changes nothing", () => {
    const store = freshStore()
    const first = runWith(store)
    expect(first.status).toBe(0)
    for (const text of [
      `存储 Stored in SQLite: ${store}`,
      "233 委员 members",
      "5036 出勤 attendance rows",
      "新建 30 opened; 30 条哈希链已验证 hash chains verified",
      "老旧燃气管道改造·施工 Renovation works (Ageing gas-pipe renovation)",
      "逾期 Overdue: 2025-yejin-gas-pipes — reply",
    ]) {
      expect(first.stdout).toContain(text)
    }
    const report = readFileSync(join(dirname(store), "report.html"), "utf8")
    expect(first.stdout).toContain(`报告 Report (`)
    for (const section of ["overview", "coverage", "evaluation", "street-ranking", "cases", "committees"])
      expect(report).toContain(`data-section="${section}"`)
    expect(report).toContain("<svg")
    const again = runWith(store)
    expect(again.status).toBe(0)
    expect(again.stdout).toContain("已存在，未重复创建 already stored, left as they are")
    // Everything after the store line reads the same: the same data came back out.
    const after = (out: string) => out.slice(out.indexOf("阶段 Stage"))
    expect(after(again.stdout)).toEqual(after(first.stdout))
  })

  it("on a bad file prints every problem with file, line and path, and exits 1 without a stack trace", () => {
    const bad = fileURLToPath(new URL("../../../packages/core/test/fixtures/broken-district.yaml", import.meta.url))
    const r = run("--data", bad)
    expect(r.status).toBe(1)
    expect(r.stderr).toContain("14 problems")
    expect(r.stderr).toContain(
      "broken-district.yaml:20:32  members[2].level: must be one of national, provincial, city, district",
    )
    expect(r.stderr).toContain("应为 national、provincial、city、district 之一")
    expect(r.stderr).not.toMatch(/\n\s+at /)
  })

  it("explains usage mistakes with exit code 2", () => {
    expect(run("--data").status).toBe(2)
    expect(run("--frobnicate").stderr).toContain("unknown option --frobnicate")
    expect(run("--data", "/no/such/file.json").stderr).toContain("no such file")
  })
})
