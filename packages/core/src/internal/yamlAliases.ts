// YAML aliases resolved in one pass. The `yaml` library resolves each alias by scanning the
// document's anchors from its start (and, for an anchor whose node holds aliases, the whole
// document again), so n aliases cost n² — 20,000 took 15 s. Here one walk in document order keeps
// the last node of each anchor name and puts that node where its aliases are, so `toJS` copies it
// without resolving anything; afterwards the aliases go back, so positions still point at them.
//
// Copying is what an alias costs, and aliases of aliases multiply it (the "billion laughs"), so the
// walk counts the values every alias copies and stops past a limit, at the alias that crossed it.
import { type Document, isAlias, isCollection, isNode, isPair, type Node } from "yaml"

/** Why the aliases of a document cannot be resolved, and at which alias. */
export interface AliasProblem {
  readonly kind: "unresolved" | "cycle" | "too-many"
  /** The alias's name, without `*`. */
  readonly name: string
  readonly offset: number
}

// Where a child node sits: a collection's items, a pair's key or value, the document's contents.
type Slots = { [slot: string | number]: unknown; readonly length: number }

/** Undoes the replacement: puts every alias back. */
export type Restore = () => void

/**
 * Puts each alias's node in its place, unless an alias has no anchor before it, sits inside the
 * node it names, or the aliases together copy more than `maxCopied` values.
 */
export const resolveAliases = (doc: Document, maxCopied: number): Restore | AliasProblem => {
  const anchors = new Map<string, Node>()
  const sizes = new Map<Node, number>()
  const open = new Set<Node>()
  const undo: Array<() => void> = []
  let copied = 0
  let problem: AliasProblem | undefined

  // The node an alias stands for and how many values it copies, or a problem.
  const target = (alias: Node & { readonly source: string }): { node: Node; size: number } | undefined => {
    const node = anchors.get(alias.source)
    const offset = alias.range?.[0] ?? 0
    if (node === undefined) problem = { kind: "unresolved", name: alias.source, offset }
    else if (open.has(node)) problem = { kind: "cycle", name: alias.source, offset }
    else {
      const size = sizes.get(node) ?? 1
      copied += size
      if (copied > maxCopied) problem = { kind: "too-many", name: alias.source, offset }
      else return { node, size }
    }
    return undefined
  }

  // The number of values under `node` (itself included), aliases counted as what they copy.
  const walk = (node: Node): number => {
    if (node.anchor !== undefined) anchors.set(node.anchor, node)
    let size = 1
    if (isCollection(node)) {
      open.add(node)
      const items = node.items as unknown as Slots
      for (let i = 0; i < items.length && problem === undefined; i++) {
        const item = items[i]
        if (isPair(item)) {
          const pair = item as unknown as Slots
          size += child(item.key, pair, "key") + child(item.value, pair, "value")
        } else size += child(item, items, i)
      }
      open.delete(node)
    }
    if (node.anchor !== undefined) sizes.set(node, size)
    return size
  }

  // A child in its slot: an alias is replaced by its node (and the replacement recorded), any
  // other node walked.
  const child = (value: unknown, holder: Slots, slot: string | number): number => {
    if (problem !== undefined) return 0
    if (isAlias(value)) {
      const found = target(value)
      if (found === undefined) return 0
      holder[slot] = found.node
      undo.push(() => {
        holder[slot] = value
      })
      return found.size
    }
    return isNode(value) ? walk(value) : 0
  }

  child(doc.contents, doc as unknown as Slots, "contents")
  const restore: Restore = () => {
    for (let i = undo.length - 1; i >= 0; i--) undo[i]!()
  }
  if (problem !== undefined) {
    restore()
    return problem
  }
  return restore
}
