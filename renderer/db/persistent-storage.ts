/**
 * Asks the browser to keep this origin's IndexedDB (drafts, sealed records, the audit log) even under
 * disk pressure, when it would otherwise evict whole origins. Electron grants it without asking the
 * user; a plain browser may refuse. Null where the API does not exist.
 */
export const askPersistentStorage = async (): Promise<boolean | null> => {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  if (!storage?.persist || !storage.persisted) return null;
  try {
    return (await storage.persisted()) || (await storage.persist());
  } catch {
    return false;
  }
};

/** Whether the storage is kept, without asking again. */
export const isStoragePersistent = async (): Promise<boolean | null> => {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  if (!storage?.persisted) return null;
  return storage.persisted().catch(() => false);
};
