/**
 * Where a record's files lie in the archive, from its case number alone: `C01-20261128-0007` is
 * sealed on 2026-11-28 (Asia/Shanghai) at counter C01, and the archive files it under that day and
 * counter (archive.ts), so the index needs to keep no path.
 */
export const recordFolderPath = (caseNumber: string): string => {
  const [counterId, date] = caseNumber.split('-') as [string, string];
  return `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}/${counterId}`;
};

export const recordFilePath = (caseNumber: string): string => `${recordFolderPath(caseNumber)}/${caseNumber}.record.json`;

export const letterFilePath = (caseNumber: string): string => `${recordFolderPath(caseNumber)}/${caseNumber}.pdf`;
