/**
 * Runs in Chromium, bundled by the bench runner: the renderer's own modules (letter PDF, matter
 * search) measured where they run in the product. Sealing and the ID lookup are main's (records-bench.ts).
 */
import { defaultCatalog } from '../../../shared/catalog/default-catalog';
import type { Matter } from '../../../shared/catalog/matter-schema';
import { createMatterIndex } from '../../../shared/catalog/matter-search';
import { createLetterPdfRenderer } from '../../../renderer/pdf/letter-pdf';
import { letterKindMedians } from './letter-kinds-bench';
import { letterInputFor, sealSample } from '../sealed-sample';
import { median } from './median';

const fetchFonts = () =>
  Promise.all(['/fonts/DroidSansFallbackFull.ttf', '/fonts/DejaVuSans.ttf'].map(async (url) => new Uint8Array(await (await fetch(url)).arrayBuffer())));

/** Seal → PDF bytes, as after the clerk's confirmation: hash the record, build the letter, render it. */
const pdf = async (iterations: number) => {
  const fontStart = performance.now();
  const [cjk, latin] = await fetchFonts();
  const fetchMs = performance.now() - fontStart;
  const times: number[] = [];
  let bytes = 0;
  let renderer: ReturnType<typeof createLetterPdfRenderer> | null = null;
  for (let i = 0; i < iterations; i += 1) {
    const start = performance.now();
    renderer ??= createLetterPdfRenderer(cjk!, latin);
    const output = renderer.render(letterInputFor(await sealSample(i)));
    times.push(performance.now() - start);
    bytes = output.length;
  }
  return { firstMs: times[0]! + fetchMs, medianAfterFirstMs: median(times.slice(1)), kb: bytes / 1024 };
};

const SEARCH_PLACES = ['', '北京市', '上海市', '广州市', '成都市', '重庆市', '武汉市', '西安市', '南京市', '杭州市', '长沙市', '郑州市', '沈阳市', '济南市', '合肥市', '南昌市', '昆明市', '贵阳市', '太原市', '兰州市'];
const SEARCH_KINDS = ['', '（补报）', '（延期）', '（变更）', '（复核）', '（首次）', '（再次）', '（港澳台居民）'];
const SEARCH_QUERIES = ['jjzy', 'zcchs', 'yjjzs', '经济专业', '测绘师', 'yijijianzao', 'cdszcchs', 'shbx'];

/**
 * One keystroke of the matter search: 2,000 matters made by varying the default ones' names (place
 * before, kind after), the index built once, then every prefix of several queries — name, pinyin
 * initials, full pinyin, category — timed with the clerk's recent matters given.
 */
const catalogSearch = (count: number, rounds: number) => {
  const base = defaultCatalog.matters;
  const matters: Matter[] = Array.from({ length: count }, (_, i) => {
    const source = base[i % base.length]!;
    const place = SEARCH_PLACES[Math.floor(i / base.length) % SEARCH_PLACES.length]!;
    const kind = SEARCH_KINDS[Math.floor(i / (base.length * SEARCH_PLACES.length)) % SEARCH_KINDS.length]!;
    return { ...source, id: `${source.id}-${i}`, name: `${place}${source.name}${kind}` };
  });
  const buildStart = performance.now();
  const index = createMatterIndex(matters);
  const buildMs = performance.now() - buildStart;
  const recent = [matters[17]!.id, matters[400]!.id, matters[1999 % count]!.id];
  const times: number[] = [];
  let found = 0;
  for (let round = 0; round < rounds; round += 1) {
    for (const query of SEARCH_QUERIES) {
      for (let length = 1; length <= query.length; length += 1) {
        const start = performance.now();
        found += index.search(query.slice(0, length), { recent }).length;
        times.push(performance.now() - start);
      }
    }
  }
  if (found === 0) throw new Error('the matter search found nothing');
  return { buildMs, medianMs: median(times), keystrokes: times.length };
};

/** Every letter kind (commitment, proof list, not-applicable notice, withdrawal record), fonts prepared. */
const letterKinds = async (iterations: number) => {
  const [cjk, latin] = await fetchFonts();
  return letterKindMedians(createLetterPdfRenderer(cjk!, latin), iterations);
};

(window as unknown as { bench: unknown }).bench = { pdf, catalogSearch, letterKinds };
