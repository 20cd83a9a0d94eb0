import type { PrintState } from '../../../db/database';
import { asSentence } from '../../../../shared/i18n';
import { t } from '../../../i18n';

/** Where a printout stands, with the spooler's reason when it failed. */
export const PrintStatusLine = ({ state, testId }: { state: PrintState; testId: string }) => (
  <p data-testid={testId} data-job={state.jobId ?? undefined} className={state.printed === 'failed' ? 'print-status print-status--failed' : 'print-status'}>
    {state.printed === 'failed' && state.printMessage
      ? t('ui.done.print_failed_detail', { reason: asSentence(state.printMessage) })
      : t(`ui.letter.print_${state.printed}`)}
    {state.printer && state.printed !== 'failed' && state.printed !== 'not_printed' ? <span className="muted">（{state.printer}）</span> : null}
  </p>
);
