import { describe, expect, it } from 'vitest';
import defaultCatalogJson from '../../shared/catalog/default-catalog.json' with { type: 'json' };
import { diffCatalogs } from '../../shared/catalog/catalog-diff';
import { catalogSchema, type Catalog } from '../../shared/catalog/catalog-schema';
import type { Matter } from '../../shared/catalog/matter-schema';
import { mattersInForce } from '../../shared/catalog/matters-in-force';

const active = catalogSchema.parse(defaultCatalogJson);
const TODAY = '2026-11-28';
const copy = (): Catalog => structuredClone(active);
const byId = (catalog: Catalog, id: string): Matter => catalog.matters.find((matter) => matter.id === id)!;

describe('mattersInForce', () => {
  const catalog = copy();
  const economist = byId(catalog, 'exam-economist');
  catalog.matters = [
    { ...economist, version: 1, effectiveFrom: '2020-01-01', effectiveUntil: '2026-06-30' },
    { ...economist, version: 2, effectiveFrom: '2026-07-01', effectiveUntil: null, conditions: '新版办理条件。' },
  ];

  it('takes the version whose period holds the date, both ends inclusive', () => {
    expect(mattersInForce(catalog, '2019-12-31')).toEqual([]);
    expect(mattersInForce(catalog, '2020-01-01').map((matter) => matter.version)).toEqual([1]);
    expect(mattersInForce(catalog, '2026-06-30').map((matter) => matter.version)).toEqual([1]);
    expect(mattersInForce(catalog, '2026-07-01').map((matter) => matter.version)).toEqual([2]);
    expect(mattersInForce(catalog, '2099-01-01').map((matter) => matter.version)).toEqual([2]);
  });

  it('keeps catalog order', () => {
    expect(mattersInForce(active, TODAY).map((matter) => matter.id)).toEqual(active.matters.map((matter) => matter.id));
  });
});

describe('diffCatalogs', () => {
  it('finds nothing between a catalog and itself', () => {
    expect(diffCatalogs(active, copy(), TODAY)).toEqual({ added: [], changed: [], retired: [], unchanged: active.matters.length });
  });

  it('lists added, changed (with the fields that differ) and retired matters', () => {
    const incoming = copy();
    incoming.version = 2;
    const [first, ...rest] = incoming.matters;
    const retired = rest.pop()!;
    const changed = { ...first!, conditions: `${first!.conditions}（本市补充）`, version: first!.version + 1 };
    const added = { ...first!, id: 'exam-local-added', name: '本市新增资格考试报名' };
    incoming.matters = [changed, ...rest, added];

    const diff = diffCatalogs(active, incoming, TODAY);
    expect(diff.added.map((matter) => matter.id)).toEqual(['exam-local-added']);
    expect(diff.retired.map((matter) => matter.id)).toEqual([retired.id]);
    expect(diff.changed).toHaveLength(1);
    expect(diff.changed[0]!.before).toBe(active.matters[0]);
    expect(diff.changed[0]!.after).toBe(changed);
    expect(diff.changed[0]!.fields).toEqual(['conditions', 'version']);
    expect(diff.unchanged).toBe(active.matters.length - 2);
  });

  it('compares nested fields deeply, whatever the key order', () => {
    const incoming = copy();
    const matter = incoming.matters[0]!;
    matter.proofs = matter.proofs.map(({ name, content }) => ({ content, name }));
    matter.retention = { years: 30 };
    expect(diffCatalogs(active, incoming, TODAY).changed).toEqual([]);

    matter.proofs = [...matter.proofs.slice(0, 1)];
    matter.basis = [...matter.basis, '新增依据（示例）'];
    matter.verificationDeadlineDays = 20;
    expect(diffCatalogs(active, incoming, TODAY).changed[0]!.fields).toEqual(['proofs', 'basis', 'verificationDeadlineDays']);
  });

  it('compares what is in force on the given date', () => {
    const economist = byId(active, 'exam-economist');
    const incoming = copy();
    incoming.matters = incoming.matters.map((matter) => (matter.id === 'exam-economist' ? { ...matter, effectiveUntil: '2026-12-31' } : matter));
    incoming.matters.push(
      { ...economist, version: economist.version + 1, effectiveFrom: '2027-01-01', conditions: '2027年起的办理条件。' },
      { ...economist, id: 'exam-from-2027', name: '2027年起新增的考试报名', effectiveFrom: '2027-01-01' },
    );
    expect(catalogSchema.safeParse(incoming).success).toBe(true);

    const now = diffCatalogs(active, incoming, TODAY);
    expect(now.added).toEqual([]);
    expect(now.changed.map((change) => [change.after.id, change.fields])).toEqual([['exam-economist', ['effectiveUntil']]]);

    const next = diffCatalogs(active, incoming, '2027-01-01');
    expect(next.added.map((matter) => matter.id)).toEqual(['exam-from-2027']);
    expect(next.changed.map((change) => [change.after.version, change.fields])).toEqual([[economist.version + 1, ['conditions', 'effectiveFrom', 'version']]]);
    expect(next.retired).toEqual([]);
  });

  it('retires a matter the incoming catalog ends before the date', () => {
    const incoming = copy();
    incoming.matters[0] = { ...incoming.matters[0]!, effectiveUntil: '2026-01-31' };
    const diff = diffCatalogs(active, incoming, TODAY);
    expect(diff.retired.map((matter) => matter.id)).toEqual(['exam-surveying-engineer']);
    expect(diff.changed).toEqual([]);
  });
});
