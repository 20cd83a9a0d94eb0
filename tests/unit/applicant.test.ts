import { describe, expect, it } from 'vitest';
import { validateApplicant, type ApplicantCheck } from '../../shared/domain/applicant';
import type { Applicant } from '../../shared/domain/case-draft';
import { t } from '../../shared/i18n';

const today = new Date('2026-11-29T02:00:00Z');
const valid: Applicant = { name: '张晓明', idType: 'resident_id', idNumber: '11010519491231002x', signer: { capacity: 'self' } };

const problemsOf = (check: ApplicantCheck) => (check.ok ? [] : check.problems.map((problem) => ({ field: problem.field, message: t(problem.messageKey, problem.params) })));

describe('validateApplicant', () => {
  it('accepts a valid applicant and normalizes name spacing, the X check character and the phone', () => {
    const check = validateApplicant({ ...valid, name: '  阿卜杜  热合曼 ', phone: '138-0013-8000' }, today);
    expect(check).toEqual({
      ok: true,
      applicant: { ...valid, name: '阿卜杜 热合曼', idNumber: '11010519491231002X', phone: '13800138000' },
    });
  });

  it.each([
    ['', 'name', '姓名'],
    ['张3', 'name', '数字'],
    ['a'.repeat(61), 'name', '60'],
  ])('refuses the name %j with a message on the name field', (name, field, fragment) => {
    const problems = problemsOf(validateApplicant({ ...valid, name }, today));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.field).toBe(field);
    expect(problems[0]!.message).toContain(fragment);
  });

  it('accepts names with characters from CJK Extensions B–F, which the letter prints with the extension font', () => {
    for (const name of ['\u{20BB7}田明', '王\u{2A6A5}', '李\u{2B740}霖', '陈\u{2CEB0}']) expect(validateApplicant({ ...valid, name }, today).ok).toBe(true);
  });

  it('refuses characters no letter font can print (emoji, Extension G, a lone surrogate), naming them', () => {
    const cases: Array<[string, string]> = [
      ['张😀', '😀'],
      ['王\u{30000}', '\u{30000}'],
      ['李\ud842', '\ud842'],
    ];
    for (const [name, character] of cases) {
      const problems = problemsOf(validateApplicant({ ...valid, name }, today));
      expect(problems).toEqual([{ field: 'name', message: expect.stringContaining(`“${character}”`) }]);
      expect(problems[0]!.message).toContain('无法在承诺书上打印');
    }
  });

  it('checks the guardian like the applicant, and refuses the applicant as their own guardian', () => {
    const check = validateApplicant(
      { ...valid, signer: { capacity: 'guardian', guardian: { name: '𠀀😀', idType: 'resident_id', idNumber: valid.idNumber, relation: ' ' } } },
      today,
    );
    expect(problemsOf(check).map((problem) => problem.field)).toEqual(['guardian.name', 'guardian.relation', 'guardian.idNumber']);
  });

  it('refuses a phone number that is neither a mobile nor a landline', () => {
    expect(problemsOf(validateApplicant({ ...valid, phone: '12345' }, today)).map((problem) => problem.field)).toEqual(['phone']);
    expect(validateApplicant({ ...valid, phone: '010-12345678' }, today).ok).toBe(true);
  });
});
