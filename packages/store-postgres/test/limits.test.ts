// The largest values the port accepts come back whole. @effect/sql-pg 4 refuses a message from the
// server above its `maxMessageSize` (16 MiB unless told otherwise), while the port lets evaluation
// results take 32 MB in one row: PgStore raises the limit to PostgreSQL's own (1 GB a field).
import { describe, expect, it } from "@effect/vitest"
import { StoreInput } from "@tongxin/core"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { database, freshLayer, qingshan, storeOf } from "./support.js"

describe("PgStore with the largest values the port accepts", () => {
  it.live(
    "evaluation results above 16 MiB in one row are saved and read back (just under maxSnapshotBytes on a real server)",
    () =>
      Effect.gen(function* () {
        const store = yield* storeOf(freshLayer())
        const district = qingshan().district
        yield* store.putDistrict(district)
        // Rows of about 100 bytes of JSON each: up to 1 MB below the limit on a real server; 17 MiB on
        // PGlite, whose socket server gathers a message by copying its buffer once per network chunk,
        // so a 31 MB statement takes it half a minute.
        const row = (i: number) => ({
          memberId: `member-${String(i).padStart(8, "0")}`,
          score: i % 97,
          grade: "优秀",
          note: "按时参加协商活动",
        })
        const rowBytes = Buffer.byteLength(JSON.stringify(row(0))) + 1
        const bytes =
          database().mode === "postgres" ? StoreInput.limits.maxSnapshotBytes - 1024 * 1024 : 17 * 1024 * 1024
        const count = Math.floor(bytes / rowBytes)
        const results = Array.from({ length: count }, (_, i) => row(i))
        expect(Buffer.byteLength(JSON.stringify(results))).toBeGreaterThan(16 * 1024 * 1024)
        const snapshot = { rubricId: "big-rubric", period: "2025", computedAt: "2025-12-31T00:00:00.000Z", results }
        yield* store.saveEvaluation(district.id, snapshot)
        const back = yield* store.getEvaluation(district.id, "big-rubric", "2025")
        expect(Option.isSome(back)).toBe(true)
        expect(Option.getOrUndefined(back)).toEqual(snapshot)
      }),
    120_000,
  )
})
