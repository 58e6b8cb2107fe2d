import { describe, expect, it } from "@effect/vitest"
import { MemoryStore } from "@tongxin/core"
import { storeConformance } from "@tongxin/store-testkit"
import { execFile } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"
import type { BrokenAdapter } from "./broken/adapters.js"

// The reference model passes its own kit.
storeConformance("memory", MemoryStore.layer, { capabilities: { concurrentWriters: false, persistent: false } })

interface Report {
  readonly testResults: ReadonlyArray<{
    readonly assertionResults: ReadonlyArray<{
      readonly ancestorTitles: ReadonlyArray<string>
      readonly title: string
      readonly status: string
      readonly failureMessages?: ReadonlyArray<string>
    }>
  }>
}

const root = fileURLToPath(new URL("../../..", import.meta.url))
const config = fileURLToPath(new URL("./broken/vitest.config.ts", import.meta.url))

// Runs the kit against a broken adapter in a child vitest and returns the failed tests as
// "group › test: failure message".
const failuresOf = async (adapter: BrokenAdapter): Promise<ReadonlyArray<string>> => {
  const dir = mkdtempSync(join(tmpdir(), "tongxin-kit-"))
  const out = join(dir, "report.json")
  try {
    await promisify(execFile)(
      join(root, "node_modules/.bin/vitest"),
      ["run", "--config", config, "--reporter=json", `--outputFile=${out}`],
      {
        cwd: root,
        env: { ...process.env, TONGXIN_BROKEN_ADAPTER: adapter },
        maxBuffer: 64 * 1024 * 1024,
      },
    ).catch(() => undefined)
    const report = JSON.parse(readFileSync(out, "utf8")) as Report
    return report.testResults.flatMap((f) =>
      f.assertionResults
        .filter((a) => a.status === "failed")
        .map((a) => `${a.ancestorTitles.at(-1)} › ${a.title}: ${a.failureMessages?.join(" ") ?? ""}`),
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

describe("the kit fails broken adapters", () => {
  // Each broken adapter must fail the group written for its fault; the model-based group, which
  // knows nothing of the faults, must catch them too.
  // Where the kit names the broken guarantee in its message, the failure must say it.
  const cases: ReadonlyArray<readonly [BrokenAdapter, ReadonlyArray<string>, string?]> = [
    ["lost-write", ["crud", "model-based"]],
    ["ignored-expected-version", ["events-concurrency", "model-based"]],
    [
      "stale-version-on-long-cases",
      ["events-concurrency"],
      "guarantee: append refuses an expected version that is not the case's current one",
    ],
    [
      "check-then-append",
      ["events-concurrency"],
      "guarantee: of writers appending at the same expected version, exactly one succeeds",
    ],
    [
      "leaking-filtered-reads",
      ["tenant-isolation"],
      "guarantee: a read in one district returns that district's rows only",
    ],
    ["leaking-tenant", ["tenant-isolation"]],
    ["half-applied-import", ["import-transactions", "model-based"]],
  ]
  for (const [adapter, groups, guarantee] of cases) {
    it(`${adapter}: fails in ${groups.join(" and ")}${guarantee === undefined ? "" : ", naming the guarantee"}`, async () => {
      const failed = await failuresOf(adapter)
      for (const group of groups)
        expect(
          failed.some((f) => f.startsWith(`${group} ›`)),
          `${group} catches it; failed:\n${failed.map((f) => f.split("\n")[0]).join("\n")}`,
        ).toBe(true)
      if (guarantee !== undefined)
        expect(
          failed.some((f) => f.includes(guarantee)),
          `a failure names "${guarantee}"; failed:\n${failed.map((f) => f.split("\n")[0]).join("\n")}`,
        ).toBe(true)
    }, 600_000) // a hang guard, as long as vitest.shared.ts's
  }
})
