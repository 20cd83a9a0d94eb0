import type { PointGroup, PointGroupOptions } from 'signature_pad';
import type { SignatureStroke } from '../../shared/domain/signature';

/** How strokes are drawn on the pad; the record keeps only the points, not these looks. */
export const penStyle: PointGroupOptions = {
  dotSize: 0,
  minWidth: 1.2,
  maxWidth: 3.6,
  penColor: '#111',
  velocityFilterWeight: 0.7,
  compositeOperation: 'source-over',
};

export const strokesFromPad = (groups: PointGroup[]): SignatureStroke[] =>
  groups.map((group) => ({
    points: group.points.map(({ x, y, time, pressure }) => ({ x, y, time, pressure })),
  }));

export const padDataFromStrokes = (strokes: readonly SignatureStroke[]): PointGroup[] =>
  strokes.map((stroke) => ({ ...penStyle, points: stroke.points.map((point) => ({ ...point })) }));
