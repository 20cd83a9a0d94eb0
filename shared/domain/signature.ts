/**
 * The handwritten commitment as captured: every stroke with x, y (CSS pixels on the capture canvas),
 * time (ms since epoch) and pressure. The strokes are the legal record; any picture is derived from them.
 */
export interface SignaturePoint {
  x: number;
  y: number;
  time: number;
  pressure: number;
}

export interface SignatureStroke {
  points: SignaturePoint[];
}

export interface SignatureCapture {
  strokes: SignatureStroke[];
  /** Size of the capture surface in CSS pixels, so the strokes can be redrawn to scale. */
  surface: { width: number; height: number };
  /** How the pen reported itself: a mouse or a pen without a sensor gives a constant pressure. */
  pressureSupported: boolean;
  pointerType: string;
  capturedAt: string;
}

/** Shorter than this much ink (CSS px) is a tap or a tick, not a name. */
export const MIN_SIGNATURE_INK_PX = 80;
export const MIN_SIGNATURE_POINTS = 10;

export type SignatureProblem = 'signature_empty' | 'signature_too_short';

const strokeLength = (stroke: SignatureStroke): number =>
  stroke.points.reduce((sum, point, index) => {
    const previous = stroke.points[index - 1];
    return previous ? sum + Math.hypot(point.x - previous.x, point.y - previous.y) : sum;
  }, 0);

export const inkLength = (strokes: readonly SignatureStroke[]): number =>
  strokes.reduce((sum, stroke) => sum + strokeLength(stroke), 0);

export const assessSignature = (strokes: readonly SignatureStroke[]): SignatureProblem | null => {
  const points = strokes.reduce((sum, stroke) => sum + stroke.points.length, 0);
  if (points === 0) return 'signature_empty';
  if (points < MIN_SIGNATURE_POINTS || inkLength(strokes) < MIN_SIGNATURE_INK_PX) return 'signature_too_short';
  return null;
};

/**
 * A device gives real pressure when the readings vary. Mice report the spec default 0.5 (or 0) for
 * every point, and some pens report a constant too; either way the pressure says nothing about the hand.
 */
export const hasRealPressure = (strokes: readonly SignatureStroke[]): boolean => {
  const distinct = new Set<number>();
  for (const stroke of strokes) for (const point of stroke.points) distinct.add(point.pressure);
  return distinct.size > 1;
};
