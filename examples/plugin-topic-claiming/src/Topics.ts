/**
 * Topics as people talk about them: a typed view of a case's state, the district's topics read
 * back from the store, publishing in one call, and the yearly announcement ("去年认领议题 10 个，
 * 已完成 10 个").
 *
 * @since 0.1.0
 */
import {
  type Case,
  type Ids,
  IsoDate,
  type Labels,
  Store,
  type StoreError,
  Workflow,
  WorkflowEngine,
} from "@tongxin/core"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import {
  type ClaimPayload,
  completedStages,
  holderOf,
  holdingStages,
  progressOf,
  PublishPayload,
  workflowId,
} from "./TopicWorkflow.js"

/**
 * A published topic.
 *
 * @since 0.1.0
 * @category models
 */
export interface Topic {
  readonly caseId: Ids.CaseId
  readonly stage: string
  readonly title: string
  readonly streetId: Ids.UnitId
  readonly expectedOutput: string
  readonly publishedOn: IsoDate.IsoDate
  /** The group holding the topic, or the one that completed it. */
  readonly group?: ClaimPayload
  readonly progress: number
  readonly completedOn?: IsoDate.IsoDate
}

const decodePublish = Schema.decodeUnknownOption(PublishPayload)

/**
 * The topic a case's state describes, or `undefined` while it is a draft (or was withdrawn as one).
 *
 * @since 0.1.0
 * @category queries
 */
export const topicOf = (state: Workflow.CaseState): Topic | undefined => {
  const published = Option.getOrUndefined(decodePublish(state.payloads["publish"]))
  const publishedAt = state.history.find((s) => s.command === "publish")?.at
  if (published === undefined || publishedAt === undefined) return undefined
  const group = holderOf(state)
  const completedAt = completedStages.includes(state.stage)
    ? [...state.history].reverse().find((s) => s.command === "complete")?.at
    : undefined
  return {
    caseId: state.caseId,
    stage: state.stage,
    title: published.title,
    streetId: published.streetId,
    expectedOutput: published.expectedOutput,
    publishedOn: IsoDate.make(publishedAt.slice(0, 10)),
    ...(group === undefined ? {} : { group }),
    progress: progressOf(state),
    ...(completedAt === undefined ? {} : { completedOn: IsoDate.make(completedAt.slice(0, 10)) }),
  }
}

/**
 * Whether a group holds the topic now (claimed or in progress).
 *
 * @since 0.1.0
 * @category queries
 */
export const isHeld = (topic: Topic): boolean => holdingStages.includes(topic.stage)

/**
 * Whether the topic was completed (completed or closed).
 *
 * @since 0.1.0
 * @category queries
 */
export const isCompleted = (topic: Topic): boolean => completedStages.includes(topic.stage)

/**
 * Errors reading topics back from the store.
 *
 * @since 0.1.0
 * @category errors
 */
export type LoadError =
  | StoreError.StoreError
  | StoreError.InvalidInput
  | Workflow.ReplayError
  | WorkflowEngine.UnknownWorkflow

const pageSize = 1000

/**
 * Every topic-claiming case of the district, replayed from the event log under the version it was
 * opened with (`workflows` must hold every such version). Reads the whole log: fine for a
 * district's topics, and the only way a hook can see other cases (see the README).
 *
 * @since 0.1.0
 * @category store
 */
export const loadStates = (
  district: Ids.DistrictId,
  workflows: ReadonlyArray<Workflow.Any>,
): Effect.Effect<ReadonlyArray<Workflow.CaseState>, LoadError, Store.Store> =>
  Effect.gen(function* () {
    const store = yield* Store.Store
    const cases = new Map<string, Array<Store.StoredEvent>>()
    for (let after = 0; ; ) {
      const page = yield* store.readAll(district, { after, limit: pageSize })
      for (const e of page) {
        const meta = e.meta as unknown as Workflow.EventMeta
        // A case's first event names its workflow; later events join the cases kept.
        if (e.version === 1 && meta.workflow?.id === workflowId) cases.set(e.caseId, [e])
        else cases.get(e.caseId)?.push(e)
      }
      if (page.length < pageSize) break
      after = page[page.length - 1]!.position
    }
    const states: Array<Workflow.CaseState> = []
    for (const events of cases.values()) {
      const { version } = (events[0]!.meta as unknown as Workflow.EventMeta).workflow
      const definition = workflows.find((w) => w.id === workflowId && w.version === version)
      if (definition === undefined) return yield* new WorkflowEngine.UnknownWorkflow({ workflow: workflowId, version })
      states.push(yield* Effect.fromResult(Workflow.replay(definition, events)))
    }
    return states
  })

/**
 * The district's published topics (drafts left out), read from the store.
 *
 * @since 0.1.0
 * @category store
 */
