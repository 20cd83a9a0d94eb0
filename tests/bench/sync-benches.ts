import { atLeast, result, type BenchFigure, type BenchResult } from './bench-result';
import { pdfBytes } from '../unit/fixtures/archive-fixtures';
import { medianRun } from './sync-push-bench';
import { pullCatalogBench } from './sync-pull-bench';

/** The sync figures of issue 11; counts can be lowered by env for a quick look (the figure's name then says so). */
const RUNS = Number(process.env.BENCH_SYNC_RUNS ?? 3);
const PUSH_RECORDS = Number(process.env.BENCH_PUSH_RECORDS ?? 10_000);
const PDF_RECORDS = Number(process.env.BENCH_PUSH_PDF_RECORDS ?? 300);
const INGEST_EACH = Number(process.env.BENCH_INGEST_RECORDS_EACH ?? 100);
const COUNTERS = 20;

/** 300 KB: the size of a real letter PDF, each with its own bytes. */
const letter300k = (caseNumber: string): Buffer => {
  const base = pdfBytes(`letter ${caseNumber}`);
  return Buffer.concat([base, Buffer.alloc(300 * 1024 - base.length, 0x20), Buffer.from(`% ${caseNumber}\n`)]);
};

const pushName = PUSH_RECORDS === 10_000 ? 'push_10k_s' : `push_${PUSH_RECORDS}_s`;

export const SYNC_FIGURES: Array<{ figures: BenchFigure[]; bench: () => Promise<BenchResult[]> }> = [
  {
    figures: [{ name: pushName, unit: 's', target: 10 }],
    bench: async () => {
      const run = await medianRun({ counters: 1, recordsEach: PUSH_RECORDS, suite: 'intl', database: 'sqlite' }, RUNS, pushName);
      return [result(pushName, run.seconds, 's', 10)];
    },
  },
  {
    figures: [{ name: 'push_pdf_rps', unit: 'rec/s', target: 100, better: 'max' }],
    bench: async () => {
      const run = await medianRun({ counters: 1, recordsEach: PDF_RECORDS, suite: 'intl', database: 'sqlite', letter: letter300k, batchSize: 20 }, RUNS, 'push_pdf_rps');
      return [atLeast('push_pdf_rps', run.records / run.seconds, 'rec/s', 100)];
    },
  },
  {
    figures: [
      { name: 'ingest_20_counters_rps', unit: 'rec/s', target: 2000, better: 'max' },
      // 512 MB: a small VM's share for the server beside its database, with room over the measured peak.
      { name: 'server_rss_mb', unit: 'MB', target: 512 },
    ],
    bench: async () => {
      const run = await medianRun({ counters: COUNTERS, recordsEach: INGEST_EACH, suite: 'intl', database: 'sqlite' }, RUNS, 'ingest_20_counters_rps');
      return [atLeast('ingest_20_counters_rps', run.records / run.seconds, 'rec/s', 2000), result('server_rss_mb', run.peakRssMb, 'MB', 512)];
    },
  },
  {
    figures: [{ name: 'ingest_20_counters_pg_rps', unit: 'rec/s', target: 2000, better: 'max' }],
    bench: async () => {
      const run = await medianRun({ counters: COUNTERS, recordsEach: INGEST_EACH, suite: 'intl', database: 'postgres' }, RUNS, 'ingest_20_counters_pg_rps');
      return [atLeast('ingest_20_counters_pg_rps', run.records / run.seconds, 'rec/s', 2000)];
    },
  },
  {
    figures: [{ name: 'ingest_20_counters_gm_rps', unit: 'rec/s', target: 2000, better: 'max' }],
    bench: async () => {
      const run = await medianRun({ counters: COUNTERS, recordsEach: INGEST_EACH, suite: 'gm', database: 'sqlite' }, RUNS, 'ingest_20_counters_gm_rps');
      return [atLeast('ingest_20_counters_gm_rps', run.records / run.seconds, 'rec/s', 2000)];
    },
  },
  { figures: [{ name: 'pull_catalog_ms', unit: 'ms', target: 2000 }], bench: () => pullCatalogBench(Math.max(RUNS, 3)) },
];
