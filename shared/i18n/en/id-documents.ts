import type { idDocumentMessages as zhCN } from '../zh-CN/id-documents';

/** English texts of the ID-document messages; the key set must equal the Chinese one (checked by the compiler and a test). */
export const idDocumentMessages = {
  'id.type.resident_id': 'Resident Identity Card',
  'id.type.hmt_residence_permit': 'Residence Permit for Hong Kong, Macao and Taiwan Residents',
  'id.type.foreign_permanent_residence': 'Foreign Permanent Resident ID Card',
  'id.type.hk_macao_permit': 'Mainland Travel Permit for Hong Kong and Macao Residents',
  'id.type.taiwan_permit': 'Mainland Travel Permit for Taiwan Residents',
  'id.type.passport': 'Passport',

  'id.error.empty': 'Please enter the document number.',
  'id.error.length':
    'A resident ID number has 18 characters (old cards: 15); {length} were entered. Check for a missing or extra digit.',
  'id.error.characters':
    'Character {position} ("{char}") is wrong: the number may contain only digits, and only the last of 18 characters may be X.',
  'id.error.area': 'The first two digits "{province}" are not a valid province code. Check the start of the number.',
  'id.error.looks_like_hmt_permit':
    'Numbers starting with "{province}" belong to the Residence Permit for Hong Kong, Macao and Taiwan Residents. Please change the document type.',
  'id.error.looks_like_foreign_card':
    '18-character numbers starting with 9 belong to the Foreign Permanent Resident ID Card. Please change the document type.',
  'id.error.birth_date':
    'The birth date in characters {from}–{to} ({date}) does not exist. Check these digits.',
  'id.error.birth_date_future':
    'The birth date in characters {from}–{to} ({date}) is after today. Check these digits.',
  'id.error.birth_date_too_early':
    'The birth date in characters {from}–{to} ({date}) is before {minYear}. Check these digits.',
  'id.error.checksum':
    'The number fails its check: a digit was mistyped or two digits were swapped. Compare it with the card digit by digit.',
  'id.error.hmt_length':
    'A Hong Kong/Macao/Taiwan residence permit number has 18 characters; {length} were entered. Check for a missing or extra digit.',
  'id.error.hmt_area':
    'A Hong Kong/Macao/Taiwan residence permit number starts with 810000 (Hong Kong), 820000 (Macao) or 830000 (Taiwan), not {area}. For mainland residents choose the Resident Identity Card.',
  'id.error.foreign_length':
    'A Foreign Permanent Resident ID Card number has 18 characters (cards issued before 1 December 2023: 15); {length} were entered.',
  'id.error.foreign_prefix':
    'An 18-character Foreign Permanent Resident ID Card number starts with 9, not "{char}".',
  'id.error.foreign_old_format':
    'An old Foreign Permanent Resident ID Card number is 3 letters followed by 12 digits; character {position} ("{char}") does not fit.',
  'id.error.hk_macao_length':
    'A Hong Kong/Macao travel permit number is H or M followed by 8 digits (9 characters; old permits: 10 digits, 11 characters); {length} were entered.',
  'id.error.hk_macao_prefix':
    'A Hong Kong/Macao travel permit number starts with H (Hong Kong) or M (Macao), not "{char}".',
  'id.error.hk_macao_digits':
    'After the H or M a Hong Kong/Macao travel permit number has only digits; character {position} ("{char}") does not fit.',
  'id.error.taiwan_length': 'A Taiwan travel permit number has 8 digits; {length} were entered.',
  'id.error.taiwan_digits':
    'A Taiwan travel permit number has only digits; character {position} ("{char}") does not fit.',
  'id.error.passport_length': 'A passport number has {min} to {max} letters or digits; {length} were entered.',
  'id.error.passport_characters':
    'A passport number has only letters and digits; character {position} ("{char}") does not fit. Remove any symbols.',
} as const satisfies Record<keyof typeof zhCN, string>;
