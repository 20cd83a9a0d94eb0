import type { PrintState } from '../../../db/database';
import { hostText } from '../../../host';
import { sentence, t } from '../../../i18n';

/** The reason kept on the row: a host message, or the sentence a version before messages travelled as keys stored. */
const reasonText = (reason: PrintState['printMessage']): string => (typeof reason === 'string' ? reason : reason ? hostText(reason) : '');

/** Where a printout stands, with the spooler's reason when it failed. */
export const PrintStatusLine = ({ state, testId }: { state: PrintState; testId: string }) => {
  const reason = state.printed === 'failed' ? reasonText(state.printMessage) : '';
  const printing = state.printed === 'queued' || state.printed === 'printing' || state.printed === 'done';
  const printer = state.printer ?? (state.jobId ? t('ui.printer.system_default') : null);
  return (
    <p data-testid={testId} data-job={state.jobId ?? undefined} className={state.printed === 'failed' ? 'print-status print-status--failed' : 'print-status'}>
      {reason ? t('ui.done.print_failed_detail', { reason: sentence(reason) }) : t(`ui.letter.print_${state.printed}`)}
      {printing && printer ? <span className="muted">（{printer}）</span> : null}
    </p>
  );
};
