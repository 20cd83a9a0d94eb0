import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AUDIT_LOG_FILE, auditEntryStatement, parseAuditLog, type AuditEntry } from '../../electron/services/audit-log';
import { loadSuite } from '../../electron/services/crypto/suite';
import { toHex } from '../../electron/services/crypto/bytes';
import { readPublishedKeys } from '../../electron/services/evidence/archive-keys';
import { checkAuditLog } from '../../electron/services/evidence/check-audit-log';
import { createHostHandlers } from '../../electron/services/host-handlers';
import { chainHash } from '../../electron/services/signed-log';
import type { SuiteName } from '../../electron/services/crypto/suite';
import { canonicalJson } from '../../shared/crypto/canonical-json';
import { dispatchHostCall } from '../../shared/contract/dispatch';
import type { HostHandlers } from '../../shared/contract/host-contract';
import type { Result } from '../../shared/contract/result';
import { verifyFolder } from '../../scripts/verify';

const FAST_SCRYPT = { N: 1024, r: 8, p: 1, keylen: 32 };
const roots: string[] = [];
afterEach(async () => {
  await Promise.all(roots.splice(0).map((root) => rm(root, { recursive: true, force: true })));
});

/** The real host handlers on a fresh data and archive folder, with a clock the test moves. */
const start = async (cryptoSuite: SuiteName = 'gm') => {
  const root = await mkdtemp(path.join(tmpdir(), 'audit-test-'));
  roots.push(root);
  const archiveDir = path.join(root, 'archive');
  const clock = { now: Date.parse('2026-12-01T01:00:00Z') };
  const handlers: HostHandlers = createHostHandlers({
    dataDir: path.join(root, 'data'),
    archiveDir,
    appVersion: '9.9.9',
    applicantScreen: { open: async () => 'handover', close: async () => false },
    print: {
      print: async (request) => ({ status: 'queued', jobId: 'PDF-1', printer: request.printer ?? 'PDF' }),
      jobStatus: async () => ({ status: 'done' }),
      listPrinters: async () => ({ ok: true, value: [{ name: 'PDF', description: 'PDF', isDefault: true, accepting: true, state: 'idle', message: null }] }),
    },
    scryptParams: FAST_SCRYPT,
    cryptoSuite,
    now: () => new Date(clock.now),
  });
  const call = (method: string, arg: unknown = {}) => dispatchHostCall(handlers, method, arg) as Promise<Result<unknown>>;
  const must = async (method: string, arg: unknown = {}) => {
    const result = await call(method, arg);
    if (!result.ok) throw new Error(`${method}: ${result.error.code}`);
    return result.value;
  };
  const file = path.join(archiveDir, AUDIT_LOG_FILE);
  const entries = async (): Promise<AuditEntry[]> => parseAuditLog(await readFile(file, 'utf8')).entries;
  await must('configureDevice', { counterId: 'C01', agencyName: '某市人力资源和社会保障局' });
  await must('createAdministrator', { clerkId: 'A001', name: '管理员甲', pin: '246810' });
  return { call, must, clock, archiveDir, file, entries };
};

const trusted = async (archiveDir: string) => (await readPublishedKeys(archiveDir)).keys.map((key) => ({ ...key }));

