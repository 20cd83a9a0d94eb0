/** Why a letter cannot be made into a PDF (renderer/pdf/non-bmp.ts). */
export const pdfMessages = {
  'pdf.error.outside_bmp': '文书含有暂不支持打印的生僻字（超出基本多文种平面）：{characters}。',
  'pdf.error.missing_glyph': '文书字体缺少以下字符，无法打印：{characters}。',
  'pdf.character': '{character}（U+{code}）',
} as const;
