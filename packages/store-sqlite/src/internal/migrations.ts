// The schema, as numbered migrations run by effect/sql's Migrator when a store is built. Add a new
// entry for every change; never edit one that was released.
import * as Effect from "effect/Effect"
import * as Migrator from "effect/sql/Migrator"
import * as SqlClient from "effect/sql/SqlClient"

// Every table starts its primary key with district_id and references tongxin_districts(id): one
// file can hold many districts, and each sees only its own rows. Table and column names are the
// PostgreSQL adapter's (tongxin_*; documents in `doc`, `info`, `data`, `meta`, `results`), so SQL
// written against one store reads the other.
const initial: ReadonlyArray<string> = [
  // The counters hand out event positions and progress sequence numbers without gaps.
  `CREATE TABLE tongxin_districts (
    id TEXT NOT NULL PRIMARY KEY,
    info TEXT NOT NULL,
    last_position INTEGER NOT NULL DEFAULT 0,
    last_progress INTEGER NOT NULL DEFAULT 0
  ) STRICT`,
  // One table for every collection: the item's JSON (`doc`) plus the columns list and stream filter on.
  // Activities are stored without their attendance, which has a table of its own.
  `CREATE TABLE tongxin_items (
    district_id TEXT NOT NULL REFERENCES tongxin_districts (id),
    collection TEXT NOT NULL,
    key TEXT NOT NULL,
    doc TEXT NOT NULL,
    f1 TEXT,
    f2 TEXT,
    f3 TEXT,
    day TEXT,
    PRIMARY KEY (district_id, collection, key)
  ) STRICT`,
  `CREATE INDEX tongxin_items_f1 ON tongxin_items (district_id, collection, f1, key) WHERE f1 IS NOT NULL`,
  `CREATE INDEX tongxin_items_f2 ON tongxin_items (district_id, collection, f2, key) WHERE f2 IS NOT NULL`,
  `CREATE INDEX tongxin_items_f3 ON tongxin_items (district_id, collection, f3, key) WHERE f3 IS NOT NULL`,
  `CREATE INDEX tongxin_items_day ON tongxin_items (district_id, collection, day, key) WHERE day IS NOT NULL`,
  `CREATE TABLE tongxin_attendance (
    district_id TEXT NOT NULL REFERENCES tongxin_districts (id),
    activity_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    member_id TEXT NOT NULL,
    status TEXT NOT NULL,
    half_days INTEGER,
    speech TEXT,
    PRIMARY KEY (district_id, activity_id, seq)
  ) STRICT, WITHOUT ROWID`,
  `CREATE TABLE tongxin_events (
    district_id TEXT NOT NULL REFERENCES tongxin_districts (id),
    position INTEGER NOT NULL,
    case_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    type TEXT NOT NULL,
    data TEXT NOT NULL,
    meta TEXT NOT NULL,
    PRIMARY KEY (district_id, position)
  ) STRICT`,
  `CREATE UNIQUE INDEX tongxin_events_case_version ON tongxin_events (district_id, case_id, version)`,
  `CREATE TABLE tongxin_assignment_runs (
    district_id TEXT NOT NULL REFERENCES tongxin_districts (id),
    id TEXT NOT NULL,
    kind TEXT NOT NULL,
    created_at TEXT NOT NULL,
    objective REAL NOT NULL,
    placement_count INTEGER NOT NULL,
    doc TEXT NOT NULL,
    PRIMARY KEY (district_id, id)
  ) STRICT`,
  `CREATE INDEX tongxin_assignment_runs_created ON tongxin_assignment_runs (district_id, created_at, id)`,
  `CREATE TABLE tongxin_placements (
    district_id TEXT NOT NULL REFERENCES tongxin_districts (id),
    run_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    agent TEXT NOT NULL,
    target TEXT NOT NULL,
    PRIMARY KEY (district_id, run_id, seq),
    FOREIGN KEY (district_id, run_id) REFERENCES tongxin_assignment_runs (district_id, id) ON DELETE CASCADE
  ) STRICT, WITHOUT ROWID`,
  `CREATE TABLE tongxin_progress (
    district_id TEXT NOT NULL REFERENCES tongxin_districts (id),
    seq INTEGER NOT NULL,
    outcome_id TEXT NOT NULL,
    doc TEXT NOT NULL,
    PRIMARY KEY (district_id, seq)
  ) STRICT`,
  `CREATE INDEX tongxin_progress_outcome ON tongxin_progress (district_id, outcome_id, seq)`,
  `CREATE TABLE tongxin_evaluations (
    district_id TEXT NOT NULL REFERENCES tongxin_districts (id),
    rubric_id TEXT NOT NULL,
    period TEXT NOT NULL,
    computed_at TEXT NOT NULL,
    results TEXT NOT NULL,
    PRIMARY KEY (district_id, rubric_id, period)
  ) STRICT`,
]

const statements = (list: ReadonlyArray<string>) =>
  Effect.flatMap(SqlClient.SqlClient, (sql) => Effect.forEach(list, (text) => sql.unsafe(text), { discard: true }))

/** Every migration, by `NNNN_name`. */
export const migrations: Record<string, Effect.Effect<void, unknown, SqlClient.SqlClient>> = {
  "0001_initial": statements(initial),
}

/** The table the Migrator records applied migrations in; its own name (the PostgreSQL adapter's too), so it never meets an app's. */
export const table = "tongxin_migrations"

/** Applies the migrations not applied yet; returns those it ran (none when the schema is current). */
export const migrate = Migrator.make({})({ loader: Migrator.fromRecord(migrations), table })