describe('the audit log in main', () => {
  it('writes main’s own events and the renderer’s steps, in order, with the actor from the session, chained and signed', async () => {
    const app = await start();
    expect((await app.call('signIn', { clerkId: 'A001', pin: '000000' })).ok).toBe(false);
    await app.must('signIn', { clerkId: 'A001', pin: '246810' });
    await app.must('createAccount', { clerkId: 'C007', name: '窗口乙', pin: '135790', role: 'clerk' });
    await app.must('choosePrinter', { printer: 'PDF' });
    await app.must('recordAudit', { action: 'case.start', subject: '3f1c2b9e-0000-4000-8000-000000000001' });
    await app.must('signOut');
    await app.must('signIn', { clerkId: 'C007', pin: '135790' });
    await app.must('recordAudit', { action: 'letter.print_done', subject: 'C01-20261201-0001' });
    // Past the idle limit (5 minutes by default): main locks, and says so in the log.
    app.clock.now += 6 * 60_000;
    await app.call('getSession');
    await app.must('unlockSession', { pin: '135790' });

    const entries = await app.entries();
    expect(entries.map((entry) => [entry.action, entry.actor?.accountId ?? null, entry.actor?.role ?? null, entry.subject])).toEqual([
      ['account.create', null, null, 'A001'],
      ['clerk.sign_in_failed', null, null, 'A001'],
      ['clerk.sign_in', 'A001', 'administrator', 'A001'],
      ['account.create', 'A001', 'administrator', 'C007'],
      ['printer.choose', 'A001', 'administrator', 'print-settings'],
      ['case.start', 'A001', 'administrator', '3f1c2b9e-0000-4000-8000-000000000001'],
      ['clerk.sign_out', 'A001', 'administrator', 'A001'],
      ['clerk.sign_in', 'C007', 'clerk', 'C007'],
      ['letter.print_done', 'C007', 'clerk', 'C01-20261201-0001'],
      ['clerk.idle_lock', 'C007', 'clerk', 'C007'],
      ['clerk.unlock', 'C007', 'clerk', 'C007'],
    ]);
    expect(entries[1]!.detail).toBe('pin_wrong');
    expect(entries.map((entry) => entry.seq)).toEqual(entries.map((_entry, index) => index + 1));
    expect(entries.every((entry) => entry.suite === 'gm')).toBe(true);
    // Each line links to the one before, and the device key published in the archive signed it.
    const [key] = await trusted(app.archiveDir);
    const verify = (await loadSuite('gm')).verifier(Buffer.from(key!.publicKey, 'hex'));
    entries.forEach((entry, index) => {
      expect(entry.prev).toBe(index === 0 ? '0'.repeat(64) : entries[index - 1]!.hash);
      expect(verify(auditEntryStatement(entry), Buffer.from(entry.sig, 'hex'))).toBe(true);
    });
    expect(await checkAuditLog(app.archiveDir, await trusted(app.archiveDir))).toEqual({ present: true, entries: 11, findings: [] });
  });

  it('logs a lockout when the fifth wrong PIN locks the 工号', async () => {
    const app = await start('intl');
    for (let attempt = 0; attempt < 5; attempt += 1) await app.call('signIn', { clerkId: 'A001', pin: '000000' });
    const actions = (await app.entries()).map((entry) => `${entry.action}:${entry.detail ?? ''}`);
    expect(actions.slice(-2)).toEqual(['clerk.lockout:', 'clerk.sign_in_failed:account_locked']);
  });

  it('refuses an actor, a time, main’s own actions and free text from the renderer (schema), and writes nothing', async () => {
    const app = await start('intl');
    await app.must('signIn', { clerkId: 'A001', pin: '246810' });
    const before = await readFile(app.file);
    const refused = [
      { action: 'case.start', subject: 'D1', actor: { accountId: 'C007', role: 'clerk' } },
      { action: 'case.start', subject: 'D1', clerkId: 'C007' },
      { action: 'case.start', subject: 'D1', at: '2026-01-01T00:00:00Z' },
      { action: 'clerk.sign_in', subject: 'A001' },
      { action: 'letter.print', subject: 'C01-20261201-0001' },
      { action: 'case.start', subject: '张三' },
      { action: 'case.start', subject: '110101199003077777 x' },
      { action: 'letter.reprint_reason', subject: 'C01-20261201-0001', detail: '申请人张三遗失' },
    ];
    for (const arg of refused) {
      const result = await app.call('recordAudit', arg);
      expect(result.ok ? 'accepted' : result.error.code, JSON.stringify(arg)).toBe('INVALID_ARGUMENT');
    }
    expect(await readFile(app.file)).toEqual(before);
    await app.must('signOut');
    const noSession = await app.call('recordAudit', { action: 'case.start', subject: 'D1' });
    expect(noSession.ok ? 'accepted' : noSession.error.code).toBe('NO_SESSION');
  });
});

