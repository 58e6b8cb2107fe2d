/**
 * Text widths estimated without a font: there is no canvas on the server, and the reader's font is
 * not known anyway. Estimates lean wide, so a label that fits here fits in Arial, Helvetica and the
 * usual CJK system fonts.
 */

/** The charts' font size in px. */
export const fontSize = 12

const ellipsis = "…"

// Graphemes, so a cut never separates a letter from its accents or splits an emoji sequence.
const segmenter = new Intl.Segmenter("en", { granularity: "grapheme" })

/** The estimated width of one line of text, in px. */
export const textWidth = (text: string, size: number = fontSize): number => {
  let em = 0
  for (const { segment } of segmenter.segment(text)) em += graphemeWidth(segment)
  return em * size
}

/**
 * The text if it fits in `maxWidth` px, or as many of its leading graphemes as fit with an
 * ellipsis after them.
 */
export const truncate = (text: string, maxWidth: number, size: number = fontSize): string => {
  if (textWidth(text, size) <= maxWidth) return text
  const budget = maxWidth / size - graphemeWidth(ellipsis)
  let em = 0
  let kept = ""
  for (const { segment } of segmenter.segment(text)) {
    const w = graphemeWidth(segment)
    if (em + w > budget) break
    em += w
    kept += segment
  }
  return `${kept.trimEnd()}${ellipsis}`
}

// Widths in em. CJK ideographs, kana, Hangul and full-width forms are square (1 em); Latin averages
// about 0.55 em in Arial, with narrow letters and punctuation near 0.3 and capitals and m, w, % wider.
const narrow = new Set(" !'(),./:;I[\\]`fijlrt|")
const wide = new Set("%@MWmw")

const graphemeWidth = (grapheme: string): number => {
  const cp = grapheme.codePointAt(0) ?? 0
  if (isFullWidth(cp) || cp === 0x2026 || cp === 0x2014 || cp === 0xfffd) return 1
  if (narrow.has(grapheme)) return 0.3
  if (wide.has(grapheme)) return 0.85
  if (cp >= 0x41 && cp <= 0x5a) return 0.7
  return 0.55
}

const isFullWidth = (cp: number): boolean =>
  (cp >= 0x1100 && cp <= 0x115f) || // Hangul Jamo
  (cp >= 0x2e80 && cp <= 0x303e) || // CJK radicals, punctuation and symbols
  (cp >= 0x3040 && cp <= 0x33ff) || // kana, bopomofo, CJK compatibility
  (cp >= 0x3400 && cp <= 0x4dbf) || // CJK extension A
  (cp >= 0x4e00 && cp <= 0x9fff) || // CJK unified ideographs
  (cp >= 0xa000 && cp <= 0xa4cf) || // Yi
  (cp >= 0xac00 && cp <= 0xd7a3) || // Hangul syllables
  (cp >= 0xf900 && cp <= 0xfaff) || // CJK compatibility ideographs
  (cp >= 0xfe30 && cp <= 0xfe4f) || // CJK compatibility forms
  (cp >= 0xff00 && cp <= 0xff60) || // full-width forms
  (cp >= 0xffe0 && cp <= 0xffe6) || // full-width signs
  (cp >= 0x1f300 && cp <= 0x1faff) || // emoji
  (cp >= 0x20000 && cp <= 0x3fffd) // CJK extensions B and beyond
