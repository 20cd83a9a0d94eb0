import { db } from '../db/database';

const RECENT_LIMIT = 8;
const keyFor = (clerkId: string): string => `recentMatters:${clerkId}`;

/** The matters this clerk chose last, most recent first: they head the list at the next case. */
export const readRecentMatters = async (clerkId: string): Promise<string[]> => {
  const value = (await db.settings.get(keyFor(clerkId)))?.value;
  return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
};

export const rememberMatter = async (clerkId: string, matterId: string): Promise<void> => {
  const recent = await readRecentMatters(clerkId);
  await db.settings.put({ key: keyFor(clerkId), value: [matterId, ...recent.filter((id) => id !== matterId)].slice(0, RECENT_LIMIT) });
};
