// Starts one database for the whole run and hands its url to the test files (`inject("pg")`).
import type { TestProject } from "vitest/node"
import { startTestDatabase } from "../src/Testing.js"

declare module "vitest" {
  export interface ProvidedContext {
    pg: { readonly mode: "postgres" | "pglite"; readonly url: string; readonly maxConnections: number }
  }
}

export default async function setup(project: TestProject) {
  const started = performance.now()
  const db = await startTestDatabase()
  console.log(
    `store-postgres tests run against ${db.mode === "postgres" ? "a throwaway database on TONGXIN_PG_URL's server" : "PGlite"} (ready in ${Math.round(performance.now() - started)} ms)`,
  )
  project.provide("pg", { mode: db.mode, url: db.url, maxConnections: db.maxConnections })
  return () => db.stop()
}
