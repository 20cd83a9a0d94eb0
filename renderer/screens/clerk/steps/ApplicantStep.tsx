import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ApplicantField, ApplicantProblem } from '../../../../shared/domain/applicant';
import { idDocumentTypes, type IdDocumentType } from '../../../../shared/domain/id-document-types';
import { applicantFromForm, emptyApplicantForm, formFromApplicant, type ApplicantForm } from '../../../case/applicant-form';
import { openApplicantScreen } from '../../../case/applicant-screen';
import { Field } from '../../../components/Field';
import { ErrorBanner, errorMessage } from '../../../components/ErrorBanner';
import type { DraftRow } from '../../../db/database';
import { applyToDraft, saveApplicantForm } from '../../../db/draft-repository';
import { t } from '../../../i18n';

const problemText = (problems: ApplicantProblem[], field: ApplicantField): string | null => {
  const problem = problems.find((candidate) => candidate.field === field);
  return problem ? t(problem.messageKey, problem.params) : null;
};

/** The form's inputs for each checked field, in the order they stand on the form. */
const INPUT_OF_FIELD: ReadonlyArray<readonly [ApplicantField, string]> = [
  ['name', 'applicantName'],
  ['idNumber', 'idNumber'],
  ['phone', 'phone'],
  ['guardian.name', 'guardianName'],
  ['guardian.relation', 'guardianRelation'],
  ['guardian.idNumber', 'guardianIdNumber'],
];

const IdTypeSelect = ({ id, value, onChange }: { id: string; value: IdDocumentType; onChange(v: IdDocumentType): void }) => (
  <select id={id} value={value} onChange={(event) => onChange(event.target.value as IdDocumentType)}>
    {idDocumentTypes.map((type) => (
      <option key={type} value={type}>
        {t(`id.type.${type}`)}
      </option>
    ))}
  </select>
);

/**
 * The applicant's details. Every keystroke is saved to the draft, so a crash or a reload brings the
 * form back as it was; the checks run on submit and mark every wrong field at once.
 */
export const ApplicantStep = ({ row }: { row: DraftRow }) => {
  const [form, setForm] = useState<ApplicantForm>(
    () => row.applicantForm ?? (row.draft.applicant ? formFromApplicant(row.draft.applicant) : emptyApplicantForm),
  );
  const [problems, setProblems] = useState<ApplicantProblem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const firstInput = useRef<HTMLInputElement>(null);

  useEffect(() => firstInput.current?.focus(), []);

  // After a failed check the cursor goes to the first field in error, ready to correct it.
  useEffect(() => {
    const first = INPUT_OF_FIELD.find(([field]) => problems.some((problem) => problem.field === field));
    if (first) document.getElementById(first[1])?.focus();
  }, [problems]);

  const update = (changes: Partial<ApplicantForm>) => {
    const next = { ...form, ...changes };
    setForm(next);
    void saveApplicantForm(row.draftId, next);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const outcome = await applyToDraft(row.draftId, { type: 'enterApplicant', applicant: applicantFromForm(form) });
      if (!outcome.ok) {
        setProblems(outcome.problem.code === 'applicant_invalid' ? outcome.problem.problems : []);
        if (outcome.problem.code !== 'applicant_invalid') setError(t(`case.error.${outcome.problem.code}`));
        return;
      }
      await openApplicantScreen(row);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };

  const back = () => void applyToDraft(row.draftId, { type: 'back' });

  return (
    <section aria-labelledby="applicant-title">
      <h2 id="applicant-title">{t('ui.applicant.title')}</h2>
      <ErrorBanner message={error} />
      <form onSubmit={submit} className="form-grid" noValidate>
        <Field id="applicantName" label={t('ui.applicant.name')} error={problemText(problems, 'name')}>
          <input id="applicantName" ref={firstInput} value={form.name} onChange={(e) => update({ name: e.target.value })} />
        </Field>
        <Field id="idType" label={t('ui.applicant.id_type')}>
          <IdTypeSelect id="idType" value={form.idType} onChange={(idType) => update({ idType })} />
        </Field>
        <Field id="idNumber" label={t('ui.applicant.id_number')} error={problemText(problems, 'idNumber')}>
          <input
            id="idNumber"
            className="mono"
            autoComplete="off"
            value={form.idNumber}
            aria-invalid={!!problemText(problems, 'idNumber')}
            onChange={(e) => update({ idNumber: e.target.value })}
          />
        </Field>
        <Field id="phone" label={t('ui.applicant.phone')} error={problemText(problems, 'phone')}>
          <input id="phone" inputMode="tel" value={form.phone} onChange={(e) => update({ phone: e.target.value })} />
        </Field>
        <div className="field field--wide">
          <label className="checkbox">
            <input type="checkbox" checked={form.byGuardian} onChange={(e) => update({ byGuardian: e.target.checked })} />
            {t('ui.applicant.by_guardian')}
          </label>
          <div className="field__hint">{t('ui.applicant.no_proxy')}</div>
        </div>
        {form.byGuardian ? (
          <fieldset className="form-grid field--wide">
            <legend>{t('ui.applicant.guardian')}</legend>
            <Field id="guardianName" label={t('ui.applicant.guardian_name')} error={problemText(problems, 'guardian.name')}>
              <input id="guardianName" value={form.guardianName} onChange={(e) => update({ guardianName: e.target.value })} />
            </Field>
            <Field id="guardianRelation" label={t('ui.applicant.guardian_relation')} error={problemText(problems, 'guardian.relation')}>
              <input id="guardianRelation" value={form.guardianRelation} onChange={(e) => update({ guardianRelation: e.target.value })} />
            </Field>
            <Field id="guardianIdType" label={t('ui.applicant.id_type')}>
              <IdTypeSelect id="guardianIdType" value={form.guardianIdType} onChange={(guardianIdType) => update({ guardianIdType })} />
            </Field>
            <Field id="guardianIdNumber" label={t('ui.applicant.id_number')} error={problemText(problems, 'guardian.idNumber')}>
              <input id="guardianIdNumber" className="mono" value={form.guardianIdNumber} onChange={(e) => update({ guardianIdNumber: e.target.value })} />
            </Field>
          </fieldset>
        ) : null}
        <div className="actions field--wide">
          <button type="button" onClick={back}>
            {t('ui.back')}
          </button>
          <button type="submit" className="primary">
            {t('ui.applicant.submit')} <kbd>Enter</kbd>
          </button>
        </div>
      </form>
    </section>
  );
};
