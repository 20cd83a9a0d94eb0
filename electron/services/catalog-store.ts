import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Catalog } from '../../shared/catalog/catalog-schema';
import { checkCatalog, checkCatalogText } from '../../shared/catalog/check-catalog';
import { checkMessage } from '../../shared/catalog/check-messages';
import { defaultCatalog } from '../../shared/catalog/default-catalog';
import type { ActiveCatalog, StoredCatalogProblem } from '../../shared/contract/domains/catalog';
import { fail, ok, type Result } from '../../shared/contract/result';
import { canonicalJson } from '../../shared/crypto/canonical-json';
import { message } from '../../shared/i18n/message';
import { KeyedLock, readFileIfExists, writeFileAtomic } from './atomic-file';

/**
 * The matter catalogs of this device, kept by main: each imported version is one file,
 * `<dataDir>/catalogs/<catalogId>@<version>.json`, its canonical JSON, written once and never changed
 * (a sealed record names the catalog version it was made under, so that version must stay readable
 * as it was). `<dataDir>/active-catalog.json` lists the activations, the last one in force, with
 * each file's SHA-256, so a file changed behind the app's back is noticed.
 *
 * Every read checks the catalog again with the import's own rules (checkCatalog): a stored catalog
 * that fails — damaged, edited, or older than a schema change — is never used; the newest earlier one
 * that passes stands in, the shipped default at the latest, and the problems are reported.
 */
export const CATALOGS_DIR = 'catalogs';
export const ACTIVE_CATALOG_FILE = 'active-catalog.json';
/** A refusal names at most this many problems (and counts them all): the administrator fixes the file with `npm run catalog:check`. */
const MAX_PROBLEMS = 50;

const KEY = /^([a-z0-9][a-z0-9-]{1,63})@([1-9]\d{0,14})$/;
const FILE = /^([a-z0-9][a-z0-9-]{1,63})@([1-9]\d{0,14})\.json$/;

