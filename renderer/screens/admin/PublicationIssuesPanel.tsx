import type { PulledPublicationIssue } from '../../../shared/contract/host-contract';
import { hostText } from '../../host';
import { t } from '../../i18n';
import { fullTime } from '../../sync/sync-wording';
import { SyncTable } from './SyncTable';

const statusLabel: Record<PulledPublicationIssue['status'], string> = {
  signature: 'ui.sync.publication.signature',
  refused: 'ui.sync.publication.refused',
  held: 'ui.sync.publication.held',
};

/**
 * What the central system published that is not in force here, and why: a signature that failed
 * (the pull stops before it until the central system sends a good one), one refused after it
 * verified (another hall's, not newer than the catalog in force, failing this app's checks), one
 * kept for a later version.
 */
export const PublicationIssuesPanel = ({ issues }: { issues: PulledPublicationIssue[] }) => (
  <section aria-labelledby="sync-publications-title">
    <h3 id="sync-publications-title">{t('ui.sync.publications_title')}</h3>
    {issues.length === 0 ? (
      <p className="muted">{t('ui.sync.publications_none')}</p>
    ) : (
      <SyncTable
        testId="sync-publications"
        headings={['ui.sync.publication_seq', 'ui.sync.publication_kind', 'ui.sync.publication_version', 'ui.sync.publication_status', 'ui.sync.publication_reason', 'ui.sync.publication_published', 'ui.sync.publication_at']}
      >
          {issues.map((issue) => (
            <tr key={issue.seq}>
              <td className="mono">{issue.seq}</td>
              <td>{t(`ui.sync.kind.${issue.kind}`)}</td>
              <td className="mono">{issue.version ?? '—'}</td>
              <td>{t(statusLabel[issue.status])}</td>
              <td>{issue.error ? hostText(issue.error) : t('ui.sync.publication_held_reason')}</td>
              <td>{issue.publishedAt ? fullTime(issue.publishedAt) : '—'}</td>
              <td>{fullTime(issue.at)}</td>
            </tr>
          ))}
      </SyncTable>
    )}
  </section>
);
