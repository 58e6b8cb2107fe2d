/**
 * Workflows: a consultation case's life as a typed state machine. A definition names its stages,
 * roles and transitions (each with a payload Schema, the roles allowed to fire it, an optional guard
 * and deadline); a case's state is a fold over its events (`replay`), and the events form a hash
 * chain (`verifyChain`). The engine (`WorkflowEngine`) dispatches commands through the `Store`.
 *
 * @since 0.1.0
 */
import * as Result from "effect/Result"
import type * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { hmacSha256, sha256 } from "../internal/sha256.js"
import type { Labels } from "../i18n/Labels.js"
import type { CaseId, DistrictId } from "../model/Ids.js"
import type * as IsoDate from "../model/IsoDate.js"
import * as Issue from "../model/Issue.js"
import type * as Store from "../store/Store.js"
import type { WriteError } from "../store/StoreError.js"
import type { Vetoed } from "./Engine.js"
import * as Calendar from "./Calendar.js"
import { NonEmptyTrimmedString, optional, strictAll } from "../internal/schema.js"
import { Case } from "../model/Case.js"

/**
 * Who fires a command, with the roles they hold in this district.
 *
 * @since 0.1.0
 * @category models
 */
export const Actor = Schema.Struct({
  id: NonEmptyTrimmedString,
  name: optional(Schema.String),
  roles: Schema.Array(NonEmptyTrimmedString),
})

/**
 * The actor an event records: its id and the roles it held when it fired the command.
 *
 * @since 0.1.0
 * @category events
 */
export const RecordedActor = Schema.Struct({ id: NonEmptyTrimmedString, roles: Schema.Array(NonEmptyTrimmedString) })

/**
 * @since 0.1.0
 * @category models
 */
export interface Actor extends Schema.Schema.Type<typeof Actor> {}

/**
 * A stage of a workflow.
 *
 * @since 0.1.0
 * @category models
 */
export interface Stage {
  readonly labels: Labels
  /** A case in a terminal stage is finished: no transition leaves it. */
  readonly terminal?: boolean
}

/**
 * What a guard sees.
 *
 * @since 0.1.0
 * @category models
 */
export interface GuardInput<P> {
  readonly state: CaseState
  readonly payload: P
  readonly actor: Actor
  /** The time of the command (ISO 8601). */
  readonly at: string
}

/**
 * What a transition's `effects` see: they run in the same store transaction as the event, so both
 * commit or neither does.
 *
 * @since 0.1.0
 * @category models
 */
export interface EffectsInput<P> extends GuardInput<P> {
  readonly district: DistrictId
  readonly store: Store.Service
  /** The event's version. */
  readonly version: number
}

/**
 * A transition: from which stages to which, who may fire it, what it carries.
 *
 * @since 0.1.0
 * @category models
 */
export interface Transition<
  S extends string = string,
  R extends string = string,
  P extends Schema.Codec<unknown, unknown> = Schema.Codec<unknown, unknown>,
> {
  readonly labels?: Labels
  readonly from: S | ReadonlyArray<S>
  readonly to: S
  readonly roles: ReadonlyArray<R>
  readonly payload: P
  /** Refuses the command by returning the reason, in both languages. */
  readonly guard?: (input: GuardInput<Schema.Schema.Type<P>>) => Labels | undefined
  /** Must fire within this many working days of the case entering its `from` stage. */
  readonly deadline?: { readonly workingDays: number }
  /**
   * Writes that belong to the event (e.g. the outcome items a report creates). Failing with
   * `WorkflowEngine.Vetoed` refuses the command; nothing is written.
   */
  readonly effects?: (input: EffectsInput<Schema.Schema.Type<P>>) => Effect.Effect<void, WriteError | Vetoed>
}

/**
 * A workflow definition.
 *
 * @since 0.1.0
 * @category models
 */
export interface Definition<
  S extends string = string,
  R extends string = string,
  T extends { readonly [name: string]: Transition<S, R, any> } = { readonly [name: string]: Transition<S, R, any> },
> {
  readonly id: string
  readonly version: number
  readonly labels: Labels
  readonly stages: { readonly [K in S]: Stage }
  readonly roles: { readonly [K in R]: Labels }
  readonly initial: S
  readonly transitions: T
}

/**
 * Any workflow definition.
 *
 * @since 0.1.0
 * @category models
 */
export type Any = Definition<string, string, { readonly [name: string]: Transition<string, string, any> }>

