/**
 * Every built-in enum with its labels, for label lookup by enum name and for checking that no value
 * lacks a translation.
 *
 * @since 0.1.0
 */
import { AttendanceStatus, BuiltinActivityType, OrganiserKind, ParticipantKind, Speech } from "../model/Activity.js"
import { CaseSource } from "../model/Case.js"
import { Gender, MemberLevel } from "../model/Member.js"
import { OutcomeStatus, Satisfaction } from "../model/Outcome.js"
import { PartyBranchKind } from "../model/PartyBranch.js"
import { Granularity } from "../model/Period.js"
import { SubmissionFlag, SubmissionKind } from "../model/Submission.js"
import { UnitTier } from "../model/Unit.js"
import { SubjectKind } from "../coverage/Rule.js"
import { CadenceSubject } from "../coverage/rules/ActivityCadence.js"
import { Rate } from "../scoring/Progress.js"
import type { Labels } from "./Labels.js"

/**
 * What the catalog knows of an enum: its name, values and labels.
 *
 * @since 0.1.0
 * @category models
 */
export interface Entry {
  readonly name: string
  readonly values: ReadonlyArray<string>
  readonly labels: { readonly [value: string]: Labels }
}

/**
 * The built-in enums, by name.
 *
 * @since 0.1.0
 * @category constants
 */
export const enums: ReadonlyArray<Entry> = [
  UnitTier,
  MemberLevel,
  Gender,
  PartyBranchKind,
  BuiltinActivityType,
  AttendanceStatus,
  Speech,
  OrganiserKind,
  ParticipantKind,
  SubmissionKind,
  SubmissionFlag,
  OutcomeStatus,
  Satisfaction,
  CaseSource,
  Granularity,
  SubjectKind,
  CadenceSubject,
  Rate,
]
