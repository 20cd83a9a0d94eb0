import type { SignatureCapture } from '../../shared/domain/signature';

/** Redraws captured strokes as SVG polylines: a picture derived from the stroke record, never stored. */
export const SignatureView = ({ signature, label }: { signature: SignatureCapture; label: string }) => (
  <svg
    className="signature-view"
    role="img"
    aria-label={label}
    viewBox={`0 0 ${signature.surface.width} ${signature.surface.height}`}
    preserveAspectRatio="xMidYMid meet"
  >
    {signature.strokes.map((stroke, index) => (
      <polyline
        key={index}
        fill="none"
        stroke="currentColor"
        strokeWidth={2.5}
        strokeLinecap="round"
        strokeLinejoin="round"
        points={stroke.points.map((point) => `${point.x},${point.y}`).join(' ')}
      />
    ))}
  </svg>
);
