import type { PulledPublicationIssue } from '../../../shared/contract/host-contract';
import { hostText } from '../../host';
import { t } from '../../i18n';
import { fullTime } from '../../sync/sync-wording';

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
      <table className="records sync-table" data-testid="sync-publications">
        <thead>
          <tr>
            <th>{t('ui.sync.publication_seq')}</th>
            <th>{t('ui.sync.publication_kind')}</th>
            <th>{t('ui.sync.publication_version')}</th>
            <th>{t('ui.sync.publication_status')}</th>
            <th>{t('ui.sync.publication_reason')}</th>
            <th>{t('ui.sync.publication_published')}</th>
            <th>{t('ui.sync.publication_at')}</th>
          </tr>
        </thead>
        <tbody>
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
        </tbody>
      </table>
    )}
  </section>
);
