// The file system side of the store: safe file names for district ids, reading a district's file,
// and replacing it atomically (temporary file, fsync, rename, fsync of the directory).
import { StoreError } from "@tongxin/core"
import * as Effect from "effect/Effect"
import { createHash, randomBytes } from "node:crypto"
import * as fs from "node:fs/promises"
import * as path from "node:path"

/** The suffix of every district file. */
export const extension = ".json"

// Temporary files are `.<file name>.<pid>-<12 hex digits>.tmp`: they start with a dot, which no
// district file does, so neither is ever taken for the other.
const temporaryName = (name: string): string => `.${name}.${process.pid}-${randomBytes(6).toString("hex")}.tmp`
const isTemporary = (name: string): boolean => /^\..+\.json\.\d+-[0-9a-f]{12}\.tmp$/.test(name)

/**
 * The file name of a district: lower-case ASCII letters, digits, `-` and `_` as they are, every
 * other UTF-8 byte as `%XX`. Upper case is escaped too, so ids that differ only in case stay apart on
 * case-insensitive file systems (macOS, Windows), and dots are escaped so no name is hidden or `..`.
 * Names that would be longer than most file systems allow keep a readable prefix and end in a hash
 * of the whole id; the id itself is always read from the file.
 */
export const fileName = (district: string): string => {
  let out = ""
  for (const byte of Buffer.from(district, "utf8")) {
    const plain = (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x30 && byte <= 0x39) || byte === 0x2d || byte === 0x5f
    out += plain ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`
  }
  if (out.length > 200) {
    // `~` never appears in an escaped name, so a hashed name cannot equal a plain one.
    out = `${out.slice(0, 150).replace(/%[0-9A-F]?$/, "")}~${createHash("sha256").update(district, "utf8").digest("hex").slice(0, 40)}`
  }
  return out + extension
}

/** Whether a directory entry is a district file (not a temporary file or anything else). */
export const isDistrictFile = (name: string): boolean => name.endsWith(extension) && !name.startsWith(".")

const describe = (cause: unknown): string => (cause instanceof Error ? cause.message : String(cause))

const code = (cause: unknown): string | undefined =>
  typeof cause === "object" && cause !== null && "code" in cause && typeof cause.code === "string"
    ? cause.code
    : undefined

// A failed step of a file operation, with what the store was trying to do.
class Step {
  constructor(
    readonly doing: string,
    readonly cause: unknown,
  ) {}
}

const step = async <A>(doing: string, f: () => Promise<A>): Promise<A> => {
  try {
    return await f()
  } catch (cause) {
    throw new Step(doing, cause)
  }
}

const toStoreError = (operation: string, fallback: string) => (failure: unknown) =>
  failure instanceof Step
    ? new StoreError.StoreError({
        operation,
        message: `could not ${failure.doing}: ${describe(failure.cause)}`,
        cause: failure.cause,
      })
    : new StoreError.StoreError({ operation, message: `could not ${fallback}: ${describe(failure)}`, cause: failure })

/** Creates the store's directory if it is missing. */
export const ensureDirectory = (operation: string, directory: string): Effect.Effect<void, StoreError.StoreError> =>
  Effect.tryPromise({
    try: async () => {
      await step(`create the store directory ${directory}`, () => fs.mkdir(directory, { recursive: true }))
      const stat = await step(`read the store directory ${directory}`, () => fs.stat(directory))
      if (!stat.isDirectory())
        throw new Step(`use ${directory} as the store directory`, new Error("it exists and is not a directory"))
    },
    catch: toStoreError(operation, `open the store directory ${directory}`),
  })

/**
 * Removes temporary files a crashed write left behind. Only one process writes a directory
 * (`concurrentWriters: false`), so when the store opens, no temporary file belongs to a live write.
 */
export const removeStrayTemporaryFiles = (directory: string): Effect.Effect<void> =>
  Effect.tryPromise(async () => {
    for (const name of await fs.readdir(directory))
      if (isTemporary(name)) await fs.rm(path.join(directory, name), { force: true })
  }).pipe(
    Effect.catch((e) => Effect.logWarning(`JsonFileStore: could not remove stray temporary files in ${directory}`, e)),
  )

/** The names of the district files in the directory. */
export const listDistrictFiles = (
  operation: string,
  directory: string,
): Effect.Effect<ReadonlyArray<string>, StoreError.StoreError> =>
  Effect.tryPromise({
    try: () => step(`list the district files in ${directory}`, () => fs.readdir(directory)),
    catch: toStoreError(operation, `list ${directory}`),
  }).pipe(Effect.map((names) => names.filter(isDistrictFile).sort()))

/** The text of a file, or `undefined` when it does not exist. */
export const readIfExists = (
  operation: string,
  file: string,
): Effect.Effect<string | undefined, StoreError.StoreError> =>
  Effect.tryPromise({
    try: () =>
      step(`read ${file}`, () =>
        fs
          .readFile(file, "utf8")
          .catch((cause: unknown) => (code(cause) === "ENOENT" ? undefined : Promise.reject(cause))),
      ),
    catch: toStoreError(operation, `read ${file}`),
  })

/**
 * Replaces `name` in `directory` with `text`, atomically: the text goes to a temporary file in the
 * same directory, which is flushed to disk and then renamed over the old file. A reader (or a crash)
 * sees the old file or the new one, never a mix. A failure removes the temporary file and leaves the
 * old file as it was.
 */
export const replaceAtomically = (
  operation: string,
  directory: string,
  name: string,
  text: string,
): Effect.Effect<void, StoreError.StoreError> => {
  const target = path.join(directory, name)
  return Effect.tryPromise({
    try: async () => {
      const temporary = path.join(directory, temporaryName(name))
      let created = false
      try {
        const handle = await step(`create the temporary file ${temporary}`, () => fs.open(temporary, "wx"))
        created = true
        try {
          await step(`write the temporary file ${temporary}`, () => handle.writeFile(text, "utf8"))
          await step(`flush the temporary file ${temporary} to disk`, () => handle.sync())
        } finally {
          await step(`close the temporary file ${temporary}`, () => handle.close())
        }
        await step(`rename ${temporary} over ${target}`, () => fs.rename(temporary, target))
      } catch (failure) {
        if (created) await fs.rm(temporary, { force: true }).catch(() => undefined)
        throw failure
      }
    },
    catch: toStoreError(operation, `write ${target}`),
  })
}

/**
 * Flushes the directory entry of a rename to disk, so the new file survives a power loss. The
 * rename has already happened and is visible, so a failure here (some platforms cannot open a
 * directory for fsync) is logged, not reported as a failed write.
 */
export const syncDirectory = (directory: string): Effect.Effect<void> =>
  Effect.tryPromise(async () => {
    const handle = await fs.open(directory, "r")
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  }).pipe(
    Effect.catch((e) => Effect.logWarning(`JsonFileStore: could not flush the directory ${directory} to disk`, e)),
  )