export const loadTopics = (
  district: Ids.DistrictId,
  workflows: ReadonlyArray<Workflow.Any>,
): Effect.Effect<ReadonlyArray<Topic>, LoadError, Store.Store> =>
  Effect.map(loadStates(district, workflows), (states) => states.flatMap((s) => topicOf(s) ?? []))

/**
 * A street's line of the announcement.
 *
 * @since 0.1.0
 * @category models
 */
export interface StreetLine {
  readonly streetId: Ids.UnitId
  readonly published: number
  readonly claimed: number
  readonly completed: number
}

/**
 * The yearly announcement of topic claiming.
 *
 * @since 0.1.0
 * @category models
 */
export interface Announcement {
  readonly year: number
  /** Topics published in the year and not withdrawn. */
  readonly published: number
  /** Of those, topics a group holds or completed. */
  readonly claimed: number
  readonly completed: number
  /** Streets sorted by id. */
  readonly byStreet: ReadonlyArray<StreetLine>
  /** E.g. 去年认领议题 10 个，已完成 10 个. */
  readonly text: Labels.Labels
}

/**
 * Announces a year's topic claiming from case states (replayed, or from `engine.load`): topics
 * published in the year, how many were claimed and how many completed, per street too. Pure. With
 * `thisYear` set to the year after, the text says "去年" (last year).
 *
 * @since 0.1.0
 * @category announcements
 */
export const announceCompletion = (
  states: Iterable<Workflow.CaseState>,
  year: number,
  options: { readonly thisYear?: number } = {},
): Announcement => {
  const streets = new Map<string, { published: number; claimed: number; completed: number }>()
  let published = 0
  let claimed = 0
  let completed = 0
  for (const state of states) {
    if (state.workflow.id !== workflowId) continue
    const topic = topicOf(state)
    if (topic === undefined || topic.stage === "withdrawn" || Number(topic.publishedOn.slice(0, 4)) !== year) continue
    const line = streets.get(topic.streetId) ?? { published: 0, claimed: 0, completed: 0 }
    streets.set(topic.streetId, line)
    published++
    line.published++
    if (isHeld(topic) || isCompleted(topic)) {
      claimed++
      line.claimed++
    }
    if (isCompleted(topic)) {
      completed++
      line.completed++
    }
  }
  const last = options.thisYear === year + 1
  return {
    year,
    published,
    claimed,
    completed,
    byStreet: [...streets.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([streetId, line]) => ({ streetId: streetId as Ids.UnitId, ...line })),
    text: {
      "zh-CN": `${last ? "去年" : `${year} 年`}认领议题 ${claimed} 个，已完成 ${completed} 个`,
      en: `${last ? "Last year" : `In ${year}`}, ${claimed} topic${claimed === 1 ? " was" : "s were"} claimed and ${completed} completed`,
    },
  }
}

/**
 * {@link announceCompletion} over the store's event log.
 *
 * @since 0.1.0
 * @category announcements
 */
export const announceCompletionFromStore = (
  district: Ids.DistrictId,
  year: number,
  workflows: ReadonlyArray<Workflow.Any>,
  options: { readonly thisYear?: number } = {},
): Effect.Effect<Announcement, LoadError, Store.Store> =>
  Effect.map(loadStates(district, workflows), (states) => announceCompletion(states, year, options))

/**
 * What {@link publishTopic} needs.
 *
 * @since 0.1.0
 * @category models
 */
export interface NewTopic {
  readonly caseId: string
  readonly title: string
  readonly streetId: string
  readonly expectedOutput: string
  /** The workflow version the case runs under for its whole life (default 2, the latest). */
  readonly version?: 1 | 2
  readonly source?: Case.Case["source"]
}

/**
 * Opens a topic's case and publishes it: two events, two commits (a draft left behind by a failed
 * publish can be published again or withdrawn).
 *
 * @since 0.1.0
 * @category commands
 */
export const publishTopic = (
  engine: WorkflowEngine.Engine,
  district: Ids.DistrictId,
  topic: NewTopic,
  actor: Workflow.Actor,
  options: { readonly at?: string } = {},
) =>
  Effect.gen(function* () {
    const at = options.at ?? new Date(yield* Clock.currentTimeMillis).toISOString()
    const record = {
      id: topic.caseId,
      topic: topic.title,
      source: topic.source ?? "committee",
      unitId: topic.streetId,
      workflow: { id: workflowId, version: topic.version ?? 2 },
      openedOn: at.slice(0, 10),
    }
    // The engine decodes the record, so plain strings are checked there.
    yield* engine.open(district, record as unknown as Case.Case, actor, { at })
    return yield* engine.dispatch(
      district,
      topic.caseId as Ids.CaseId,
      {
        type: "publish",
        payload: { title: topic.title, streetId: topic.streetId, expectedOutput: topic.expectedOutput },
      },
      actor,
      { at },
    )
  })
