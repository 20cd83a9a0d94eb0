import { describe, expect, it, vi } from 'vitest';
import { measure, result } from '../bench/bench-result';

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
