import { createHash } from 'node:crypto';

/** SHA-256 of bytes or text, lowercase hex: how the archive names a file's content everywhere. */
export const sha256Hex = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');
