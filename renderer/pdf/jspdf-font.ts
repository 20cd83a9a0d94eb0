import { jsPDF } from 'jspdf';

/**
 * Registers a font whose parsing the letter renderer did itself: jsPDF's addFont would parse the whole
 * TrueType file again for every document. jsPDF reads a VFS string that starts with the TrueType tag
 * as binary and hands it to TTFFont.open, synchronously inside addFont — that call is answered with
 * the prepared view instead. Relies on jsPDF internals: re-run the letter tests when upgrading jsPDF.
 */
const TRUETYPE_TAG = '\x00\x01\x00\x00';

export const ttfFontApi = (jsPDF.API as unknown as { TTFFont: { open(file: Uint8Array): unknown } }).TTFFont;

export const addPreparedFont = (doc: jsPDF, name: string, view: object): void => {
  const vfsName = `${name}.ttf`;
  const open = ttfFontApi.open;
  ttfFontApi.open = () => view;
  try {
    doc.addFileToVFS(vfsName, TRUETYPE_TAG);
    doc.addFont(vfsName, name, 'normal');
  } finally {
    ttfFontApi.open = open;
  }
  doc.setFont(name, 'normal');
  // jsPDF swallows errors thrown in its addFont handlers: check that the view is in place.
  if ((doc.getFont() as unknown as { metadata?: unknown }).metadata !== view) {
    throw new Error(`letter font ${name}: jsPDF did not take the prepared font`);
  }
};
