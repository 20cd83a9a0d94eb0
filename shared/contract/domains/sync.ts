import { z } from 'zod';
import type { HostError } from '../result';
import { noArgument } from './fields';
import { method } from './define';

/**
 * The counter's link to the central system (electron/services/sync/): enrollment by the device
 * administrator, then push (the archive's ledger and files, the audit log) and pull, run by main
 * whenever it is enrolled. The renderer only reads the state and asks for a sync now; it never sees
 * the device's token, the pinned certificate's PEM or any key — only the server's address, the
 * hall's name, the time of enrollment and the certificate's fingerprint.
 *
 * Why the renderer POLLS `syncStatus` (every 2 s while a sync runs, 15 s otherwise) instead of being
 * told by an event channel: the contract is request/response through one dispatch that validates
 * every call and checks who may make it (dispatch.ts, host-access.ts). An event channel would need
 * an IPC path of its own from main to the window, its own checks of which window listens (the
 * applicant's window must not), and the e2e harness would have to emulate it beside
 * `exposeBinding`. One poll is one cheap call answered from main's memory and two file stats.
 */

/** The steps of a sync round, as the status line shows them. */
export const syncPhases = ['push', 'pull'] as const;
export type SyncPhase = (typeof syncPhases)[number];

export interface SyncProgress {
  phase: SyncPhase;
  /** Cases (distinct case numbers among the lines sent: records, letters, reprints, voids). */
  done: number;
  total: number;
  bytesDone: number;
  bytesTotal: number;
}

export interface SyncStatus {
  enrolled: boolean;
  serverUrl: string | null;
  /** The hall the central system enrolled this counter in (the first unit of its org path). */
  hallName: string | null;
  enrolledAt: string | null;
  /** SHA-256 of the pinned certificate, `AB:CD:…`; null for plain HTTP to loopback. */
  fingerprint: string | null;
  /** Cases with a ledger line the central system has not receipted yet. */
  unsentRecords: number;
  /** Bytes of those lines and their files. */
  unsentBytes: number;
  lastSuccessAt: string | null;
  /** Why the last round failed (a code and a message key of the host catalog); null after a success. */
  lastError: HostError | null;
  /** When the catalog in force was imported or, for the shipped one, published. */
  catalogAsOf: string | null;
  /** When the blacklist in force was issued: null until blacklists are published (next issue). */
  blacklistAsOf: string | null;
  /** Device clock minus the server's, seconds, from the last push answer; null before one. */
  clockSkewSeconds: number | null;
  /** True beyond 300 s: shown in warning colour and written into the records sealed meanwhile. */
  clockSkewWarning: boolean;
  progress: SyncProgress | null;
  /** The last ledger line and audit line the central system has receipted (0 before any). */
  receiptedHead: { ledgerSeq: number; auditSeq: number };
  /** Lines refused or unsendable (SyncProblem): the push of that log stops at the first. */
  problems: number;
  /** The data key's escrow deposit is still owed to the central system (retried by the sync loop). */
  escrowPending: boolean;
  /**
   * The central system answered DEVICE_REVOKED: nothing is sent until the device administrator
   * enrolls again with a new code (the archive, the signing key and the unsent lines stay). `reason`
   * is the server's sentence (Chinese), with its time and the revocation's reason.
   */
  revoked: { observedAt: string; reason: string | null } | null;
}

/**
 * A line the central system refused, or one this device could not send: kept on the device for the
 * supervisor; that log's push stops at it and it is never retried blindly.
 */
export interface SyncProblem {
  /** The archive's ledger or the audit log. */
  log: 'ledger' | 'audit';
  seq: number;
  caseNumber: string | null;
  /**
   * `conflict`: the central system holds another line at that place (a fork); `refused`: the batch
   * was refused whole for this line (it does not check); `invalid`: its file is missing or altered
   * here, so it was not sent.
   */
  status: 'conflict' | 'refused' | 'invalid';
  /** The server's error code when the batch was refused as a whole (RECORD_INVALID, CHAIN_CONFLICT, …). */
  code: string | null;
  /** The server's reason, in Chinese as it sent it (the central system's administrators read the same). */
  reason: string | null;
  at: string;
}

/**
 * A problem the supervisor looked into and let go again (已核对，重新发送): kept with the note on the
 * device; the signed audit line \`sync.problem_resolve\` (subject \`ledger:<seq>\`) carries the note's
 * SHA-256, so the note cannot be changed afterwards unseen. The sealed line itself is never touched.
 */
export interface SyncResolution {
  problem: SyncProblem;
  note: string;
  /** The first 32 hex digits of the note's SHA-256, as in the audit line's detail. */
  noteHash: string;
  /** The supervisor's 工号, from main's session. */
  by: string;
  at: string;
  /** The audit line that records it. */
  auditSeq: number;
}

