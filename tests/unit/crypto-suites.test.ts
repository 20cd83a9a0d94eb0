import { createHash } from 'node:crypto';
import { sm4 } from 'sm-crypto-v2';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex, utf8Bytes } from '../../electron/services/crypto/bytes';
import { loadSuite, suiteNames } from '../../electron/services/crypto/suite';

/**
 * Known answers from the standards, then each suite's own round trips. The vectors come from the
 * published texts (quoted by many implementations):
 * - SM3 "abc" and the 64-byte "abcd…" message: GB/T 32905-2016 Appendix A;
 * - SM4 block: GB/T 32907-2016 Appendix A, example 1 (key = plaintext = 0123…3210);
 * - SM2 signature on the recommended curve: GM/T 0003.5-2012 (GB/T 32918.5) Appendix A, "message
 *   digest", ID 1234567812345678 — a signature made by another implementation, verified here;
 * - ECDSA P-256 / SHA-256, message "sample": RFC 6979 Appendix A.2.5.
 */
const hex = (text: string) => fromHex(text.replace(/\s+/g, '').toLowerCase());

const SM2_VECTOR = {
  publicKey: hex(`04
    09F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020
    CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13`),
  message: utf8Bytes('message digest'),
  signature: hex(`F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3
    B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA`),
};

const P256_VECTOR = {
  publicKey: hex(`04
    60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6
    7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299`),
  message: utf8Bytes('sample'),
  signature: hex(`EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716
    F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8`),
};

const flipped = (bytes: Uint8Array, index: number) => {
  const copy = Uint8Array.from(bytes);
  copy[index]! ^= 0x01;
  return copy;
};

describe('the gm suite against the published vectors', () => {
  it('hashes with SM3 as GB/T 32905 says', async () => {
    const gm = await loadSuite('gm');
    expect(toHex(gm.hash(utf8Bytes('abc')))).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(toHex(gm.hash(utf8Bytes('abcd'.repeat(16))))).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });

  it('encrypts one SM4 block as GB/T 32907 says (the library gm-suite builds SM4-GCM on)', () => {
    const key = hex('0123456789ABCDEFFEDCBA9876543210');
    const out = sm4.encrypt(key, key, { mode: 'ecb', padding: 'none', output: 'array' });
    expect(toHex(out)).toBe('681edf34d206965e86b3e94f536e4246');
  });

  it('verifies the SM2 signature of GM/T 0003.5, and refuses it changed in any byte or for another message', async () => {
    const verify = (await loadSuite('gm')).verifier(SM2_VECTOR.publicKey);
    expect(verify(SM2_VECTOR.message, SM2_VECTOR.signature)).toBe(true);
    expect(verify(utf8Bytes('message digesT'), SM2_VECTOR.signature)).toBe(false);
    for (let index = 0; index < SM2_VECTOR.signature.length; index += 1) {
      expect(verify(SM2_VECTOR.message, flipped(SM2_VECTOR.signature, index))).toBe(false);
    }
  });
});

describe('the intl suite against the published vectors', () => {
  it('hashes with SHA-256', async () => {
    const intl = await loadSuite('intl');
    expect(toHex(intl.hash(utf8Bytes('abc')))).toBe(createHash('sha256').update('abc').digest('hex'));
    expect(toHex(intl.hash(utf8Bytes('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('verifies the P-256 signature of RFC 6979 A.2.5, and refuses it changed in any byte', async () => {
    const verify = (await loadSuite('intl')).verifier(P256_VECTOR.publicKey);
    expect(verify(P256_VECTOR.message, P256_VECTOR.signature)).toBe(true);
    expect(verify(utf8Bytes('samplE'), P256_VECTOR.signature)).toBe(false);
    for (let index = 0; index < P256_VECTOR.signature.length; index += 1) {
      expect(verify(P256_VECTOR.message, flipped(P256_VECTOR.signature, index))).toBe(false);
    }
  });
});

describe.each(suiteNames)('the %s suite round trips', (name) => {
  it('signs and verifies with a fresh key pair; another key or message fails', async () => {
    const suite = await loadSuite(name);
    const pair = suite.generateKeyPair();
    expect(pair.privateKey.length).toBe(32);
    expect(pair.publicKey.length).toBe(65);
    const message = utf8Bytes(`记录 ${name}`);
    const signature = suite.sign(pair.privateKey, pair.publicKey, message);
    expect(signature.length).toBe(64);
    expect(suite.verifier(pair.publicKey)(message, signature)).toBe(true);
    expect(suite.verifier(pair.publicKey)(utf8Bytes(`记录 ${name}!`), signature)).toBe(false);
    expect(suite.verifier(suite.generateKeyPair().publicKey)(message, signature)).toBe(false);
  });

  it('refuses a public key that is not a point of its curve', async () => {
    const suite = await loadSuite(name);
    const bad = Uint8Array.from(suite.generateKeyPair().publicKey);
    bad[64]! ^= 0x01;
    expect(() => suite.verifier(bad)).toThrow();
  });

  it('encrypts with authentication: the plain text back, and a refusal for a changed byte, key or associated data', async () => {
    const suite = await loadSuite(name);
    const key = new Uint8Array(suite.keyBytes).fill(7);
    const plain = utf8Bytes('张晓明 110101199003071234');
    const aad = utf8Bytes('record-1');
    const sealed = suite.encrypt(key, plain, aad);
    expect(Buffer.from(sealed).includes(Buffer.from(plain))).toBe(false);
    expect(Buffer.from(suite.decrypt(key, sealed, aad)).toString('utf8')).toBe('张晓明 110101199003071234');
    for (const index of [0, 12, sealed.length - 1]) expect(() => suite.decrypt(key, flipped(sealed, index), aad)).toThrow();
    expect(() => suite.decrypt(new Uint8Array(suite.keyBytes).fill(8), sealed, aad)).toThrow();
    expect(() => suite.decrypt(key, sealed, utf8Bytes('record-2'))).toThrow();
  });
});
