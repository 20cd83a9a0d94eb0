import { canonicalJson } from '../crypto/canonical-json';
import { sha256Hex } from '../crypto/sha256';
import { letterTemplateFor, outcomeOf } from '../letter/record-letter';
import type { LetterTemplate } from '../letter/letter-template';
import { letterTemplateHash, templates as builtInRegistry, type TemplateRegistry } from '../letter/template-registry';
import type { CaseDraft } from './case-draft';
import type { ChainRecord } from './chain-record';
import { GENESIS_HASH, type SealedRecord, type SealedRecordBody } from './sealed-record';
import type { VoidRecordBody } from './void-record';

export interface SealContext {
  caseNumber: string;
  sequence: number;
  prevHash: string;
  sealedAt: Date;
  /** Where the letter template is taken from: the active version of the outcome's letter is pinned. */
  templates?: TemplateRegistry;
  corrects?: string | null;
  /** The device clock's skew from the central system's when last measured, if beyond the limit (sealed-record.ts). */
  clockSkew?: { seconds: number; observedAt: string } | null;
}

export class SealError extends Error {
  constructor(readonly code: 'not_ready') {
    super(`case cannot be sealed: ${code}`);
  }
}

/** SHA-256 over a chain record's canonical JSON without its hash: a sealed case's or a void's. */
export const recordHash = (body: SealedRecordBody | VoidRecordBody): Promise<string> => sha256Hex(canonicalJson(body));

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
    ...(context.clockSkew ? { clockSkew: { seconds: Math.round(context.clockSkew.seconds), observedAt: context.clockSkew.observedAt } } : {}),
  };
  return { ...body, hash: await recordHash(body) };
};

/**
 * What is wrong with one record of a device's chain, named by its case number. A gap says which
 * sequence numbers are absent; a fork names the record that already holds the same place.
 */
export type ChainProblem =
  | { sequence: number; caseNumber: string; problem: 'hash_mismatch' | 'broken_link' }
  | { sequence: number; caseNumber: string; problem: 'sequence_gap'; missingFrom: number; missingTo: number }
  | { sequence: number; caseNumber: string; problem: 'fork'; otherCaseNumber: string };

/**
 * Recomputes every hash and link of one device's chain. The records may come in any order (files read
 * from folders); they are taken in sequence order. Right after a gap the link cannot be checked — the
 * record it points at is the one missing — so the gap alone is reported there. Each problem carries the
 * item it was found on, so a caller can name the file even when two files hold one case number.
 */
/**
 * What the chain check needs of a record: its place, its links, and its body when the reader has it
 * (an encrypted record file read without the data key has none: its hash is then not recomputed).
 */
export interface ChainLink {
  sequence: number;
  caseNumber: string;
  prevHash: string;
  hash: string;
  body: object | null;
}

export const linkOf = (record: ChainRecord): ChainLink => {
  const { hash, ...body } = record;
  return { sequence: record.sequence, caseNumber: record.caseNumber, prevHash: record.prevHash, hash, body };
};

export const verifyChainOf = async <T>(items: readonly T[], linkFor: (item: T) => ChainLink): Promise<Array<ChainProblem & { item: T }>> => {
  const problems: Array<ChainProblem & { item: T }> = [];
  const ordered = items
    .map((item) => ({ item, record: linkFor(item) }))
    .sort((a, b) => a.record.sequence - b.record.sequence || a.record.caseNumber.localeCompare(b.record.caseNumber));
  // Hashes the next sequence may point at: more than one after a fork; unknown (null) after a gap.
  let previousHashes: ReadonlySet<string> | null = new Set([GENESIS_HASH]);
  let expectedSequence = 1;
  let index = 0;
  while (index < ordered.length) {
    const sequence = ordered[index]!.record.sequence;
    const sameSequence: typeof ordered = [];
    while (index < ordered.length && ordered[index]!.record.sequence === sequence) sameSequence.push(ordered[index++]!);
    const first = sameSequence[0]!;
    if (sequence > expectedSequence) {
      problems.push({ item: first.item, sequence, caseNumber: first.record.caseNumber, problem: 'sequence_gap', missingFrom: expectedSequence, missingTo: sequence - 1 });
      previousHashes = null;
    }
    for (const { item, record } of sameSequence) {
      const { caseNumber } = record;
      if (item !== first.item) problems.push({ item, sequence, caseNumber, problem: 'fork', otherCaseNumber: first.record.caseNumber });
      if (previousHashes && !previousHashes.has(record.prevHash)) problems.push({ item, sequence, caseNumber, problem: 'broken_link' });
      if (record.body && (await sha256Hex(canonicalJson(record.body))) !== record.hash) problems.push({ item, sequence, caseNumber, problem: 'hash_mismatch' });
    }
    // The stored hashes, not recomputed ones: an altered record shows once, not again at its successor.
    previousHashes = new Set(sameSequence.map(({ record }) => record.hash));
    expectedSequence = sequence + 1;
  }
  return problems;
};

/** `verifyChainOf` over the records themselves. */
export const verifyChain = async (records: readonly ChainRecord[]): Promise<ChainProblem[]> =>
  (await verifyChainOf(records, linkOf)).map(({ item: _item, ...problem }) => problem);
