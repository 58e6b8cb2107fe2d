/**
 * `@tongxin/cli`: the `tongxin` command (validate, import, assign, coverage, score, rank, cases,
 * report, demo), also usable as a library: embed the command tree in another `effect/cli` app, or
 * run it with your own arguments.
 *
 * @since 0.1.0
 * @packageDocumentation
 */

/**
 * The command tree (`TongxinCli.command`), its runner (`TongxinCli.run(argv)`, returning the exit
 * code) and the exit codes (`TongxinCli.ExitCode`).
 *
 * @example
 * import { TongxinCli } from "@tongxin/cli"
 *  * import * as Effect from "effect/Effect"
 *
 * const code = await Effect.runPromise(
 *   TongxinCli.run(["node", "tongxin", "validate", "district.yaml", "--json"]).pipe(Effect.provide(TongxinCli.layer)),
 * )
 *
 * @since 0.1.0
 * @category modules
 */
export * as TongxinCli from "./Cli.js"
