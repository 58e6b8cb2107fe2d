/**
 * Steps and child processes for the release scripts (`check:packages`, `release:rehearse`): each
 * step prints ✓ or ✗ with its time and is kept for the summary; commands run with their output
 * captured, a timeout, and are stopped when the script is interrupted.
 */
import { type ChildProcess, spawn } from "node:child_process"
import { basename } from "node:path"

interface StepResult {
  readonly name: string
  readonly ok: boolean
  readonly ms: number
}

/** Every step run so far, in order. */
export const results: Array<StepResult> = []
const started = Date.now()

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`
export const indent = (text: string, by = "    ") => text.replace(/\s+$/, "").replace(/^/gm, by)

/** Runs a step: ✓ or ✗ with its time; a failing step's error is printed and `undefined` returned. */
export const step = async <A>(name: string, run: () => Promise<A>): Promise<A | undefined> => {
  const t = Date.now()
  try {
    const a = await run()
    results.push({ name, ok: true, ms: Date.now() - t })
    console.log(`✓ ${name} (${seconds(Date.now() - t)})`)
    return a
  } catch (error) {
    results.push({ name, ok: false, ms: Date.now() - t })
    console.log(`✗ ${name} (${seconds(Date.now() - t)})`)
    console.log(indent(error instanceof Error ? error.message : String(error)))
    return undefined
  }
}

/** A step that could not run, counted as failed. */
export const skip = (name: string, why: string) => {
  results.push({ name, ok: false, ms: 0 })
  console.log(`✗ ${name}: not run (${why})`)
}

/** Prints every step and the verdict under `title`; returns the exit code. */
export const printSummary = (title: string): number => {
  const failed = results.filter((r) => !r.ok)
  console.log(`\n${"─".repeat(72)}`)
  for (const r of results) console.log(`${r.ok ? "✓" : "✗"} ${r.name}${r.ms > 0 ? ` (${seconds(r.ms)})` : ""}`)
  console.log(`${"─".repeat(72)}`)
  console.log(
    failed.length === 0
      ? `${title} passed: ${results.length} steps in ${seconds(Date.now() - started)}`
      : `${title} FAILED: ${failed.length} of ${results.length} steps (${failed.map((r) => r.name).join("; ")}) in ${seconds(Date.now() - started)}`,
  )
  return failed.length === 0 ? 0 : 1
}

/** A finished command: its exit code, its output (stdout and stderr interleaved), its stdout. */
export interface Ran {
  readonly code: number | null
  readonly output: string
  readonly stdout: string
  readonly ms: number
}

/** The commands still running; the scripts stop them when interrupted. */
export const children = new Set<ChildProcess>()

let interrupted = false
/** After this, no further command starts. */
export const interrupt = () => {
  interrupted = true
  for (const c of children) if (c.pid !== undefined) c.kill("SIGTERM")
}

/** Variables a parent `pnpm run` sets, dropped so the tools below see a plain shell. */
export const cleanEnv = (): NodeJS.ProcessEnv =>
  Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(npm_|NPM_|pnpm_|PNPM_|YARN_|yarn_|INIT_CWD$)/.test(k)),
  )

export interface RunOptions {
  readonly cwd: string
  readonly timeoutMs?: number
  readonly env?: NodeJS.ProcessEnv
}

/** Runs a command with its output captured; killed after `timeoutMs` (default 5 minutes). */
export const run = (command: string, args: ReadonlyArray<string>, options: RunOptions): Promise<Ran> =>
  new Promise((resolvePromise, reject) => {
    if (interrupted) return reject(new Error(`${command}: not started (interrupted)`))
    const t = Date.now()
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
    })
    children.add(child)
    let output = ""
    let stdout = ""
    child.stdout!.on("data", (b: Buffer) => {
      output += b
      stdout += b
    })
    child.stderr!.on("data", (b: Buffer) => (output += b))
    const timeoutMs = options.timeoutMs ?? 5 * 60_000
    const timer = setTimeout(() => {
      output += `\n[killed after ${seconds(timeoutMs)}]`
      child.kill("SIGTERM")
    }, timeoutMs)
    child.on("error", (e) => {
      clearTimeout(timer)
      children.delete(child)
      reject(new Error(`${command}: ${e.message}`))
    })
    child.on("close", (code) => {
      clearTimeout(timer)
      children.delete(child)
      resolvePromise({ code, output, stdout, ms: Date.now() - t })
    })
  })

/** The last `lines` lines of a command's output. */
export const tail = (text: string, lines = 60) => {
  const all = text.replace(/\s+$/, "").split("\n")
  return (all.length > lines ? [`… (${all.length - lines} lines above)`, ...all.slice(-lines)] : all).join("\n")
}

/** Runs a command that must exit 0; the error carries the command and its output's tail. */
export const mustRun = async (command: string, args: ReadonlyArray<string>, options: RunOptions): Promise<Ran> => {
  const r = await run(command, args, options)
  if (r.code !== 0) {
    throw new Error(
      `${[basename(command), ...args].join(" ")} (in ${options.cwd}) exited ${r.code}\n${indent(tail(r.output), "  ")}`,
    )
  }
  return r
}