/**
 * The commands of a workflow: `{ type: "approve", payload: … }` with the payload its Schema decodes
 * to, so dispatching `"approve"` type-checks its payload.
 *
 * @since 0.1.0
 * @category models
 */
export type Command<W> =
  W extends Definition<any, any, infer T>
    ? {
        readonly [K in keyof T & string]: { readonly type: K; readonly payload: Schema.Codec.Encoded<T[K]["payload"]> }
      }[keyof T & string]
    : never

/**
 * A definition with an impossible shape: every problem, with its path.
 *
 * @since 0.1.0
 * @category errors
 */
export class DefinitionError extends Schema.TaggedError<DefinitionError>()("WorkflowDefinitionError", {
  workflow: Schema.String,
  issues: Schema.Array(Issue.Issue),
}) {
  override get message(): string {
    return `workflow "${this.workflow}" is not valid:\n${this.issues.map((i) => `  - ${Issue.format(i)}`).join("\n")}`
  }
}

const problem = (path: string, en: string, zh: string): Issue.Issue => ({
  path,
  code: "invalid-workflow",
  message: en,
  messageZh: zh,
})

const fromList = (t: Transition): ReadonlyArray<string> => (typeof t.from === "string" ? [t.from] : t.from)

/**
 * Every problem of a definition: unknown stages or roles, transitions out of terminal stages, stages
 * no transition reaches, names the engine reserves.
 *
 * @since 0.1.0
 * @category validation
 */
export const check = (definition: Any): ReadonlyArray<Issue.Issue> => {
  const issues: Array<Issue.Issue> = []
  const stages = new Set(Object.keys(definition.stages))
  const roles = new Set(Object.keys(definition.roles))
  if (!/^[a-z0-9][a-z0-9.-]*$/.test(definition.id))
    issues.push(
      problem("id", "must be lower-case letters, digits, dots and dashes", "应由小写字母、数字、点和短横线组成"),
    )
  if (!Number.isInteger(definition.version) || definition.version < 1)
    issues.push(problem("version", "must be a whole number, 1 or more", "应为不小于 1 的整数"))
  if (!stages.has(definition.initial))
    issues.push(
      problem("initial", `"${definition.initial}" is not a stage`, `"${definition.initial}" 不是已定义的阶段`),
    )
  const reached = new Set([definition.initial])
  for (const [name, t] of Object.entries(definition.transitions)) {
    const at = `transitions.${name}`
    if (name === openedType)
      issues.push(
        problem(at, `"${openedType}" is reserved for the event that opens a case`, `"${openedType}" 保留给立案事件`),
      )
    for (const s of fromList(t)) {
      if (!stages.has(s)) issues.push(problem(`${at}.from`, `"${s}" is not a stage`, `"${s}" 不是已定义的阶段`))
      else if (definition.stages[s]!.terminal === true)
        issues.push(problem(`${at}.from`, `"${s}" is terminal: nothing may leave it`, `"${s}" 是终止阶段，不能再流转`))
    }
    if (fromList(t).length === 0) issues.push(problem(`${at}.from`, "needs at least one stage", "至少需要一个起始阶段"))
    if (!stages.has(t.to)) issues.push(problem(`${at}.to`, `"${t.to}" is not a stage`, `"${t.to}" 不是已定义的阶段`))
    reached.add(t.to)
    if (t.roles.length === 0) issues.push(problem(`${at}.roles`, "needs at least one role", "至少需要一个角色"))
    for (const r of t.roles)
      if (!roles.has(r))
        issues.push(problem(`${at}.roles`, `"${r}" is not a role of this workflow`, `"${r}" 不是本流程的角色`))
    if (t.deadline !== undefined && !(Number.isInteger(t.deadline.workingDays) && t.deadline.workingDays > 0)) {
      issues.push(
        problem(
          `${at}.deadline.workingDays`,
          "must be a whole number of working days, 1 or more",
          "应为不小于 1 的工作日数",
        ),
      )
    }
  }
  for (const s of stages)
    if (!reached.has(s))
      issues.push(problem(`stages.${s}`, "no transition leads to this stage", "没有任何流转到达此阶段"))
  return issues
}

/**
 * Checks and returns a definition, keeping its literal types so commands type-check. Throws
 * `DefinitionError` listing every problem: a definition is code, and a broken one should stop the
 * program that declares it.
 *
 * @since 0.1.0
 * @category constructors
 */
