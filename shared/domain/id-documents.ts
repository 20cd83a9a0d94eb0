import type { IdDocumentType } from './id-document-types';

/**
 * Validation of the identity document numbers a counter accepts (brief §6).
 *
 * Every refusal carries a code, the catalog key `id.error.<code>` and the parameters its message needs,
 * so the clerk is told exactly what is wrong (how many characters were typed, which position holds a
 * bad character, which birth date is impossible…). A failed check character is never "corrected": the
 * message only says that some digit was mistyped, because suggesting the right check character would
 * make a wrong number pass.
 *
 * Per type:
 * - resident_id (GB 11643): 18 chars = area(6) + YYYYMMDD + sequence(3, odd = male) + check char, or a
 *   legacy 15-digit number (area + YYMMDD read as 19YY + sequence, no check char). The province (first two
 *   digits) must be one of 11–15, 21–23, 31–37, 41–46, 50–54, 61–65; 81/82/83 get a hint to pick the
 *   Hong Kong/Macao/Taiwan residence permit instead, an 18-char number starting with 9 a hint to pick
 *   the foreign permanent residence card.
 * - hmt_residence_permit: the same 18-char format and check; the area must be 810000, 820000 or 830000.
 * - foreign_permanent_residence: the card issued since 2023-12-01 has 18 chars starting with 9, same
 *   check character and a birth date at positions 7–14 (digits 2–6 are issuing province and nationality
 *   codes, which are not checked here; no sex is derived because the card's sequence rule is not the
 *   GB 11643 one). The older card is 3 letters (nationality) + 12 digits.
 * - hk_macao_permit: H or M + 8 digits, or the older H or M + 10 digits.
 * - taiwan_permit: 8 digits.
 * - passport: Chinese passports are E + 8 digits or E + letter + 7 digits, but foreign passports have no
 *   fixed format, so any 5–17 letters and digits are accepted; only other characters and a length out of
 *   that range are refused.
 *
 * Birth dates must be real calendar dates, not after `today` (local date) and not before 1890.
 */

export const idErrorCodes = [
  /** Nothing was typed (or only spaces). */
  'empty',
  /** resident_id: neither 18 nor 15 characters. params: length */
  'length',
  /** 18-char / 15-digit formats: something other than a digit, or X anywhere but position 18. params: position, char */
  'characters',
  /** resident_id: the province code (first two digits) does not exist. params: province */
  'area',
  /** resident_id: an 18-char number starting with 81/82/83, i.e. a Hong Kong/Macao/Taiwan residence permit. params: province */
  'looks_like_hmt_permit',
  /** resident_id: an 18-char number starting with 9, i.e. a foreign permanent residence card. */
  'looks_like_foreign_card',
  /** The birth date digits are not a calendar date (e.g. 19900230). params: from, to, date, year, month, day */
  'birth_date',
  /** The birth date is after today. params: from, to, date, year, month, day */
  'birth_date_future',
  /** The birth date is before 1890. params: from, to, date, year, month, day, minYear */
  'birth_date_too_early',
  /** The check character does not match: some character was mistyped. */
  'checksum',
  /** hmt_residence_permit: not 18 characters. params: length */
  'hmt_length',
  /** hmt_residence_permit: the area is not 810000/820000/830000. params: area */
  'hmt_area',
  /** foreign_permanent_residence: neither 18 (new card) nor 15 (old card) characters. params: length */
  'foreign_length',
  /** foreign_permanent_residence: an 18-char number that does not start with 9. params: char */
  'foreign_prefix',
  /** foreign_permanent_residence: a 15-char number that is not 3 letters + 12 digits. params: position, char, expected ('letter' | 'digit') */
  'foreign_old_format',
  /** hk_macao_permit: neither 9 nor 11 characters. params: length */
  'hk_macao_length',
  /** hk_macao_permit: does not start with H or M. params: char */
  'hk_macao_prefix',
  /** hk_macao_permit: something other than a digit after the H/M. params: position, char */
  'hk_macao_digits',
  /** taiwan_permit: not 8 characters. params: length */
  'taiwan_length',
  /** taiwan_permit: something other than a digit. params: position, char */
  'taiwan_digits',
  /** passport: fewer than 5 or more than 17 characters. params: length, min, max */
  'passport_length',
  /** passport: something other than a letter or a digit. params: position, char */
  'passport_characters',
] as const;

export type IdErrorCode = (typeof idErrorCodes)[number];

export type IdValidation =
  | { ok: true; normalized: string; birthDate?: string /* YYYY-MM-DD */; sex?: 'male' | 'female'; legacy15?: boolean }
  | { ok: false; code: IdErrorCode; messageKey: string; params: Record<string, string | number> };

type IdFailure = Extract<IdValidation, { ok: false }>;

/** The catalog key of an error code's message. */
export const idErrorMessageKey = (code: IdErrorCode): string => `id.error.${code}`;

