/** The identity documents a counter accepts (brief §6). Labels live in the message catalogs. */
export const idDocumentTypes = [
  'resident_id', // 居民身份证
  'hmt_residence_permit', // 港澳台居民居住证
  'foreign_permanent_residence', // 外国人永久居留身份证
  'hk_macao_permit', // 港澳居民来往内地通行证
  'taiwan_permit', // 台湾居民来往大陆通行证
  'passport', // 护照
] as const;

export type IdDocumentType = (typeof idDocumentTypes)[number];