export const define = <
  const S extends string,
  const R extends string,
  P extends { readonly [name: string]: Schema.Codec<unknown, unknown> },
>(definition: {
  readonly id: string
  readonly version: number
  readonly labels: Labels
  readonly stages: { readonly [K in S]: Stage }
  readonly roles: { readonly [K in R]: Labels }
  readonly initial: NoInfer<S>
  // A mapped type over the payload Schemas, so each transition's guard and effects see its own payload.
  readonly transitions: { readonly [K in keyof P]: Transition<NoInfer<S>, NoInfer<R>, P[K]> }
}): Definition<S, R, { readonly [K in keyof P]: Transition<S, R, P[K]> }> => {
  const issues = check(definition as unknown as Any)
  if (issues.length > 0) throw new DefinitionError({ workflow: `${definition.id}@${definition.version}`, issues })
  return definition as Definition<S, R, { readonly [K in keyof P]: Transition<S, R, P[K]> }>
}

/**
 * The type of the event that opens a case.
 *
 * @since 0.1.0
 * @category events
 */
export const openedType = "opened"

/**
 * One step of a case's history.
 *
 * @since 0.1.0
 * @category models
 */
export interface Step {
  readonly version: number
  readonly command: string
  readonly from: string
  readonly to: string
  readonly actor: string
  readonly at: string
}

/**
 * A case's state: the fold of its events.
 *
 * @since 0.1.0
 * @category models
 */
export interface CaseState {
  readonly caseId: CaseId
  readonly workflow: { readonly id: string; readonly version: number }
  readonly stage: string
  readonly terminal: boolean
  /** How many events the case has: the version the next append must expect. */
  readonly version: number
  readonly openedAt: string
  /** When the case entered its current stage. */
  readonly enteredStageAt: string
  /** The latest payload of each command, by command name. */
  readonly payloads: { readonly [command: string]: Store.Json }
  readonly history: ReadonlyArray<Step>
  /** The hash of the latest event, which the next one links to. */
  readonly lastHash: string
}

/**
 * What the engine records in each event's `meta`.
 *
 * @since 0.1.0
 * @category events
 */
export interface EventMeta {
  readonly actor: { readonly id: string; readonly roles: ReadonlyArray<string> }
  readonly at: string
  readonly command: string
  readonly from: string
  readonly to: string
  readonly workflow: { readonly id: string; readonly version: number }
  /** `"hmac-sha256"` when the event was written with a chain key (`WorkflowEngine` `chainKey`). */
  readonly chain?: "hmac-sha256"
  readonly prevHash: string
  readonly hash: string
}

const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/

/**
 * An ISO 8601 date-time with its offset, like `2025-06-15T09:30:00+08:00`.
 *
 * @since 0.1.0
 * @category events
 */
export const isDateTime = (at: unknown): at is string =>
  typeof at === "string" && isoDateTime.test(at) && !Number.isNaN(Date.parse(at))

const EventMetaSchema = Schema.Struct({
  actor: RecordedActor,
  at: Schema.String,
  command: Schema.String,
  from: Schema.String,
  to: Schema.String,
  workflow: Schema.Struct({ id: Schema.String, version: Schema.Number }),
  chain: optional(Schema.Literal("hmac-sha256")),
  prevHash: Schema.String,
  hash: Schema.String,
})
const decodeMeta = Schema.decodeUnknownResult(EventMetaSchema)

// JSON with object keys sorted, so a store that reorders keys (PostgreSQL's jsonb) keeps hashes.
const canonical = (value: unknown): string => {
  if (value === null || typeof value !== "object") return JSON.stringify(value)
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`
  const keys = Object.keys(value)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort()
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(",")}}`
}

/**
 * The hash of an event: SHA-256 over its case, version, type, data and meta (without the hash); with
 * a key, HMAC-SHA-256 under that key, which only the key's holder can compute.
 *
 * @since 0.1.0
 * @category events
 */
export const hashOf = (
  event: {
    readonly caseId: string
    readonly version: number
    readonly type: string
    readonly data: unknown
    readonly meta: { readonly [k: string]: unknown }
  },
  key?: Redacted.Redacted<string>,
): string => {
  const { hash: _, ...meta } = event.meta
  const text = canonical({ caseId: event.caseId, version: event.version, type: event.type, data: event.data, meta })
  return key === undefined ? sha256(text) : hmacSha256(Redacted.value(key), text)
}