/**
 * A publication of the central system the last pulls did not put in force: \`signature\` — refused
 * before it was read (its signature did not verify, or another key signed it; the pull stops there
 * and tries again next round); \`refused\` — signed, but not taken here (another hall's, older than
 * the catalog in force, failing this app's checks); \`held\` — a kind this version does not apply yet,
 * kept for the version that does.
 */
export interface PulledPublicationIssue {
  seq: number;
  kind: 'catalog' | 'roster' | 'blacklist' | 'outcome';
  status: 'signature' | 'refused' | 'held';
  /** The version the publication names (a catalog's or roster's \`version\`); unverified for \`signature\`. */
  version: string | null;
  publishedAt: string | null;
  /** Why, as a host message (worded by the renderer); null for \`held\`. */
  error: HostError | null;
  /** When this device last met it. */
  at: string;
}

/** What the administrator confirms before enrolling. */
export interface EnrollPreview {
  serverUrl: string;
  code: string;
  /** `https`, or plain `http` to this machine (loopback) only. */
  transport: 'https' | 'http-loopback';
  /** SHA-256 of the certificate the server presented, `AB:CD:…`; null for http-loopback. */
  fingerprint: string | null;
  /** True when the QR text carried the fingerprint and the server's certificate matched it. */
  fingerprintFromQr: boolean;
}

export interface EnrolledInfo {
  serverUrl: string;
  hallName: string;
  enrolledAt: string;
  fingerprint: string | null;
}

/**
 * The administrator's entry: the server's address (`https://…`, or `http://127.0.0.1:…` for a central
 * system on this machine) with the one-time code, or the QR text `ccenroll:1?server=…&code=…&pin=…`
 * in `address` alone. Bounded and shaped here; main parses and checks it again.
 */
const address = z.string().trim().min(1).max(600).regex(/^(https?:\/\/|ccenroll:1\?)[\x21-\x7e]+$/i);
const code = z
  .string()
  .trim()
  .regex(/^[A-Za-z2-9]{4}(-?[A-Za-z2-9]{4}){3}$/);
/** 32 bytes of SHA-256 as hex, with or without colons, either case. */
const fingerprint = z.string().trim().regex(/^[0-9A-Fa-f]{2}(:?[0-9A-Fa-f]{2}){31}$/);

export const syncDomain = {
  syncStatus: method<SyncStatus>()({ input: noArgument, access: 'session' }),
  /** 立即同步: runs a round now (or joins the one running) and answers the status after it. */
  syncNow: method<SyncStatus>()({ input: noArgument, access: 'session' }),
  /** The lines the central system refused, newest first: the supervisor's to look into. */
  syncProblems: method<SyncProblem[]>()({ input: noArgument, access: ['supervisor', 'administrator'] }),
  /**
   * 已核对，重新发送: the supervisor, having looked at both sides, lets the push try that line again.
   * Main writes a signed audit line (who, when, which line, the note's hash), keeps the note, and
   * takes the problem off the list; the line itself is never changed. If the central system still
   * refuses it, the next push lists it again.
   */
  syncResolveProblem: method<SyncResolution>()({
    input: z
      .object({
        log: z.enum(['ledger', 'audit']),
        seq: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
        resolutionNote: z.string().trim().min(4).max(500),
      })
      .strict(),
    access: ['supervisor'],
  }),
  /** The problems let go so far, newest first. */
  syncResolutions: method<SyncResolution[]>()({ input: noArgument, access: ['supervisor', 'administrator'] }),
  /** Publications the last pulls refused or hold, newest first. */
  syncPublicationIssues: method<PulledPublicationIssue[]>()({ input: noArgument, access: ['supervisor', 'administrator'] }),
  /**
   * First step of enrollment: main reads the address (or QR text) and, over HTTPS, fetches the
   * server's certificate for the administrator to compare its fingerprint with the one the central
   * system's administrator gave. Nothing is sent to the server but the TLS handshake.
   */
  syncEnrollPreview: method<EnrollPreview>()({ input: z.object({ address, code: code.optional() }).strict(), access: ['administrator'] }),
  /**
   * Second step: enrolls with the fingerprint the administrator confirmed (null for http-loopback).
   * Also after the central system revoked this device: with a new code for this counter, the new
   * credentials replace the revoked ones; the archive, signing key and unsent lines stay and go up.
   */
  syncEnroll: method<EnrolledInfo>()({
    input: z.object({ address, code: code.optional(), fingerprint: fingerprint.nullable() }).strict(),
    access: ['administrator'],
  }),
} as const;
