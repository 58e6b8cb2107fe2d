// Primal network simplex for minimum-cost flow with lower bounds, on typed arrays. The spanning
// tree is kept as parent/pred/thread/succ_num/last_succ arrays (the representation of LEMON's
// NetworkSimplex, Kovács 2015), the entering arc is chosen by block search, and an artificial root
// with big-M arcs gives the first feasible basis. Costs must be integers (callers scale them) so
// every potential and reduced cost is exact in a Float64.

export interface Network {
  readonly nodeCount: number
  readonly arcCount: number
  readonly source: Int32Array
  readonly target: Int32Array
  readonly lower: Float64Array
  /** Use Infinity for no upper bound. */
  readonly upper: Float64Array
  /** Integers. */
  readonly cost: Float64Array
  /** Per node: positive supplies flow out, negative demands flow in; they must sum to 0. */
  readonly supply: Float64Array
}

export interface Result {
  readonly status: "optimal" | "infeasible"
  /** Flow on each of the network's arcs (lower bounds included). */
  readonly flow: Float64Array
  /** Node potentials: for every arc, cost + π[source] − π[target] is ≥ 0 below its upper bound and ≤ 0 above its lower bound. */
  readonly potential: Float64Array
  readonly cost: number
  readonly pivots: number
}

const STATE_UPPER = -1
const STATE_TREE = 0
const STATE_LOWER = 1
const DIR_UP = 1
const DIR_DOWN = -1