/** A sample audit log: the intl suite keeps the byte-by-byte loop quick (the checks are the suite's either way). */
const sample = async () => {
  const app = await start('intl');
  await app.must('signIn', { clerkId: 'A001', pin: '246810' });
  await app.must('recordAudit', { action: 'case.start', subject: 'D-1' });
  await app.must('recordAudit', { action: 'letter.print_done', subject: 'C01-20261201-0001' });
  await app.must('signOut');
  return { ...app, bytes: await readFile(app.file), keys: await trusted(app.archiveDir) };
};

describe('verify and the audit log', () => {
  it('finds every single-byte change of a sample audit log', { timeout: 120_000 }, async () => {
    const { bytes, file, archiveDir, keys } = await sample();
    expect((await checkAuditLog(archiveDir, keys)).findings).toEqual([]);
    const missed: number[] = [];
    for (let index = 0; index < bytes.length; index += 1) {
      const changed = Buffer.from(bytes);
      changed[index] = changed[index]! ^ 0x01;
      await writeFile(file, changed);
      if ((await checkAuditLog(archiveDir, keys)).findings.length === 0) missed.push(index);
    }
    expect(missed).toEqual([]);
  });

  it('names an edited, a removed and an inserted entry by line, and npm run verify fails on each', async () => {
    const { bytes, file, archiveDir, keys } = await sample();
    const lines = bytes.toString('utf8').split('\n').slice(0, -1);
    const rewrite = (next: string[]) => writeFile(file, `${next.join('\n')}\n`);
    const check = async () => (await checkAuditLog(archiveDir, keys)).findings.map(({ line, problem }) => `${line}:${problem}`);

    await rewrite(lines.map((line, index) => (index === 2 ? line.replace('"D-1"', '"D-2"') : line)));
    expect(await check()).toEqual(['3:bad-hash']);
    const edited = await verifyFolder(archiveDir, [], 1);
    expect(edited.sound).toBe(false);
    expect(edited.text).toContain('审计日志第 3 行（第 3 条）：哈希与内容不符');

    await rewrite(lines.filter((_line, index) => index !== 2));
    expect(await check()).toEqual(['3:broken-chain']);

    await rewrite([...lines.slice(0, 2), lines[1]!, ...lines.slice(2)]);
    expect(await check()).toEqual(['3:broken-chain']);

    await writeFile(file, bytes);
    const sound = await verifyFolder(archiveDir, [], 1);
    expect(sound.text).toContain(`审计日志：${lines.length} 条，哈希链与签名完好。`);
    expect(sound.sound).toBe(true);
  });

  it('catches a forgery re-hashed and re-chained without the device key', async () => {
    const { bytes, file, archiveDir, keys } = await sample();
    const entries = parseAuditLog(bytes.toString('utf8')).entries;
    // The forger changes who sealed the case, then recomputes every hash and link after it.
    const suite = await loadSuite('intl');
    // Signed with a key of the forger's own, under the device's key id: the forger has not the device's.
    const own = suite.generateKeyPair();
    const forged: AuditEntry[] = [];
    for (const entry of entries) {
      const changed = entry.action === 'letter.print_done' ? { ...entry, subject: 'C01-20261201-0009' } : { ...entry };
      const { hash: _hash, sig: _sig, ...body } = { ...changed, prev: forged.at(-1)?.hash ?? '0'.repeat(64) };
      const unsigned = { ...body, hash: chainHash(body), sig: '' };
      forged.push({ ...unsigned, sig: toHex(suite.sign(own.privateKey, own.publicKey, auditEntryStatement(unsigned))) });
    }
    await writeFile(file, forged.map((entry) => `${canonicalJson(entry)}\n`).join(''));
    const findings = (await checkAuditLog(archiveDir, keys)).findings;
    expect(findings.map(({ problem }) => problem)).not.toContain('bad-hash');
    expect(findings.map(({ problem }) => problem)).not.toContain('broken-chain');
    const sealLine = entries.findIndex((entry) => entry.action === 'letter.print_done') + 1;
    expect(findings.map(({ line }) => line)).toContain(sealLine);
    expect(findings.every(({ problem }) => problem === 'signature_invalid')).toBe(true);
    expect((await verifyFolder(archiveDir, [], 1)).sound).toBe(false);
  });
});
