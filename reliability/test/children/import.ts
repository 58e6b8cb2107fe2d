// Child process of crash.test.ts: opens the SQLite store at argv[2], says "ready", imports version
// argv[3] ("A" or "B") of the crash district, says "done". The parent kills it with SIGKILL somewhere
// in between.
import { Store } from "@tongxin/core"
import { SqliteStore } from "@tongxin/store-sqlite"
import * as Effect from "effect/Effect"
import { version } from "../crashData.js"

const [filename, which] = process.argv.slice(2) as [string, "A" | "B"]
const data = version(which)
await Effect.runPromise(
  Effect.gen(function* () {
    const store = yield* Store.Store
    process.stdout.write("ready\n")
    yield* store.importDistrict(data)
    process.stdout.write("done\n")
  }).pipe(Effect.provide(SqliteStore.layer({ filename }))),
)
