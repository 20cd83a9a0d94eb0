import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import SignaturePad from 'signature_pad';
import type { SignatureStroke } from '../../shared/domain/signature';
import { padDataFromStrokes, penStyle, strokesFromPad } from './stroke-data';

export interface SignatureCanvasHandle {
  strokes(): SignatureStroke[];
  clear(): void;
  surface(): { width: number; height: number };
  pointerType(): string;
}

interface SignatureCanvasProps {
  initialStrokes: readonly SignatureStroke[] | null;
  label: string;
  onStrokeEnd(strokes: SignatureStroke[]): void;
}

/**
 * signature_pad on a canvas sized for the screen's pixel density. Resizing a canvas wipes it, so
 * after every resize the strokes are redrawn from the recorded points.
 */
export const SignatureCanvas = forwardRef<SignatureCanvasHandle, SignatureCanvasProps>(
  ({ initialStrokes, label, onStrokeEnd }, ref) => {
    const canvasRef = useRef<HTMLCanvasElement>(null);
    const padRef = useRef<SignaturePad | null>(null);
    const pointerTypeRef = useRef('unknown');
    const onStrokeEndRef = useRef(onStrokeEnd);
    onStrokeEndRef.current = onStrokeEnd;

    useEffect(() => {
      const canvas = canvasRef.current;
      if (!canvas) return undefined;
      const pad = new SignaturePad(canvas, { ...penStyle, throttle: 8, minDistance: 2 });
      padRef.current = pad;

      const fit = () => {
        const data = pad.toData();
        const ratio = Math.max(window.devicePixelRatio || 1, 1);
        canvas.width = canvas.offsetWidth * ratio;
        canvas.height = canvas.offsetHeight * ratio;
        canvas.getContext('2d')?.scale(ratio, ratio);
        pad.clear();
        if (data.length > 0) pad.fromData(data);
      };
      fit();
      if (initialStrokes && initialStrokes.length > 0) pad.fromData(padDataFromStrokes(initialStrokes));

      const onPointerDown = (event: PointerEvent) => {
        pointerTypeRef.current = event.pointerType || 'unknown';
      };
      const onEnd = () => onStrokeEndRef.current(strokesFromPad(pad.toData()));
      canvas.addEventListener('pointerdown', onPointerDown);
      pad.addEventListener('endStroke', onEnd);
      window.addEventListener('resize', fit);
      return () => {
        canvas.removeEventListener('pointerdown', onPointerDown);
        pad.removeEventListener('endStroke', onEnd);
        window.removeEventListener('resize', fit);
        pad.off();
      };
      // The pad is created once; initial strokes only matter at that moment.
    }, []);

    useImperativeHandle(ref, () => ({
      strokes: () => strokesFromPad(padRef.current?.toData() ?? []),
      clear: () => padRef.current?.clear(),
      surface: () => ({ width: canvasRef.current?.offsetWidth ?? 0, height: canvasRef.current?.offsetHeight ?? 0 }),
      pointerType: () => pointerTypeRef.current,
    }));

    return <canvas ref={canvasRef} className="signature-canvas" aria-label={label} data-testid="signature-canvas" />;
  },
);
SignatureCanvas.displayName = 'SignatureCanvas';