const pointerSchema = z
  .object({
    version: z.literal(1),
    /** Oldest first; the last is in force. */
    activations: z
      .array(
        z
          .object({
            key: z.string().regex(KEY),
            sha256: z.string().regex(/^[0-9a-f]{64}$/),
            at: z.iso.datetime(),
            /** Pulled from the central system (sync/pull-catalog.ts), with its publication's number; absent: an administrator's import. */
            source: z.literal('central').optional(),
            publication: z.number().int().positive().optional(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();
type Pointer = z.infer<typeof pointerSchema>;

export const catalogKey = (catalog: Pick<Catalog, 'catalogId' | 'version'>): string => `${catalog.catalogId}@${catalog.version}`;

const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export interface CatalogStore {
  /** The catalog in force, checked again now, with the problems of stored catalogs passed over. */
  active(): Promise<ActiveCatalog>;
  /**
   * Checks and activates a catalog as a new version; refused with its problems or for its version.
   * With `origin`, it comes from the central system: recorded so, and idempotent — the same
   * publication again (a pull resumed after a crash) answers `already` and changes nothing.
   */
  import(value: unknown, origin?: CatalogOrigin): Promise<Result<{ key: string; already?: boolean }>>;
}

export interface CatalogOrigin {
  source: 'central';
  /** The publication's number in the central system's stream. */
  publication: number;
}

export interface CatalogStoreOptions {
  dataDir: string;
  now?: () => Date;
}

/** A stored catalog to try: its key, and the checksum recorded at import (unknown without the pointer). */
interface Candidate {
  key: string;
  sha256: string | null;
}

export const createCatalogStore = (options: CatalogStoreOptions): CatalogStore => {
  const folder = path.join(options.dataDir, CATALOGS_DIR);
  const pointerFile = path.join(options.dataDir, ACTIVE_CATALOG_FILE);
  const fileOf = (key: string) => path.join(folder, `${key}.json`);
  const now = options.now ?? (() => new Date());
  // Imports one at a time: the version rule reads what is stored, then adds to it.
  const lock = new KeyedLock();

  const readPointer = async (): Promise<Pointer | 'none' | 'corrupt'> => {
    const bytes = await readFileIfExists(pointerFile);
    if (bytes === null) return 'none';
    try {
      return pointerSchema.parse(JSON.parse(bytes.toString('utf8')));
    } catch {
      return 'corrupt';
    }
  };

  /** The catalog files present, newest first by when they were written (for when the pointer is unreadable). */
  const storedKeys = async (): Promise<string[]> => {
    const names = await readdir(folder).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? [] : Promise.reject(error)));
    const files = names.filter((name) => FILE.test(name));
    const written = await Promise.all(files.map(async (name) => ({ key: name.slice(0, -'.json'.length), at: (await stat(path.join(folder, name))).mtimeMs })));
    return written.sort((a, b) => b.at - a.at).map((file) => file.key);
  };

  /** The stored catalog if it still passes every check; otherwise what is wrong with it. */
  const readStored = async ({ key, sha256 }: Candidate): Promise<{ catalog: Catalog } | { problems: StoredCatalogProblem[] }> => {
    const at = checkMessage('catalog_check.at.file');
    const bytes = await readFileIfExists(fileOf(key));
    if (bytes === null) return { problems: [{ catalogKey: key, path: at, message: message('catalog_host.stored.missing') }] };
    const text = bytes.toString('utf8');
    const check = checkCatalogText(text);
    if (!check.ok) return { problems: check.problems.map((problem) => ({ ...problem, catalogKey: key })) };
    // Passing the checks is not enough: it must be the very file imported under this name.
    if ((sha256 !== null && sha256Hex(text) !== sha256) || catalogKey(check.catalog) !== key) {
      return { problems: [{ catalogKey: key, path: at, message: message('catalog_host.stored.changed') }] };
    }
    return { catalog: check.catalog };
  };

  const active = async (): Promise<ActiveCatalog> => {
    const pointer = await readPointer();
    if (pointer === 'none') return { catalog: defaultCatalog, problems: [], key: catalogKey(defaultCatalog) };
    const problems: StoredCatalogProblem[] = [];
    let candidates: Candidate[];
    if (pointer === 'corrupt') {
      problems.push({ catalogKey: ACTIVE_CATALOG_FILE, path: checkMessage('catalog_check.at.file'), message: message('catalog_host.stored.pointer_corrupt') });
      candidates = (await storedKeys()).map((key) => ({ key, sha256: null }));
    } else {
      // The last activation first, then the earlier ones, newest first, each key once.
      const seen = new Set<string>();
      candidates = [...pointer.activations].reverse().filter(({ key }) => !seen.has(key) && seen.add(key));
    }
    for (const candidate of candidates) {
      const stored = await readStored(candidate);
      if ('catalog' in stored) return { catalog: stored.catalog, problems, key: candidate.key };
      problems.push(...stored.problems);
    }
    return { catalog: defaultCatalog, problems, key: catalogKey(defaultCatalog) };
  };

  const importCatalog = (value: unknown, origin?: CatalogOrigin): Promise<Result<{ key: string; already?: boolean }>> =>
    lock.run('import', async () => {
      const check = checkCatalog(value);
      if (!check.ok) return fail('CATALOG_INVALID', 'host.catalog.invalid', { count: check.problems.length, problems: check.problems.slice(0, MAX_PROBLEMS) });
      const { catalog } = check;
      const key = catalogKey(catalog);
      const text = canonicalJson(catalog);
      // A publication applied before is done; one whose file was written but not yet activated (a
      // crash in between) goes on from its file, which is exactly this text.
      let resumed = false;
      if (origin) {
        const before = await readPointer();
        if (typeof before !== 'string' && before.activations.some((activation) => activation.publication === origin.publication && activation.key === key)) return ok({ key, already: true });
        resumed = (await readFileIfExists(fileOf(key)))?.toString('utf8') === text;
      }
      // Higher than the one in force and than every version of this id ever stored: a file, once
      // written, is never replaced, and an old or repeated file never replaces what is in force.
      const inForce = (await active()).catalog;
      const versions = (await storedKeys())
        .filter((stored) => !(resumed && stored === key))
        .map((stored) => KEY.exec(stored)!)
        .filter((match) => match[1] === catalog.catalogId)
        .map((match) => Number(match[2]));
      if (inForce.catalogId === catalog.catalogId) versions.push(inForce.version);
      const highest = Math.max(0, ...versions);
      if (catalog.version <= highest) {
        return fail('CATALOG_VERSION_NOT_NEWER', 'host.catalog.version_not_newer', { catalogId: catalog.catalogId, version: catalog.version, active: highest });
      }
      if (!resumed) await writeFileAtomic(fileOf(key), text, { exclusive: true });
      const pointer = await readPointer();
      // An unreadable pointer is started afresh: what it said is lost either way, and the audit log keeps every activation.
      const earlier = typeof pointer === 'string' ? [] : pointer.activations;
      const activation = { key, sha256: sha256Hex(text), at: now().toISOString(), ...(origin ? { source: origin.source, publication: origin.publication } : {}) };
      const next: Pointer = { version: 1, activations: [...earlier, activation] };
      await writeFileAtomic(pointerFile, `${JSON.stringify(next, null, 2)}\n`);
      return ok({ key });
    });

  return { active, import: importCatalog };
};
