// The suite proves things only a real PostgreSQL server can show (several sessions at once, a
// backend killed from another connection), so it refuses to run on PGlite: set TONGXIN_PG_URL.
import { startTestDatabase } from "@tongxin/store-postgres/testing"
import type { TestProject } from "vitest/node"

declare module "vitest" {
  export interface ProvidedContext {
    pg: { readonly url: string }
  }
}

export default async function setup(project: TestProject) {
  if (!process.env["TONGXIN_PG_URL"]) {
    throw new Error(
      "The reliability suite needs a real PostgreSQL server: set TONGXIN_PG_URL (e.g. postgres://postgres@127.0.0.1:5432/test). " +
        "It creates a throwaway database there and drops it afterwards.",
    )
  }
  const db = await startTestDatabase()
  project.provide("pg", { url: db.url })
  return () => db.stop()
}
