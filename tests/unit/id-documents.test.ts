import { describe, expect, it } from 'vitest';
import {
  idCheckCharacter,
  idErrorCodes,
  maskIdNumber,
  normalizeIdNumber,
  validateIdDocument,
  type IdErrorCode,
  type IdValidation,
} from '../../shared/domain/id-documents';
import { idDocumentTypes, type IdDocumentType } from '../../shared/domain/id-document-types';
import { idDocumentMessages as zhMessages } from '../../shared/i18n/zh-CN/id-documents';
import { idDocumentMessages as enMessages } from '../../shared/i18n/en/id-documents';

/**
 * Check character written independently of the implementation, as ISO 7064 MOD 11-2 (which GB 11643
 * uses): weight of position i (1-based, 18 positions) is 2^(18-i) mod 11, and the check value c makes
 * (sum + c) ≡ 1 (mod 11); 10 is written X.
 */
const checkChar = (first17: string): string => {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  const c = (12 - (sum % 11)) % 11;
  return c === 10 ? 'X' : String(c);
};
const withCheck = (first17: string): string => first17 + checkChar(first17);

/** A fixed "today" (local time) so that the birth-date checks are deterministic: 15 June 2025. */
const TODAY = new Date(2025, 5, 15);

const zh: Readonly<Record<string, string>> = zhMessages;
const en: Readonly<Record<string, string>> = enMessages;

const placeholders = (template: string): string[] => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');

type Valid = Extract<IdValidation, { ok: true }>;
type Invalid = Extract<IdValidation, { ok: false }>;

