/**
 * Tongxin (同心) reports: results to one self-contained HTML file with server-rendered SVG charts,
 * zh-CN by default and en on request.
 *
 * @since 0.1.0
 * @packageDocumentation
 */

/**
 * Renders coverage, evaluation, street ranking, cases and committees to one HTML document.
 *
 * @since 0.1.0
 * @category modules
 */
export * as Report from "./Report.js"
