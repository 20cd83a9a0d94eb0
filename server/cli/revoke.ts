import { parseArgs } from 'node:util';
import { revokeDevice } from '../devices/revoke-device';
import { DATA_OPTION, withCommandDb } from './command-db';

/** `npm run server -- revoke --device <id> --reason <text>`: the device is refused from then on. */
export const revokeCommand = async (args: string[]): Promise<void> => {
  const { values } = parseArgs({ args, options: { ...DATA_OPTION, device: { type: 'string' }, reason: { type: 'string' } }, strict: true });
  if (!values.device || !values.reason) throw new Error('用法：npm run server -- revoke --device <设备编号> --reason <原因>');
  await withCommandDb(values.data, ({ db }) => revokeDevice(db, { deviceId: values.device!, reason: values.reason!, now: new Date() }));
  console.log(`设备 ${values.device} 已吊销：此后其一切请求均被拒绝；该窗口可登记新设备`);
};
