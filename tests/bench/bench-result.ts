/** One figure of `npm run bench`, and running a bench so that its failure is a row, not the end of the run. */

export interface BenchFigure {
  name: string;
  unit: string;
  target: number;
  /** 'min' for a rate that must reach its target (records per second); a time or size by default. */
  better?: 'max';
}

export interface BenchResult {
  name: string;
  /** null when the figure could not be measured (see `error`). */
  value: number | null;
  unit: string;
  target: number;
  pass: boolean;
  /** Present for a figure that must be at least its target; absent for at most. */
  better?: 'max';
  /** Why the figure is missing: a bench that failed is reported, and the others still are. */
  error?: string;
}

export const result = (name: string, value: number, unit: string, target: number): BenchResult => ({
  name,
  value: Math.round(value * 10) / 10,
  unit,
  target,
  pass: value <= target,
});

/** A figure that must reach its target: a rate, higher is better. */
export const atLeast = (name: string, value: number, unit: string, target: number): BenchResult => ({
  ...result(name, value, unit, target),
  pass: Number.isFinite(value) && value >= target,
  better: 'max',
});

/** The comparison the table prints for a row. */
export const targetText = (row: Pick<BenchResult, 'target' | 'better'>): string => `${row.better === 'max' ? '≥' : '≤'} ${row.target}`;

/** The figures a bench would have produced, when it failed: marked failed with the reason. */
export const failed = (names: readonly BenchFigure[], error: unknown): BenchResult[] => {
  const reason = (error instanceof Error ? error.message : String(error)).split('\n').slice(0, 6).join(' | ');
  return names.map(({ name, unit, target, better }) => ({ name, value: null, unit, target, pass: false, ...(better ? { better } : {}), error: reason }));
};

/** Runs one bench; when it throws, its figures are marked failed and the run goes on. */
export const measure = async (
  names: readonly BenchFigure[],
  bench: () => Promise<BenchResult[]>,
): Promise<BenchResult[]> => {
  try {
    return await bench();
  } catch (error) {
    console.error(`  ${names.map((n) => n.name).join(', ')} not measured: ${error instanceof Error ? error.message : String(error)}`);
    return failed(names, error);
  }
};

