import { canonicalJson } from '../crypto/canonical-json';
import { sha256Hex } from '../crypto/sha256';
import { letterTemplateFor, outcomeOf } from '../letter/record-letter';
import type { LetterTemplate } from '../letter/letter-template';
import { letterTemplateHash, templates as builtInRegistry, type TemplateRegistry } from '../letter/template-registry';
import type { CaseDraft } from './case-draft';
import { GENESIS_HASH, type SealedRecord, type SealedRecordBody } from './sealed-record';

export interface SealContext {
  caseNumber: string;
  sequence: number;
  prevHash: string;
  sealedAt: Date;
  /** Where the letter template is taken from: the active version of the outcome's letter is pinned. */
  templates?: TemplateRegistry;
  corrects?: string | null;
}

export class SealError extends Error {
  constructor(readonly code: 'not_ready') {
    super(`case cannot be sealed: ${code}`);
  }
}

export const recordHash = (body: SealedRecordBody): Promise<string> => sha256Hex(canonicalJson(body));

/** Turns a reviewed draft into the immutable record. Pure apart from hashing: no clock, no storage. */
export const sealCase = async (draft: CaseDraft, context: SealContext): Promise<SealedRecord> => {
  const { matter, applicant, choice, choiceAt, notification } = draft;
  if (draft.step !== 'review' || !matter || !applicant || !choice || !choiceAt || !notification.startedAt) {
    throw new SealError('not_ready');
  }
  const registry = context.templates ?? builtInRegistry;
  const outcome = outcomeOf(choice);
  const letterTemplate = registry.active(letterTemplateFor(outcome));
  // A signed letter is never sealed without its signature; an unsigned one never carries one.
  const signed = letterTemplate.signatureLabel !== null;
  if (signed && !draft.signature) throw new SealError('not_ready');
  const notificationTemplate = registry.active('commitment-letter');
  const pin = async (template: LetterTemplate) => ({
    templateId: template.id,
    templateVersion: template.version,
    templateHash: await letterTemplateHash(template, matter),
  });

  const body: SealedRecordBody = {
    schema: 'commitment-record/1',
    caseNumber: context.caseNumber,
    outcome,
    sequence: context.sequence,
    prevHash: context.prevHash,
    corrects: context.corrects ?? null,
    matter,
    letter: await pin(letterTemplate),
    notificationTemplate: await pin(notificationTemplate),
    applicant,
    clerk: draft.clerk,
    device: draft.counter,
    timestamps: {
      startedAt: draft.createdAt,
      notificationStartedAt: notification.startedAt,
      choiceAt,
      signedAt: signed ? (draft.signature?.capturedAt ?? null) : null,
      sealedAt: context.sealedAt.toISOString(),
    },
    notification: notificationTemplate.pages.map((page, index) => ({
      page: index,
      title: page.title,
      ms: Math.round(notification.msPerPage[index] ?? 0),
    })),
    signature: signed ? draft.signature : null,
    signatureClears: draft.signatureClears,
  };
  return { ...body, hash: await recordHash(body) };
};

export type ChainProblem =
  | { sequence: number; problem: 'hash_mismatch' }
  | { sequence: number; problem: 'broken_link' }
  | { sequence: number; problem: 'sequence_gap' };

/** Recomputes every hash and link of a device's chain (records in sequence order). */
export const verifyChain = async (records: readonly SealedRecord[]): Promise<ChainProblem[]> => {
  const problems: ChainProblem[] = [];
  let expectedPrev = GENESIS_HASH;
  let expectedSequence = 1;
  for (const record of records) {
    const { hash, ...body } = record;
    if (record.sequence !== expectedSequence) problems.push({ sequence: record.sequence, problem: 'sequence_gap' });
    if (record.prevHash !== expectedPrev) problems.push({ sequence: record.sequence, problem: 'broken_link' });
    if ((await recordHash(body)) !== hash) problems.push({ sequence: record.sequence, problem: 'hash_mismatch' });
    expectedPrev = hash;
    expectedSequence = record.sequence + 1;
  }
  return problems;
};
