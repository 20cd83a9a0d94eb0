import { describe, expect, it, vi } from 'vitest';
import { atLeast, failed, measure, result, targetText } from '../bench/bench-result';

describe('npm run bench: a figure that cannot be measured', () => {
  it('is kept as a failed row with its reason, and the next bench still runs', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const figures = [{ name: 'seal_to_spooled_ms', unit: 'ms', target: 500 }];
    const rows = await measure(figures, async () => {
      throw new Error('private CUPS (cupsd) did not start.\nerror_log: Missing value for Printcap on line 10');
    });
    expect(rows).toEqual([
      { name: 'seal_to_spooled_ms', value: null, unit: 'ms', target: 500, pass: false, error: expect.stringContaining('Missing value for Printcap') },
    ]);
    const next = await measure([{ name: 'renderer_js_kb', unit: 'KB', target: 1500 }], async () => [result('renderer_js_kb', 1324.33, 'KB', 1500)]);
    expect(next).toEqual([{ name: 'renderer_js_kb', value: 1324.3, unit: 'KB', target: 1500, pass: true }]);
  });

  it('a measured figure over its target does not pass', () => {
    expect(result('catalog_search_ms', 5.04, 'ms', 5).pass).toBe(false);
  });
});

describe('npm run bench: a rate that must reach its target', () => {
  it('passes at or above the target and fails below it, and says ≥ in the table', () => {
    expect(atLeast('push_pdf_rps', 100, 'rec/s', 100)).toEqual({ name: 'push_pdf_rps', value: 100, unit: 'rec/s', target: 100, pass: true, better: 'max' });
    expect(atLeast('push_pdf_rps', 99.96, 'rec/s', 100).pass).toBe(false);
    expect(atLeast('push_pdf_rps', Number.NaN, 'rec/s', 100).pass).toBe(false);
    expect(targetText(atLeast('ingest_20_counters_rps', 2500, 'rec/s', 2000))).toBe('≥ 2000');
    expect(targetText(result('push_10k_s', 8, 's', 10))).toBe('≤ 10');
  });

  it('keeps its direction when it could not be measured', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const [row] = failed([{ name: 'push_pdf_rps', unit: 'rec/s', target: 100, better: 'max' }], new Error('no server'));
    expect(row).toMatchObject({ value: null, pass: false, better: 'max' });
  });
});
