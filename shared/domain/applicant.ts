import type { Applicant, PersonIdentity } from './case-draft';
import { validateIdDocument } from './id-documents';

export type ApplicantField =
  | 'name'
  | 'idNumber'
  | 'phone'
  | 'guardian.name'
  | 'guardian.idNumber'
  | 'guardian.relation';

export interface ApplicantProblem {
  field: ApplicantField;
  messageKey: string;
  params: Record<string, string | number>;
}

export type ApplicantCheck = { ok: true; applicant: Applicant } | { ok: false; problems: ApplicantProblem[] };

const NAME_MAX = 60;
const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}-?\d{7,8}$/;

const normalizeName = (name: string): string => name.trim().replace(/\s+/g, ' ');

/**
 * Characters outside the BMP that the letter fonts can print: CJK Extensions B–F and the compatibility
 * supplement (the extension font, HanaMinB). Anything else up there — emoji, Extension G and later — would
 * make the letter unprintable after sealing, so it is refused while the name is still being typed.
 */
const PRINTABLE_SUPPLEMENTARY: ReadonlyArray<readonly [number, number]> = [
  [0x20000, 0x2ebef],
  [0x2f800, 0x2fa1f],
];

const unprintableCharacters = (name: string): string[] => {
  const found = new Set<string>();
  for (const character of name) {
    const code = character.codePointAt(0) ?? 0;
    const lone = code >= 0xd800 && code <= 0xdfff;
    const supplementary = code > 0xffff && !PRINTABLE_SUPPLEMENTARY.some(([low, high]) => code >= low && code <= high);
    if (lone || supplementary) found.add(character);
  }
  return [...found];
};

const checkName = (name: string, field: ApplicantField): ApplicantProblem | null => {
  if (name.length === 0) return { field, messageKey: 'case.error.name_empty', params: {} };
  if (name.length > NAME_MAX) return { field, messageKey: 'case.error.name_too_long', params: { max: NAME_MAX } };
  if (/[0-9<>{}\\/]/.test(name)) return { field, messageKey: 'case.error.name_characters', params: {} };
  const unprintable = unprintableCharacters(name);
  if (unprintable.length > 0) return { field, messageKey: 'case.error.name_unprintable', params: { characters: unprintable.join(' ') } };
  return null;
};

const checkPerson = (
  person: PersonIdentity,
  nameField: ApplicantField,
  idField: ApplicantField,
  today: Date,
): { person: PersonIdentity; problems: ApplicantProblem[] } => {
  const name = normalizeName(person.name);
  const problems: ApplicantProblem[] = [];
  const nameProblem = checkName(name, nameField);
  if (nameProblem) problems.push(nameProblem);
  const id = validateIdDocument(person.idType, person.idNumber, today);
  if (!id.ok) problems.push({ field: idField, messageKey: id.messageKey, params: id.params });
  return { person: { ...person, name, idNumber: id.ok ? id.normalized : person.idNumber }, problems };
};

/**
 * Checks everything the clerk typed for the applicant (and the guardian, when one signs instead) and
 * returns it normalized, or every problem at once so the form can mark all the fields together.
 */
export const validateApplicant = (applicant: Applicant, today: Date): ApplicantCheck => {
  const self = checkPerson(applicant, 'name', 'idNumber', today);
  const problems = [...self.problems];

  const phone = (applicant.phone ?? '').replace(/[\s-]/g, '');
  if (phone && !MOBILE.test(phone) && !LANDLINE.test(phone)) {
    problems.push({ field: 'phone', messageKey: 'case.error.phone', params: {} });
  }

  let signer = applicant.signer;
  if (signer.capacity === 'guardian') {
    const guardian = checkPerson(signer.guardian, 'guardian.name', 'guardian.idNumber', today);
    problems.push(...guardian.problems);
    const relation = signer.guardian.relation.trim();
    if (!relation) problems.push({ field: 'guardian.relation', messageKey: 'case.error.relation_empty', params: {} });
    if (guardian.person.idNumber === self.person.idNumber && guardian.person.idType === self.person.idType) {
      problems.push({ field: 'guardian.idNumber', messageKey: 'case.error.guardian_is_applicant', params: {} });
    }
    signer = { capacity: 'guardian', guardian: { ...guardian.person, relation } };
  }

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    applicant: { ...self.person, ...(phone ? { phone } : {}), signer },
  };
};
