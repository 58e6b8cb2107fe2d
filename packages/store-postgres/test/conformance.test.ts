// The conformance kit, against a throwaway database on TONGXIN_PG_URL's server or against PGlite
// (see src/Testing.ts); both declare what PgStore declares.
import { storeConformance } from "@tongxin/store-testkit"
import { conformanceLayer, database } from "./support.js"

storeConformance(`postgres (${database().mode})`, conformanceLayer(), {
  capabilities: { concurrentWriters: true, persistent: true },
})
