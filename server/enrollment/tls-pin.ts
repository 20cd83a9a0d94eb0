import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';

/** The SHA-256 of a PEM certificate's DER, lower-case hex without colons: the QR code's `pin`. */
export const certificatePin = async (certFile: string): Promise<string> => {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(await readFile(certFile));
  } catch (error) {
    throw new Error(`无法读取证书 ${certFile}：${(error as NodeJS.ErrnoException).code ?? '不是 PEM 格式的 X.509 证书'}`);
  }
  return certificate.fingerprint256.replaceAll(':', '').toLowerCase();
};
