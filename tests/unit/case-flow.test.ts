import { describe, expect, it } from 'vitest';
import { applyCaseEvent, newCaseDraft } from '../../shared/domain/case-flow';
import { applicant, at, clerk, counter, examMatter, reviewedDraft, run, signature } from './fixtures/case-fixtures';

const fresh = () => newCaseDraft('d', counter, clerk, at(0));
const atNotification = () =>
  run(fresh(), [
    [{ type: 'chooseMatter', matter: examMatter }, at(1)],
    [{ type: 'enterApplicant', applicant }, at(2)],
  ]);

describe('case state machine', () => {
  it('walks matter → applicant → notification → signing → review and keeps the time per page', () => {
    const draft = reviewedDraft();
    expect(draft.step).toBe('review');
    expect(draft.choice).toBe('commit');
    // Pages: 2→12 s, 12→20 s, 20→25 s, 25→40 s.
    expect(draft.notification.msPerPage).toEqual([10_000, 8_000, 5_000, 15_000]);
    expect(draft.notification.pageEnteredAt).toBeNull();
    expect(draft.applicant?.idNumber).toBe('11010519491231002X');
  });

  it('sums the time of pages visited twice', () => {
    const draft = run(atNotification(), [
      [{ type: 'turnPage', to: 1 }, at(5)],
      [{ type: 'turnPage', to: 0 }, at(9)],
      [{ type: 'turnPage', to: 1 }, at(10)],
    ]);
    expect(draft.notification.msPerPage.slice(0, 2)).toEqual([4_000, 4_000]);
  });

  it('refuses events out of order', () => {
    expect(applyCaseEvent(fresh(), { type: 'enterApplicant', applicant }, at(1))).toEqual({ ok: false, problem: { code: 'wrong_step' } });
    expect(applyCaseEvent(fresh(), { type: 'submitSignature', signature: signature() }, at(1)).ok).toBe(false);
    expect(applyCaseEvent(atNotification(), { type: 'clearSignature' }, at(3)).ok).toBe(false);
  });

  it('lets the applicant choose only on the last page', () => {
    expect(applyCaseEvent(atNotification(), { type: 'choose', choice: 'commit' }, at(3))).toEqual({
      ok: false,
      problem: { code: 'notification_unfinished' },
    });
  });

  it('refuses pages that do not exist', () => {
    expect(applyCaseEvent(atNotification(), { type: 'turnPage', to: 4 }, at(3))).toEqual({ ok: false, problem: { code: 'page_out_of_range' } });
    expect(applyCaseEvent(atNotification(), { type: 'turnPage', to: -1 }, at(3)).ok).toBe(false);
  });

  it('refuses an invalid applicant with every problem at once', () => {
    const draft = run(fresh(), [[{ type: 'chooseMatter', matter: examMatter }, at(1)]]);
    const outcome = applyCaseEvent(
      draft,
      { type: 'enterApplicant', applicant: { ...applicant, name: ' ', idNumber: '123', phone: '12' } },
      at(2),
    );
    expect(outcome.ok).toBe(false);
    if (outcome.ok || outcome.problem.code !== 'applicant_invalid') throw new Error('expected applicant_invalid');
    expect(outcome.problem.problems.map((problem) => problem.field).sort()).toEqual(['idNumber', 'name', 'phone']);
  });

  it('requires a guardian to be someone else, with a relation', () => {
    const draft = run(fresh(), [[{ type: 'chooseMatter', matter: examMatter }, at(1)]]);
    const outcome = applyCaseEvent(
      draft,
      {
        type: 'enterApplicant',
        applicant: { ...applicant, signer: { capacity: 'guardian', guardian: { ...applicant, relation: '' } } },
      },
      at(2),
    );
    if (outcome.ok || outcome.problem.code !== 'applicant_invalid') throw new Error('expected applicant_invalid');
    expect(outcome.problem.problems.map((problem) => problem.messageKey).sort()).toEqual([
      'case.error.guardian_is_applicant',
      'case.error.relation_empty',
    ]);
  });

  it('refuses an empty or trivially short signature and counts clears', () => {
    const signing = run(atNotification(), [
      [{ type: 'turnPage', to: 3 }, at(5)],
      [{ type: 'choose', choice: 'commit' }, at(6)],
    ]);
    const empty = { ...signature(), strokes: [] };
    expect(applyCaseEvent(signing, { type: 'submitSignature', signature: empty }, at(7))).toEqual({ ok: false, problem: { code: 'signature_empty' } });
    const tick = { ...signature(), strokes: [{ points: signature().strokes[0]!.points.slice(0, 3) }] };
    expect(applyCaseEvent(signing, { type: 'submitSignature', signature: tick }, at(7))).toEqual({ ok: false, problem: { code: 'signature_too_short' } });
    const cleared = run(signing, [
      [{ type: 'clearSignature' }, at(8)],
      [{ type: 'clearSignature' }, at(9)],
    ]);
    expect(cleared.signatureClears).toBe(2);
  });

  it('the proof route asks for the signature too: the applicant signs the proof list that records the choice', () => {
    const chosen = run(atNotification(), [
      [{ type: 'turnPage', to: 3 }, at(5)],
      [{ type: 'choose', choice: 'proof' }, at(6)],
    ]);
    expect(chosen.step).toBe('signing');
    expect(chosen.signature).toBeNull();
    const signed = run(chosen, [[{ type: 'submitSignature', signature: signature() }, at(9)]]);
    expect(signed.step).toBe('review');
    expect(signed.signature).toEqual(signature());
  });

  it('going back from review discards the signature and reopens the choice', () => {
    const back = run(reviewedDraft(), [[{ type: 'back' }, at(60)]]);
    expect(back.step).toBe('notification');
    expect(back.signature).toBeNull();
    expect(back.choice).toBeNull();
    expect(back.signatureClears).toBe(1);
  });

  it('never mutates the draft it was given', () => {
    const draft = atNotification();
    const snapshot = JSON.stringify(draft);
    applyCaseEvent(draft, { type: 'turnPage', to: 1 }, at(9));
    expect(JSON.stringify(draft)).toBe(snapshot);
  });
});
