/**
 * The `tongxin` command tree and its runner: parse the command line, run the command, and turn
 * every outcome into an exit code scripts can rely on.
 *
 * @since 0.1.0
 */
import * as NodeChildProcessSpawner from "@effect/platform-node-shared/NodeChildProcessSpawner"
import * as NodeFileSystem from "@effect/platform-node-shared/NodeFileSystem"
import * as NodePath from "@effect/platform-node-shared/NodePath"
import * as NodeStdio from "@effect/platform-node-shared/NodeStdio"
import * as NodeTerminal from "@effect/platform-node-shared/NodeTerminal"
import * as EffectCliError from "effect/cli/CliError"
import * as CliOutput from "effect/cli/CliOutput"
import * as Command from "effect/cli/Command"
import type * as HelpDoc from "effect/cli/HelpDoc"
import * as Cause from "effect/Cause"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Result from "effect/Result"
import packageJson from "../package.json" with { type: "json" }
import * as Assign from "./commands/assign.js"
import * as Cases from "./commands/cases.js"
import * as CoverageCommand from "./commands/coverage.js"
import * as Demo from "./commands/demo.js"
import * as Import from "./commands/import.js"
import * as Init from "./commands/init.js"
import * as Rank from "./commands/rank.js"
import * as ReportCommand from "./commands/report.js"
import * as Score from "./commands/score.js"
import * as Validate from "./commands/validate.js"
import { CliError } from "./internal/errors.js"
import * as Errors from "./internal/errors.js"
import { clearProgress, issueJson, issueLines, jsonText, plain, plainConsole, Styled } from "./internal/output.js"
import { redactUrls } from "./internal/store.js"

/**
 * The exit codes: `0` ok, `1` bad input (a file or rubric with problems, a refused request), `2`
 * usage (unknown command or option, a missing or malformed value), `3` the store failed (cannot
 * open, database error), `70` an internal error (a bug: please report it).
 *
 * @since 0.1.0
 * @category models
 */
export const ExitCode: {
  readonly ok: 0
  readonly input: 1
  readonly usage: 2
  readonly store: 3
  readonly internal: 70
} = Errors.ExitCode

/**
 * The version printed by `tongxin --version`: the package's own, read from its package.json when
 * the package is built (the bundler inlines it).
 *
 * @since 0.1.0
 * @category constants
 */
export const version: string = packageJson.version

export {
  /**
   * The error commands fail with.
   *
   * @since 0.1.0
   * @category errors
   */
  CliError,
  /**
   * @since 0.1.0
   * @category errors
   */
  type ErrorKind,
} from "./internal/errors.js"

const subcommands = [
  Init.command,
  Validate.command,
  Import.command,
  Assign.command,
  CoverageCommand.command,
  Score.command,
  Rank.command,
  Cases.command,
  ReportCommand.command,
  Demo.command,
] as const

/**
 * The command tree: `tongxin` and its subcommands `init`, `validate`, `import`, `assign`,
 * `coverage`, `score`, `rank`, `cases`, `report` and `demo`. `tongxin` alone prints the full help
 * (with the subcommands), as `tongxin --help` does.
 *
 * @since 0.1.0
 * @category commands
 */
export const command = Command.make("tongxin").pipe(
  Command.withDescription(
    "同心 Tongxin: district data for grassroots consultation platforms (有事好商量) — check, import, assign, cover, score, rank, track and report.",
  ),
  Command.withSubcommands(subcommands),
)

// Printed under every help text (the exit codes one a line).
const footer: ReadonlyArray<readonly [title: string, text: string]> = [
  [
    "EXIT CODES",
    "0 ok · 1 bad input (a file or rubric with problems, a refused request; every problem is printed with file:line:column) · 2 usage (unknown command or option, missing or malformed value) · 3 store failure (cannot open the store, database error) · 70 internal error (a bug; --verbose prints the stack trace) · 130 interrupted by Ctrl-C",
  ],
  [
    "STORE",
    "--store sqlite:<path> | postgres://user:password@host:5432/database; default: the TONGXIN_STORE environment variable, else sqlite:.tongxin/district.db. --district <id> picks a district when the store holds several.",
  ],
  [
    "OUTPUT",
    'Tables for people on stdout, messages on stderr; --json prints one JSON document on stdout instead (failures too, as {"ok": false, "exitCode": …, "error": …}). A progress bar is drawn on stderr when it is a terminal.',
  ],
]

const bold = (colors: boolean, text: string) => (colors ? `\x1b[1m${text}\x1b[0m` : text)

/**
 * How effect/cli's help, version and usage errors are shown: the help (with our footer) on stdout,
 * the version alone (`0.1.0`), and a usage error on stderr only, so that `--json` keeps stdout to
 * the one JSON document.
 */
