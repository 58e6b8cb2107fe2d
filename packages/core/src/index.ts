/**
 * Tongxin (同心) core: the domain model of district consultation platforms (有事好商量) and the
 * rules over it.
 *
 * @since 0.1.0
 * @packageDocumentation
 */

/** @since 0.1.0 */
export * as Labels from "./i18n/Labels.js"
/** @since 0.1.0 */
export * as LabelledEnum from "./i18n/LabelledEnum.js"
/** @since 0.1.0 */
export * as Catalog from "./i18n/Catalog.js"

/** @since 0.1.0 */
export * as Ids from "./model/Ids.js"
/** @since 0.1.0 */
export * as IsoDate from "./model/IsoDate.js"
/** @since 0.1.0 */
export * as Period from "./model/Period.js"
/** @since 0.1.0 */
export * as Issue from "./model/Issue.js"
/** @since 0.1.0 */
export * as Unit from "./model/Unit.js"
/** @since 0.1.0 */
export * as Member from "./model/Member.js"
/** @since 0.1.0 */
export * as Platform from "./model/Platform.js"
/** @since 0.1.0 */
export * as Committee from "./model/Committee.js"
/** @since 0.1.0 */
export * as PartyBranch from "./model/PartyBranch.js"
/** @since 0.1.0 */
export * as Studio from "./model/Studio.js"
/** @since 0.1.0 */
export * as SpecialCommittee from "./model/SpecialCommittee.js"
/** @since 0.1.0 */
export * as Guidance from "./model/Guidance.js"
/** @since 0.1.0 */
export * as Activity from "./model/Activity.js"
/** @since 0.1.0 */
export * as Submission from "./model/Submission.js"
/** @since 0.1.0 */
export * as Outcome from "./model/Outcome.js"
/** @since 0.1.0 */
export * as Case from "./model/Case.js"
/** @since 0.1.0 */
export * as District from "./model/District.js"
/** @since 0.1.0 */
export * as DistrictSource from "./model/DistrictSource.js"
/** @since 0.1.0 */
export * as DistrictCsv from "./model/DistrictCsv.js"
/** @since 0.1.0 */
export * as DistrictIndex from "./model/DistrictIndex.js"

/** @since 0.1.0 */
export * as Coverage from "./coverage/Coverage.js"
/** @since 0.1.0 */
export * as CoverageRule from "./coverage/Rule.js"
/** @since 0.1.0 */
export * as CoverageRules from "./coverage/rules/index.js"

/** @since 0.1.0 */
export * as Rubric from "./scoring/Rubric.js"
/** @since 0.1.0 */
export * as Scoring from "./scoring/Scoring.js"
/** @since 0.1.0 */
export * as ScoringSelector from "./scoring/Selector.js"
/** @since 0.1.0 */
export * as Ranking from "./scoring/Ranking.js"
/** @since 0.1.0 */
export * as Progress from "./scoring/Progress.js"

/** @since 0.1.0 */
export * as AssignmentProblem from "./assignment/Problem.js"
/** @since 0.1.0 */
export * as Assignment from "./assignment/Assignment.js"
/** @since 0.1.0 */
export * as AssignmentBuilders from "./assignment/Builders.js"

/** @since 0.1.0 */
export * as Store from "./store/Store.js"
/** @since 0.1.0 */
export * as StoreError from "./store/StoreError.js"
/** @since 0.1.0 */
export * as StoreInput from "./store/StoreInput.js"
/** @since 0.1.0 */
export * as StoreCollections from "./store/Collections.js"
/** @since 0.1.0 */
export * as MemoryStore from "./store/MemoryStore.js"

/** @since 0.1.0 */
export * as Workflow from "./workflow/Workflow.js"
/** @since 0.1.0 */
export * as WorkflowEngine from "./workflow/Engine.js"
/** @since 0.1.0 */
export * as WorkingCalendar from "./workflow/Calendar.js"
/** @since 0.1.0 */
export * as StandardWorkflow from "./workflow/Standard.js"
/** @since 0.1.0 */
export * as Outcomes from "./workflow/Outcomes.js"
/** @since 0.1.0 */
export * as Plugin from "./plugin/Plugin.js"
/** @since 0.1.0 */
export * as PluginHost from "./plugin/PluginHost.js"
