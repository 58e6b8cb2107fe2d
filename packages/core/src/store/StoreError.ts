/**
 * The typed errors every `Store` adapter reports. Callers match on `_tag`; each carries what a
 * person needs to act on it.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Issue from "../model/Issue.js"

/**
 * The database failed: connection lost, disk full, constraint the port did not foresee. The write
 * that hit it is rolled back.
 *
 * @since 0.1.0
 * @category errors
 */
export class StoreError extends Schema.TaggedError<StoreError>()("StoreError", {
  /** What the store was doing, e.g. `importDistrict`. */
  operation: Schema.String,
  message: Schema.String,
  cause: Schema.optional(Schema.Defect()),
}) {}

/**
 * Input the store refused before writing anything: every problem, with its path.
 *
 * @since 0.1.0
 * @category errors
 */
export class InvalidInput extends Schema.TaggedError<InvalidInput>()("InvalidInput", {
  operation: Schema.String,
  issues: Schema.Array(Issue.Issue),
}) {
  override get message(): string {
    const n = this.issues.length
    return `${this.operation}: ${n} problem${n === 1 ? "" : "s"}, nothing was written:\n${this.issues.map((i) => `  - ${Issue.format(i)}`).join("\n")}`
  }
}

/**
 * A payload larger than the store accepts.
 *
 * @since 0.1.0
 * @category errors
 */
export class PayloadTooLarge extends Schema.TaggedError<PayloadTooLarge>()("PayloadTooLarge", {
  operation: Schema.String,
  path: Schema.String,
  bytes: Schema.Number,
  limit: Schema.Number,
}) {
  override get message(): string {
    return `${this.operation}: ${this.path} is ${this.bytes} bytes, more than the limit of ${this.limit}; nothing was written`
  }
}

/**
 * Something the operation needs does not exist, e.g. writing to a district that was never created.
 *
 * @since 0.1.0
 * @category errors
 */
export class NotFound extends Schema.TaggedError<NotFound>()("NotFound", {
  operation: Schema.String,
  /** What is missing: `district`, `outcome`, … */
  entity: Schema.String,
  id: Schema.String,
}) {
  override get message(): string {
    return `${this.operation}: no ${this.entity} "${this.id}"`
  }
}

/**
 * Another writer appended to the case first: `expected` is the version the caller read, `actual`
 * the version the store holds. Re-read the case and decide again.
 *
 * @since 0.1.0
 * @category errors
 */
export class VersionConflict extends Schema.TaggedError<VersionConflict>()("VersionConflict", {
  district: Schema.String,
  caseId: Schema.String,
  expected: Schema.Number,
  actual: Schema.Number,
}) {
  override get message(): string {
    return `case "${this.caseId}" is at version ${this.actual}, not ${this.expected}: another writer got there first`
  }
}

/**
 * What a write may fail with besides a database failure.
 *
 * @since 0.1.0
 * @category errors
 */
export type WriteError = StoreError | InvalidInput | PayloadTooLarge | NotFound
