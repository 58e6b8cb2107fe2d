// RFC 4180 CSV: fields separated by commas, records by CRLF or LF, fields in double quotes may hold
// commas, line breaks and doubled quotes. A leading UTF-8 byte-order mark is dropped. Every record
// keeps the line it starts on (1-based), so problems can point back into the file.

/** One record: its cells and the line it starts on. */
export interface CsvRecord {
  readonly cells: ReadonlyArray<string>
  readonly line: number
}

/** A syntax problem: where it is and what it is, in both languages. */
export interface CsvSyntaxError {
  readonly line: number
  readonly column: number
  readonly message: string
  readonly messageZh: string
}

export interface CsvParsed {
  readonly records: ReadonlyArray<CsvRecord>
  readonly errors: ReadonlyArray<CsvSyntaxError>
}

/**
 * Reads CSV text. Blank lines are skipped. Problems (an unclosed quote, text after a closing quote,
 * a quote inside an unquoted field) are reported and the text read as well as it can be.
 */
export const parseCsv = (input: string): CsvParsed => {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input
  const records: Array<CsvRecord> = []
  const errors: Array<CsvSyntaxError> = []
  let line = 1
  let lineStart = 0
  let i = 0
  const n = text.length
  while (i < n) {
    const recordLine = line
    const cells: Array<string> = []
    let endOfRecord = false
    while (!endOfRecord) {
      let cell = ""
      if (text[i] === '"') {
        const openLine = line
        const openColumn = i - lineStart + 1
        i++
        let closed = false
        // Whole runs between quotes are sliced, not added a character at a time.
        for (;;) {
          const q = text.indexOf('"', i)
          const run = text.slice(i, q < 0 ? n : q)
          // Line breaks inside the field: LF, CRLF (counted at its LF) or a lone CR. Searched in the
          // run only, so a line of many quoted fields is not searched to its end for each one.
          let last = -1
          for (let j = run.indexOf("\n"); j >= 0; j = run.indexOf("\n", j + 1)) {
            line++
            last = j
          }
          for (let j = run.indexOf("\r"); j >= 0; j = run.indexOf("\r", j + 1)) {
            if (text[i + j + 1] !== "\n") {
              line++
              last = Math.max(last, j)
            }
          }
          if (last >= 0) lineStart = i + last + 1
          cell += run
          if (q < 0) {
            i = n
            break
          }
          if (text[q + 1] === '"') {
            cell += '"'
            i = q + 2
            continue
          }
          i = q + 1
          closed = true
          break
        }
        if (!closed) {
          errors.push({
            line: openLine,
            column: openColumn,
            message: "a quoted field is never closed (a double quote is missing)",
            messageZh: "引号内的字段没有结束（缺少一个双引号）",
          })
        }
        // Anything between the closing quote and the next separator is an error; keep it in the cell.
        if (i < n && text[i] !== "," && text[i] !== "\n" && text[i] !== "\r") {
          errors.push({
            line,
            column: i - lineStart + 1,
            message: 'unexpected text after a closing double quote (write a quote inside a quoted field as "")',
            messageZh: '右引号之后不应再有文字（引号内的双引号应写作 ""）',
          })
          while (i < n && text[i] !== "," && text[i] !== "\n" && text[i] !== "\r") cell += text[i++]
        }
      } else {
        const start = i
        while (i < n && text[i] !== "," && text[i] !== "\n" && text[i] !== "\r") {
          if (text[i] === '"') {
            errors.push({
              line,
              column: i - lineStart + 1,
              message:
                'a double quote inside an unquoted field (put the whole field in double quotes and write the quote as "")',
              messageZh: '未加引号的字段中出现双引号（请将整个字段放在双引号内，并将其中的引号写作 ""）',
            })
          }
          i++
        }
        cell = text.slice(start, i)
      }
      cells.push(cell)
      if (i >= n) endOfRecord = true
      else if (text[i] === ",") i++
      else {
        // A record ends at CRLF, LF or a lone CR.
        i += text[i] === "\r" && text[i + 1] === "\n" ? 2 : 1
        line++
        lineStart = i
        endOfRecord = true
      }
    }
    if (!(cells.length === 1 && cells[0] === "")) records.push({ cells, line: recordLine })
  }
  return { records, errors }
}

const needsQuotes = /[",\r\n]/

/** One field as CSV, quoted when it has to be. */
export const formatField = (value: string): string =>
  needsQuotes.test(value) ? `"${value.replace(/"/g, '""')}"` : value

/** Rows as CSV text with CRLF line ends, as RFC 4180 has it. */
export const formatCsv = (rows: ReadonlyArray<ReadonlyArray<string>>): string =>
  rows.map((r) => r.map(formatField).join(",") + "\r\n").join("")
