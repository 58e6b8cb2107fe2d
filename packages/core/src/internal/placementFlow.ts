// Minimum-cost placement of unit agents into a tree of bounded nodes (groups → targets → sink), by
// the primal-dual method on typed arrays. Each agent carries one unit of flow on exactly one of its
// arcs, so agents never need nodes of their own: an agent placed at node g gives the residual graph
// an edge g → h for each of its other arcs, with reduced cost (c_ah − π_h) − (c_ag − π_g). The search
// graph is therefore the few thousand tree nodes, not the agents.
//
// Start: every agent on its cheapest arc, every tree arc at its lower bound, all potentials 0 (or,
// in the coarse rounds of `solve`, potentials from a coarser problem) —
// a pseudoflow whose residual edges all have reduced cost ≥ 0, with excess wherever too many agents
// chose the same node and deficits where minimums are unmet. Each phase runs Dijkstra from every
// excess node until the nearest deficit, shifts the potentials so shortest paths cost 0, and sends
// flow along zero-cost paths (the Dijkstra path, then as many more as a depth-first pass finds). The
// reduced costs stay ≥ 0 throughout, so when no excess is left the potentials prove the placement
// optimal; when excess is left and no deficit can be reached, no placement exists.
//
// Candidates: agents start with only their cheapest few arcs. When the flow is done, every left-out
// arc is priced; an agent with a left-out arc cheaper than its placement under the potentials gets
// all its arcs and moves to the cheapest, and the phases go on; and before a problem is called
// infeasible, every agent gets all its arcs. So the result is exact for all arcs.
//
// Costs must be non-negative integers small enough that 2 · nodes · largest cost < 2^53 (callers
// scale them and check that: internal/costScale.ts), so potentials and reduced costs are exact.

export interface Network {
  readonly agents: number
  /** Tree nodes; the last one is the root (the sink). */
  readonly nodes: number
  /** Per non-root node: its parent. */
  readonly parent: Int32Array
  /** Per non-root node: bounds on the flow from the node to its parent (Infinity for none). */
  readonly lower: Float64Array
  readonly upper: Float64Array
  /** Agent a's arcs are arcStart[a] … arcStart[a + 1] − 1; each leads to a tree node. */
  readonly arcStart: Int32Array
  readonly arcHead: Int32Array
  /** Non-negative integers. */
  readonly arcCost: Float64Array
  /** How many of each agent's cheapest arcs to start from; 0 starts from all. */
  readonly candidates: number
}

export interface Result {
  readonly status: "optimal" | "infeasible"
  /** Per agent: the index of the arc it is placed on. */
  readonly arc: Int32Array
  /** Per tree node; on every arc, cost + π[from] − π[to] is ≥ 0 below its upper bound and ≤ 0 above its lower bound. */
  readonly potential: Float64Array
  /** When infeasible: the flow that could not be routed (agents left over, or minimums short). */
  readonly unrouted: number
  readonly phases: number
}

const NONE = -1
// Edge kinds in search paths.
const TO_PARENT = -2
const TO_CHILD = -3

export const solve = (net: Network): Result => {
  // An agent with nowhere to go makes the problem infeasible (callers usually catch this earlier).
  let stranded = 0
  for (let a = 0; a < net.agents; a++) if (net.arcStart[a + 1] === net.arcStart[a]) stranded++
  if (stranded > 0)
    return {
      status: "infeasible",
      arc: new Int32Array(net.agents).fill(NONE),
      potential: new Float64Array(net.nodes),
      unrouted: stranded,
      phases: 0,
    }
  let largest = 0
  let divisor = 0
  for (let k = 0; k < net.arcCost.length; k++) {
    const c = net.arcCost[k]!
    if (c > largest) largest = c
    if (divisor !== 1) divisor = gcd(divisor, c)
  }
  // Costs that share a factor (all in thousands, say) are solved divided by it: same answer.
  if (divisor > 1) {
    const reduced = solve({ ...net, arcCost: net.arcCost.map((c) => c / divisor) })
    return { ...reduced, potential: reduced.potential.map((p) => p * divisor) }
  }
  return largest <= DIRECT_UP_TO ? solveFrom(net) : viaCoarse(net, largest)
}

