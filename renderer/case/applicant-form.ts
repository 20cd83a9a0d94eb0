import type { Applicant } from '../../shared/domain/case-draft';
import type { IdDocumentType } from '../../shared/domain/id-document-types';

/** The applicant form exactly as typed: kept in the draft so a crash never loses a keystroke. */
export interface ApplicantForm {
  name: string;
  idType: IdDocumentType;
  idNumber: string;
  phone: string;
  byGuardian: boolean;
  guardianName: string;
  guardianIdType: IdDocumentType;
  guardianIdNumber: string;
  guardianRelation: string;
}

export const emptyApplicantForm: ApplicantForm = {
  name: '',
  idType: 'resident_id',
  idNumber: '',
  phone: '',
  byGuardian: false,
  guardianName: '',
  guardianIdType: 'resident_id',
  guardianIdNumber: '',
  guardianRelation: '',
};

export const applicantFromForm = (form: ApplicantForm): Applicant => ({
  name: form.name,
  idType: form.idType,
  idNumber: form.idNumber,
  ...(form.phone.trim() ? { phone: form.phone } : {}),
  signer: form.byGuardian
    ? {
        capacity: 'guardian',
        guardian: {
          name: form.guardianName,
          idType: form.guardianIdType,
          idNumber: form.guardianIdNumber,
          relation: form.guardianRelation,
        },
      }
    : { capacity: 'self' },
});

export const formFromApplicant = (applicant: Applicant): ApplicantForm => ({
  ...emptyApplicantForm,
  name: applicant.name,
  idType: applicant.idType,
  idNumber: applicant.idNumber,
  phone: applicant.phone ?? '',
  ...(applicant.signer.capacity === 'guardian'
    ? {
        byGuardian: true,
        guardianName: applicant.signer.guardian.name,
        guardianIdType: applicant.signer.guardian.idType,
        guardianIdNumber: applicant.signer.guardian.idNumber,
        guardianRelation: applicant.signer.guardian.relation,
      }
    : {}),
});