const fail = (code: IdErrorCode, params: Record<string, string | number> = {}): IdFailure => ({
  ok: false,
  code,
  messageKey: idErrorMessageKey(code),
  params,
});

/** Earliest accepted birth year: nobody at a counter was born before it. */
export const MIN_BIRTH_YEAR = 1890;
export const PASSPORT_MIN_LENGTH = 5;
export const PASSPORT_MAX_LENGTH = 17;

/** Province-level codes of GB/T 2260 that issue resident ID numbers (71 Taiwan, 81–83 HK/Macao/Taiwan permits excluded). */
const RESIDENT_PROVINCES: ReadonlySet<string> = new Set(
  [
    [11, 15],
    [21, 23],
    [31, 37],
    [41, 46],
    [50, 54],
    [61, 65],
  ].flatMap(([from, to]) => {
    const codes: string[] = [];
    for (let code = from ?? 0; code <= (to ?? -1); code += 1) codes.push(String(code));
    return codes;
  }),
);
const HMT_PROVINCES: ReadonlySet<string> = new Set(['81', '82', '83']);
const HMT_AREAS: ReadonlySet<string> = new Set(['810000', '820000', '830000']);

const CHECK_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/**
 * The GB 11643 check character of the first 17 digits: the digits weighted 7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2,
 * summed, mod 11, index into "10X98765432". Throws on anything but 17 digits (a programming error).
 */
export function idCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('idCheckCharacter needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * (CHECK_WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? '';
}

/**
 * What the clerk typed or pasted, cleaned: full-width letters and digits become half-width, all white
 * space (also inside the number, also the full-width space) and zero-width characters are removed, letters
 * are upper-cased (so a lowercase x check character becomes X). Nothing else is changed: a hyphen or a
 * dot stays and is reported as a bad character.
 */
export function normalizeIdNumber(raw: string): string {
  return raw
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u200B-\u200D\u2060\uFEFF]/g, '')
    .toUpperCase();
}

const todayIso = (today: Date): string =>
  `${String(today.getFullYear()).padStart(4, '0')}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(
    today.getDate(),
  ).padStart(2, '0')}`;

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

/**
 * Checks the 8 birth-date digits YYYYMMDD found at positions `from`–`to` (1-based, as the clerk counts them).
 * Returns the ISO date or the failure.
 */
