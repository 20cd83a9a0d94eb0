import { fromHex, utf8Bytes } from '../../electron/services/crypto/bytes';
import { loadSuite } from '../../electron/services/crypto/suite';
import { dayStatementText, type SignedDayStatement } from '../../shared/sync/day-close';
import type { DeviceTable } from '../db/schema';
import { HttpProblem } from '../http/problem';

/**
 * A day statement counts only under the device's enrolled key: the bearer token says which device
 * calls, the signature that the device itself stated this day (the token alone could be replayed by
 * whoever holds a copy, the device key never leaves main).
 */
export const checkStatementSignature = async (device: Pick<DeviceTable, 'suite' | 'key_id' | 'public_key' | 'device_id' | 'counter_id'>, signed: SignedDayStatement): Promise<void> => {
  const { statement } = signed;
  if (statement.deviceId !== device.device_id || statement.counterId !== device.counter_id) {
    throw new HttpProblem(422, 'RECORD_INVALID', `日结清单写的设备 ${statement.deviceId}、窗口 ${statement.counterId} 不是发来清单的设备`, 'statement.deviceId');
  }
  if (signed.suite !== device.suite || signed.keyId !== device.key_id) {
    throw new HttpProblem(422, 'SIGNATURE_INVALID', '日结清单不是用本设备登记的密钥签署的', 'keyId');
  }
  const suite = await loadSuite(device.suite);
  const holds = suite.verifier(fromHex(device.public_key))(utf8Bytes(dayStatementText(statement)), fromHex(signed.signature));
  if (!holds) throw new HttpProblem(422, 'SIGNATURE_INVALID', '日结清单的设备签名验证不通过', 'signature');
};