/**
 * Where a hash chain breaks.
 *
 * @since 0.1.0
 * @category errors
 */
export class ChainBroken extends Schema.TaggedError<ChainBroken>()("ChainBroken", {
  caseId: Schema.String,
  /** The first event (1-based position in the list given) that does not fit. */
  at: Schema.Number,
  reason: Schema.Literals([
    "version-gap",
    "wrong-case",
    "hash-mismatch",
    "link-mismatch",
    "truncated",
    "head-mismatch",
    "key-required",
    "not-keyed",
  ]),
}) {
  override get message(): string {
    const why = {
      "version-gap": "its version does not follow the one before (an event was removed or reordered)",
      "wrong-case": "it belongs to another case",
      "hash-mismatch": "its contents were changed after it was written",
      "link-mismatch": "it does not link to the event before it (an event was removed or reordered)",
      truncated: "the chain ends before the head recorded for it (events were removed from the end)",
      "head-mismatch":
        "it is not the event the recorded head names (the history up to the head was rewritten, or the head belongs to another copy)",
      "key-required": "it was written with a chain key: verify it with that key",
      "not-keyed":
        "it carries no keyed hash although the case is checked with a key (it was written or rewritten without the key)",
    }[this.reason]
    return `case "${this.caseId}": event ${this.at} breaks the chain: ${why}`
  }
}

/**
 * A checkpoint of a case's chain, kept outside the store (a report, a published digest, the
 * application's own table): the version and hash of an event.
 *
 * @since 0.1.0
 * @category events
 */
export interface Head {
  readonly version: number
  readonly hash: string
}

/**
 * The head of a list of events: the version and hash of the last one (`undefined` when empty).
 *
 * @since 0.1.0
 * @category events
 */
export const headOf = (events: ReadonlyArray<Store.StoredEvent>): Head | undefined => {
  const last = events.at(-1)
  return last === undefined ? undefined : { version: last.version, hash: String(last.meta["hash"]) }
}

/**
 * Options of `verifyChain`.
 *
 * @since 0.1.0
 * @category events
 */
export interface VerifyOptions {
  /** A head recorded earlier: the chain must reach it and pass through it; events after it are fine. */
  readonly head?: Head
  /**
   * The chain key the events were written with. With it, every event must carry an HMAC under this
   * key, so rewriting events and recomputing their hashes without the key is found.
   */
  readonly key?: Redacted.Redacted<string>
}

/**
 * Checks a case's events: versions 1, 2, 3, …, each event's hash matches its contents, and each
 * links to the one before.
 *
 * What it promises: without a key, any event changed, removed or reordered **without recomputing the
 * hashes after it** is found, and `head` finds events removed from the end and any rewrite of the
 * history up to the head. Someone who can write to the store can still rewrite the events after the
 * last recorded head and recompute plain SHA-256 hashes; with `key` (the `chainKey` the engine wrote
 * with), that needs the key too. The actor an event names is who the application said fired it: the
 * chain records it, it does not authenticate it.
 *
 * @since 0.1.0
 * @category events
 */
export const verifyChain = (
  caseId: string,
  events: ReadonlyArray<Store.StoredEvent>,
  options: VerifyOptions = {},
): Result.Result<void, ChainBroken> => {
  let prev = ""
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!
    const meta = e.meta as Partial<EventMeta>
    const broken = (reason: ChainBroken["reason"]) => Result.fail(new ChainBroken({ caseId, at: i + 1, reason }))
    if (e.caseId !== caseId) return broken("wrong-case")
    if (e.version !== i + 1) return broken("version-gap")
    if (meta.prevHash !== prev) return broken("link-mismatch")
    const keyed = meta.chain === "hmac-sha256"
    if (options.key !== undefined && !keyed) return broken("not-keyed")
    if (options.key === undefined && keyed) return broken("key-required")
    if (meta.hash !== hashOf(e, options.key)) return broken("hash-mismatch")
    prev = meta.hash
  }
  const head = options.head
  if (head !== undefined) {
    if (events.length < head.version)
      return Result.fail(new ChainBroken({ caseId, at: events.length + 1, reason: "truncated" }))
    if (events[head.version - 1]?.meta["hash"] !== head.hash)
      return Result.fail(new ChainBroken({ caseId, at: head.version, reason: "head-mismatch" }))
  }
  return Result.succeed(undefined)
}

