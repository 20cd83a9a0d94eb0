import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { link, mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

/**
 * Every file this app writes goes through here: the bytes go to a temporary file in the same folder,
 * are flushed to disk, and only then take the final name (a rename within one folder is atomic), after
 * which the folder itself is flushed so the new name survives a power cut. A reader therefore sees the
 * old file or the new one, never half of one.
 */
export interface AtomicWriteOptions {
  /** Never replace an existing file: fail with an `EEXIST` error instead. */
  exclusive?: boolean;
  /** Permission bits of a new file (POSIX only). */
  mode?: number;
}

const tempNameFor = (target: string): string =>
  path.join(path.dirname(target), `.${path.basename(target)}.${randomUUID()}.tmp`);

/** Flushes a folder's entries (the names in it) to disk. Windows cannot open folders this way. */
export const fsyncDirectory = async (directory: string): Promise<void> => {
  if (process.platform === 'win32') return;
  const handle = await open(directory, constants.O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
};

/**
 * Appends to a log file durably: the line is flushed, and the folder too (a new file's name must
 * survive a power cut). What the ledger, the audit log and main's record index write.
 */
export const appendDurably = async (file: string, text: string, mode = 0o644): Promise<void> => {
  const directory = path.dirname(file);
  await mkdir(directory, { recursive: true });
  const handle = await open(file, 'a', mode);
  try {
    await handle.write(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fsyncDirectory(directory);
};

const errorCode = (error: unknown): string | undefined =>
  error instanceof Error && 'code' in error ? String((error as NodeJS.ErrnoException).code) : undefined;

const existsError = (target: string): NodeJS.ErrnoException =>
  Object.assign(new Error(`file exists: ${path.basename(target)}`), { code: 'EEXIST' });

export const writeFileAtomic = async (
  target: string,
  data: Uint8Array | string,
  options: AtomicWriteOptions = {},
): Promise<void> => {
  const directory = path.dirname(target);
  await mkdir(directory, { recursive: true });
  const temp = tempNameFor(target);
  const handle = await open(temp, 'wx', options.mode ?? 0o600);
  let tempExists = true;
  try {
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.exclusive) {
      // link() refuses to replace an existing name, so two writers can never both "win".
      try {
        await link(temp, target);
      } catch (error) {
        const code = errorCode(error);
        if (code === 'EEXIST') throw existsError(target);
        // Some file systems (FAT, some network shares) have no hard links: fall back to check-then-rename;
        // within this app every writer of a given name is serialized by a KeyedLock anyway.
        if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
        if (await pathExists(target)) throw existsError(target);
        await rename(temp, target);
        tempExists = false;
      }
    } else {
      await rename(temp, target);
      tempExists = false;
    }
    await fsyncDirectory(directory);
  } finally {
    if (tempExists) await unlink(temp).catch(() => undefined);
  }
};

export const pathExists = async (target: string): Promise<boolean> => {
  try {
    const handle = await open(target, 'r');
    await handle.close();
    return true;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    throw error;
  }
};

/** The file's bytes, or `null` when it does not exist. */
export const readFileIfExists = async (target: string): Promise<Buffer | null> => {
  try {
    return await readFile(target);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
};

/**
 * Runs tasks one after another per key (a file name, a case number): a read-check-write sequence for
 * one key never interleaves with another for the same key. One process only — the app holds Electron's
 * single-instance lock for the rest.
 */
export class KeyedLock {
  readonly #tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }
}
