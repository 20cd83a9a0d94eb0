/**
 * Messages of the ID-document check (shared/domain/id-documents.ts): a label per document type and one
 * message per error code. Positions count the characters of the number as printed on the card.
 */
export const idDocumentMessages = {
  'id.type.resident_id': '居民身份证',
  'id.type.hmt_residence_permit': '港澳台居民居住证',
  'id.type.foreign_permanent_residence': '外国人永久居留身份证',
  'id.type.hk_macao_permit': '港澳居民来往内地通行证',
  'id.type.taiwan_permit': '台湾居民来往大陆通行证',
  'id.type.passport': '护照',

  'id.error.empty': '请填写证件号码。',
  'id.error.length': '居民身份证号码应为18位（旧证15位），现在是{length}位，请核对是否漏输或多输。',
  'id.error.characters': '第{position}位“{char}”有误：号码只能由数字组成，只有18位号码的最后一位可以是X。',
  'id.error.area':
    '号码前两位“{province}”不是有效的省级行政区划代码，请核对号码开头几位。',
  'id.error.looks_like_hmt_permit':
    '以“{province}”开头的是港澳台居民居住证号码，请将证件类型改为“港澳台居民居住证”。',
  'id.error.looks_like_foreign_card':
    '以9开头的18位号码是外国人永久居留身份证号码，请将证件类型改为“外国人永久居留身份证”。',
  'id.error.birth_date':
    '号码第{from}至{to}位的出生日期{year}年{month}月{day}日不存在，请核对这几位数字。',
  'id.error.birth_date_future':
    '号码第{from}至{to}位的出生日期{year}年{month}月{day}日晚于今天，请核对这几位数字。',
  'id.error.birth_date_too_early':
    '号码第{from}至{to}位的出生日期{year}年{month}月{day}日早于{minYear}年，请核对这几位数字。',
  'id.error.checksum': '号码校验未通过，说明其中有数字输错或顺序颠倒，请对照证件逐位核对。',
  'id.error.hmt_length': '港澳台居民居住证号码应为18位，现在是{length}位，请核对是否漏输或多输。',
  'id.error.hmt_area':
    '港澳台居民居住证号码应以810000（香港）、820000（澳门）或830000（台湾）开头，现在开头是{area}；内地居民请选择“居民身份证”。',
  'id.error.foreign_length':
    '外国人永久居留身份证号码应为18位（2023年12月1日前签发的旧证为15位），现在是{length}位。',
  'id.error.foreign_prefix': '18位的外国人永久居留身份证号码应以9开头，现在第1位是“{char}”。',
  'id.error.foreign_old_format':
    '旧版外国人永久居留身份证号码应为3个字母加12位数字，第{position}位“{char}”不符合。',
  'id.error.hk_macao_length':
    '港澳居民来往内地通行证号码应为H或M加8位数字（共9位，旧证H或M加10位数字，共11位），现在是{length}位。',
  'id.error.hk_macao_prefix': '港澳居民来往内地通行证号码应以H（香港）或M（澳门）开头，现在第1位是“{char}”。',
  'id.error.hk_macao_digits': '港澳居民来往内地通行证号码在H或M之后只能是数字，第{position}位“{char}”不符合。',
  'id.error.taiwan_length': '台湾居民来往大陆通行证号码应为8位数字，现在是{length}位。',
  'id.error.taiwan_digits': '台湾居民来往大陆通行证号码只能是数字，第{position}位“{char}”不符合。',
  'id.error.passport_length': '护照号码应为{min}至{max}位字母或数字，现在是{length}位。',
  'id.error.passport_characters': '护照号码只能包含字母和数字，第{position}位“{char}”不符合，请去掉其中的符号。',
} as const;
