import { composeLetter } from '../../../shared/letter/compose-letter';
import { letterTemplateIds } from '../../../shared/letter/letter-template';
import { templates } from '../../../shared/letter/template-registry';
import type { LetterPdfRenderer } from '../../../renderer/pdf/letter-pdf';
import { letterFacts, signature } from '../../unit/fixtures/case-fixtures';
import { median } from './median';

const facts = letterFacts({ reason: '您在考试诚信档案库中有严重违纪违规记录，尚在记录期内', withdrawnOn: '2026年11月28日', examYear: '2026', proofDeadline: '2026年12月15日' });

/** Median render time of each letter kind after its first, with the fonts already prepared. */
export const letterKindMedians = (renderer: LetterPdfRenderer, iterations: number): Record<string, number> =>
  Object.fromEntries(
    letterTemplateIds.map((id) => {
      const document = composeLetter(templates.active(id), facts);
      const times: number[] = [];
      for (let i = 0; i < iterations; i += 1) {
        const start = performance.now();
        renderer.render({
          document,
          signature: document.signatureLabel ? signature() : null,
          qrPayload: `CCL1|${facts.caseNumber ?? ''}|${'0'.repeat(64)}`,
          issuedAt: new Date(Date.UTC(2026, 10, 28, 2, 0, i)),
          fileId: i.toString(16).padStart(32, '0'),
        });
        times.push(performance.now() - start);
      }
      return [id, median(times.slice(1))];
    }),
  );
