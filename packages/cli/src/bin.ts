#!/usr/bin/env node
/**
 * The `tongxin` executable.
 */
import * as NodeRuntime from "@effect/platform-node-shared/NodeRuntime"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import { layer, run } from "./Cli.js"

run(process.argv).pipe(Effect.provide(layer), (program) =>
  NodeRuntime.runMain(program, {
    disableErrorReporting: true,
    teardown: (exit, onExit) => {
      const code = Exit.isSuccess(exit) && typeof exit.value === "number" ? exit.value : 70
      process.exitCode = code
      onExit(code)
    },
  }),
)
