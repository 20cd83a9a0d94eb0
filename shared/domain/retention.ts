import type { Retention } from '../catalog/matter-schema';

/**
 * The day a case's archive may first be weeded: retention is counted from 1 January of the year after
 * the case (档案保管期限 convention), so a case of 2026 kept 30 years may go from 2057-01-01.
 * `null` for permanent retention. Reaching it never deletes anything by itself: a file goes only after
 * the central system has receipted its record and a supervisor has approved the deletion list.
 */
export const retentionEndsOn = (caseDay: string, retention: Retention): string | null => {
  if (retention === 'permanent') return null;
  const year = Number(caseDay.slice(0, 4));
  return `${String(year + 1 + retention.years).padStart(4, '0')}-01-01`;
};
