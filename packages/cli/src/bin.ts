#!/usr/bin/env node
/**
 * The `tongxin` executable.
 */
import * as NodeRuntime from "@effect/platform-node-shared/NodeRuntime"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import { layer, run } from "./Cli.js"
import { installSigint } from "./internal/interrupt.js"

// Before `runMain` adds its listener: a second Ctrl-C exits at once.
installSigint()

run(process.argv).pipe(Effect.provide(layer), (program) =>
  NodeRuntime.runMain(program, {
    disableErrorReporting: true,
    teardown: (exit, onExit) => {
      // `run` returns the exit code; it is interrupted only by Ctrl-C (or SIGTERM): 130.
      const code = Exit.isSuccess(exit)
        ? typeof exit.value === "number"
          ? exit.value
          : 70
        : Cause.hasInterruptsOnly(exit.cause)
          ? 130
          : 70
      process.exitCode = code
      onExit(code)
    },
  }),
)