/**
 * Why events do not replay under a definition.
 *
 * @since 0.1.0
 * @category errors
 */
export class ReplayError extends Schema.TaggedError<ReplayError>()("ReplayError", {
  caseId: Schema.String,
  version: Schema.Number,
  message: Schema.String,
}) {}

/**
 * Folds a case's events into its state under its workflow definition, checking each event as the
 * engine would have when it was dispatched: its meta is well formed (actor, time, workflow, stages),
 * it names its own command and the definition's id and version, it is a transition the definition
 * allows from the stage the case was in and leads where the definition says, its actor held one of
 * the transition's roles, its payload decodes with the transition's Schema, and its time is not
 * before the event before it. The first event must open the case with a valid case record.
 *
 * @since 0.1.0
 * @category replay
 */
export const replay = (
  definition: Any,
  events: ReadonlyArray<Store.StoredEvent>,
): Result.Result<CaseState, ReplayError> => {
  const first = events[0]
  if (first === undefined || first.type !== openedType) {
    return Result.fail(
      new ReplayError({
        caseId: first?.caseId ?? "",
        version: 1,
        message: "a case's first event must be the one that opened it",
      }),
    )
  }
  const start = opened(definition, first)
  if (Result.isFailure(start)) return start
  let state = start.success
  for (let i = 1; i < events.length; i++) {
    const next = apply(definition, state, events[i]!)
    if (Result.isFailure(next)) return next
    state = next.success
  }
  return Result.succeed(state)
}

const decodeCase = Schema.decodeUnknownResult(Case, strictAll)

// The event's meta, decoded, and checked against what the definition says of the command.
const checkedMeta = (
  definition: Any,
  e: Store.StoredEvent,
  expected: { readonly from: string; readonly to: string; readonly previousAt?: string },
): Result.Result<EventMeta, ReplayError> => {
  const fail = (message: string) => Result.fail(new ReplayError({ caseId: e.caseId, version: e.version, message }))
  const decoded = decodeMeta(e.meta)
  if (Result.isFailure(decoded))
    return fail(
      `its meta is not what the engine writes: ${Issue.fromSchemaError(decoded.failure)
        .map((i) => Issue.format(i))
        .join("; ")}`,
    )
  const meta = decoded.success
  if (meta.command !== e.type) return fail(`its meta names the command "${meta.command}", the event is "${e.type}"`)
  if (meta.workflow.id !== definition.id || meta.workflow.version !== definition.version)
    return fail(
      `it was written under ${meta.workflow.id}@${meta.workflow.version}, the case runs under ${definition.id}@${definition.version}`,
    )
  if (meta.from !== expected.from)
    return fail(`its meta says it left "${meta.from}", the case was in "${expected.from}"`)
  if (meta.to !== expected.to)
    return fail(`its meta says it led to "${meta.to}", the workflow leads to "${expected.to}"`)
  if (!isDateTime(meta.at)) return fail(`its time "${meta.at}" is not an ISO 8601 date-time`)
  if (expected.previousAt !== undefined && Date.parse(meta.at) < Date.parse(expected.previousAt))
    return fail(`its time ${meta.at} is before the event before it (${expected.previousAt})`)
  return Result.succeed(meta)
}

const opened = (definition: Any, e: Store.StoredEvent): Result.Result<CaseState, ReplayError> => {
  const checked = checkedMeta(definition, e, { from: "", to: definition.initial })
  if (Result.isFailure(checked)) return Result.fail(checked.failure)
  const meta = checked.success
  const record = decodeCase((e.data as { readonly case?: unknown } | null)?.case)
  if (Result.isFailure(record) || record.success.id !== e.caseId)
    return Result.fail(
      new ReplayError({ caseId: e.caseId, version: e.version, message: "it does not hold this case's record" }),
    )
  return Result.succeed({
    caseId: e.caseId,
    workflow: { id: definition.id, version: definition.version },
    stage: definition.initial,
    terminal: definition.stages[definition.initial]!.terminal === true,
    version: e.version,
    openedAt: meta.at,
    enteredStageAt: meta.at,
    payloads: {},
    history: [
      { version: e.version, command: openedType, from: "", to: definition.initial, actor: meta.actor.id, at: meta.at },
    ],
    lastHash: meta.hash,
  })
}

/**
 * One more event on a state (what `replay` does for each event after the first), with the same
 * checks.
 *
 * @since 0.1.0
 * @category replay
 */
