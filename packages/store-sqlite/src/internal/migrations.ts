// The schema, as numbered migrations run by @effect/sql's Migrator when a store is built. Add a new
// entry for every change; never edit one that was released.
import * as Migrator from "@effect/sql/Migrator"
import * as SqlClient from "@effect/sql/SqlClient"
import * as Effect from "effect/Effect"

// Every table starts its primary key with district_id and references districts(id): one file can
// hold many districts, and each sees only its own rows.
const initial: ReadonlyArray<string> = [
  // The counters hand out event positions and progress sequence numbers without gaps.
  `CREATE TABLE districts (
    id TEXT NOT NULL PRIMARY KEY,
    info_json TEXT NOT NULL,
    last_position INTEGER NOT NULL DEFAULT 0,
    last_progress INTEGER NOT NULL DEFAULT 0
  ) STRICT`,
  // One table for every collection: the item's JSON plus the columns list and stream filter on.
  // Activities are stored without their attendance, which has a table of its own.
  `CREATE TABLE items (
    district_id TEXT NOT NULL REFERENCES districts (id),
    collection TEXT NOT NULL,
    key TEXT NOT NULL,
    json TEXT NOT NULL,
    f1 TEXT,
    f2 TEXT,
    f3 TEXT,
    day TEXT,
    PRIMARY KEY (district_id, collection, key)
  ) STRICT`,
  `CREATE INDEX items_f1 ON items (district_id, collection, f1, key) WHERE f1 IS NOT NULL`,
  `CREATE INDEX items_f2 ON items (district_id, collection, f2, key) WHERE f2 IS NOT NULL`,
  `CREATE INDEX items_f3 ON items (district_id, collection, f3, key) WHERE f3 IS NOT NULL`,
  `CREATE INDEX items_day ON items (district_id, collection, day, key) WHERE day IS NOT NULL`,
  `CREATE TABLE attendance (
    district_id TEXT NOT NULL REFERENCES districts (id),
    activity_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    member_id TEXT NOT NULL,
    status TEXT NOT NULL,
    half_days INTEGER,
    speech TEXT,
    PRIMARY KEY (district_id, activity_id, seq)
  ) STRICT, WITHOUT ROWID`,
  `CREATE TABLE events (
    district_id TEXT NOT NULL REFERENCES districts (id),
    position INTEGER NOT NULL,
    case_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    type TEXT NOT NULL,
    data_json TEXT NOT NULL,
    meta_json TEXT NOT NULL,
    PRIMARY KEY (district_id, position)
  ) STRICT`,
  `CREATE UNIQUE INDEX events_case_version ON events (district_id, case_id, version)`,
  `CREATE TABLE runs (
    district_id TEXT NOT NULL REFERENCES districts (id),
    id TEXT NOT NULL,
    kind TEXT NOT NULL,
    created_at TEXT NOT NULL,
    objective REAL NOT NULL,
    meta_json TEXT NOT NULL,
    placement_count INTEGER NOT NULL,
    PRIMARY KEY (district_id, id)
  ) STRICT`,
  `CREATE INDEX runs_order ON runs (district_id, created_at, id)`,
  `CREATE TABLE placements (
    district_id TEXT NOT NULL REFERENCES districts (id),
    run_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    agent TEXT NOT NULL,
    target TEXT NOT NULL,
    PRIMARY KEY (district_id, run_id, seq),
    FOREIGN KEY (district_id, run_id) REFERENCES runs (district_id, id) ON DELETE CASCADE
  ) STRICT, WITHOUT ROWID`,
  `CREATE TABLE progress (
    district_id TEXT NOT NULL REFERENCES districts (id),
    seq INTEGER NOT NULL,
    outcome_id TEXT NOT NULL,
    json TEXT NOT NULL,
    PRIMARY KEY (district_id, seq)
  ) STRICT`,
  `CREATE INDEX progress_outcome ON progress (district_id, outcome_id, seq)`,
  `CREATE TABLE evaluations (
    district_id TEXT NOT NULL REFERENCES districts (id),
    rubric_id TEXT NOT NULL,
    period TEXT NOT NULL,
    computed_at TEXT NOT NULL,
    results_json TEXT NOT NULL,
    PRIMARY KEY (district_id, rubric_id, period)
  ) STRICT`,
]

const statements = (list: ReadonlyArray<string>) =>
  Effect.flatMap(SqlClient.SqlClient, (sql) => Effect.forEach(list, (text) => sql.unsafe(text), { discard: true }))

/** Every migration, by `NNNN_name`. */
export const migrations: Record<string, Effect.Effect<void, unknown, SqlClient.SqlClient>> = {
  "0001_initial": statements(initial),
}

/** The table the Migrator records applied migrations in; its own name so it never meets an app's. */
export const table = "tongxin_migrations"

/** Applies the migrations not applied yet; returns those it ran (none when the schema is current). */
export const migrate = Migrator.make({})({ loader: Migrator.fromRecord(migrations), table })