const expectValid = (type: IdDocumentType, raw: string): Valid => {
  const result = validateIdDocument(type, raw, TODAY);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(raw)} to be a valid ${type}, got ${result.code}`);
  return result;
};

const expectInvalid = (type: IdDocumentType, raw: string): Invalid => {
  const result = validateIdDocument(type, raw, TODAY);
  if (result.ok) throw new Error(`expected ${JSON.stringify(raw)} to be refused as ${type}`);
  return result;
};

describe('the test helper', () => {
  it('reproduces the published GB 11643 sample numbers', () => {
    expect(withCheck('11010519491231002')).toBe('11010519491231002X');
    expect(withCheck('44052418800101001')).toBe('440524188001010014');
  });
});

describe('idCheckCharacter', () => {
  it('computes the check character of the published samples', () => {
    expect(idCheckCharacter('11010519491231002')).toBe('X');
    expect(idCheckCharacter('44052418800101001')).toBe('4');
  });

  it('agrees with an independent ISO 7064 MOD 11-2 implementation on 2000 pseudo-random inputs', () => {
    let seed = 20251215;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    const seen = new Set<string>();
    for (let n = 0; n < 2000; n += 1) {
      let digits = '';
      for (let i = 0; i < 17; i += 1) digits += String(next() % 10);
      const c = idCheckCharacter(digits);
      expect(c, digits).toBe(checkChar(digits));
      seen.add(c);
    }
    expect([...seen].sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X']);
  });

  it.each(['', '1101051949123100', '110105194912310021', '1101051949123100A', '１１０１０５１９４９１２３１００２'])(
    'refuses %j, which is not 17 half-width digits',
    (input) => {
      expect(() => idCheckCharacter(input)).toThrow(RangeError);
    },
  );
});

describe('normalizeIdNumber', () => {
  it.each([
    ['  11010519491231002x  ', '11010519491231002X'],
    ['110105 1949 1231 002X', '11010519491231002X'],
    ['\u3000110105\u300019491231002X\t', '11010519491231002X'],
    ['１１０１０５１９４９１２３１００２ｘ', '11010519491231002X'],
    ['１１０１０５１９４９１２３１００２Ｘ', '11010519491231002X'],
    ['\u200B11010519491231002X\uFEFF', '11010519491231002X'],
    ['ｈ１２３４５６７８', 'H12345678'],
    ['ea1234567', 'EA1234567'],
    ['110105-19491231', '110105-19491231'],
  ])('%j → %j', (raw, normalized) => {
    expect(normalizeIdNumber(raw)).toBe(normalized);
  });
});

describe('resident_id', () => {
  it.each<[string, string, string, 'male' | 'female', boolean]>([
    // raw, normalized, birth date, sex, legacy
    ['11010519491231002X', '11010519491231002X', '1949-12-31', 'female', false],
    ['11010519491231002x', '11010519491231002X', '1949-12-31', 'female', false],
    ['１１０１０５１９４９１２３１００２ｘ', '11010519491231002X', '1949-12-31', 'female', false],
    [' 110105 19491231 002X ', '11010519491231002X', '1949-12-31', 'female', false],
    [withCheck('11010519900101123'), '110105199001011232', '1990-01-01', 'male', false],
    [withCheck('31010120000229456'), '310101200002294569', '2000-02-29', 'female', false],
    [withCheck('61010219960229001'), withCheck('61010219960229001'), '1996-02-29', 'male', false],
    ['11000019900307001X', '11000019900307001X', '1990-03-07', 'male', false],
    ['15010220000101009X', '15010220000101009X', '2000-01-01', 'male', false],
    ['11010519491213007x', '11010519491213007X', '1949-12-13', 'male', false],
    [withCheck('21010218900101002'), withCheck('21010218900101002'), '1890-01-01', 'female', false],
    [withCheck('65010220250615001'), withCheck('65010220250615001'), '2025-06-15', 'male', false],
    [withCheck('37020219800808004'), withCheck('37020219800808004'), '1980-08-08', 'female', false],
    [withCheck('46010519750505005'), withCheck('46010519750505005'), '1975-05-05', 'male', false],
    [withCheck('54010219680330006'), withCheck('54010219680330006'), '1968-03-30', 'female', false],
    [withCheck('50010320240101002'), '500103202401010022', '2024-01-01', 'female', false],
    ['110105490101001', '110105490101001', '1949-01-01', 'male', true],
    ['440524800101002', '440524800101002', '1980-01-01', 'female', true],
    ['１１０１０５９６０２２９００３', '110105960229003', '1996-02-29', 'male', true],
    ['230102 991231 004', '230102991231004', '1999-12-31', 'female', true],
  ])('accepts %j', (raw, normalized, birthDate, sex, legacy) => {
    const result = expectValid('resident_id', raw);
    expect(result.normalized).toBe(normalized);
    expect(result.birthDate).toBe(birthDate);
    expect(result.sex).toBe(sex);
    expect(result.legacy15 ?? false).toBe(legacy);
  });

  it('accepts every province code of the national list', () => {
    const provinces = [
      ...[11, 12, 13, 14, 15],
      ...[21, 22, 23],
      ...[31, 32, 33, 34, 35, 36, 37],
      ...[41, 42, 43, 44, 45, 46],
      ...[50, 51, 52, 53, 54],
      ...[61, 62, 63, 64, 65],
    ];
    for (const p of provinces) {
      expect(validateIdDocument('resident_id', withCheck(`${p}010219850412001`), TODAY).ok, String(p)).toBe(true);
      expect(validateIdDocument('resident_id', `${p}0102850412001`, TODAY).ok, `${p} legacy`).toBe(true);
    }
  });

  it('refuses every other province code', () => {
    const allowed = new Set([11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65]);
    for (let p = 0; p < 100; p += 1) {
      if (allowed.has(p)) continue;
      const province = String(p).padStart(2, '0');
      const result = validateIdDocument('resident_id', withCheck(`${province}010219850412001`), TODAY);
      expect(result.ok, province).toBe(false);
      if (!result.ok) expect(['area', 'looks_like_hmt_permit', 'looks_like_foreign_card']).toContain(result.code);
    }
  });

  it('uses today when no date is given', () => {
    const result = validateIdDocument('resident_id', withCheck('11010520990101001'));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.code).toBe('birth_date_future');
    expect(validateIdDocument('resident_id', '11010519491231002X').ok).toBe(true);
  });

  it('reads the birth date from the local calendar day of `today`', () => {
    const born = withCheck('11010520250616001');
    expect(validateIdDocument('resident_id', born, new Date(2025, 5, 15, 23, 59, 59)).ok).toBe(false);
    expect(validateIdDocument('resident_id', born, new Date(2025, 5, 16, 0, 0, 1)).ok).toBe(true);
  });
});

/** type, raw input, expected code, expected params (a subset). */
type InvalidCase = [IdDocumentType, string, IdErrorCode, Record<string, string | number>];

const invalidCases: InvalidCase[] = [
  // empty
  ['resident_id', '', 'empty', {}],
  ['resident_id', '   ', 'empty', {}],
  ['hk_macao_permit', '\u3000\t', 'empty', {}],
  ['passport', '', 'empty', {}],

  // resident_id: length
  ['resident_id', '1101051949123100', 'length', { length: 16 }],
  ['resident_id', '11010519491231002X1', 'length', { length: 19 }],
  ['resident_id', '110105-19491231-002X', 'length', { length: 20 }],
  ['resident_id', '张三', 'length', { length: 2 }],

  // resident_id and the 18-char permits: characters
  ['resident_id', '11010519491231X02X', 'characters', { position: 15, char: 'X' }],
  ['resident_id', '1101051949123100-2', 'characters', { position: 17, char: '-' }],
  ['resident_id', '1101O519491231002X', 'characters', { position: 5, char: 'O' }],
  ['resident_id', '11010A490101001', 'characters', { position: 6, char: 'A' }],
  ['resident_id', '11010549010100x', 'characters', { position: 15, char: 'X' }],
  ['hmt_residence_permit', '8100001985O6150039', 'characters', { position: 11, char: 'O' }],
  ['foreign_permanent_residence', '9156041980050500XX', 'characters', { position: 17, char: 'X' }],

  // resident_id: area
  ['resident_id', withCheck('00000019900101001'), 'area', { province: '00' }],
  ['resident_id', withCheck('71000019900101001'), 'area', { province: '71' }],
  ['resident_id', withCheck('16010219900101001'), 'area', { province: '16' }],
  ['resident_id', withCheck('47010219900101001'), 'area', { province: '47' }],
  ['resident_id', '810105490101001', 'area', { province: '81' }],
  ['resident_id', '910105490101001', 'area', { province: '91' }],

  // resident_id: a permit number typed under the wrong type
  ['resident_id', '810000198506150039', 'looks_like_hmt_permit', { province: '81' }],
  ['resident_id', '820000197001010046', 'looks_like_hmt_permit', { province: '82' }],
  ['resident_id', '830000200109110053', 'looks_like_hmt_permit', { province: '83' }],
  ['resident_id', '91560419800505001X', 'looks_like_foreign_card', {}],
  ['resident_id', '92840819751120002x', 'looks_like_foreign_card', {}],

  // birth_date: not a calendar date
  ['resident_id', withCheck('11010519900230123'), 'birth_date', { from: 7, to: 14, date: '1990-02-30', year: 1990, month: 2, day: 30 }],
  ['resident_id', withCheck('11010519000229001'), 'birth_date', { date: '1900-02-29' }],
  ['resident_id', withCheck('11010520230229001'), 'birth_date', { date: '2023-02-29' }],
  ['resident_id', withCheck('11010519990229001'), 'birth_date', { date: '1999-02-29' }],
  ['resident_id', withCheck('11010519901301001'), 'birth_date', { month: 13 }],
  ['resident_id', withCheck('11010519900100001'), 'birth_date', { day: 0 }],
  ['resident_id', withCheck('11010519900431001'), 'birth_date', { date: '1990-04-31' }],
  ['resident_id', withCheck('11010519900001001'), 'birth_date', { month: 0 }],
  ['resident_id', '110105000229001', 'birth_date', { from: 7, to: 12, date: '1900-02-29' }],
  ['resident_id', '110105901131001', 'birth_date', { from: 7, to: 12, date: '1990-11-31' }],
  ['hmt_residence_permit', withCheck('81000019900230001'), 'birth_date', { date: '1990-02-30' }],
  ['foreign_permanent_residence', withCheck('91560419800230001'), 'birth_date', { date: '1980-02-30' }],

  // birth_date_future
  ['resident_id', withCheck('11010520250616001'), 'birth_date_future', { from: 7, to: 14, date: '2025-06-16' }],
  ['resident_id', withCheck('11010520300101003'), 'birth_date_future', { date: '2030-01-01', year: 2030, month: 1, day: 1 }],
  ['hmt_residence_permit', withCheck('83000020260101001'), 'birth_date_future', { date: '2026-01-01' }],
  ['foreign_permanent_residence', withCheck('91560420260101001'), 'birth_date_future', { date: '2026-01-01' }],

  // birth_date_too_early
  ['resident_id', '440524188001010014', 'birth_date_too_early', { date: '1880-01-01', minYear: 1890 }],
  ['resident_id', withCheck('11010518891231001'), 'birth_date_too_early', { date: '1889-12-31' }],
  ['resident_id', withCheck('11010507010101001'), 'birth_date_too_early', { year: 701 }],
  ['hmt_residence_permit', withCheck('82000018000101001'), 'birth_date_too_early', { date: '1800-01-01' }],

  // checksum
  ['resident_id', '110105194912310021', 'checksum', {}],
  ['resident_id', '11010519491213002X', 'checksum', {}],
  ['resident_id', '11010619491231002X', 'checksum', {}],
  ['resident_id', '110105199001011233', 'checksum', {}],
  ['hmt_residence_permit', '810000198506150038', 'checksum', {}],
  ['hmt_residence_permit', '820000197001010064', 'checksum', {}],
  ['foreign_permanent_residence', '915604198005050011', 'checksum', {}],
  ['foreign_permanent_residence', '92840819751120003X', 'checksum', {}],

  // hmt_residence_permit
  ['hmt_residence_permit', '8100001985061500', 'hmt_length', { length: 16 }],
  ['hmt_residence_permit', '810000850615003', 'hmt_length', { length: 15 }],
  ['hmt_residence_permit', '8100001985061500391', 'hmt_length', { length: 19 }],
  ['hmt_residence_permit', '110105199001011232', 'hmt_area', { area: '110105' }],
  ['hmt_residence_permit', '810105199001010016', 'hmt_area', { area: '810105' }],
  ['hmt_residence_permit', withCheck('71000019900101001'), 'hmt_area', { area: '710000' }],

  // foreign_permanent_residence
  ['foreign_permanent_residence', '91560419800505001', 'foreign_length', { length: 17 }],
  ['foreign_permanent_residence', 'USA11000801200', 'foreign_length', { length: 14 }],
  ['foreign_permanent_residence', '91560419800505001X0', 'foreign_length', { length: 19 }],
  ['foreign_permanent_residence', '110105199001011232', 'foreign_prefix', { char: '1' }],
  ['foreign_permanent_residence', '810000198506150039', 'foreign_prefix', { char: '8' }],
  ['foreign_permanent_residence', 'A15604198005050011', 'foreign_prefix', { char: 'A' }],
  ['foreign_permanent_residence', 'US1110008012001', 'foreign_old_format', { position: 3, char: '1', expected: 'letter' }],
  ['foreign_permanent_residence', 'USA11000801200A', 'foreign_old_format', { position: 15, char: 'A', expected: 'digit' }],
  ['foreign_permanent_residence', 'USA-10008012001', 'foreign_old_format', { position: 4, char: '-', expected: 'digit' }],
  ['foreign_permanent_residence', '110105490101001', 'foreign_old_format', { position: 1, char: '1', expected: 'letter' }],

  // hk_macao_permit
  ['hk_macao_permit', 'H1234567', 'hk_macao_length', { length: 8 }],
  ['hk_macao_permit', 'H123456789', 'hk_macao_length', { length: 10 }],
  ['hk_macao_permit', 'H123456789012', 'hk_macao_length', { length: 13 }],
  ['hk_macao_permit', 'A12345678', 'hk_macao_prefix', { char: 'A' }],
  ['hk_macao_permit', '812345678', 'hk_macao_prefix', { char: '8' }],
  ['hk_macao_permit', 'W1234567890', 'hk_macao_prefix', { char: 'W' }],
  ['hk_macao_permit', 'H1234567A', 'hk_macao_digits', { position: 9, char: 'A' }],
  ['hk_macao_permit', 'HM2345678', 'hk_macao_digits', { position: 2, char: 'M' }],
  ['hk_macao_permit', 'M12345-7890', 'hk_macao_digits', { position: 7, char: '-' }],

  // taiwan_permit
  ['taiwan_permit', '1234567', 'taiwan_length', { length: 7 }],
  ['taiwan_permit', '1234567890', 'taiwan_length', { length: 10 }],
  ['taiwan_permit', 'T1234567', 'taiwan_digits', { position: 1, char: 'T' }],
  ['taiwan_permit', '1234567x', 'taiwan_digits', { position: 8, char: 'X' }],

  // passport
  ['passport', 'E123', 'passport_length', { length: 4, min: 5, max: 17 }],
  ['passport', 'ABCDEFGHIJ12345678', 'passport_length', { length: 18 }],
  ['passport', 'E1234-5678', 'passport_characters', { position: 6, char: '-' }],
  ['passport', 'AB.12345', 'passport_characters', { position: 3, char: '.' }],
  ['passport', 'ä1234567', 'passport_characters', { position: 1, char: 'Ä' }],
  ['passport', 'E12345678护', 'passport_characters', { position: 10, char: '护' }],
];

describe('refusals', () => {
  it.each(invalidCases)('%s %j → %s', (type, raw, code, params) => {
    const result = expectInvalid(type, raw);
    expect(result.code).toBe(code);
    expect(result.messageKey).toBe(`id.error.${code}`);
    expect(result.params).toMatchObject(params);
  });

  it('cover every error code at least twice', () => {
    for (const code of idErrorCodes) {
      expect(invalidCases.filter((c) => c[2] === code).length, code).toBeGreaterThanOrEqual(2);
    }
  });

  it.each(invalidCases)('%s %j: the message key exists in both catalogs and all its placeholders are filled', (type, raw) => {
    const result = expectInvalid(type, raw);
    for (const catalog of [zh, en]) {
      const template = catalog[result.messageKey];
      expect(template, result.messageKey).toBeTypeOf('string');
      for (const name of placeholders(template ?? '')) expect(result.params, `${result.messageKey} {${name}}`).toHaveProperty(name);
    }
  });

  it('never reveal the right check character', () => {
    for (const raw of ['110105194912310021', '110105194912310022', '110105199001011230', '810000198506150038']) {
      const result = expectInvalid(raw.startsWith('81') ? 'hmt_residence_permit' : 'resident_id', raw);
      expect(result.code).toBe('checksum');
      expect(result.params).toEqual({});
    }
    expect(zh['id.error.checksum']).not.toMatch(/[0-9X{]/);
    expect(en['id.error.checksum']).not.toMatch(/[0-9X{]/);
  });

  it('tell the clerk how many characters were entered, in Chinese', () => {
    const result = expectInvalid('resident_id', '1101051949123100');
    const text = (zh[result.messageKey] ?? '').replace(/\{(\w+)\}/g, (_, k: string) => String(result.params[k]));
    expect(text).toContain('18位');
    expect(text).toContain('15位');
    expect(text).toContain('现在是16位');
  });

  it('name the position of a bad character, in Chinese', () => {
    const result = expectInvalid('resident_id', '11010519491231X02X');
    const text = (zh[result.messageKey] ?? '').replace(/\{(\w+)\}/g, (_, k: string) => String(result.params[k]));
    expect(text).toContain('第15位“X”');
  });
});

describe('hmt_residence_permit', () => {
  it.each<[string, string, string, 'male' | 'female']>([
    ['810000198506150039', '810000198506150039', '1985-06-15', 'male'],
    ['820000197001010046', '820000197001010046', '1970-01-01', 'female'],
    ['830000200109110053', '830000200109110053', '2001-09-11', 'male'],
    ['81000019900101006x', '81000019900101006X', '1990-01-01', 'female'],
    ['８２００００１９８５１１１１００５Ｘ', '82000019851111005X', '1985-11-11', 'male'],
    ['830000 20000229 008' + checkChar('83000020000229008'), withCheck('83000020000229008'), '2000-02-29', 'female'],
  ])('accepts %j', (raw, normalized, birthDate, sex) => {
    const result = expectValid('hmt_residence_permit', raw);
    expect(result.normalized).toBe(normalized);
    expect(result.birthDate).toBe(birthDate);
    expect(result.sex).toBe(sex);
    expect(result.legacy15).toBeUndefined();
  });
});

describe('foreign_permanent_residence', () => {
  it.each<[string, string, string | undefined]>([
    ['91560419800505001X', '91560419800505001X', '1980-05-05'],
    ['92840819751120002x', '92840819751120002X', '1975-11-20'],
    [withCheck('93100120100315004'), withCheck('93100120100315004'), '2010-03-15'],
    [withCheck('94400220240229001'), withCheck('94400220240229001'), '2024-02-29'],
    ['USA110008012001', 'USA110008012001', undefined],
    ['can310075060502', 'CAN310075060502', undefined],
    ['ＧＢＲ ４４０１ ８５０３１２ ０１', 'GBR440185031201', undefined],
  ])('accepts %j', (raw, normalized, birthDate) => {
    const result = expectValid('foreign_permanent_residence', raw);
    expect(result.normalized).toBe(normalized);
    expect(result.birthDate).toBe(birthDate);
    expect(result.sex).toBeUndefined();
  });
});

describe('hk_macao_permit', () => {
  it.each([
    ['H12345678', 'H12345678'],
    ['M87654321', 'M87654321'],
    ['h1234567801', 'H1234567801'],
    ['M 0000 0000 03', 'M0000000003'],
    ['Ｈ１２３４５６７８', 'H12345678'],
  ])('accepts %j', (raw, normalized) => {
    expect(expectValid('hk_macao_permit', raw)).toEqual({ ok: true, normalized });
  });
});

describe('taiwan_permit', () => {
  it.each([
    ['12345678', '12345678'],
    ['00000001', '00000001'],
    ['０１２３４５６７', '01234567'],
    [' 1234 5678 ', '12345678'],
  ])('accepts %j', (raw, normalized) => {
    expect(expectValid('taiwan_permit', raw)).toEqual({ ok: true, normalized });
  });
});

describe('passport', () => {
  it.each([
    ['E12345678', 'E12345678'],
    ['EA1234567', 'EA1234567'],
    ['e a 1234567', 'EA1234567'],
    ['G12345678', 'G12345678'],
    ['X1234', 'X1234'],
    ['C01X00T47', 'C01X00T47'],
    ['123456789', '123456789'],
    ['ABCDEFGHIJ1234567', 'ABCDEFGHIJ1234567'],
    ['ｅ１２３４５６７８', 'E12345678'],
  ])('accepts %j (foreign passports have no fixed format)', (raw, normalized) => {
    expect(expectValid('passport', raw)).toEqual({ ok: true, normalized });
  });
});

describe('message catalogs', () => {
  it('have the same keys in zh-CN and en', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
  });

  it('label every document type', () => {
    for (const type of idDocumentTypes) {
      expect(zh[`id.type.${type}`], type).toMatch(/\S/);
      expect(en[`id.type.${type}`], type).toMatch(/\S/);
    }
  });

  it('have a message for every error code and nothing else', () => {
    const expected = [...idDocumentTypes.map((t) => `id.type.${t}`), ...idErrorCodes.map((c) => `id.error.${c}`)].sort();
    expect(Object.keys(zh).sort()).toEqual(expected);
  });

  it('write the Chinese messages in Chinese, ending with a full stop, without empty placeholders', () => {
    for (const code of idErrorCodes) {
      const text = zh[`id.error.${code}`] ?? '';
      expect(text, code).toMatch(/[\u4e00-\u9fff]/);
      expect(text, code).toMatch(/。$/);
      expect(text, code).not.toMatch(/\{\}/);
    }
  });
});

describe('maskIdNumber', () => {
  it.each([
    ['11010519491231002X', '110***********002X'],
    [' 110105 19491231 002x ', '110***********002X'],
    ['１１０１０５１９４９１２３１００２ｘ', '110***********002X'],
    ['110105490101001', '110*********001'],
    ['USA110008012001', 'USA*********001'],
    ['H12345678', 'H1*****78'],
    ['H1234567801', 'H1*******01'],
    ['12345678', '12****78'],
    ['X1234', 'X***4'],
    ['ABC', '***'],
    ['', ''],
  ])('%j → %j', (raw, masked) => {
    expect(maskIdNumber(raw)).toBe(masked);
  });

  const samples = [
    '11010519491231002X',
    withCheck('11010519900101123'),
    '810000198506150039',
    '91560419800505001X',
    '110105490101001',
    'CAN310075060502',
    'H1234567801',
    'M87654321',
    '01234567',
    'E12345678',
    'EA1234567',
    'ABCDEFGHIJ1234567',
    'X1234',
  ];

  it.each(samples)('never returns the middle of %j', (value) => {
    const masked = maskIdNumber(value);
    const n = value.length;
    expect(masked).toHaveLength(n);
    const hidden = [...masked].filter((c) => c === '*').length;
    expect(hidden).toBeGreaterThanOrEqual(Math.ceil(n / 2));
    // The hidden part is one run in the middle; what is shown is only the two ends of the number.
    const match = /^([^*]*)(\*+)([^*]*)$/.exec(masked);
    expect(match, masked).not.toBeNull();
    const [, head = '', , tail = ''] = match ?? [];
    expect(head.length).toBeLessThanOrEqual(3);
    expect(tail.length).toBeLessThanOrEqual(4);
    expect(value.startsWith(head)).toBe(true);
    expect(value.endsWith(tail)).toBe(true);
  });

  it('hides the whole birth date of resident ID numbers', () => {
    for (const value of ['11010519491231002X', withCheck('31010120000229456'), '810000198506150039']) {
      expect(maskIdNumber(value).slice(6, 14)).toBe('********');
      expect(maskIdNumber(value)).not.toContain(value.slice(6, 14));
    }
    expect(maskIdNumber('110105490101001').slice(6, 12)).toBe('******');
  });
});

describe('every valid result', () => {
  it('is stable: validating the normalized number again gives the same result', () => {
    const inputs: [IdDocumentType, string][] = [
      ['resident_id', ' 11010519491231002x'],
      ['resident_id', '１１０１０５４９０１０１００１'],
      ['hmt_residence_permit', '81000019900101006x'],
      ['foreign_permanent_residence', 'can310075060502'],
      ['hk_macao_permit', 'h1234567801'],
      ['taiwan_permit', '０１２３４５６７'],
      ['passport', 'e a 1234567'],
    ];
    for (const [type, raw] of inputs) {
      const first = expectValid(type, raw);
      expect(validateIdDocument(type, first.normalized, TODAY)).toEqual(first);
    }
  });
});
