import { open, stat } from 'node:fs/promises';

/**
 * Reads an append-only JSONL log (the archive's ledger, the audit log) as it grows, keeping each
 * complete line's exact text: the central system re-checks canonical JSON, hashes and signatures
 * over those very bytes, so nothing is re-serialized. Only what was appended since the last read is
 * read again (the status line asks every few seconds); a file that shrank (a torn last line cut off
 * by the log's own repair) is read again from the start. A line still being written (no newline
 * yet) waits for the next read. The first line that does not parse, or breaks the numbering, ends
 * what is offered: nothing after a damaged line is sent (档案核验 names it).
 */
export interface TailLine<E> {
  /** The line without its newline, exactly as on disk. */
  text: string;
  entry: E;
}

export interface LogTail<E> {
  lines(): Promise<readonly TailLine<E>[]>;
}

export const createLogTail = <E extends { seq: number }>(file: string, parse: (value: unknown) => E | null): LogTail<E> => {
  let offset = 0;
  let lines: TailLine<E>[] = [];
  let damaged = false;
  let reading: Promise<readonly TailLine<E>[]> | null = null;

  const readNew = async (): Promise<readonly TailLine<E>[]> => {
    let size: number;
    try {
      size = (await stat(file)).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        offset = 0;
        lines = [];
        damaged = false;
        return lines;
      }
      throw error;
    }
    if (size < offset) {
      offset = 0;
      lines = [];
      damaged = false;
    }
    if (size === offset || damaged) return lines;
    const handle = await open(file, 'r');
    let bytes: Buffer;
    try {
      bytes = Buffer.alloc(size - offset);
      const { bytesRead } = await handle.read(bytes, 0, bytes.length, offset);
      bytes = bytes.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
    const end = bytes.lastIndexOf(0x0a);
    if (end < 0) return lines;
    const added = [...lines];
    for (const text of bytes.subarray(0, end).toString('utf8').split('\n')) {
      let entry: E | null = null;
      try {
        entry = parse(JSON.parse(text));
      } catch {
        entry = null;
      }
      if (!entry || entry.seq !== (added.at(-1)?.entry.seq ?? 0) + 1) {
        damaged = true;
        break;
      }
      added.push({ text, entry });
    }
    offset += end + 1;
    lines = added;
    return lines;
  };

  return {
    // One read at a time: two polls at once would both append the same lines.
    lines: () => (reading ??= readNew().finally(() => (reading = null))),
  };
};
