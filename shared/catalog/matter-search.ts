import { pinyin, polyphonic } from 'pinyin-pro';
import { SAMPLE_NAME_PREFIX } from './catalog-schema';
import type { Matter } from './matter-schema';

/**
 * Finding a matter while the clerk types: part of the name (测绘), its pinyin initials (jjzy → 经济专业技术资格,
 * zcchs → 注册测绘师), the start of its full pinyin (jingji), or the category (社会保险, shbx). Everything
 * that depends only on the matters is computed once when the index is built, so a keystroke costs a few
 * string comparisons per matter.
 */
export interface MatterSearchOptions {
  /** Matter ids the clerk used recently, most recent first: those that match come first, in this order. */
  recent?: readonly string[];
  /** Only matters of this category. */
  category?: string;
}

export interface MatterIndex {
  /**
   * Matters matching `query`: recent ones first (in their recent order), then by match quality — name
   * prefix, pinyin initials or full pinyin prefix, name substring, pinyin inside the name, category —
   * then in catalog order. An empty query lists every matter, recent ones first.
   */
  search(query: string, options?: MatterSearchOptions): Matter[];
}

/** Match quality, best first. */
const Quality = { NamePrefix: 0, PinyinPrefix: 1, NameSubstring: 2, PinyinInside: 3, Category: 4 } as const;
const QUALITY_COUNT = 5;

interface Keys {
  /** Initial of each syllable, letters and digits only (punctuation dropped). */
  initials: string;
  /** The same positions with every reading's initial, for polyphonic characters; null when none is. */
  alternatives: string[] | null;
  /** The full pinyin without tones or spaces (ü as v). */
  full: string;
  /** Where each syllable starts in `full`. */
  syllableStart: Uint8Array;
  /** Position in `initials` / `full` after a leading 【示例】, so 领取 is a prefix of 【示例】领取…; 0 if none. */
  initialsStart: number;
  fullStart: number;
}

interface Entry {
  matter: Matter;
  /** Normalised name (NFKC, lower case) and where it starts after a leading 【示例】. */
  name: string;
  nameStart: number;
  keys: Keys;
  category: string;
}

const normalise = (text: string): string => text.normalize('NFKC').toLowerCase();
const onlyAlnum = (text: string): string => normalise(text).replace(/[^a-z0-9]/g, '');
const PINYIN_QUERY = /^[a-z0-9]+$/;

const pinyinKeys = (text: string, skipPrefix: string): Keys => {
  const readings = pinyin(text, { toneType: 'none', type: 'array', v: true });
  const polyphones = polyphonic(text, { toneType: 'none', type: 'array', v: true });
  const aligned = polyphones.length === readings.length;
  const prefixChars = text.startsWith(skipPrefix) ? Array.from(skipPrefix).length : 0;
  let initials = '';
  let full = '';
  const starts: number[] = [];
  const alternatives: string[] = [];
  let polyphonicSeen = false;
  let initialsStart = 0;
  let fullStart = 0;
  readings.forEach((reading, position) => {
    if (position === prefixChars && prefixChars > 0) {
      initialsStart = initials.length;
      fullStart = full.length;
    }
    const syllable = onlyAlnum(reading);
    if (!syllable) return;
    // Letters and digits outside Chinese stay whole characters: one "syllable" per character.
    const first = syllable[0]!;
    starts.push(full.length);
    initials += first;
    full += syllable;
    const others = aligned ? new Set((polyphones[position] ?? []).map((other) => onlyAlnum(other)[0]).filter((x): x is string => !!x)) : new Set<string>();
    others.add(first);
    if (others.size > 1) polyphonicSeen = true;
    alternatives.push([...others].join(''));
  });
  const syllableStart = new Uint8Array(full.length + 1);
  for (const start of starts) syllableStart[start] = 1;
  return { initials, alternatives: polyphonicSeen ? alternatives : null, full, syllableStart, initialsStart, fullStart };
};

