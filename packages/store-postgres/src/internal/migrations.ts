// The schema, as numbered migrations for the Migrator of effect/sql. Every table starts its primary key
// with district_id and points at tongxin_districts, so a table can later be partitioned by district
// without changing a key. Key, filter and date columns use COLLATE "C": byte order of UTF-8, which
// is the code-point order `Collections.compareKeys` defines, whatever the database's own locale.
// Documents are JSON text, not jsonb: jsonb refuses "\u0000" inside strings and unpaired
// surrogates, which JSON.stringify writes and MemoryStore keeps.
import * as Effect from "effect/Effect"
import * as SqlClient from "effect/sql/SqlClient"

/** The table in which the Migrator records what it ran; ours, so it never meets another app's. */
export const migrationsTable = "tongxin_migrations"

const initial = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  yield* sql`
    CREATE TABLE tongxin_districts (
      id text COLLATE "C" NOT NULL PRIMARY KEY,
      info text NOT NULL,
      last_position bigint NOT NULL DEFAULT 0,
      last_progress bigint NOT NULL DEFAULT 0
    )`
  yield* sql`
    CREATE TABLE tongxin_items (
      district_id text COLLATE "C" NOT NULL REFERENCES tongxin_districts (id),
      collection text COLLATE "C" NOT NULL,
      key text COLLATE "C" NOT NULL,
      f1 text COLLATE "C",
      f2 text COLLATE "C",
      f3 text COLLATE "C",
      day text COLLATE "C",
      doc text NOT NULL,
      PRIMARY KEY (district_id, collection, key)
    )`
  yield* sql`CREATE INDEX tongxin_items_f1 ON tongxin_items (district_id, collection, f1, key) WHERE f1 IS NOT NULL`
  yield* sql`CREATE INDEX tongxin_items_f2 ON tongxin_items (district_id, collection, f2, key) WHERE f2 IS NOT NULL`
  yield* sql`CREATE INDEX tongxin_items_f3 ON tongxin_items (district_id, collection, f3, key) WHERE f3 IS NOT NULL`
  yield* sql`CREATE INDEX tongxin_items_day ON tongxin_items (district_id, collection, day) WHERE day IS NOT NULL`
  // One row per attendance entry of an activity, in the activity's order (seq from 0).
  yield* sql`
    CREATE TABLE tongxin_attendance (
      district_id text COLLATE "C" NOT NULL REFERENCES tongxin_districts (id),
      activity_id text COLLATE "C" NOT NULL,
      seq integer NOT NULL,
      member_id text COLLATE "C" NOT NULL,
      status text COLLATE "C" NOT NULL,
      half_days integer,
      speech text COLLATE "C",
      PRIMARY KEY (district_id, activity_id, seq)
    )`
  yield* sql`
    CREATE TABLE tongxin_events (
      district_id text COLLATE "C" NOT NULL REFERENCES tongxin_districts (id),
      position bigint NOT NULL,
      case_id text COLLATE "C" NOT NULL,
      version integer NOT NULL,
      type text NOT NULL,
      data text NOT NULL,
      meta text NOT NULL,
      PRIMARY KEY (district_id, position),
      CONSTRAINT tongxin_events_case_version UNIQUE (district_id, case_id, version)
    )`
  yield* sql`
    CREATE TABLE tongxin_assignment_runs (
      district_id text COLLATE "C" NOT NULL REFERENCES tongxin_districts (id),
      id text COLLATE "C" NOT NULL,
      kind text COLLATE "C" NOT NULL,
      created_at text COLLATE "C" NOT NULL,
      objective double precision NOT NULL,
      placement_count integer NOT NULL,
      doc text NOT NULL,
      PRIMARY KEY (district_id, id)
    )`
  yield* sql`CREATE INDEX tongxin_assignment_runs_created ON tongxin_assignment_runs (district_id, created_at, id)`
  yield* sql`
    CREATE TABLE tongxin_placements (
      district_id text COLLATE "C" NOT NULL,
      run_id text COLLATE "C" NOT NULL,
      seq integer NOT NULL,
      agent text COLLATE "C" NOT NULL,
      target text COLLATE "C" NOT NULL,
      PRIMARY KEY (district_id, run_id, seq),
      FOREIGN KEY (district_id, run_id) REFERENCES tongxin_assignment_runs (district_id, id) ON DELETE CASCADE
    )`
  yield* sql`
    CREATE TABLE tongxin_progress (
      district_id text COLLATE "C" NOT NULL REFERENCES tongxin_districts (id),
      seq bigint NOT NULL,
      outcome_id text COLLATE "C" NOT NULL,
      doc text NOT NULL,
      PRIMARY KEY (district_id, seq)
    )`
  yield* sql`CREATE INDEX tongxin_progress_outcome ON tongxin_progress (district_id, outcome_id, seq)`
  yield* sql`
    CREATE TABLE tongxin_evaluations (
      district_id text COLLATE "C" NOT NULL REFERENCES tongxin_districts (id),
      rubric_id text COLLATE "C" NOT NULL,
      period text COLLATE "C" NOT NULL,
      computed_at text NOT NULL,
      results text NOT NULL,
      PRIMARY KEY (district_id, rubric_id, period)
    )`
})

/** Every migration, by `<id>_<name>`; append new ones, never edit a released one. */
export const migrations: Record<string, Effect.Effect<void, unknown, SqlClient.SqlClient>> = {
  "0001_initial": initial,
}
