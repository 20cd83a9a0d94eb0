import { z } from 'zod';

/** Fields the counter and the central system both read on the wire. */
export const hexOf = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`));
export const sha256Hex = hexOf(32);
export const deviceIdField = z.string().regex(/^[A-Za-z0-9-]{8,64}$/);
export const counterIdField = z.string().regex(/^[A-Z0-9]{1,8}$/);
/** An organisation unit's id: `gd`, `gd-gz`, `gd-gz-tianhe-hall1` — lower case, digits, dashes. */
export const orgUnitIdField = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/);
export const isoTime = z.iso.datetime({ offset: true });
/** Base64 of bytes (letter PDFs, sealed record files), bounded by the batch limit, not here. */
export const base64Field = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
