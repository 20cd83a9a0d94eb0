import type { Matter } from '../catalog/matter-schema';
import type { IdDocumentType } from './id-document-types';
import type { SignatureCapture } from './signature';

export interface PersonIdentity {
  name: string;
  idType: IdDocumentType;
  idNumber: string;
}

/** Who signs: the applicant, or a legal guardian for an applicant without capacity (no other proxies). */
export type Signer =
  | { capacity: 'self' }
  | { capacity: 'guardian'; guardian: PersonIdentity & { relation: string } };

export interface Applicant extends PersonIdentity {
  phone?: string;
  signer: Signer;
}

export interface Clerk {
  clerkId: string;
  name: string;
}

export interface CounterContext {
  deviceId: string;
  counterId: string;
  agencyName: string;
}

/** The steps a case moves through at the counter, in order. */
export const caseSteps = ['matter', 'applicant', 'notification', 'signing', 'review'] as const;
export type CaseStep = (typeof caseSteps)[number];

export type CaseChoice = 'commit' | 'proof';

export interface NotificationProgress {
  page: number;
  pageCount: number;
  /** Milliseconds the applicant spent on each page, summed over visits. */
  msPerPage: number[];
  /** When the applicant arrived on the current page (ISO time), while reading. */
  pageEnteredAt: string | null;
  startedAt: string | null;
}

/**
 * A case before it is sealed. It is saved after every change, so a crash or a power cut resumes it
 * at the same step with everything typed and signed.
 */
export interface CaseDraft {
  draftId: string;
  counter: CounterContext;
  clerk: Clerk;
  step: CaseStep;
  createdAt: string;
  updatedAt: string;
  /** The matter as it stood in the catalog when chosen: the letter is built from this snapshot. */
  matter: Matter | null;
  applicant: Applicant | null;
  notification: NotificationProgress;
  choice: CaseChoice | null;
  choiceAt: string | null;
  signature: SignatureCapture | null;
  signatureClears: number;
}