export const apply = (
  definition: Any,
  state: CaseState,
  e: Store.StoredEvent,
): Result.Result<CaseState, ReplayError> => {
  const fail = (message: string) => Result.fail(new ReplayError({ caseId: state.caseId, version: e.version, message }))
  const t = Object.hasOwn(definition.transitions, e.type) ? definition.transitions[e.type] : undefined
  if (t === undefined) return fail(`"${e.type}" is not a command of ${definition.id}@${definition.version}`)
  if (!fromList(t).includes(state.stage)) return fail(`"${e.type}" cannot fire in stage "${state.stage}"`)
  if (e.version !== state.version + 1) return fail(`expected version ${state.version + 1}`)
  const previousAt = state.history.at(-1)?.at
  const checked = checkedMeta(definition, e, {
    from: state.stage,
    to: t.to,
    ...(previousAt === undefined ? {} : { previousAt }),
  })
  if (Result.isFailure(checked)) return Result.fail(checked.failure)
  const meta = checked.success
  if (!t.roles.some((r: string) => meta.actor.roles.includes(r)))
    return fail(`its actor "${meta.actor.id}" held none of the roles "${e.type}" needs (${t.roles.join(", ")})`)
  const payload = Schema.decodeUnknownResult(t.payload, strictAll)(e.data)
  if (Result.isFailure(payload))
    return fail(
      `its payload is not what "${e.type}" takes: ${Issue.fromSchemaError(payload.failure)
        .map((i) => Issue.format(i))
        .join("; ")}`,
    )
  return Result.succeed({
    ...state,
    stage: t.to,
    terminal: definition.stages[t.to]?.terminal === true,
    version: e.version,
    enteredStageAt: t.to === state.stage ? state.enteredStageAt : meta.at,
    payloads: { ...state.payloads, [e.type]: e.data },
    history: [
      ...state.history,
      { version: e.version, command: e.type, from: state.stage, to: t.to, actor: meta.actor.id, at: meta.at },
    ],
    lastHash: meta.hash,
  })
}

/**
 * The commands a case can take now, and whether an actor may fire each.
 *
 * @since 0.1.0
 * @category queries
 */
export const available = (
  definition: Any,
  state: CaseState,
  actor?: Actor,
): ReadonlyArray<{ readonly command: string; readonly to: string; readonly allowed: boolean }> =>
  Object.entries(definition.transitions)
    .filter(([, t]) => fromList(t).includes(state.stage))
    .map(([command, t]) => ({
      command,
      to: t.to,
      allowed: actor === undefined || t.roles.some((r) => actor.roles.includes(r)),
    }))

/**
 * A late case.
 *
 * @since 0.1.0
 * @category deadlines
 */
export interface Overdue {
  readonly caseId: CaseId
  readonly stage: string
  /** The command that is late. */
  readonly command: string
  readonly due: IsoDate.IsoDate
  /** Working days past the due date. */
  readonly workingDaysLate: number
}

/**
 * The cases whose current stage has a transition past its deadline on `asOf`, latest first. A
 * transition's deadline counts working days from the day the case entered the stage.
 *
 * @since 0.1.0
 * @category deadlines
 */
export const overdue = (
  cases: Iterable<{ readonly definition: Any; readonly state: CaseState }>,
  asOf: IsoDate.IsoDate,
  calendar: Calendar.Calendar = Calendar.weekdays,
): ReadonlyArray<Overdue> => {
  const out: Array<Overdue> = []
  for (const { definition, state } of cases) {
    if (state.terminal) continue
    const entered = state.enteredStageAt.slice(0, 10) as IsoDate.IsoDate
    let worst: Overdue | undefined
    for (const [command, t] of Object.entries(definition.transitions)) {
      if (t.deadline === undefined || !fromList(t).includes(state.stage)) continue
      const due = Calendar.addWorkingDays(calendar, entered, t.deadline.workingDays)
      const late = Calendar.workingDaysBetween(calendar, due, asOf)
      // The case is late only if no transition out of the stage is still on time.
      if (late <= 0) {
        worst = undefined
        break
      }
      if (worst === undefined || late < worst.workingDaysLate)
        worst = { caseId: state.caseId, stage: state.stage, command, due, workingDaysLate: late }
    }
    if (worst !== undefined) out.push(worst)
  }
  return out.sort(
    (a, b) => b.workingDaysLate - a.workingDaysLate || (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0),
  )
}
