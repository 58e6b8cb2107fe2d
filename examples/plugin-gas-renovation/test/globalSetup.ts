// One PostgreSQL database for the run (a throwaway one on TONGXIN_PG_URL's server, or embedded
// PGlite), handed to the test files as inject("pg").
import { startTestDatabase } from "@tongxin/store-postgres/testing"
import type { TestProject } from "vitest/node"

declare module "vitest" {
  export interface ProvidedContext {
    pg: { readonly url: string; readonly maxConnections: number }
  }
}

export default async function setup(project: TestProject) {
  const db = await startTestDatabase()
  project.provide("pg", { url: db.url, maxConnections: db.maxConnections })
  return () => db.stop()
}
