/**
 * A value axis with round ticks: steps of 1, 2 or 5 × 10^k, about five intervals, always
 * including zero, so bars start from a baseline the reader can trust.
 */

/** The ends of a value axis and its ticks. */
export interface Scale {
  /** The axis' lower end: zero, or a tick below every negative value. */
  readonly min: number
  /** The axis' upper end: the fixed `max`, or a tick at or above every value. */
  readonly max: number
  /** The distance between ticks (the last one may be closer when `max` is fixed). */
  readonly step: number
  /** Increasing, from `min` to `max`. */
  readonly ticks: ReadonlyArray<number>
}

/**
 * The axis for some values. Non-finite values are left out; all-zero or no values give 0–1. With
 * `max` (when above every negative value) the axis ends there, and a value above it is the caller's
 * to clip. When every value is an integer, ticks are integers too.
 */
export const niceTicks = (
  values: ReadonlyArray<number>,
  options: { readonly max?: number | undefined; readonly count?: number } = {},
): Scale => {
  const count = Math.max(1, options.count ?? 5)
  let lo = 0
  let hi = 0
  let integer = true
  for (const v of values) {
    if (!Number.isFinite(v)) continue
    if (v < lo) lo = v
    if (v > hi) hi = v
    if (!Number.isInteger(v)) integer = false
  }
  // + 0: a fixed max of -0 is the tick 0.
  const fixed =
    options.max !== undefined && Number.isFinite(options.max) && options.max > lo ? options.max + 0 : undefined
  if (fixed !== undefined) hi = fixed
  if (hi === lo) hi = lo + 1
  // Divided before subtracting, so the range of two huge values of opposite signs stays finite.
  let step = niceStep(hi / count - lo / count)
  if (integer && step < 1) step = 1
  let min = lo === 0 ? 0 : clean(Math.floor(lo / step) * step)
  let top = fixed ?? clean(Math.ceil(hi / step) * step)
  // Rounding (of a subnormal, or in the 12th digit) must not leave a value outside the axis.
  if (min > lo) min = clean(min - step)
  if (top < hi) top = clean(top + step)
  if (!Number.isFinite(min) || !Number.isFinite(top) || !(step > 0) || (top - min) / step > 1000)
    return { min: lo, max: hi, step: hi - lo, ticks: [lo, hi] }
  const ticks: Array<number> = []
  for (let k = Math.round(min / step); ; k++) {
    const v = clean(k * step)
    if (v > top) break
    ticks.push(v)
  }
  const last = ticks[ticks.length - 1]
  if (last === undefined) return { min, max: top, step, ticks: [min, top] }
  if (last < top) {
    // A fixed max that is not a multiple of the step gets its own tick; the round one just below
    // it gives way when the two labels would crowd each other.
    if (ticks.length > 1 && top - last < step / 2) ticks.pop()
    ticks.push(top)
  }
  return { min, max: top, step, ticks }
}

/** The round step nearest (on a log scale) to a raw one: 1, 2 or 5 × 10^k. */
const niceStep = (raw: number): number => {
  if (!(raw > 0) || !Number.isFinite(raw)) return Number.NaN
  const magnitude = 10 ** Math.floor(Math.log10(raw))
  const f = raw / magnitude
  // Thresholds are the geometric means of neighbouring steps: √2, √10, √50.
  const nice = f < Math.SQRT2 ? 1 : f < Math.sqrt(10) ? 2 : f < Math.sqrt(50) ? 5 : 10
  return clean(nice * magnitude)
}

/** Removes floating-point noise (0.1 × 3 = 0.30000000000000004) and negative zero. */
const clean = (x: number): number => Number(x.toPrecision(12)) + 0
