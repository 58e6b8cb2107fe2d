// Timing helpers: warm up, then take the median of several runs, so one GC pause does not decide.
import { performance } from "node:perf_hooks"

export interface Measurement {
  readonly name: string
  readonly medianMs: number
  readonly runs: number
}

export const measure = (name: string, fn: () => unknown, runs = 7): Measurement => {
  fn()
  const times: Array<number> = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    fn()
    times.push(performance.now() - t0)
  }
  times.sort((a, b) => a - b)
  return { name, medianMs: times[Math.floor(times.length / 2)]!, runs }
}

export const peakRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024)

export const report = (title: string, rows: ReadonlyArray<Measurement>, baseline: Measurement) => {
  console.log(`\n${title}`)
  for (const r of rows) {
    const ratio = r.medianMs / baseline.medianMs
    console.log(
      `  ${r.name.padEnd(44)} ${r.medianMs.toFixed(2).padStart(10)} ms   ${ratio.toFixed(2)}× ${r === baseline ? "(baseline)" : ""}`,
    )
  }
}
