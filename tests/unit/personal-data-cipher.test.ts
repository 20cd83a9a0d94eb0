import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKeyFileSecretStore } from '../../electron/services/key-file-secret-store';
import { createPersonalDataCipher, isSealedText, PersonalDataUnreadable } from '../../electron/services/personal-data/personal-data-cipher';
import { suiteNames } from '../../electron/services/crypto/suite';
import { normalizeIdNumber } from '../../shared/domain/id-documents';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'pd-cipher-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const cipherIn = (dataDir: string, suite: 'gm' | 'intl') =>
  createPersonalDataCipher({ dataDir, secrets: createKeyFileSecretStore(path.join(dataDir, 'secret-store.key')), suite });

const person = { name: '张三', idNumber: '11010519491231002X', phone: '13800138000' };

describe.each(suiteNames)('the personal data cipher (%s)', (suite) => {
  it('opens what it sealed, in the pd1 text form, with nothing of the data in clear', async () => {
    const cipher = await cipherIn(dir, suite);
    const sealed = cipher.sealJson(person, 'draft:A001:d1');
    expect(sealed).toMatch(new RegExp(`^pd1\\.${suite}\\.[A-Za-z0-9_-]+$`));
    expect(isSealedText(sealed)).toBe(true);
    for (const value of Object.values(person)) expect(sealed).not.toContain(value);
    expect(cipher.openJson(sealed, 'draft:A001:d1')).toEqual(person);
    // A fresh nonce each time: the same data seals differently.
    expect(cipher.sealJson(person, 'draft:A001:d1')).not.toBe(sealed);
    // Another cipher on the same folder (after a restart) opens it too.
    expect((await cipherIn(dir, suite)).openJson(sealed, 'draft:A001:d1')).toEqual(person);
    const bytes = new Uint8Array([0, 1, 2, 255]);
    expect([...cipher.open(cipher.seal(bytes, 'x'), 'x')]).toEqual([...bytes]);
  });

  it('refuses another context: another draft, another clerk, another field', async () => {
    const cipher = await cipherIn(dir, suite);
    const sealed = cipher.sealJson(person, 'draft:A001:d1');
    for (const context of ['draft:A001:d2', 'draft:B002:d1', 'record:d1', '']) {
      expect(() => cipher.openJson(sealed, context)).toThrow(PersonalDataUnreadable);
    }
  });

  it('refuses every altered byte, a cut text, another suite and another device', async () => {
    const cipher = await cipherIn(dir, suite);
    const sealed = cipher.sealJson(person, 'c');
    const [prefix, body] = [sealed.slice(0, sealed.lastIndexOf('.') + 1), sealed.slice(sealed.lastIndexOf('.') + 1)];
    const raw = Buffer.from(body, 'base64url');
    for (let index = 0; index < raw.length; index += 1) {
      const flipped = Buffer.from(raw);
      flipped[index] = flipped[index]! ^ 0x01;
      expect(() => cipher.open(prefix + flipped.toString('base64url'), 'c'), `byte ${index}`).toThrow(PersonalDataUnreadable);
    }
    expect(() => cipher.open(prefix + raw.subarray(0, 20).toString('base64url'), 'c')).toThrow(PersonalDataUnreadable);
    expect(() => cipher.open(sealed.replace(`.${suite}.`, suite === 'gm' ? '.intl.' : '.gm.'), 'c')).toThrow(PersonalDataUnreadable);
    expect(() => cipher.open('not sealed', 'c')).toThrow(PersonalDataUnreadable);
    const elsewhere = await cipherIn(path.join(dir, 'other-device'), suite);
    expect(() => elsewhere.open(sealed, 'c')).toThrow(PersonalDataUnreadable);
  });

  it('says why in its error without repeating the text or the context', async () => {
    const cipher = await cipherIn(dir, suite);
    const sealed = cipher.sealJson(person, `draft:${person.idNumber}`);
    try {
      cipher.open(sealed, `draft:${person.name}`);
      expect.unreachable();
    } catch (error) {
      expect((error as PersonalDataUnreadable).reason).toBe('authentication');
      expect(String(error)).not.toContain(person.name);
      expect(String(error)).not.toContain(sealed.slice(10, 30));
    }
  });

  it('gives a blind index that is stable, hex, and keyed by the device', async () => {
    const cipher = await cipherIn(dir, suite);
    const id = normalizeIdNumber(' 11010519491231002x ');
    const index = cipher.blindIndex(id);
    expect(index).toMatch(/^[0-9a-f]{64}$/);
    expect(cipher.blindIndex(id)).toBe(index);
    expect((await cipherIn(dir, suite)).blindIndex(id)).toBe(index);
    expect(cipher.blindIndex('110105194912310021')).not.toBe(index);
    expect(index).not.toContain(id.toLowerCase());
    // Another device (another data key) gives another index for the same ID number.
    expect((await cipherIn(path.join(dir, 'other-device'), suite)).blindIndex(id)).not.toBe(index);
  });
});