const checkBirthDate = (
  yyyymmdd: string,
  from: number,
  to: number,
  today: Date,
): { ok: true; date: string } | IdFailure => {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  const date = `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
  const params = { from, to, date, year, month, day };
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return fail('birth_date', params);
  if (year < MIN_BIRTH_YEAR) return fail('birth_date_too_early', { ...params, minYear: MIN_BIRTH_YEAR });
  if (date > todayIso(today)) return fail('birth_date_future', params);
  return { ok: true, date };
};

/** The first character that is not a digit (X allowed only at position 18 of an 18-char number). */
const badDigitPosition = (value: string, allowFinalX: boolean): number => {
  for (let i = 0; i < value.length; i += 1) {
    const c = value[i] ?? '';
    if (c >= '0' && c <= '9') continue;
    if (allowFinalX && c === 'X' && i === value.length - 1) continue;
    return i + 1;
  }
  return 0;
};

const charactersFailure = (value: string, allowFinalX: boolean): IdFailure | null => {
  const position = badDigitPosition(value, allowFinalX);
  return position === 0 ? null : fail('characters', { position, char: value[position - 1] ?? '' });
};

/** Characters, birth date and check character of an 18-char GB 11643-style number (length already checked). */
const checkEighteen = (
  value: string,
  today: Date,
  checkArea: (value: string) => IdFailure | null,
): { ok: true; birthDate: string } | IdFailure => {
  const bad = charactersFailure(value, true);
  if (bad) return bad;
  const area = checkArea(value);
  if (area) return area;
  const birth = checkBirthDate(value.slice(6, 14), 7, 14, today);
  if (!birth.ok) return birth;
  if (idCheckCharacter(value.slice(0, 17)) !== value[17]) return fail('checksum');
  return { ok: true, birthDate: birth.date };
};

const sexOf = (sequenceDigit: string | undefined): 'male' | 'female' =>
  Number(sequenceDigit) % 2 === 1 ? 'male' : 'female';

const residentArea = (value: string): IdFailure | null => {
  const province = value.slice(0, 2);
  if (RESIDENT_PROVINCES.has(province)) return null;
  if (value.length === 18 && HMT_PROVINCES.has(province)) return fail('looks_like_hmt_permit', { province });
  if (value.length === 18 && province.startsWith('9')) return fail('looks_like_foreign_card');
  return fail('area', { province });
};

const validateResidentId = (value: string, today: Date): IdValidation => {
  if (value.length === 18) {
    const result = checkEighteen(value, today, residentArea);
    if (!result.ok) return result;
    return { ok: true, normalized: value, birthDate: result.birthDate, sex: sexOf(value[16]) };
  }
  if (value.length === 15) {
    const bad = charactersFailure(value, false);
    if (bad) return bad;
    const area = residentArea(value);
    if (area) return area;
    const birth = checkBirthDate(`19${value.slice(6, 12)}`, 7, 12, today);
    if (!birth.ok) return birth;
    return { ok: true, normalized: value, birthDate: birth.date, sex: sexOf(value[14]), legacy15: true };
  }
  return fail('length', { length: value.length });
};

const validateHmtPermit = (value: string, today: Date): IdValidation => {
  if (value.length !== 18) return fail('hmt_length', { length: value.length });
  const result = checkEighteen(value, today, (v) =>
    HMT_AREAS.has(v.slice(0, 6)) ? null : fail('hmt_area', { area: v.slice(0, 6) }),
  );
  if (!result.ok) return result;
  return { ok: true, normalized: value, birthDate: result.birthDate, sex: sexOf(value[16]) };
};

const validateForeignPermanent = (value: string, today: Date): IdValidation => {
  if (value.length === 18) {
    if (!value.startsWith('9')) return fail('foreign_prefix', { char: value[0] ?? '' });
    const result = checkEighteen(value, today, () => null);
    if (!result.ok) return result;
    return { ok: true, normalized: value, birthDate: result.birthDate };
  }
  if (value.length === 15) {
    for (let i = 0; i < 15; i += 1) {
      const c = value[i] ?? '';
      const letter = i < 3;
      if (letter ? !/[A-Z]/.test(c) : !/[0-9]/.test(c)) {
        return fail('foreign_old_format', { position: i + 1, char: c, expected: letter ? 'letter' : 'digit' });
      }
    }
    return { ok: true, normalized: value };
  }
  return fail('foreign_length', { length: value.length });
};

const validateHkMacaoPermit = (value: string): IdValidation => {
  if (value.length !== 9 && value.length !== 11) return fail('hk_macao_length', { length: value.length });
  if (value[0] !== 'H' && value[0] !== 'M') return fail('hk_macao_prefix', { char: value[0] ?? '' });
  const rest = badDigitPosition(value.slice(1), false);
  if (rest !== 0) return fail('hk_macao_digits', { position: rest + 1, char: value[rest] ?? '' });
  return { ok: true, normalized: value };
};

const validateTaiwanPermit = (value: string): IdValidation => {
  if (value.length !== 8) return fail('taiwan_length', { length: value.length });
  const position = badDigitPosition(value, false);
  if (position !== 0) return fail('taiwan_digits', { position, char: value[position - 1] ?? '' });
  return { ok: true, normalized: value };
};

const validatePassport = (value: string): IdValidation => {
  if (value.length < PASSPORT_MIN_LENGTH || value.length > PASSPORT_MAX_LENGTH) {
    return fail('passport_length', { length: value.length, min: PASSPORT_MIN_LENGTH, max: PASSPORT_MAX_LENGTH });
  }
  const index = value.search(/[^A-Z0-9]/);
  if (index !== -1) return fail('passport_characters', { position: index + 1, char: value[index] ?? '' });
  return { ok: true, normalized: value };
};

/**
 * Validates an ID document number of the given type after normalizing it (see `normalizeIdNumber`).
 * `today` (default: now) bounds birth dates; pass it for deterministic results. Lengths and positions in
 * the error parameters count the characters of the normalized number, as the clerk reads them on the card.
 */
export function validateIdDocument(type: IdDocumentType, raw: string, today: Date = new Date()): IdValidation {
  const value = normalizeIdNumber(raw);
  if (value.length === 0) return fail('empty');
  switch (type) {
    case 'resident_id':
      return validateResidentId(value, today);
    case 'hmt_residence_permit':
      return validateHmtPermit(value, today);
    case 'foreign_permanent_residence':
      return validateForeignPermanent(value, today);
    case 'hk_macao_permit':
      return validateHkMacaoPermit(value);
    case 'taiwan_permit':
      return validateTaiwanPermit(value);
    case 'passport':
      return validatePassport(value);
  }
}

/**
 * The number for logs and lists: normalized, then only the first 3 and last 4 characters of an 18-char
 * number are kept (110***********123X). Shorter numbers keep less so that at least half is always hidden:
 * at most a quarter of the length at each end (15 digits: 3 + 3, so the legacy birth date is hidden too;
 * 8 or 9 chars: 2 + 2; under 4 chars: nothing). The length is preserved.
 */
export function maskIdNumber(value: string): string {
  const normalized = normalizeIdNumber(value);
  const n = normalized.length;
  const quarter = Math.floor(n / 4);
  const head = Math.min(3, quarter);
  const tail = Math.min(4, quarter);
  return normalized.slice(0, head) + '*'.repeat(n - head - tail) + normalized.slice(n - tail);
}
