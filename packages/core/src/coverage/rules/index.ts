/**
 * The built-in coverage rules, each also usable on its own (`CoverageRules.platformCoverage.with({ … })`).
 *
 * @since 0.1.0
 */
export { activityCadence, CadenceSubject } from "./ActivityCadence.js"
export { leaderGuidance } from "./LeaderGuidance.js"
export { ActivityCount, memberMinimums, Requirement, SubmissionCount } from "./MemberMinimums.js"
export { memberPlacement } from "./MemberPlacement.js"
export { partyBranches, partyMembership } from "./PartyOrganisation.js"
export { partyWork } from "./PartyWork.js"
export { platformCoverage } from "./PlatformCoverage.js"
export { specialCommitteeContact } from "./SpecialCommitteeContact.js"
