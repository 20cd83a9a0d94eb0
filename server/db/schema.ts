import type { Generated } from 'kysely';

/**
 * The central system's tables. Records, ledger lines and audit lines are kept as the text (and
 * bytes) the counter sent: their hashes and signatures are over those exact bytes, and PostgreSQL's
 * jsonb would reorder keys. Times are ISO 8601 text in UTC, so both databases sort and compare them
 * the same way.
 */
export interface OrgUnitTable {
  id: string;
  parent_id: string | null;
  level: 'province' | 'city' | 'hall';
  name: string;
}

export interface DeviceTable {
  device_id: string;
  counter_id: string;
  hall_id: string;
  agency_name: string;
  suite: 'gm' | 'intl';
  key_id: string;
  public_key: string;
  /** SHA-256 of the bearer token; the token itself is only on the device. */
  token_hash: string;
  enrolled_at: string;
  revoked_at: string | null;
  revoked_reason: string | null;
  /** The receipted head of the device's ledger, record chain and audit log (0 / genesis at first). */
  ledger_seq: number;
  ledger_hash: string;
  record_seq: number;
  record_hash: string;
  audit_seq: number;
  audit_hash: string;
  last_seen_at: string | null;
  last_clock_skew_s: number | null;
}

export interface EnrollmentCodeTable {
  code_hash: string;
  hall_id: string;
  counter_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  used_by_device: string | null;
}

export interface ServerKeyTable {
  key_id: string;
  purpose: 'signing' | 'escrow';
  suite: string;
  public_key: string;
  /** Null for the escrow key: its private half never reaches the server. */
  private_key: string | null;
  created_at: string;
  active: number;
}

export interface SequenceTable {
  name: string;
  value: number;
}

export interface LedgerEntryTable {
  device_id: string;
  seq: number;
  kind: 'record' | 'letter' | 'reprint';
  case_number: string;
  line: string;
  line_hash: string;
  sha256: string;
  record_hash: string;
  file: Buffer;
  bytes: number;
  server_seq: number;
  received_at: string;
}

export interface PendingEntryTable {
  device_id: string;
  seq: number;
  line: string;
  file: Buffer;
  received_at: string;
}

export interface ConflictTable {
  id: Generated<number>;
  device_id: string;
  seq: number;
  kind: 'ledger' | 'audit';
  held_hash: string | null;
  offered_line: string;
  offered_sha256: string | null;
  reason: string;
  at: string;
}

export interface AuditEntryTable {
  device_id: string;
  seq: number;
  line: string;
  hash: string;
  received_at: string;
}

export interface PublicationTable {
  seq: number;
  kind: 'catalog' | 'roster' | 'blacklist' | 'outcome';
  scope: string;
  published_at: string;
  body: string;
  key_id: string;
  signature: string;
}

export interface EscrowDepositTable {
  device_id: string;
  escrow_key_id: string;
  wrapped_key: string;
  deposited_at: string;
}

/** A revocation a device came back from by enrolling again (migration 0005); only added to. */
export interface DeviceRevocationTable {
  device_id: string;
  revoked_at: string;
  revoked_reason: string | null;
  reinstated_at: string;
}

export interface ClockObservationTable {
  id: Generated<number>;
  device_id: string;
  observed_at: string;
  device_time: string;
  skew_s: number;
}

/** A closed day (日结, server/day-close/): the signed statement and the answer, as sent. */
export interface DayCloseTable {
  device_id: string;
  /** YYYY-MM-DD, Asia/Shanghai. */
  day: string;
  revision: number;
  content_hash: string;
  statement_hash: string;
  statement: string;
  response: string;
  closed_at: string;
}

export interface CentralDatabase {
  org_units: OrgUnitTable;
  devices: DeviceTable;
  enrollment_codes: EnrollmentCodeTable;
  server_keys: ServerKeyTable;
  sequences: SequenceTable;
  ledger_entries: LedgerEntryTable;
  pending_entries: PendingEntryTable;
  conflicts: ConflictTable;
  audit_entries: AuditEntryTable;
  publications: PublicationTable;
  escrow_deposits: EscrowDepositTable;
  clock_observations: ClockObservationTable;
  device_revocations: DeviceRevocationTable;
  day_closes: DayCloseTable;
}
