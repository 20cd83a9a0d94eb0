import { fail, ok, type Result } from '../../../shared/contract/result';
import type { PublicKeyInfo } from '../../../shared/sync/enroll';
import { publicationStatementText, type Publication } from '../../../shared/sync/pull';
import { fromHex, utf8Bytes } from '../crypto/bytes';
import { loadSuite, type Verifier } from '../crypto/suite';
import { keyIdOf } from '../device-key';

/** One verifier per pinned key, parsed once (SM2 precomputes per key). */
const verifiers = new Map<string, Promise<Verifier | null>>();

const verifierOf = (key: PublicKeyInfo): Promise<Verifier | null> => {
  const id = `${key.suite}:${key.publicKey}`;
  let verifier = verifiers.get(id);
  if (!verifier) {
    verifier = loadSuite(key.suite).then((suite) => {
      const publicKey = fromHex(key.publicKey);
      // A pinned key whose id is not its own is no key to trust: nothing verifies against it.
      if (keyIdOf(suite, publicKey) !== key.keyId) return null;
      try {
        return suite.verifier(publicKey);
      } catch {
        return null;
      }
    });
    verifiers.set(id, verifier);
  }
  return verifier;
};

/**
 * Checks that a publication is the central system's, as pinned at enrollment (shared/sync/enroll.ts):
 * signed by that key over its statement — kind, scope, number, time and body together, so neither
 * the body nor where and when it applies can be changed on the way. Nothing else vouches for it: the
 * TLS connection tells who answered, not who published.
 */
export const verifyPublication = async (publication: Publication, serverKey: PublicKeyInfo): Promise<Result<void>> => {
  if (publication.keyId !== serverKey.keyId) return fail('PUBLICATION_KEY_UNKNOWN', 'host.pull.key_unknown', { seq: publication.seq, keyId: publication.keyId });
  const verify = await verifierOf(serverKey);
  let valid = false;
  try {
    valid = verify !== null && verify(utf8Bytes(publicationStatementText(publication)), fromHex(publication.signature));
  } catch {
    valid = false;
  }
  return valid ? ok(undefined) : fail('PUBLICATION_SIGNATURE_INVALID', 'host.pull.signature_invalid', { seq: publication.seq });
};
