import { fromHex } from '../../electron/services/crypto/bytes';
import { loadSuite } from '../../electron/services/crypto/suite';
import { keyIdOf } from '../../electron/services/device-key';
import { GENESIS_HASH } from '../../shared/domain/sealed-record';
import type { EnrollRequest, EnrollResponse } from '../../shared/sync/enroll';
import type { Transaction } from 'kysely';
import type { CentralDatabase, DeviceTable } from '../db/schema';
import { isUniqueViolation } from '../db/unique-violation';
import { tokenHash } from '../http/device-auth';
import { HttpProblem } from '../http/problem';
import { newToken } from '../keys/server-signing-key';
import { orgPathOf } from '../org/org-path';
import type { ServerContext } from '../server-context';
import { enrollmentCodeHash } from './enrollment-code';
import { activeEscrowKey } from './escrow-key';

const alreadyEnrolled = (reason: string) => new HttpProblem(409, 'DEVICE_ALREADY_ENROLLED', reason);

/** The device's signing key must be a point of its suite's curve, named by its own key id. */
const checkSigningKey = async ({ suite: suiteName, keyId, publicKey }: EnrollRequest['device']['signingKey']): Promise<void> => {
  const suite = await loadSuite(suiteName);
  const bytes = fromHex(publicKey);
  try {
    suite.verifier(bytes);
  } catch {
    throw new HttpProblem(400, 'BAD_REQUEST', `设备签名公钥不是 ${suiteName} 算法曲线上的点`, 'device.signingKey.publicKey');
  }
  if (keyIdOf(suite, bytes) !== keyId) throw new HttpProblem(400, 'BAD_REQUEST', '设备签名公钥的 keyId 与公钥不符', 'device.signingKey.keyId');
};

/**
 * A revoked device enrolled again, with a code the central system's administrator made for its
 * counter after the revocation: the same device — same hall, counter and signing key — gets a new
 * token, and its receipted chain heads stay, so the lines it could not send meanwhile continue its
 * chain. A different key is another device and is refused: the lines it sealed are signed by the key
 * registered here. The trail is the revocation kept in device_revocations, the spent code (used_at, used_by_device: whose code, for which
 * counter, when) and the device's signed `device.reenroll` audit line, which it pushes next.
 */
const reinstate = async (trx: Transaction<CentralDatabase>, known: DeviceTable, row: DeviceTable, code: { hall_id: string; counter_id: string }): Promise<void> => {
  if (known.hall_id !== code.hall_id || known.counter_id !== code.counter_id) {
    throw alreadyEnrolled(`该设备曾登记在 ${known.hall_id} 的窗口 ${known.counter_id}，已被吊销；重新登记只能回到原窗口，这个登记码是为 ${code.hall_id} 的窗口 ${code.counter_id} 签发的`);
  }
  if (known.suite !== row.suite || known.key_id !== row.key_id || known.public_key !== row.public_key) {
    throw alreadyEnrolled('该设备编号曾登记并已被吊销；重新登记须使用原来的签名密钥，换了密钥的设备应以新的设备编号登记');
  }
  // The revocation stays on record (device_revocations) when the device row is cleared of it.
  await trx.insertInto('device_revocations').values({ device_id: known.device_id, revoked_at: known.revoked_at!, revoked_reason: known.revoked_reason, reinstated_at: row.enrolled_at }).execute();
  await trx
    .updateTable('devices')
    .set({ token_hash: row.token_hash, enrolled_at: row.enrolled_at, agency_name: row.agency_name, revoked_at: null, revoked_reason: null })
    .where('device_id', '=', known.device_id)
    .where('revoked_at', 'is not', null)
    .execute();
};

/**
 * `POST /v1/enroll`: the code is checked and spent and the device written in one transaction. The
 * code is spent by an update that only succeeds while it is unused, so of two enrollments with one
 * code exactly one wins, on either database and across server processes; a second live device for
 * the counter is kept out by the database's unique index (migration 0003).
 */
