import type { RecordSummary } from '../../../shared/contract/host-contract';
import type { LetterRow } from '../../db/database';
import { t } from '../../i18n';

const timeFormat = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit' });

const letterStatus = (letter: LetterRow | undefined): string =>
  !letter ? t('ui.letter.not_archived') : t(`ui.letter.print_${letter.printed}`);

interface RecordTableProps {
  rows: RecordSummary[];
  /** Letter status per case number; null where the table does not show it. */
  letters: Map<string, LetterRow> | null;
  onOpen(caseNumber: string): void;
}

/** Sealed records in a table; ID numbers masked (by main), as on every list. */
export const RecordTable = ({ rows, letters, onOpen }: RecordTableProps) => (
  <table className="records">
    <thead>
      <tr>
        <th>{t('ui.record.case_number')}</th>
        <th>{t('ui.record.time')}</th>
        <th>{t('ui.record.matter')}</th>
        <th>{t('ui.record.applicant')}</th>
        <th>{t('ui.record.id')}</th>
        <th>{t('ui.record.outcome')}</th>
        {letters ? <th>{t('ui.record.letter')}</th> : null}
        <th />
      </tr>
    </thead>
    <tbody>
      {rows.map(({ caseNumber, sealedAt, matterName, applicantName, idNumberMasked, outcome, voidedBy }) => (
        <tr key={caseNumber}>
          <td className="mono">{caseNumber}</td>
          <td>{timeFormat.format(new Date(sealedAt))}</td>
          <td>{matterName}</td>
          <td>{applicantName}</td>
          <td className="mono">{idNumberMasked}</td>
          <td>{voidedBy ? t('ui.record.outcome_voided', { outcome: t(`ui.outcome.${outcome}`) }) : t(`ui.outcome.${outcome}`)}</td>
          {letters ? <td>{letterStatus(letters.get(caseNumber))}</td> : null}
          <td>
            <button type="button" onClick={() => onOpen(caseNumber)}>
              {t('ui.record.open')}
            </button>
          </td>
        </tr>
      ))}
    </tbody>
  </table>
);
