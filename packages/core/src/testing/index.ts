/**
 * Test helpers for Tongxin and its plugins and adapters: fast-check arbitraries of valid district
 * data, and fault planting.
 *
 * @since 0.1.0
 */
export * as DistrictArbitrary from "./DistrictArbitrary.js"