const presenter = (): CliOutput.Presenter => {
  const colors = !plain(process.stdout)
  const formatter = CliOutput.defaultFormatter({ colors })
  const help = (doc: HelpDoc.HelpDoc) =>
    [
      formatter.formatHelpDoc(doc),
      ...footer.map(([title, text]) => `${bold(colors, title)}\n  ${text.split(" · ").join("\n  ")}`),
    ].join("\n\n")
  return {
    present: (event) => {
      switch (event._tag) {
        case "Help":
          // The only text whose colour codes reach a terminal: the help holds no user data.
          return Console.log(new Styled(help(event.helpDoc)))
        case "Version":
          return Console.log(event.version)
        case "InvalidInvocation":
          return Console.error(
            [
              ...event.errors.map((e) => `✗ ${redactUrls(e.message)}`),
              `  run ${[...event.commandPath, "--help"].join(" ")} for the commands and options`,
            ].join("\n"),
          )
      }
    },
  }
}

/**
 * Runs the command line (`process.argv`: the runtime and script first) and returns the exit code.
 * Never fails: user errors are printed in plain words, internal errors with their cause under
 * `--verbose`.
 *
 * @since 0.1.0
 * @category running
 */
export const run = (argv: ReadonlyArray<string>): Effect.Effect<number, never, Command.Environment> => {
  const args = argv.slice(2)
  const json = args.includes("--json")
  const verbose = args.includes("--verbose")
  const program = Command.runWith(command, { version })(args).pipe(
    Effect.ensuring(clearProgress),
    Effect.as<number>(ExitCode.ok),
    Effect.catch((e) => (EffectCliError.isCliError(e) ? usage(e, json) : report(e, { json, verbose }))),
    Effect.catchCause((cause) => internal(cause, { json, verbose })),
    Effect.provideService(CliOutput.Presenter, presenter()),
  )
  return Console.consoleWith((base) => Effect.provideService(program, Console.Console, plainConsole(base)))
}

/**
 * What `run` needs from Node.js: files, paths, the terminal, standard streams and child processes
 * (`Command.Environment`). It is `@effect/platform-node`'s `NodeServices.layer`, built from the
 * package that one re-exports (`@effect/platform-node-shared`), so installing the CLI does not pull
 * in `@effect/platform-node`'s HTTP client and Redis support (about 24 MB).
 *
 * @since 0.1.0
 * @category running
 */
export const layer: Layer.Layer<Command.Environment> = Layer.provideMerge(
  NodeChildProcessSpawner.layer,
  Layer.mergeAll(NodeFileSystem.layer, NodePath.layer, NodeStdio.layer, NodeTerminal.layer),
)

// The presenter has printed the problem (or the help) already.
const usage = (e: EffectCliError.CliError, json: boolean): Effect.Effect<number> =>
  Effect.gen(function* () {
    const errors: ReadonlyArray<{ readonly message: string }> = e._tag === "ShowHelp" ? e.errors : [e]
    // `tongxin` alone: the help, as asked.
    if (errors.length === 0) return ExitCode.ok
    if (json) {
      const message = errors.map((x) => redactUrls(x.message.replace(/\x1b\[[0-9;]*m/g, "")).trim()).join("\n")
      yield* Console.log(
        jsonText({ ok: false, exitCode: ExitCode.usage, error: { kind: "usage", message, details: [], issues: [] } }),
      )
    }
    return ExitCode.usage
  })

const report = (e: unknown, options: { readonly json: boolean; readonly verbose: boolean }): Effect.Effect<number> => {
  const error = e instanceof CliError ? e : Errors.fromCore(e)
  if (error === undefined) return Effect.die(e)
  return Effect.gen(function* () {
    const lines = [
      `✗ ${error.message}`,
      ...(error.details ?? []).map((d) => `  ${d}`),
      ...(error.issues ?? []).flatMap(issueLines),
    ]
    if (error.cause !== undefined) {
      lines.push(
        options.verbose ? `\n${causeText(error.cause)}` : "  (run again with --verbose for the underlying cause)",
      )
    }
    yield* Console.error(lines.join("\n"))
    if (options.json) {
      yield* Console.log(
        jsonText({
          ok: false,
          exitCode: error.exitCode,
          error: {
            kind: error.kind,
            message: error.message,
            details: error.details ?? [],
            issues: (error.issues ?? []).map(issueJson),
          },
        }),
      )
    }
    return error.exitCode
  })
}

const internal = (
  cause: Cause.Cause<unknown>,
  options: { readonly json: boolean; readonly verbose: boolean },
): Effect.Effect<number> =>
  Effect.gen(function* () {
    if (Cause.hasInterruptsOnly(cause)) return 130
    const first = Result.getOrUndefined(Cause.findDefect(cause)) ?? Option.getOrUndefined(Cause.findErrorOption(cause))
    const message = first instanceof Error ? first.message : String(first)
    yield* Console.error(
      [
        `✗ internal error: ${message}`,
        options.verbose
          ? Cause.pretty(cause)
          : "  this is a bug in tongxin; run again with --verbose for the stack trace and report it",
      ].join("\n"),
    )
    if (options.json) {
      yield* Console.log(
        jsonText({
          ok: false,
          exitCode: ExitCode.internal,
          error: { kind: "internal", message, details: [], issues: [] },
        }),
      )
    }
    return ExitCode.internal
  })

const causeText = (cause: unknown): string => {
  if (cause instanceof Error) return cause.stack ?? `${cause.name}: ${cause.message}`
  if (Cause.isCause(cause)) return Cause.pretty(cause)
  try {
    return JSON.stringify(cause, null, 2)
  } catch {
    return String(cause)
  }
}
