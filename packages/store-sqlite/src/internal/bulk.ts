// Multi-row INSERTs whose statement texts repeat, so SQLite prepares each once and the client's
// prepared-statement cache (keyed by text) reuses it: full chunks of `rowsPerStatement` rows, then
// the remainder split into powers of two. Every chunk size is a power of two, so a table never has
// more than log2(rowsPerStatement) + 1 distinct texts, whatever the number of rows.
import * as Effect from "effect/Effect"
import type * as SqlClient from "effect/sql/SqlClient"
import type { SqlError } from "effect/sql/SqlError"

/** SQLite's limit on bound parameters per statement (SQLITE_MAX_VARIABLE_NUMBER since 3.32). */
export const maxParameters = 32_766

/** How to insert rows into one table. */
export interface Insert {
  readonly columns: number
  readonly rowsPerStatement: number
  readonly text: (rows: number) => string
}

/**
 * An INSERT of `columns` values per row: `head` is everything before `VALUES`, `tail` what follows
 * the rows (e.g. an ON CONFLICT clause). `rowsPerStatement` is rounded down to a power of two and
 * kept under SQLite's parameter limit.
 */
export const insert = (options: {
  readonly head: string
  readonly columns: number
  readonly tail?: string
  readonly rowsPerStatement?: number
}): Insert => {
  const { head, columns, tail = "" } = options
  const limit = Math.min(options.rowsPerStatement ?? 512, Math.floor(maxParameters / columns))
  const rowsPerStatement = 2 ** Math.floor(Math.log2(Math.max(1, limit)))
  const row = `(${new Array<string>(columns).fill("?").join(",")})`
  const texts = new Map<number, string>()
  return {
    columns,
    rowsPerStatement,
    text: (rows) => {
      let text = texts.get(rows)
      if (text === undefined) {
        text = `${head} VALUES ${new Array<string>(rows).fill(row).join(",")}${tail === "" ? "" : ` ${tail}`}`
        texts.set(rows, text)
      }
      return text
    },
  }
}

/**
 * Inserts `count` rows. `fill` writes row `i`'s values into `params` from `offset`; it is called
 * for i = 0, 1, 2, … in order, so it may walk its source with a cursor.
 */
export const run = (
  sql: SqlClient.SqlClient,
  table: Insert,
  count: number,
  fill: (params: Array<unknown>, offset: number, i: number) => void,
): Effect.Effect<void, SqlError> =>
  Effect.suspend(() => {
    const statements: Array<Effect.Effect<unknown, SqlError>> = []
    let done = 0
    while (done < count) {
      const left = count - done
      const rows = left >= table.rowsPerStatement ? table.rowsPerStatement : 2 ** Math.floor(Math.log2(left))
      const start = done
      // Parameters are built just before each statement runs, so only one chunk is held at a time.
      statements.push(
        Effect.suspend(() => {
          const params = new Array<unknown>(rows * table.columns)
          for (let r = 0; r < rows; r++) fill(params, r * table.columns, start + r)
          return sql.unsafe(table.text(rows), params).raw
        }),
      )
      done += rows
    }
    return Effect.forEach(statements, (s) => s, { discard: true })
  })
