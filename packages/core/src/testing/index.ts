/**
 * Test helpers for Tongxin and its plugins and adapters: fast-check arbitraries of valid district
 * data, and fault planting.
 *
 * @since 0.1.0
 * @packageDocumentation
 */
/**
 * fast-check arbitraries of consistent district data, and faults to plant in it.
 *
 * @since 0.1.0
 */
export * as DistrictArbitrary from "./DistrictArbitrary.js"
