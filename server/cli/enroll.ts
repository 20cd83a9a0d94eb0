import { parseArgs } from 'node:util';
import QRCode from 'qrcode';
import { enrollmentQrText } from '../../shared/sync/enroll';
import { createEnrollmentCode, DEFAULT_CODE_HOURS } from '../enrollment/enrollment-code';
import { activeEscrowKey } from '../enrollment/escrow-key';
import { certificatePin } from '../enrollment/tls-pin';
import { isLoopback } from '../start-central';
import { DATA_OPTION, withCommandDb } from './command-db';

const shanghaiTime = (iso: string): string =>
  new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'long', timeStyle: 'short', hourCycle: 'h23' }).format(new Date(iso));

const serverUrlOf = (text: string): string => {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`--server-url 不是有效的网址：${text}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('--server-url 应以 https:// 开头');
  if (url.protocol === 'http:' && !isLoopback(url.hostname.replace(/^\[|\]$/g, ''))) throw new Error('窗口只经 HTTPS 连接中心系统：--server-url 应以 https:// 开头（http 只用于本机测试）');
  return url.origin;
};

/**
 * `npm run server -- enroll --hall <id> --counter <ID> [--server-url URL] [--hours 24] [--tls-cert cert.pem]`:
 * a one-time enrollment code for that counter, printed with its QR code for the counter to scan.
 */
export const enrollCommand = async (args: string[]): Promise<void> => {
  const { values } = parseArgs({
    args,
    options: { ...DATA_OPTION, hall: { type: 'string' }, counter: { type: 'string' }, 'server-url': { type: 'string' }, hours: { type: 'string' }, 'tls-cert': { type: 'string' } },
    strict: true,
  });
  if (!values.hall || !values.counter) throw new Error('用法：npm run server -- enroll --hall <服务大厅编号> --counter <窗口编号> [--server-url https://…] [--hours 24] [--tls-cert 证书.pem]');
  const hours = values.hours === undefined ? DEFAULT_CODE_HOURS : Number(values.hours);
  const server = values['server-url'] === undefined ? undefined : serverUrlOf(values['server-url']);
  const pin = values['tls-cert'] === undefined ? undefined : await certificatePin(values['tls-cert']);
  const created = await withCommandDb(values.data, async ({ db }) => {
    if (!(await activeEscrowKey(db))) throw new Error('中心系统尚未生成托管密钥，窗口无法登记：先运行 npm run server -- escrow-key --out <私钥文件>');
    return createEnrollmentCode(db, { hallId: values.hall!, counterId: values.counter!, hours, now: new Date() });
  });
  const qr = enrollmentQrText({ server, code: created.code, pin });
  console.log(`登记码：${created.code}`);
  console.log(`  服务大厅 ${created.hallId} · 窗口 ${created.counterId} · 有效至 ${shanghaiTime(created.expiresAt)}（北京时间），只能使用一次`);
  if (server) console.log(`  中心系统地址：${server}`);
  if (pin) console.log(`  证书指纹（SHA-256）：${pin}`);
  if (!server) console.log('  未给 --server-url：二维码中没有中心系统地址，须在窗口上手工输入');
  console.log(await QRCode.toString(qr, { type: 'terminal', small: true }));
  console.log(qr);
};
