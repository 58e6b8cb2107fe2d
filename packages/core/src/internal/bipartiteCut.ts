// Maximum flow on a bipartite network — source → left (capacity per left node) → right (unbounded,
// along the given edges) → sink (capacity per right node) — and its smallest minimum cut: the nodes
// still reachable from the source in the residual network. When the flow falls short of what the
// left side sends, those nodes are a real obstruction (Hall's theorem): the reachable left nodes
// need more than the reachable right nodes, which are all their neighbours, can take.
// Dinic's algorithm, on typed arrays.

export interface Cut {
  readonly flow: number
  /** 1 for each left node on the source side of the smallest minimum cut. */
  readonly left: Uint8Array
  /** 1 for each right node on the source side (every neighbour of a source-side left node). */
  readonly right: Uint8Array
}

export const bipartiteCut = (
  leftCapacity: Float64Array,
  rightCapacity: Float64Array,
  edgeLeft: Int32Array,
  edgeRight: Int32Array,
): Cut => {
  const L = leftCapacity.length
  const R = rightCapacity.length
  const E = edgeLeft.length
  // Nodes: 0 source, 1..L left, L+1..L+R right, L+R+1 sink. Arcs come in pairs (forward, reverse).
  const source = 0
  const sink = L + R + 1
  const N = sink + 1
  const M = 2 * (L + E + R)
  const head = new Int32Array(M)
  const capacity = new Float64Array(M)
  const nextArc = new Int32Array(M)
  const first = new Int32Array(N).fill(-1)
  let m = 0
  const arc = (from: number, to: number, cap: number) => {
    head[m] = to
    capacity[m] = cap
    nextArc[m] = first[from]!
    first[from] = m++
    head[m] = from
    capacity[m] = 0
    nextArc[m] = first[to]!
    first[to] = m++
  }
  for (let l = 0; l < L; l++) arc(source, 1 + l, leftCapacity[l]!)
  for (let e = 0; e < E; e++) arc(1 + edgeLeft[e]!, 1 + L + edgeRight[e]!, Number.POSITIVE_INFINITY)
  for (let r = 0; r < R; r++) arc(1 + L + r, sink, rightCapacity[r]!)

  const level = new Int32Array(N)
  const current = new Int32Array(N)
  const queue = new Int32Array(N)
  const bfs = (): boolean => {
    level.fill(-1)
    level[source] = 0
    let qh = 0
    let qt = 0
    queue[qt++] = source
    while (qh < qt) {
      const v = queue[qh++]!
      for (let a = first[v]!; a >= 0; a = nextArc[a]!) {
        const w = head[a]!
        if (capacity[a]! > 0 && level[w]! < 0) {
          level[w] = level[v]! + 1
          queue[qt++] = w
        }
      }
    }
    return level[sink]! >= 0
  }
  // Iterative depth-first search for one augmenting path in the level graph.
  const stack = new Int32Array(N)
  const via = new Int32Array(N)
  const augment = (): number => {
    let depth = 0
    stack[0] = source
    while (depth >= 0) {
      const v = stack[depth]!
      if (v === sink) {
        let push = Number.POSITIVE_INFINITY
        for (let d = 1; d <= depth; d++) push = Math.min(push, capacity[via[d]!]!)
        for (let d = 1; d <= depth; d++) {
          capacity[via[d]!]! -= push
          capacity[via[d]! ^ 1]! += push
        }
        return push
      }
      let advanced = false
      for (; current[v]! >= 0; current[v] = nextArc[current[v]!]!) {
        const a = current[v]!
        const w = head[a]!
        if (capacity[a]! > 0 && level[w] === level[v]! + 1) {
          via[depth + 1] = a
          stack[++depth] = w
          advanced = true
          break
        }
      }
      if (!advanced) {
        level[v] = -1 // a dead end in this phase
        depth--
        if (depth >= 0) current[stack[depth]!] = nextArc[current[stack[depth]!]!]!
      }
    }
    return 0
  }
  let flow = 0
  while (bfs()) {
    current.set(first)
    for (let pushed = augment(); pushed > 0; pushed = augment()) flow += pushed
  }
  // The smallest source side: what the source still reaches.
  bfs()
  const left = new Uint8Array(L)
  const right = new Uint8Array(R)
  for (let l = 0; l < L; l++) left[l] = level[1 + l]! >= 0 ? 1 : 0
  for (let r = 0; r < R; r++) right[r] = level[1 + L + r]! >= 0 ? 1 : 0
  return { flow, left, right }
}
