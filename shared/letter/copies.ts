import type { Matter } from '../catalog/matter-schema';

/** Copies printed at sealing when the matter does not say: one for the applicant, one for the agency. */
export const DEFAULT_COPIES = 2;

export const copiesFor = (matter: Matter): number => matter.printCopies ?? DEFAULT_COPIES;

/** 份 takes 两, not 二: 一式两份. The schema caps copies at 5. */
const COUNT = ['零', '一', '两', '三', '四', '五'] as const;

const countOf = (n: number): string => {
  const word = COUNT[n];
  if (!word) throw new RangeError(`copies out of range: ${n}`);
  return `${word}份`;
};

/**
 * What the letter says of its copies: `{copies}` (两份) and `{copyHolders}` (who keeps them). The
 * applicant always gets one; the agency keeps the rest, and with a single paper copy it keeps the
 * electronic letter the archive holds.
 */
export const copiesFields = (matter: Matter): { copies: string; copyHolders: string } => {
  const copies = copiesFor(matter);
  const copyHolders =
    copies === 1 ? '交申请人留存，办理机构留存电子文本' : copies === 2 ? '申请人和办理机构各执一份' : `申请人执一份，办理机构留存${countOf(copies - 1)}`;
  return { copies: countOf(copies), copyHolders };
};
