/**
 * The letter's TrueType files as CSS fonts for canvas text: the very files whose widths laid the letter
 * out, under families of their own. (The UI's 'Counter Latin' @font-face is cut to a unicode-range and
 * would hand some Latin-face characters to another font.) Each file is parsed by the browser once per
 * window; HanaMinB only when a letter draws a character from it.
 */
import type { LetterDrawing } from './letter-drawing';
import type { LetterFontFile } from './letter-pdf';

const families = new Map<string, Promise<string>>();

const familyOf = (file: LetterFontFile): Promise<string> => {
  let family = families.get(file.name);
  if (!family) {
    const name = `Letter ${file.name}`;
    // Fetched or read files: an ArrayBuffer, never a SharedArrayBuffer.
    family = new FontFace(name, file.bytes as Uint8Array<ArrayBuffer>)
      .load()
      .then((face) => {
        document.fonts.add(face);
        return name;
      })
      .catch((error: unknown) => {
        families.delete(file.name);
        throw error;
      });
    families.set(file.name, family);
  }
  return family;
};

/** The faces a drawing's text uses, by name. */
export const facesUsed = (drawing: LetterDrawing): Set<string> => {
  const names = new Set<string>();
  for (const op of drawing.ops) if (op.op === 'text') for (const run of op.runs) names.add(run.face.name);
  return names;
};

/** Loads the fonts the drawing uses; the CSS family of each face, by face name. */
export const canvasFamilies = async (drawing: LetterDrawing, files: readonly LetterFontFile[]): Promise<Map<string, string>> => {
  const used = facesUsed(drawing);
  const loaded = await Promise.all(files.filter((file) => used.has(file.name)).map(async (file) => [file.name, await familyOf(file)] as const));
  return new Map(loaded);
};