/** Every reading's initials match `query` from position `at`. */
const alternativesMatchAt = (alternatives: readonly string[], query: string, at: number): boolean => {
  if (at + query.length > alternatives.length) return false;
  for (let j = 0; j < query.length; j += 1) if (!alternatives[at + j]!.includes(query[j]!)) return false;
  return true;
};

const pinyinPrefix = (keys: Keys, query: string): boolean =>
  keys.initials.startsWith(query) ||
  keys.full.startsWith(query) ||
  (keys.initialsStart > 0 && (keys.initials.startsWith(query, keys.initialsStart) || keys.full.startsWith(query, keys.fullStart))) ||
  (keys.alternatives !== null &&
    (alternativesMatchAt(keys.alternatives, query, 0) || (keys.initialsStart > 0 && alternativesMatchAt(keys.alternatives, query, keys.initialsStart))));

const pinyinInside = (keys: Keys, query: string): boolean => {
  if (keys.initials.includes(query)) return true;
  for (let at = keys.full.indexOf(query); at >= 0; at = keys.full.indexOf(query, at + 1)) if (keys.syllableStart[at]) return true;
  if (keys.alternatives !== null) {
    for (let at = 1; at + query.length <= keys.alternatives.length; at += 1) if (alternativesMatchAt(keys.alternatives, query, at)) return true;
  }
  return false;
};

export const createMatterIndex = (matters: readonly Matter[]): MatterIndex => {
  const entries: Entry[] = matters.map((matter) => {
    const name = normalise(matter.name);
    const marker = normalise(SAMPLE_NAME_PREFIX);
    return {
      matter,
      name,
      nameStart: name.startsWith(marker) ? marker.length : 0,
      keys: pinyinKeys(matter.name, SAMPLE_NAME_PREFIX),
      category: matter.category,
    };
  });
  const categories = new Map<string, { name: string; keys: Keys }>();
  for (const entry of entries) {
    if (!categories.has(entry.category)) categories.set(entry.category, { name: normalise(entry.category), keys: pinyinKeys(entry.category, '') });
  }

  const search = (query: string, options: MatterSearchOptions = {}): Matter[] => {
    const q = normalise(query).replace(/\s+/g, '');
    const recentRank = new Map<string, number>();
    (options.recent ?? []).forEach((id, rank) => {
      if (!recentRank.has(id)) recentRank.set(id, rank);
    });
    const ascii = PINYIN_QUERY.test(q);
    const categoryMatches = new Map<string, boolean>();
    if (q) {
      for (const [category, { name, keys }] of categories) {
        categoryMatches.set(category, name.includes(q) || (ascii && (keys.initials.startsWith(q) || keys.full.startsWith(q))));
      }
    }

    const buckets: Entry[][] = Array.from({ length: QUALITY_COUNT }, () => []);
    const recent: { entry: Entry; rank: number; quality: number; order: number }[] = [];
    entries.forEach((entry, order) => {
      if (options.category !== undefined && entry.category !== options.category) return;
      let quality: number;
      if (!q) quality = Quality.NamePrefix;
      else {
        const at = entry.name.indexOf(q);
        if (at === 0 || (at > 0 && entry.nameStart > 0 && entry.name.startsWith(q, entry.nameStart))) quality = Quality.NamePrefix;
        else if (ascii && pinyinPrefix(entry.keys, q)) quality = Quality.PinyinPrefix;
        else if (at > 0) quality = Quality.NameSubstring;
        else if (ascii && pinyinInside(entry.keys, q)) quality = Quality.PinyinInside;
        else if (categoryMatches.get(entry.category)) quality = Quality.Category;
        else return;
      }
      const rank = recentRank.get(entry.matter.id);
      if (rank === undefined) buckets[quality]!.push(entry);
      else recent.push({ entry, rank, quality, order });
    });
    recent.sort((a, b) => a.rank - b.rank || a.quality - b.quality || a.order - b.order);
    const result: Matter[] = recent.map(({ entry }) => entry.matter);
    for (const bucket of buckets) for (const entry of bucket) result.push(entry.matter);
    return result;
  };

  return { search };
};
