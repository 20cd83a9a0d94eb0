import type { Matter } from '../catalog/matter-schema';
import { templates } from '../letter/template-registry';
import { choiceNeedsSignature } from '../letter/record-letter';
import type { Applicant, CaseChoice, CaseDraft, Clerk, CounterContext } from './case-draft';
import { validateApplicant, type ApplicantProblem } from './applicant';
import { assessSignature, type SignatureCapture, type SignatureProblem } from './signature';

export type CaseEvent =
  | { type: 'chooseMatter'; matter: Matter }
  | { type: 'enterApplicant'; applicant: Applicant }
  | { type: 'turnPage'; to: number }
  | { type: 'choose'; choice: CaseChoice }
  | { type: 'clearSignature' }
  | { type: 'submitSignature'; signature: SignatureCapture }
  | { type: 'back' };

export type CaseFlowProblem =
  | { code: 'wrong_step' }
  | { code: 'page_out_of_range' }
  | { code: 'notification_unfinished' }
  | { code: 'applicant_invalid'; problems: ApplicantProblem[] }
  | { code: SignatureProblem };

export type CaseFlowOutcome = { ok: true; draft: CaseDraft } | { ok: false; problem: CaseFlowProblem };

export const newCaseDraft = (draftId: string, counter: CounterContext, clerk: Clerk, now: Date): CaseDraft => ({
  draftId,
  counter,
  clerk,
  step: 'matter',
  createdAt: now.toISOString(),
  updatedAt: now.toISOString(),
  matter: null,
  applicant: null,
  notification: { page: 0, pageCount: 0, msPerPage: [], pageEnteredAt: null, startedAt: null },
  choice: null,
  choiceAt: null,
  signature: null,
  signatureClears: 0,
});

const wrongStep: CaseFlowOutcome = { ok: false, problem: { code: 'wrong_step' } };

/** Adds the time since the applicant arrived on the current page to that page's total. */
const closeCurrentPage = (draft: CaseDraft, now: Date): number[] => {
  const { page, msPerPage, pageEnteredAt } = draft.notification;
  const totals = [...msPerPage];
  if (pageEnteredAt) totals[page] = (totals[page] ?? 0) + Math.max(0, now.getTime() - Date.parse(pageEnteredAt));
  return totals;
};

const step = (draft: CaseDraft, now: Date, changes: Partial<CaseDraft>): CaseFlowOutcome => ({
  ok: true,
  draft: { ...draft, ...changes, updatedAt: now.toISOString() },
});

/**
 * The case state machine: every change to a draft goes through here, so the screens cannot skip a
 * step (no signature without having read the notification, no seal without a choice).
 */
export const applyCaseEvent = (draft: CaseDraft, event: CaseEvent, now: Date): CaseFlowOutcome => {
  switch (event.type) {
    case 'chooseMatter':
      if (draft.step !== 'matter') return wrongStep;
      return step(draft, now, { matter: event.matter, step: 'applicant' });

    case 'enterApplicant': {
      if (draft.step !== 'applicant' || !draft.matter) return wrongStep;
      const checked = validateApplicant(event.applicant, now);
      if (!checked.ok) return { ok: false, problem: { code: 'applicant_invalid', problems: checked.problems } };
      const pageCount = templates.active('commitment-letter').pages.length;
      return step(draft, now, {
        applicant: checked.applicant,
        step: 'notification',
        notification: {
          page: 0,
          pageCount,
          msPerPage: new Array<number>(pageCount).fill(0),
          pageEnteredAt: now.toISOString(),
          startedAt: now.toISOString(),
        },
      });
    }

    case 'turnPage': {
      if (draft.step !== 'notification') return wrongStep;
      if (!Number.isInteger(event.to) || event.to < 0 || event.to >= draft.notification.pageCount) {
        return { ok: false, problem: { code: 'page_out_of_range' } };
      }
      return step(draft, now, {
        notification: {
          ...draft.notification,
          page: event.to,
          msPerPage: closeCurrentPage(draft, now),
          pageEnteredAt: now.toISOString(),
        },
      });
    }

    case 'choose': {
      if (draft.step !== 'notification') return wrongStep;
      // The applicant decides only after reaching the last page of the notification.
      if (draft.notification.page !== draft.notification.pageCount - 1) {
        return { ok: false, problem: { code: 'notification_unfinished' } };
      }
      return step(draft, now, {
        choice: event.choice,
        choiceAt: now.toISOString(),
        // The applicant signs the letter of their choice whenever it is a signed one (the proof list too).
        step: choiceNeedsSignature(event.choice) ? 'signing' : 'review',
        notification: { ...draft.notification, msPerPage: closeCurrentPage(draft, now), pageEnteredAt: null },
      });
    }

    case 'clearSignature':
      if (draft.step !== 'signing') return wrongStep;
      return step(draft, now, { signature: null, signatureClears: draft.signatureClears + 1 });

    case 'submitSignature': {
      if (draft.step !== 'signing') return wrongStep;
      const problem = assessSignature(event.signature.strokes);
      if (problem) return { ok: false, problem: { code: problem } };
      return step(draft, now, { signature: event.signature, step: 'review' });
    }

    case 'back':
      return goBack(draft, now);
  }
};

const goBack = (draft: CaseDraft, now: Date): CaseFlowOutcome => {
  switch (draft.step) {
    case 'matter':
      return wrongStep;
    case 'applicant':
      return step(draft, now, { step: 'matter', matter: null });
    case 'notification':
      return step(draft, now, { step: 'applicant', notification: { ...draft.notification, pageEnteredAt: null } });
    case 'signing':
    case 'review': {
      // Going back from signing or review reopens the decision on the last notification page;
      // a signature already given is discarded, never silently reused for another decision.
      const discarded = draft.signature ? 1 : 0;
      return step(draft, now, {
        step: 'notification',
        choice: null,
        choiceAt: null,
        signature: null,
        signatureClears: draft.signatureClears + discarded,
        notification: { ...draft.notification, pageEnteredAt: now.toISOString() },
      });
    }
  }
};
