/**
 * Whether a write failed on a unique constraint or primary key: how a race that a check made first
 * could not see (two processes, one database) shows itself. PostgreSQL's SQLSTATE 23505; SQLite's
 * extended result codes as better-sqlite3 names them.
 */
export const isUniqueViolation = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
};
