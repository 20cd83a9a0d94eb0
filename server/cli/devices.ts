import { parseArgs } from 'node:util';
import { listDevices } from '../devices/list-devices';
import { DATA_OPTION, withCommandDb } from './command-db';

/** `npm run server -- devices`: every enrolled device, with what needs a supervisor's look. */
export const devicesCommand = async (args: string[]): Promise<void> => {
  const { values } = parseArgs({ args, options: DATA_OPTION, strict: true });
  const devices = await withCommandDb(values.data, ({ db }) => listDevices(db));
  if (devices.length === 0) {
    console.log('尚无登记的设备');
    return;
  }
  console.log(['服务大厅', '窗口', '设备编号', '算法', '登记时间', '最近上传', '时钟偏差(秒)', '台账', '审计', '暂存', '冲突', '状态'].join('\t'));
  for (const d of devices) {
    const skew = d.lastClockSkewSeconds === null ? '-' : d.lastClockSkewSeconds.toFixed(0);
    const state = d.revokedAt ? `已吊销 ${d.revokedAt}` : d.conflicts > 0 ? '有冲突，请核查' : '在用';
    console.log([d.hallId, d.counterId, d.deviceId, d.suite, d.enrolledAt, d.lastSeenAt ?? '-', skew, d.ledgerSeq, d.auditSeq, d.pending, d.conflicts, state].join('\t'));
  }
};
