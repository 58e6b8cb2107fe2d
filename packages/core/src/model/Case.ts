/**
 * Consultation cases (协商议题): a matter moving through a workflow. The case record holds what is
 * fixed when it opens; its stage is a fold over its events (see the workflow engine).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { isInt, isPositive, NonEmptyTrimmedString, optional } from "../internal/schema.js"
import * as LabelledEnum from "../i18n/LabelledEnum.js"
import { IsoDate } from "./IsoDate.js"
import { CaseId, PlatformId, UnitId } from "./Ids.js"

/**
 * Where a topic came from.
 *
 * @since 0.1.0
 * @category models
 */
export const CaseSource = LabelledEnum.make("CaseSource", {
  residents: { "zh-CN": "群众诉求", en: "Residents' request" },
  member: { "zh-CN": "委员提出", en: "Member" },
  studio: { "zh-CN": "委员工作室", en: "Member studio" },
  department: { "zh-CN": "职能部门", en: "Government department" },
  committee: { "zh-CN": "街道联络委", en: "Liaison committee" },
})

/**
 * A case and the workflow (id and version) it runs under for its whole life.
 *
 * @since 0.1.0
 * @category models
 */
export const Case = Schema.Struct({
  id: CaseId,
  topic: NonEmptyTrimmedString,
  source: CaseSource.schema,
  unitId: optional(UnitId),
  platformId: optional(PlatformId),
  workflow: Schema.Struct({
    id: NonEmptyTrimmedString,
    version: Schema.Number.check(isInt, isPositive),
  }),
  openedOn: IsoDate,
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Case extends Schema.Schema.Type<typeof Case> {}