// Costs with many distinct values take many phases, each settling a few units. A copy with costs
// cut to a tenth (rounded down) has fewer distinct values; its potentials, times ten, start the
// finer problem close to its own optimum. Recursively, down to costs the direct solve is fast on.
// Measured at 100,000×5,000: costs up to 100,999 (three decimals) 7.5 → 4.4 s; but costs up to
// 1,009 (one decimal) solve faster directly (2.1 vs 3.1 s), hence the two limits.
const DIRECT_UP_TO = 5_000
const COARSEST = 255

const viaCoarse = (net: Network, largest: number): Result => {
  if (largest <= COARSEST) return solveFrom(net)
  const coarse = viaCoarse({ ...net, arcCost: net.arcCost.map((c) => Math.floor(c / 10)) }, Math.floor(largest / 10))
  if (coarse.status === "infeasible") return coarse // same constraints, same verdict
  const result = solveFrom(
    net,
    coarse.potential.map((p) => p * 10),
  )
  return { ...result, phases: result.phases + coarse.phases }
}

// One solve, from all potentials 0 or from `warm` ones.
const solveFrom = (net: Network, warm?: Float64Array): Result => {
  const A = net.agents
  const R = net.nodes
  const root = R - 1
  const { parent, lower, upper } = net

  // Agents are renumbered so that those starting at the same node are consecutive, and so are their
  // arcs: the searches walk a node's agents, and few agents ever move, so the walks stay in cache.
  // Each agent's candidate arcs come first; `agentId` and `arcId` map back to the caller's indices.
  const start = net.arcStart
  const M = start[A]!
  const candidates = Math.floor(net.candidates)
  const take = (a: number) => {
    const degree = start[a + 1]! - start[a]!
    return candidates >= 1 && candidates < degree ? candidates : degree
  }
  // The cheapest arc (the first one, among equals) of every agent: where it starts.
  const startNode = new Int32Array(A)
  const startsAt = new Int32Array(R + 1)
  for (let a = 0; a < A; a++) {
    let best = start[a]!
    for (let k = best + 1; k < start[a + 1]!; k++) if (net.arcCost[k]! < net.arcCost[best]!) best = k
    startNode[a] = net.arcHead[best]!
    startsAt[startNode[a]! + 1]!++
  }
  for (let r = 0; r < R; r++) startsAt[r + 1]! += startsAt[r]!
  const agentId = new Int32Array(A)
  for (let a = 0; a < A; a++) agentId[startsAt[startNode[a]!]!++] = a
  const arcStart = new Int32Array(A + 1)
  const arcHead = new Int32Array(M)
  const arcCost = new Float64Array(M)
  const arcId = new Int32Array(M)
  const arcAgent = new Int32Array(M)
  const active = new Int32Array(A) // per agent: how many of its arcs are in use
  let allActive = true
  for (let i = 0, e = 0; i < A; i++) {
    const a = agentId[i]!
    const from = e
    for (let k = start[a]!; k < start[a + 1]!; k++, e++) {
      arcHead[e] = net.arcHead[k]!
      arcCost[e] = net.arcCost[k]!
      arcId[e] = k
      arcAgent[e] = i
    }
    arcStart[i + 1] = e
    active[i] = take(a)
    if (active[i]! < e - from) {
      allActive = false
      // Partial selection sort: the cheapest to the front, stable among equals.
      for (let j = from; j < from + active[i]!; j++) {
        let best = j
        for (let k = j + 1; k < e; k++)
          if (arcCost[k]! < arcCost[best]! || (arcCost[k] === arcCost[best] && arcId[k]! < arcId[best]!)) best = k
        if (best !== j) swapArcs(arcHead, arcCost, arcId, j, best)
      }
    }
  }

  // Children of each tree node, for the backward tree edges.
  const childStart = new Int32Array(R + 1)
  for (let r = 0; r < root; r++) childStart[parent[r]! + 1]!++
  for (let r = 0; r < R; r++) childStart[r + 1]! += childStart[r]!
  const child = new Int32Array(Math.max(root, 1))
  {
    const fill = childStart.slice(0, R)
    for (let r = 0; r < root; r++) child[fill[parent[r]!]!++] = r
  }

  const flow = new Float64Array(R)
  const excess = new Float64Array(R)
  const pi = new Float64Array(R)
  // Agents placed at each node, as doubly linked lists.
  const placed = new Int32Array(A)
  const first = new Int32Array(R).fill(NONE)
  const nextAgent = new Int32Array(A)
  const prevAgent = new Int32Array(A)
  const link = (a: number, r: number) => {
    const h = first[r]!
    nextAgent[a] = h
    prevAgent[a] = NONE
    if (h !== NONE) prevAgent[h] = a
    first[r] = a
  }
  const unlink = (a: number, r: number) => {
    const p = prevAgent[a]!
    const n = nextAgent[a]!
    if (p !== NONE) nextAgent[p] = n
    else first[r] = n
    if (n !== NONE) prevAgent[n] = p
  }
  const move = (a: number, k: number) => {
    const from = arcHead[placed[a]!]!
    unlink(a, from)
    link(a, arcHead[k]!)
    placed[a] = k
  }

  if (warm !== undefined) {
    // Warm potentials, adjusted from the root down so that no arc without an upper bound would
    // need to carry more the cheaper it gets: such an arc's node is raised to its parent.
    const order = [root]
    for (let i = 0; i < order.length; i++) {
      const u = order[i]!
      pi[u] = u === root ? warm[u]! : Math.max(warm[u]!, upper[u] === Infinity ? pi[parent[u]!]! : -Infinity)
      for (let j = childStart[u]!; j < childStart[u + 1]!; j++) order.push(child[j]!)
    }
  }
  // Every agent on its cheapest arc under the potentials; every tree arc at the bound its reduced
  // cost asks for (the upper one when negative).
  for (let a = A - 1; a >= 0; a--) {
    let best = arcStart[a]!
    const end = best + active[a]!
    for (let k = best + 1; k < end; k++)
      if (arcCost[k]! - pi[arcHead[k]!]! < arcCost[best]! - pi[arcHead[best]!]!) best = k
    placed[a] = best
    link(a, arcHead[best]!)
    excess[arcHead[best]!]!++
  }
  for (let r = 0; r < root; r++) {
    flow[r] = pi[r]! < pi[parent[r]!]! ? upper[r]! : lower[r]!
    excess[r]! -= flow[r]!
    excess[parent[r]!]! += flow[r]!
  }
  excess[root]! -= A

  // Dijkstra over the tree nodes, with an indexed binary heap.
  const dist = new Float64Array(R)
  const heap = new Int32Array(R)
  const heapPos = new Int32Array(R).fill(NONE)
  const settled = new Int32Array(R)
  const done = new Uint8Array(R)
  const predNode = new Int32Array(R)
  const predVia = new Int32Array(R) // TO_PARENT, TO_CHILD or an arc index (an agent move)
  let heapSize = 0
  const siftUp = (i: number) => {
    const v = heap[i]!
    const d = dist[v]!
    while (i > 0) {
      const p = (i - 1) >> 1
      const u = heap[p]!
      if (dist[u]! <= d) break
      heap[i] = u
      heapPos[u] = i
      i = p
    }
    heap[i] = v
    heapPos[v] = i
  }
  const siftDown = (i: number) => {
    const v = heap[i]!
    const d = dist[v]!
    for (;;) {
      let c = 2 * i + 1
      if (c >= heapSize) break
      if (c + 1 < heapSize && dist[heap[c + 1]!]! < dist[heap[c]!]!) c++
      const u = heap[c]!
      if (dist[u]! >= d) break
      heap[i] = u
      heapPos[u] = i
      i = c
    }
    heap[i] = v
    heapPos[v] = i
  }
  const relax = (v: number, d: number, from: number, via: number) => {
    if (d >= dist[v]!) return
    dist[v] = d
    predNode[v] = from
    predVia[v] = via
    if (heapPos[v] === NONE) {
      heap[heapSize] = v
      heapPos[v] = heapSize++
    }
    siftUp(heapPos[v]!)
  }

  // Shortest paths from every excess node to the nearest deficit; shifts the potentials so that
  // the shortest paths have reduced cost 0 and returns that deficit, or NONE when none is reachable.
  const shortestPaths = (): number => {
    dist.fill(Infinity)
    heapSize = 0
    for (let r = 0; r < R; r++) {
      done[r] = 0
      heapPos[r] = NONE
      if (excess[r]! > 0) relax(r, 0, NONE, NONE)
    }
    let count = 0
    let found = NONE
    while (heapSize > 0) {
      const u = heap[0]!
      heapPos[u] = NONE
      if (--heapSize > 0) {
        heap[0] = heap[heapSize]!
        heapPos[heap[0]!] = 0
        siftDown(0)
      }
      done[u] = 1
      settled[count++] = u
      if (excess[u]! < 0) {
        found = u
        break
      }
      const du = dist[u]!
      const pu = pi[u]!
      if (u !== root) {
        const p = parent[u]!
        if (flow[u]! < upper[u]! && done[p] === 0) relax(p, du + pu - pi[p]!, u, TO_PARENT)
      }
      for (let j = childStart[u]!, end = childStart[u + 1]!; j < end; j++) {
        const c = child[j]!
        if (flow[c]! > lower[c]! && done[c] === 0) relax(c, du + pu - pi[c]!, u, TO_CHILD)
      }
      for (let a = first[u]!; a !== NONE; a = nextAgent[a]!) {
        const base = du - arcCost[placed[a]!]! + pu
        for (let k = arcStart[a]!, end = k + active[a]!; k < end; k++) {
          const h = arcHead[k]!
          if (done[h] === 0) relax(h, base + arcCost[k]! - pi[h]!, u, k)
        }
      }
    }
    if (found === NONE) return NONE
    const D = dist[found]!
    for (let i = 0; i < count; i++) {
      const v = settled[i]!
      pi[v]! += dist[v]! - D
    }
    return found
  }

  // An edge u → v of a search path: up the tree, down the tree, or an agent at u moving by arc `via`.
  const room = (u: number, v: number, via: number) =>
    via === TO_PARENT ? upper[u]! - flow[u]! : via === TO_CHILD ? flow[v]! - lower[v]! : 1
  const send = (u: number, v: number, via: number, amount: number) => {
    if (via === TO_PARENT) flow[u]! += amount
    else if (via === TO_CHILD) flow[v]! -= amount
    else move(arcAgent[via]!, via)
  }

  // Sends flow along the path Dijkstra found.
  const augmentShortest = (deficit: number) => {
    let amount = -excess[deficit]!
    let v = deficit
    let source = deficit
    while (predNode[v] !== NONE) {
      const u = predNode[v]!
      amount = Math.min(amount, room(u, v, predVia[v]!))
      source = u
      v = u
    }
    amount = Math.min(amount, excess[source]!)
    for (v = deficit; predNode[v] !== NONE; v = predNode[v]!) send(predNode[v]!, v, predVia[v]!, amount)
    excess[source]! -= amount
    excess[deficit]! += amount
  }

  // Depth-first pass over zero-cost edges from every excess node: more paths per Dijkstra. Nodes
  // that fail are skipped for the rest of the pass (a node that failed beside the search's own path
  // might have succeeded later; the next phase finds what this pass missed). Iterative: paths can be
  // thousands of edges long.
  const seen = new Int32Array(R)
  const dead = new Int32Array(R)
  let attempt = 0
  let pass = 0
  const stackNode = new Int32Array(R)
  const stackStage = new Int32Array(R) // −1: parent edge next; 0…children−1: that child; children: agents
  const stackAgent = new Int32Array(R)
  const stackArc = new Int32Array(R)
  const stackVia = new Int32Array(R)
  const stackLimit = new Float64Array(R)
  const enter = (top: number, u: number, limit: number) => {
    seen[u] = attempt
    stackNode[top] = u
    stackStage[top] = u === root ? 0 : -1
    stackAgent[top] = first[u]!
    stackArc[top] = first[u] === NONE ? 0 : arcStart[first[u]!]!
    stackLimit[top] = limit
  }
  const zeroPaths = (): number => {
    pass++
    let sent = 0
    for (let s = 0; s < R; s++) {
      while (excess[s]! > 0 && dead[s] !== pass) {
        attempt++
        let top = 0
        enter(0, s, excess[s]!)
        let deficit = NONE
        let amount = 0
        while (top >= 0 && deficit === NONE) {
          const u = stackNode[top]!
          const pu = pi[u]!
          const children = childStart[u + 1]! - childStart[u]!
          let next = NONE
          // Tree edges first: they carry more than one unit.
          while (next === NONE && stackStage[top]! < children) {
            const stage = stackStage[top]!++
            if (stage < 0) {
              const p = parent[u]!
              if (flow[u]! < upper[u]! && pi[p] === pu && seen[p] !== attempt && dead[p] !== pass) {
                next = p
                stackVia[top] = TO_PARENT
              }
            } else {
              const c = child[childStart[u]! + stage]!
              if (flow[c]! > lower[c]! && pi[c] === pu && seen[c] !== attempt && dead[c] !== pass) {
                next = c
                stackVia[top] = TO_CHILD
              }
            }
          }
          if (next === NONE) {
            let a = stackAgent[top]!
            let k = stackArc[top]!
            while (a !== NONE && next === NONE) {
              const base = arcCost[placed[a]!]! - pu
              for (const end = arcStart[a]! + active[a]!; k < end; k++) {
                const h = arcHead[k]!
                if (arcCost[k]! - pi[h]! === base && h !== u && seen[h] !== attempt && dead[h] !== pass) {
                  next = h
                  stackVia[top] = k
                  k++
                  break
                }
              }
              if (next === NONE) {
                a = nextAgent[a]!
                k = a === NONE ? 0 : arcStart[a]!
              }
            }
            stackAgent[top] = a
            stackArc[top] = k
          }
          if (next === NONE) {
            dead[u] = pass
            top--
            continue
          }
          const limit = Math.min(stackLimit[top]!, room(u, next, stackVia[top]!))
          if (excess[next]! < 0) {
            deficit = next
            amount = Math.min(limit, -excess[next]!)
            break
          }
          enter(++top, next, limit)
        }
        if (deficit === NONE) break
        for (let i = 0; i <= top; i++) send(stackNode[i]!, i < top ? stackNode[i + 1]! : deficit, stackVia[i]!, amount)
        excess[s]! -= amount
        excess[deficit]! += amount
        sent += amount
      }
    }
    return sent
  }

  // Prices every left-out arc (all of them when `everyone`); agents with a cheaper one get all
  // their arcs and move to the cheapest. Returns how many agents moved.
  const price = (everyone: boolean): number => {
    let moved = 0
    allActive = true
    for (let a = 0; a < A; a++) {
      const from = arcStart[a]!
      const to = arcStart[a + 1]!
      if (active[a] === to - from) continue
      const k0 = placed[a]!
      let best = k0
      let bestValue = arcCost[k0]! - pi[arcHead[k0]!]!
      for (let k = from + active[a]!; k < to; k++) {
        const value = arcCost[k]! - pi[arcHead[k]!]!
        if (value < bestValue) {
          best = k
          bestValue = value
        }
      }
      if (best === k0 && !everyone) {
        allActive = false
        continue
      }
      active[a] = to - from
      if (best !== k0) {
        // The active arcs cost at least the placed one (the phases keep it so): best is the cheapest.
        excess[arcHead[k0]!]!--
        excess[arcHead[best]!]!++
        move(a, best)
        moved++
      }
    }
    return moved
  }

  let phases = 0
  let skipPass = false
  let status: Result["status"] = "optimal"
  for (;;) {
    let left = false
    for (let r = 0; r < R; r++) if (excess[r]! > 0) left = true
    if (!left) {
      if (allActive || price(false) === 0) break
      continue
    }
    phases++
    const deficit = shortestPaths()
    if (deficit === NONE) {
      if (allActive) {
        status = "infeasible"
        break
      }
      price(true)
      continue
    }
    augmentShortest(deficit)
    // The depth-first pass pays off while it finds many paths; after one that found at most one,
    // skip it once.
    if (skipPass) skipPass = false
    else skipPass = zeroPaths() <= 1
  }
  let unrouted = 0
  for (let r = 0; r < R; r++) if (excess[r]! > 0) unrouted += excess[r]!
  const arc = new Int32Array(A)
  for (let i = 0; i < A; i++) arc[agentId[i]!] = arcId[placed[i]!]!
  return { status, arc, potential: pi, unrouted, phases }
}

const gcd = (a: number, b: number): number => {
  while (b !== 0) {
    const r = a % b
    a = b
    b = r
  }
  return a
}

const swapArcs = (head: Int32Array, cost: Float64Array, id: Int32Array, i: number, j: number) => {
  const h = head[i]!
  head[i] = head[j]!
  head[j] = h
  const c = cost[i]!
  cost[i] = cost[j]!
  cost[j] = c
  const d = id[i]!
  id[i] = id[j]!
  id[j] = d
}