export const solve = (net: Network): Result => {
  const n = net.nodeCount
  const m = net.arcCount
  const all = m + n
  const root = n
  const source = new Int32Array(all)
  const target = new Int32Array(all)
  const cap = new Float64Array(all)
  const cost = new Float64Array(all)
  const flow = new Float64Array(all)
  const state = new Int8Array(all)
  const supply = new Float64Array(n + 1)

  let maxCost = 0
  let capSum = 0
  for (let v = 0; v < n; v++) {
    supply[v] = net.supply[v]!
    capSum += Math.abs(net.supply[v]!)
  }
  // Arc mixing: internal arc k holds network arc order[k], taken with a stride, so that each block
  // of the pivot search sees arcs from all over the network rather than from a few nodes.
  const order = new Int32Array(m)
  const skip = Math.max(Math.floor(m / Math.max(n, 1)), 3)
  for (let k = 0, i = 0, j = 0; k < m; k++) {
    order[k] = i
    if ((i += skip) >= m) i = ++j
  }
  for (let k = 0; k < m; k++) {
    const e = order[k]!
    const s = net.source[e]!
    const t = net.target[e]!
    const lo = net.lower[e]!
    source[k] = s
    target[k] = t
    cost[k] = net.cost[e]!
    if (Math.abs(cost[k]!) > maxCost) maxCost = Math.abs(cost[k]!)
    // Shift lower bounds into the supplies.
    cap[k] = net.upper[e]! - lo
    supply[s]! -= lo
    supply[t]! += lo
    state[k] = STATE_LOWER
    if (Number.isFinite(net.upper[e]!)) capSum += net.upper[e]!
  }
  // "Infinite" capacity: more than any flow can ever be.
  const INF = capSum + 1
  for (let e = 0; e < m; e++) if (!(cap[e]! < INF)) cap[e] = INF
  const ART_COST = (maxCost + 1) * (n + 1)

  const parent = new Int32Array(n + 1)
  const pred = new Int32Array(n + 1)
  const thread = new Int32Array(n + 1)
  const revThread = new Int32Array(n + 1)
  const succNum = new Int32Array(n + 1)
  const lastSucc = new Int32Array(n + 1)
  const predDir = new Int8Array(n + 1)
  const pi = new Float64Array(n + 1)

  // The first basis: every node hangs from the root by an artificial arc carrying its supply.
  parent[root] = -1
  pred[root] = -1
  thread[root] = 0
  revThread[0] = root
  succNum[root] = n + 1
  lastSucc[root] = root - 1
  supply[root] = 0
  pi[root] = 0
  for (let u = 0, e = m; u < n; u++, e++) {
    parent[u] = root
    pred[u] = e
    thread[u] = u + 1
    revThread[u + 1] = u
    succNum[u] = 1
    lastSucc[u] = u
    cap[e] = INF
    state[e] = STATE_TREE
    if (supply[u]! >= 0) {
      predDir[u] = DIR_UP
      pi[u] = 0
      source[e] = u
      target[e] = root
      flow[e] = supply[u]!
      cost[e] = 0
    } else {
      predDir[u] = DIR_DOWN
      pi[u] = ART_COST
      source[e] = root
      target[e] = u
      flow[e] = -supply[u]!
      cost[e] = ART_COST
    }
  }
  if (n === 0 || m === 0) {
    let feasible = true
    for (let v = 0; v < n; v++) if (supply[v] !== 0) feasible = false
    return { status: feasible ? "optimal" : "infeasible", flow: new Float64Array(net.lower), potential: pi.slice(0, n), cost: 0, pivots: 0 }
  }

  // Block search pivot rule; blocks of 3√m arcs measured fastest on assignment networks (fewer,
  // better pivots outweigh the longer scans).
  const blockSize = Math.max(Math.ceil(3 * Math.sqrt(m)), 10)
  let nextArc = 0
  let inArc = -1
  const findEnteringArc = (): boolean => {
    let min = 0
    let cnt = blockSize
    let e = nextArc
    for (let k = 0; k < m; k++) {
      const c = state[e]! * (cost[e]! + pi[source[e]!]! - pi[target[e]!]!)
      if (c < min) {
        min = c
        inArc = e
      }
      if (--cnt === 0) {
        if (min < 0) break
        cnt = blockSize
      }
      if (++e === m) e = 0
    }
    if (min >= 0) return false
    nextArc = e
    return true
  }

  let join = 0
  let uIn = 0
  let vIn = 0
  let uOut = 0
  let vOut = 0
  let delta = 0
  const dirtyRevs: Array<number> = []

  let pivots = 0
  while (findEnteringArc()) {
    pivots++
    // Join node: the common ancestor of the entering arc's ends.
    let a = source[inArc]!
    let b = target[inArc]!
    while (a !== b) {
      if (succNum[a]! < succNum[b]!) a = parent[a]!
      else b = parent[b]!
    }
    join = a

    // Leaving arc: the first blocking arc around the cycle.
    let first: number
    let second: number
    if (state[inArc] === STATE_LOWER) {
      first = source[inArc]!
      second = target[inArc]!
    } else {
      first = target[inArc]!
      second = source[inArc]!
    }
    delta = cap[inArc]!
    let result = 0
    for (let u = first; u !== join; u = parent[u]!) {
      const e = pred[u]!
      const d = predDir[u] === DIR_DOWN ? cap[e]! - flow[e]! : flow[e]!
      if (d < delta) {
        delta = d
        uOut = u
        result = 1
      }
    }
    for (let u = second; u !== join; u = parent[u]!) {
      const e = pred[u]!
      const d = predDir[u] === DIR_UP ? cap[e]! - flow[e]! : flow[e]!
      if (d <= delta) {
        delta = d
        uOut = u
        result = 2
      }
    }
    if (result === 1) {
      uIn = first
      vIn = second
    } else {
      uIn = second
      vIn = first
    }
    const change = result !== 0
    if (delta >= INF) throw new Error("network simplex: unbounded (a negative-cost cycle without capacity)")

    // Augment along the cycle.
    if (delta > 0) {
      const val = state[inArc]! * delta
      flow[inArc]! += val
      for (let u = source[inArc]!; u !== join; u = parent[u]!) flow[pred[u]!]! -= predDir[u]! * val
      for (let u = target[inArc]!; u !== join; u = parent[u]!) flow[pred[u]!]! += predDir[u]! * val
    }
    if (!change) {
      state[inArc] = -state[inArc]! as -1 | 1
      continue
    }
    state[inArc] = STATE_TREE
    state[pred[uOut]!] = flow[pred[uOut]!] === 0 ? STATE_LOWER : STATE_UPPER

    // Update the tree structure.
    const oldRevThread = revThread[uOut]!
    const oldSuccNum = succNum[uOut]!
    const oldLastSucc = lastSucc[uOut]!
    vOut = parent[uOut]!
    if (uIn === uOut) {
      parent[uIn] = vIn
      pred[uIn] = inArc
      predDir[uIn] = uIn === source[inArc] ? DIR_UP : DIR_DOWN
      if (thread[vIn] !== uOut) {
        let after = thread[oldLastSucc]!
        thread[oldRevThread] = after
        revThread[after] = oldRevThread
        after = thread[vIn]!
        thread[vIn] = uOut
        revThread[uOut] = vIn
        thread[oldLastSucc] = after
        revThread[after] = oldLastSucc
      }
    } else {
      const threadContinue = oldRevThread === vIn ? thread[oldLastSucc]! : thread[vIn]!
      let stem = uIn
      let parStem = vIn
      let last = lastSucc[uIn]!
      let after = thread[last]!
      thread[vIn] = uIn
      dirtyRevs.length = 0
      dirtyRevs.push(vIn)
      while (stem !== uOut) {
        const nextStem = parent[stem]!
        thread[last] = nextStem
        dirtyRevs.push(last)
        const before = revThread[stem]!
        thread[before] = after
        revThread[after] = before
        parent[stem] = parStem
        parStem = stem
        stem = nextStem
        last = lastSucc[stem] === lastSucc[parStem] ? revThread[parStem]! : lastSucc[stem]!
        after = thread[last]!
      }
      parent[uOut] = parStem
      thread[last] = threadContinue
      revThread[threadContinue] = last
      lastSucc[uOut] = last
      if (oldRevThread !== vIn) {
        thread[oldRevThread] = after
        revThread[after] = oldRevThread
      }
      for (const u of dirtyRevs) revThread[thread[u]!] = u
      let tmpSc = 0
      const tmpLs = lastSucc[uOut]!
      for (let u = uOut, p = parent[u]!; u !== uIn; u = p, p = parent[u]!) {
        pred[u] = pred[p]!
        predDir[u] = -predDir[p]! as -1 | 1
        tmpSc += succNum[u]! - succNum[p]!
        succNum[u] = tmpSc
        lastSucc[p] = tmpLs
      }
      pred[uIn] = inArc
      predDir[uIn] = uIn === source[inArc] ? DIR_UP : DIR_DOWN
      succNum[uIn] = oldSuccNum
    }
    const upLimitOut = lastSucc[join] === vIn ? join : -1
    const lastSuccOut = lastSucc[uOut]!
    for (let u = vIn; u !== -1 && lastSucc[u] === vIn; u = parent[u]!) lastSucc[u] = lastSuccOut
    if (join !== oldRevThread && vIn !== oldRevThread) {
      for (let u = vOut; u !== upLimitOut && lastSucc[u] === oldLastSucc; u = parent[u]!) lastSucc[u] = oldRevThread
    } else if (lastSuccOut !== oldLastSucc) {
      for (let u = vOut; u !== upLimitOut && lastSucc[u] === oldLastSucc; u = parent[u]!) lastSucc[u] = lastSuccOut
    }
    for (let u = vIn; u !== join; u = parent[u]!) succNum[u]! += oldSuccNum
    for (let u = vOut; u !== join; u = parent[u]!) succNum[u]! -= oldSuccNum

    // Update potentials in the moved subtree.
    const sigma = pi[vIn]! - pi[uIn]! - predDir[uIn]! * cost[inArc]!
    const end = thread[lastSucc[uIn]!]!
    for (let u = uIn; u !== end; u = thread[u]!) pi[u]! += sigma
  }

  let feasible = true
  for (let e = m; e < all; e++) if (flow[e] !== 0) feasible = false
  const out = new Float64Array(m)
  let total = 0
  for (let k = 0; k < m; k++) {
    const e = order[k]!
    out[e] = flow[k]! + net.lower[e]!
    total += out[e]! * net.cost[e]!
  }
  return { status: feasible ? "optimal" : "infeasible", flow: out, potential: pi.slice(0, n), cost: total, pivots }
}
