import { z } from 'zod';
import { matterSchema } from '../catalog/matter-schema';
import { idDocumentTypes } from './id-document-types';

/**
 * A sealed record: the case as it was when the clerk confirmed it, hashed (SHA-256 over its canonical
 * JSON) and chained to the previous record of this device. It never changes after sealing; a
 * correction is a new record that points at the old one.
 *
 * The schema is shared by the renderer that seals, the main process that archives it and any later
 * verifier, so a record that does not parse here is never archived.
 */
export const isoTime = z.iso.datetime({ offset: true });
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const personSchema = z
  .object({ name: z.string().min(1).max(60), idType: z.enum(idDocumentTypes), idNumber: z.string().min(1).max(32) })
  .strict();

export const signerSchema = z.discriminatedUnion('capacity', [
  z.object({ capacity: z.literal('self') }).strict(),
  z
    .object({ capacity: z.literal('guardian'), guardian: personSchema.extend({ relation: z.string().min(1).max(20) }).strict() })
    .strict(),
]);

const pointSchema = z.object({ x: z.number(), y: z.number(), time: z.number(), pressure: z.number() }).strict();

export const signatureCaptureSchema = z
  .object({
    strokes: z.array(z.object({ points: z.array(pointSchema) }).strict()),
    surface: z.object({ width: z.number().positive(), height: z.number().positive() }).strict(),
    pressureSupported: z.boolean(),
    pointerType: z.string().max(20),
    capturedAt: isoTime,
  })
  .strict();

const templatePinSchema = z.object({ templateId: z.string(), templateVersion: z.number().int().positive(), templateHash: sha256 }).strict();

export const caseNumberPattern = /^[A-Z0-9]{1,8}-\d{8}-\d{4}$/;

export const sealedRecordBodySchema = z
  .object({
    schema: z.literal('commitment-record/1'),
    caseNumber: z.string().regex(caseNumberPattern),
    outcome: z.enum(['committed', 'proof_route']),
    /** Position in this device's chain, from 1. */
    sequence: z.number().int().positive(),
    prevHash: sha256,
    /** When the record corrects an earlier one, that record's hash. */
    corrects: sha256.nullable(),
    matter: matterSchema,
    /** The letter this record produces (commitment letter or proof list), pinned for every reprint. */
    letter: templatePinSchema,
    /**
     * The template whose notification pages the applicant read before choosing — also pinned for the
     * proof route, whose own letter is the proof list.
     */
    notificationTemplate: templatePinSchema,
    applicant: personSchema.extend({ phone: z.string().max(20).optional(), signer: signerSchema }).strict(),
    clerk: z.object({ clerkId: z.string(), name: z.string() }).strict(),
    device: z.object({ deviceId: z.string(), counterId: z.string().regex(/^[A-Z0-9]{1,8}$/), agencyName: z.string() }).strict(),
    timestamps: z
      .object({
        startedAt: isoTime,
        notificationStartedAt: isoTime,
        choiceAt: isoTime,
        signedAt: isoTime.nullable(),
        sealedAt: isoTime,
      })
      .strict(),
    notification: z.array(z.object({ page: z.number().int().nonnegative(), title: z.string(), ms: z.number().nonnegative() }).strict()),
    signature: signatureCaptureSchema.nullable(),
    signatureClears: z.number().int().nonnegative(),
    /**
     * The device clock minus the central system's, in seconds, as last measured before sealing
     * (a push answer's clockSkewSeconds) — present only while that exceeded 300 s: the timestamps
     * above are this device's clock, and this says by how much to read them. Optional, so every
     * record sealed before, and every one sealed with the clock in bounds, is unchanged.
     */
    clockSkew: z.object({ seconds: z.number().int(), observedAt: isoTime }).strict().optional(),
  })
  .strict();

export const sealedRecordSchema = sealedRecordBodySchema.extend({ hash: sha256 }).strict();

export type SealedRecordBody = z.infer<typeof sealedRecordBodySchema>;
export type SealedRecord = z.infer<typeof sealedRecordSchema>;

/** The hash of the first record of a device's chain points here. */
export const GENESIS_HASH = '0'.repeat(64);
