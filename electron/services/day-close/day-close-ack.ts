import { dayCloseAckText, dayContentText, dayStatementText, type DayCloseResponse, type SignedDayStatement } from '../../../shared/sync/day-close';
import type { PublicKeyInfo } from '../../../shared/sync/enroll';
import { fromHex, utf8Bytes } from '../crypto/bytes';
import { loadSuite } from '../crypto/suite';
import { sha256Hex } from '../file-hash';

/**
 * Whether the central system's answer closes the day: a reconciled answer must carry an
 * acknowledgement signed with the key pinned at enrollment, for this device, this day and this very
 * statement — or, when the content was closed before, the same content. Anything less is not a close,
 * whatever `reconciled` says: the day stays open and the supervisor is told.
 */
export const acknowledgementHolds = async (response: DayCloseResponse, signed: SignedDayStatement, serverKey: PublicKeyInfo): Promise<boolean> => {
  const signedAck = response.acknowledgement;
  if (!response.reconciled || !signedAck || response.differences.length > 0) return false;
  const { statement } = signed;
  const ack = signedAck.statement;
  if (ack.deviceId !== statement.deviceId || ack.counterId !== statement.counterId || ack.date !== statement.date || response.date !== statement.date) return false;
  if (ack.contentHash !== sha256Hex(dayContentText(statement))) return false;
  if (!response.alreadyClosed && ack.statementHash !== sha256Hex(dayStatementText(statement))) return false;
  if (signedAck.suite !== serverKey.suite || signedAck.keyId !== serverKey.keyId) return false;
  try {
    const suite = await loadSuite(serverKey.suite);
    return suite.verifier(fromHex(serverKey.publicKey))(utf8Bytes(dayCloseAckText(ack)), fromHex(signedAck.signature));
  } catch {
    return false;
  }
};