export const enrollDevice = async (request: EnrollRequest, context: ServerContext): Promise<EnrollResponse> => {
  const { db } = context.central;
  const now = context.now();
  const escrowKey = await activeEscrowKey(db);
  if (!escrowKey) throw new HttpProblem(503, 'ESCROW_KEY_MISSING', '中心系统尚未生成托管密钥，暂不能登记设备；请中心系统管理员先运行 npm run server -- escrow-key --out <私钥文件>');
  const codeHash = enrollmentCodeHash(request.code);
  const code = await db.selectFrom('enrollment_codes').selectAll().where('code_hash', '=', codeHash).executeTakeFirst();
  if (!code) throw new HttpProblem(403, 'ENROLLMENT_CODE_INVALID', '登记码无效：中心系统没有这个登记码，请核对后重新输入');
  if (code.used_at) throw new HttpProblem(409, 'ENROLLMENT_CODE_USED', `该登记码已于 ${code.used_at} 使用过，一个登记码只能用一次；请向中心系统管理员另取登记码`);
  if (code.expires_at <= now.toISOString()) throw new HttpProblem(410, 'ENROLLMENT_CODE_EXPIRED', `该登记码已于 ${code.expires_at} 过期；请向中心系统管理员另取登记码`);
  const { device } = request;
  if (code.counter_id !== device.counterId) {
    throw new HttpProblem(403, 'ENROLLMENT_CODE_INVALID', `该登记码是为窗口 ${code.counter_id} 签发的，本机的窗口编号是 ${device.counterId}`, 'device.counterId');
  }
  await checkSigningKey(device.signingKey);

  const token = newToken();
  const row: DeviceTable = {
    device_id: device.deviceId,
    counter_id: device.counterId,
    hall_id: code.hall_id,
    agency_name: device.agencyName,
    suite: device.signingKey.suite,
    key_id: device.signingKey.keyId,
    public_key: device.signingKey.publicKey,
    token_hash: tokenHash(token),
    enrolled_at: now.toISOString(),
    revoked_at: null,
    revoked_reason: null,
    ledger_seq: 0,
    ledger_hash: GENESIS_HASH,
    record_seq: 0,
    record_hash: GENESIS_HASH,
    audit_seq: 0,
    audit_hash: GENESIS_HASH,
    last_seen_at: null,
    last_clock_skew_s: null,
  };
  try {
    await db.transaction().execute(async (trx) => {
      const spent = await trx
        .updateTable('enrollment_codes')
        .set({ used_at: now.toISOString(), used_by_device: device.deviceId })
        .where('code_hash', '=', codeHash)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      if (spent.numUpdatedRows !== 1n) throw new HttpProblem(409, 'ENROLLMENT_CODE_USED', '该登记码刚被另一台设备使用，一个登记码只能用一次；请向中心系统管理员另取登记码');
      const live = await trx.selectFrom('devices').select('device_id').where('hall_id', '=', code.hall_id).where('counter_id', '=', device.counterId).where('revoked_at', 'is', null).executeTakeFirst();
      if (live) throw alreadyEnrolled(`窗口 ${device.counterId} 已有在用设备；更换设备须由中心系统管理员先吊销原设备`);
      const known = await trx.selectFrom('devices').selectAll().where('device_id', '=', device.deviceId).executeTakeFirst();
      if (known && !known.revoked_at) throw alreadyEnrolled('该设备编号已登记过');
      if (known) await reinstate(trx, known, row, code);
      else await trx.insertInto('devices').values(row).execute();
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyEnrolled(`窗口 ${device.counterId} 或该设备编号刚由另一请求登记`);
    throw error;
  }

  const orgPath = await orgPathOf(db, code.hall_id);
  return {
    deviceId: device.deviceId,
    counterId: device.counterId,
    token,
    orgPath: orgPath.map((unit) => ({ id: unit.id, name: unit.name, level: unit.level })),
    serverKey: context.signer.info,
    escrowKey,
    serverTime: now.toISOString(),
  };
};
