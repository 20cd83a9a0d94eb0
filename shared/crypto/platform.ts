/**
 * shared/ may use neither DOM nor Node typings, yet both Chromium and Node 20 provide WebCrypto and
 * TextEncoder on globalThis. These narrow views are all shared/ needs of them.
 */
interface SubtleDigest {
  digest(algorithm: 'SHA-256', data: Uint8Array): Promise<ArrayBuffer>;
}
interface PlatformGlobals {
  crypto: { subtle: SubtleDigest; getRandomValues<T extends Uint8Array>(array: T): T };
  TextEncoder: new () => { encode(text: string): Uint8Array };
}

const platform = globalThis as unknown as PlatformGlobals;

export const subtleDigest = (data: Uint8Array): Promise<ArrayBuffer> => platform.crypto.subtle.digest('SHA-256', data);
export const utf8 = (text: string): Uint8Array => new platform.TextEncoder().encode(text);
export const randomBytes = (count: number): Uint8Array => platform.crypto.getRandomValues(new Uint8Array(count));
