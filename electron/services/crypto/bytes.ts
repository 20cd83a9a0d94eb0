/** Hex and byte helpers the suites and the evidence formats share. */
export const toHex = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');

const HEX = /^(?:[0-9a-f]{2})*$/;

/** Lower-case hex only: an upper-case digit in a signed file is a change, never an equivalent. */
export const fromHex = (hex: string): Uint8Array => {
  if (!HEX.test(hex)) throw new RangeError('not lower-case hex');
  return new Uint8Array(Buffer.from(hex, 'hex'));
};

export const utf8Bytes = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf8'));
