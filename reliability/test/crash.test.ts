// Crash: a child process importing a district into SQLite is killed with SIGKILL at 20 points spread
// over the import (and a little after it). Each time the file passes `PRAGMA integrity_check` and
// `foreign_key_check`, and the store holds exactly the old or the new version of the district —
// the new one whenever the child had reported the import done.
import { Store } from "@tongxin/core"
import { DatabaseSync } from "node:sqlite"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { spawn } from "node:child_process"
import { createHash } from "node:crypto"
import { join } from "node:path"
import { performance } from "node:perf_hooks"
import { fileURLToPath } from "node:url"
import { SqliteStore } from "@tongxin/store-sqlite"
import { describe, expect, it } from "vitest"
import { crashDistrict, version } from "./crashData.js"
import { mulberry32, tempDir } from "./support.js"

const child = fileURLToPath(new URL("./children/import.ts", import.meta.url))
const root = fileURLToPath(new URL("..", import.meta.url))

// A digest of everything the store holds for the district, read through the adapter.
const fingerprint = (filename: string): Promise<string> =>
  Effect.runPromise(
    Effect.gen(function* () {
      const store = yield* Store.Store
      const data = yield* store.loadDistrict(crashDistrict)
      return Option.isNone(data) ? "none" : createHash("sha256").update(JSON.stringify(data.value)).digest("hex")
    }).pipe(Effect.provide(SqliteStore.layer({ filename }))) as Effect.Effect<string>,
  )

const checkFile = (filename: string) => {
  const db = new DatabaseSync(filename, { readOnly: true })
  try {
    const integrity = db.prepare("PRAGMA integrity_check").get() as { readonly integrity_check: string }
    return {
      integrity: integrity.integrity_check,
      foreignKeys: db.prepare("PRAGMA foreign_key_check").all() as Array<unknown>,
    }
  } finally {
    db.close()
  }
}

interface ChildRun {
  readonly done: boolean
  /** From "ready" to "done": the import itself. */
  readonly importMs: number
  readonly signal: NodeJS.Signals | null
  readonly code: number | null
  readonly stderr: string
}

// Starts the child; once it is ready, kills it after `killAfterMs` (never, when undefined).
const importInChild = (filename: string, which: "A" | "B", killAfterMs?: number): Promise<ChildRun> =>
  new Promise((resolve) => {
    const p = spawn(process.execPath, ["--import", "tsx", "--conditions=@tongxin/source", child, filename, which], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
    })
    let done = false
    let stderr = ""
    let ready = 0
    let importMs = 0
    p.stderr.on("data", (b: Buffer) => (stderr += b.toString()))
    p.stdout.on("data", (b: Buffer) => {
      const text = b.toString()
      if (text.includes("ready")) {
        ready = performance.now()
        if (killAfterMs !== undefined) setTimeout(() => p.kill("SIGKILL"), killAfterMs)
      }
      if (text.includes("done")) {
        done = true
        importMs = performance.now() - ready
      }
    })
    p.on("exit", (code, signal) => resolve({ done, importMs, signal, code, stderr }))
  })

describe("SIGKILL during an import into SQLite", () => {
  it("20 kills inside the import, at random points: integrity_check ok, and exactly the old or the new district every time", async () => {
    const dir = tempDir()
    const filename = join(dir, "crash.db")
    // References: each version imported to completion in a file of its own.
    const reference = { A: "", B: "" }
    for (const which of ["A", "B"] as const) {
      const file = join(dir, `reference-${which}.db`)
      await Effect.runPromise(
        Effect.flatMap(Store.Store, (s) => s.importDistrict(version(which))).pipe(
          Effect.provide(SqliteStore.layer({ filename: file })),
        ) as Effect.Effect<unknown>,
      )
      reference[which] = await fingerprint(file)
    }
    expect(reference.A).not.toBe(reference.B)

    // Children that are not killed finish. How long replacing a district takes (deletes, then
    // inserts) sets the kill window, so that some kills land around the commit too.
    const first = await importInChild(filename, "A")
    expect(first, first.stderr).toMatchObject({ done: true, code: 0 })
    expect(await fingerprint(filename)).toBe(reference.A)
    const second = await importInChild(filename, "B")
    expect(second, second.stderr).toMatchObject({ done: true, code: 0 })
    expect(await fingerprint(filename)).toBe(reference.B)
    // The window follows the imports that finish: on a loaded machine an import may take longer or
    // shorter than the one measured here, and the test must not depend on it (runs are counted).
    let importMs = second.importMs

    const seed = Number(process.env["TONGXIN_CRASH_SEED"] ?? 20251129)
    const random = mulberry32(seed)
    let current: "A" | "B" = "B"
    const outcomes: Array<string> = []
    const killed = () => outcomes.filter((o) => o.startsWith("killed")).length
    for (let run = 0; killed() < 20 && run < 100; run++) {
      const next = current === "A" ? "B" : "A"
      // Anywhere from the first statement to a little after the commit.
      const killAfterMs = Math.floor(random() * importMs * 1.2)
      const result = await importInChild(filename, next, killAfterMs)
      const label = `run ${run + 1} (seed ${seed}, killed ${killAfterMs} ms after ready, ${current} → ${next})`
      expect(result.signal === "SIGKILL" || result.done, `${label}: ${result.stderr}`).toBe(true)
      expect(checkFile(filename), label).toEqual({ integrity: "ok", foreignKeys: [] })
      const now = await fingerprint(filename)
      expect([reference.A, reference.B], label).toContain(now)
      const state = now === reference.A ? "A" : "B"
      if (result.done) expect(state, `${label}: the child reported the import done`).toBe(next)
      outcomes.push(`${result.done ? "finished" : "killed"}→${state === next ? "new" : "old"}`)
      current = state
      if (result.done) importMs = result.importMs
    }
    console.log(`SIGKILL runs (last import ≈ ${Math.round(importMs)} ms): ${outcomes.join(", ")}`)
    // Twenty kills must land inside the import, or the test proves little; a run that finished
    // before its kill narrowed the window for the next ones.
    expect(killed()).toBe(20)
  })
})
