import type { z } from 'zod';
import { chainHash, type ChainedEntry } from '../../electron/services/signed-log';
import { canonicalJson } from '../../shared/crypto/canonical-json';
import type { DeviceTable } from '../db/schema';
import { recordInvalid, zodPath } from './refusal';

/**
 * One line of a device's signed log (ledger or audit) as it was sent: it must parse, be its own
 * canonical JSON (the bytes its hash and signature are over), hash to its `hash`, and — when signed —
 * name the device's enrolled key. A line of the log in a batch follows on from the one before it.
 */
export const checkChainedLine = <E extends ChainedEntry & { suite?: string | undefined; keyId?: string | undefined }>(
  text: string,
  schema: z.ZodType<E>,
  path: string,
  device: Pick<DeviceTable, 'suite' | 'key_id'>,
  before: E | undefined,
): E => {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw recordInvalid(path, '不是有效的 JSON');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw recordInvalid(zodPath(path, parsed.error.issues[0]), `不符合格式（${parsed.error.issues[0]?.message ?? ''}）`);
  const entry = parsed.data;
  if (canonicalJson(entry) !== text) throw recordInvalid(path, '不是规范 JSON（键序、空白或转义与设备所写不同）');
  const { hash, sig: _sig, ...body } = entry;
  if (chainHash(body) !== hash) throw recordInvalid(`${path}.hash`, 'hash 与该行内容不符');
  if (entry.keyId !== undefined && (entry.keyId !== device.key_id || entry.suite !== device.suite)) {
    throw recordInvalid(`${path}.keyId`, '该行的签名密钥不是本设备登记的密钥');
  }
  if (before && (entry.seq !== before.seq + 1 || entry.prev !== before.hash)) {
    throw recordInvalid(`${path}.prev`, `没有接续本批上一行（第 ${before.seq} 行）：一批中的行须连续`);
  }
  return entry;
};
