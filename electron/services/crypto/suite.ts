/**
 * A deployment's cryptographic suite, named in everything it signs so a verifier years later knows
 * which algorithms to use:
 * - `gm`: SM2 signatures (with SM3 and the default signer ID of GB/T 35276), SM3 hashes, SM4-GCM —
 *   what 商用密码应用安全性评估 (GB/T 39786-2021) expects of government systems;
 * - `intl`: ECDSA P-256 with SHA-256, SHA-256 hashes, AES-256-GCM.
 *
 * Keys and signatures travel as bytes in one form for both: a private key is its 32-byte scalar, a
 * public key the uncompressed point (65 bytes, 0x04 ‖ x ‖ y), a signature r ‖ s (64 bytes).
 */
export const suiteNames = ['gm', 'intl'] as const;
export type SuiteName = (typeof suiteNames)[number];

export const isSuiteName = (value: unknown): value is SuiteName => suiteNames.includes(value as SuiteName);

export interface KeyPair {
  privateKey: Uint8Array;
  publicKey: Uint8Array;
}

/** Verifies many signatures of one key: the key is parsed (and, for SM2, precomputed) once. */
export type Verifier = (message: Uint8Array, signature: Uint8Array) => boolean;

export interface CryptoSuite {
  readonly name: SuiteName;
  readonly algorithms: { readonly signature: string; readonly hash: string; readonly cipher: string };
  /** The suite's hash (SM3 or SHA-256), 32 bytes. */
  hash(data: Uint8Array): Uint8Array;
  generateKeyPair(): KeyPair;
  /** Signs the message itself (the signature algorithm hashes it). */
  sign(privateKey: Uint8Array, publicKey: Uint8Array, message: Uint8Array): Uint8Array;
  /** Throws on a public key that is not a point of the suite's curve. */
  verifier(publicKey: Uint8Array): Verifier;
  /** Bytes of the symmetric key `encrypt` takes: 16 for SM4, 32 for AES-256. */
  readonly keyBytes: number;
  /** Authenticated encryption: nonce (12) ‖ ciphertext ‖ tag (16). */
  encrypt(key: Uint8Array, plain: Uint8Array, associatedData?: Uint8Array): Uint8Array;
  /** Throws when the sealed bytes, the key or the associated data are not those of `encrypt`. */
  decrypt(key: Uint8Array, sealed: Uint8Array, associatedData?: Uint8Array): Uint8Array;
}

const loaded = new Map<SuiteName, Promise<CryptoSuite>>();

/** The suite by name; `gm` loads its WebAssembly SM3 first, hence async. One instance per process. */
export const loadSuite = (name: SuiteName): Promise<CryptoSuite> => {
  let suite = loaded.get(name);
  if (!suite) {
    suite = name === 'gm' ? import('./gm-suite').then((m) => m.createGmSuite()) : import('./intl-suite').then((m) => m.createIntlSuite());
    loaded.set(name, suite);
  }
  return suite;
};
