/**
 * Ctrl-C in the `tongxin` executable. The first SIGINT interrupts the command gracefully (its
 * finalizers run: the progress bar is cleared, the store closed; exit 130); a second one exits at
 * once with 130, without waiting for them.
 *
 * Node runs signal handlers only between two turns of its event loop, so a long synchronous step
 * (parsing a big district file) would hide both presses until it ends. Such steps run through
 * `breakable`: a SIGINT stops them where they are.
 */
import * as Effect from "effect/Effect"
import { Script } from "node:vm"

let installed = false
let presses = 0

/**
 * Installs the handling above. Called by the executable before the runtime adds its own SIGINT
 * listener (which interrupts the main fiber), so that this one sees each press first. A program
 * embedding `TongxinCli.run` keeps its own signal handling: without this, `breakable` just runs.
 */
export const installSigint = (): void => {
  if (installed) return
  installed = true
  process.on("SIGINT", press)
}

const press = () => {
  presses++
  if (presses < 2) return
  // `process.exit` waits for Node's thread pool (a DNS lookup, say); with no listener left, a third
  // press ends the process the default way.
  process.removeAllListeners("SIGINT")
  process.exit(130)
}

/**
 * Runs a long synchronous step so that Ctrl-C can stop it: a SIGINT while `f` runs ends `f` and
 * interrupts the effect (it counts as the first press). Without `installSigint`, `f` just runs.
 */
export const breakable = <A>(f: () => A): Effect.Effect<A> =>
  installed
    ? Effect.andThen(
        signalsDelivered,
        Effect.suspend(() => runBreakable(f)),
      )
    : Effect.sync(f)

// Node queues a SIGINT that comes while JavaScript runs (or a read blocks) and hands it to the
// listeners on the next turn of the event loop; `breakOnSigint` below takes the listeners away, and
// a queued signal with them. Two turns (the second one after a poll for events, whatever phase the
// first one starts in) let such a press act first.
const signalsDelivered: Effect.Effect<void> = Effect.promise(
  () => new Promise<void>((resolve) => setImmediate(() => setImmediate(resolve))),
)

const runBreakable = <A>(f: () => A): Effect.Effect<A> => {
  // `breakOnSigint` is Node's own way to stop running JavaScript on SIGINT (the REPL uses it): a
  // watchdog thread terminates the script, which then throws. It exists only for `vm` scripts, so
  // the script calls `f` through a global slot.
  const global = globalThis as { [slot]?: () => unknown }
  global[slot] = f
  try {
    return Effect.succeed(call().runInThisContext({ breakOnSigint: true }) as A)
  } catch (e) {
    if ((e as { code?: unknown } | null)?.code !== "ERR_SCRIPT_EXECUTION_INTERRUPTED") throw e
    press()
    return Effect.interrupt
  } finally {
    delete global[slot]
  }
}

const slot = Symbol.for("@tongxin/cli/breakable")
let script: Script | undefined
const call = () => {
  script ??= new Script(`globalThis[Symbol.for(${JSON.stringify(slot.description)})]()`)
  return script
}
