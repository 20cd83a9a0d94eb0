import { ESCROW_WRAPPED_BYTES, type EscrowDeposit, type EscrowDepositResponse } from '../../shared/sync/enroll';
import type { DeviceTable } from '../db/schema';
import { isUniqueViolation } from '../db/unique-violation';
import { isKnownEscrowKey } from '../enrollment/escrow-key';
import { HttpProblem } from '../http/problem';
import type { ServerContext } from '../server-context';

const conflict = () => new HttpProblem(409, 'ESCROW_CONFLICT', '该设备已托管过另一份数据密钥，托管不会被替换；如需重新托管请联系中心系统管理员');

/**
 * `PUT /v1/device/escrow`: the device's wrapped data key, kept once. The same deposit again (a retry
 * whose answer was lost) is answered as the first time; another one is refused.
 */
export const depositEscrow = async (device: DeviceTable, deposit: EscrowDeposit, context: ServerContext): Promise<EscrowDepositResponse> => {
  const { db } = context.central;
  if (!(await isKnownEscrowKey(db, deposit.escrowKeyId))) throw new HttpProblem(400, 'BAD_REQUEST', '中心系统没有这个托管密钥', 'escrowKeyId');
  if (Buffer.from(deposit.wrappedKey, 'base64').length !== ESCROW_WRAPPED_BYTES) {
    throw new HttpProblem(400, 'BAD_REQUEST', `封装后的数据密钥应为 ${ESCROW_WRAPPED_BYTES} 字节（RSA-3072 OAEP）`, 'wrappedKey');
  }
  const held = async () => db.selectFrom('escrow_deposits').selectAll().where('device_id', '=', device.device_id).executeTakeFirst();
  const answer = async (): Promise<EscrowDepositResponse> => {
    const row = await held();
    if (!row || row.escrow_key_id !== deposit.escrowKeyId || row.wrapped_key !== deposit.wrappedKey) throw conflict();
    return { escrowKeyId: row.escrow_key_id, depositedAt: row.deposited_at };
  };
  if (await held()) return answer();
  try {
    await db
      .insertInto('escrow_deposits')
      .values({ device_id: device.device_id, escrow_key_id: deposit.escrowKeyId, wrapped_key: deposit.wrappedKey, deposited_at: context.now().toISOString() })
      .execute();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  return answer();
};
