/**
 * Runs in Chromium, bundled by the bench runner: the renderer's own modules (sealing, letter PDF,
 * Dexie database) measured where they run in the product.
 */
import { formatCaseNumber, shanghaiDate } from '../../../shared/domain/case-number';
import { sealCase } from '../../../shared/domain/seal';
import { GENESIS_HASH } from '../../../shared/domain/sealed-record';
import { commitmentTemplateV1 } from '../../../shared/letter/commitment-template';
import { letterForRecord } from '../../../shared/letter/record-letter';
import { CounterDatabase, type RecordRow } from '../../../renderer/db/database';
import { createLetterPdfRenderer } from '../../../renderer/pdf/letter-pdf';
import { qrPayloadFor } from '../../../renderer/pdf/qr';
import { reviewedDraft } from '../../unit/fixtures/case-fixtures';

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** Seal → PDF bytes, as after the clerk's confirmation: hash the record, build the letter, render it. */
const pdf = async (iterations: number) => {
  const fontStart = performance.now();
  const [cjk, latin] = await Promise.all(
    ['/fonts/DroidSansFallbackFull.ttf', '/fonts/DejaVuSans.ttf'].map(async (url) => new Uint8Array(await (await fetch(url)).arrayBuffer())),
  );
  const fetchMs = performance.now() - fontStart;
  const times: number[] = [];
  let bytes = 0;
  let renderer: ReturnType<typeof createLetterPdfRenderer> | null = null;
  for (let i = 0; i < iterations; i += 1) {
    const start = performance.now();
    renderer ??= createLetterPdfRenderer(cjk!, latin);
    const sealedAt = new Date(Date.UTC(2026, 10, 28, 2, 0, i));
    const record = await sealCase(reviewedDraft(), {
      caseNumber: formatCaseNumber('C01', shanghaiDate(sealedAt), i + 1),
      sequence: i + 1,
      prevHash: GENESIS_HASH,
      sealedAt,
      template: commitmentTemplateV1,
    });
    const output = renderer.render({
      document: letterForRecord(record),
      signature: record.signature,
      qrPayload: qrPayloadFor(record.caseNumber, record.hash),
      issuedAt: sealedAt,
      fileId: record.hash.slice(0, 32),
    });
    times.push(performance.now() - start);
    bytes = output.length;
  }
  return { firstMs: times[0]! + fetchMs, medianAfterFirstMs: median(times.slice(1)), kb: bytes / 1024 };
};

const idNumberFor = (i: number): string => `B${String(i).padStart(17, '0')}`;

/** Fills a fresh database with `count` sealed-record rows, then times indexed lookups by ID number. */
const search = async (count: number, lookups: number) => {
  const db = new CounterDatabase(`bench-${Date.now()}`);
  const template = await sealCase(reviewedDraft(), {
    caseNumber: 'C01-20261128-0001',
    sequence: 1,
    prevHash: GENESIS_HASH,
    sealedAt: new Date(),
    template: commitmentTemplateV1,
  });
  const batch = 10_000;
  const fillStart = performance.now();
  for (let offset = 0; offset < count; offset += batch) {
    const rows: RecordRow[] = [];
    for (let i = offset; i < Math.min(offset + batch, count); i += 1) {
      const caseNumber = `C01-2026${String(1 + (i % 12)).padStart(2, '0')}01-${String(i).padStart(6, '0')}`;
      rows.push({
        caseNumber,
        sequence: i + 1,
        hash: i.toString(16).padStart(64, '0'),
        counterId: 'C01',
        day: '2026-11-28',
        idNumber: idNumberFor(i),
        sealedAt: template.timestamps.sealedAt,
        record: { ...template, caseNumber, sequence: i + 1, applicant: { ...template.applicant, idNumber: idNumberFor(i) } },
      });
    }
    await db.records.bulkAdd(rows);
  }
  const fillMs = performance.now() - fillStart;
  const times: number[] = [];
  for (let i = 0; i < lookups; i += 1) {
    const target = idNumberFor(Math.floor((i * 7919) % count));
    const start = performance.now();
    const found = await db.records.where('idNumber').equals(target).limit(50).toArray();
    times.push(performance.now() - start);
    if (found.length !== 1) throw new Error(`expected one record for a lookup, got ${found.length}`);
  }
  db.close();
  return { fillMs, medianMs: median(times) };
};

(window as unknown as { bench: unknown }).bench = { pdf, search };
