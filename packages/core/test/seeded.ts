// A small seeded generator for the test instances built inside fast-check maps: the same seed,
// the same instance, so a shrunk counterexample replays exactly.
export const seeded = (seed: number) => {
  let s = seed >>> 0
  const rnd = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1))
  return { rnd, int }
}
