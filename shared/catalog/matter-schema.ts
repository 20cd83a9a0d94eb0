import { z } from 'zod';

/**
 * A matter (事项) as the agency publishes it. Everything the notification part of a letter says comes
 * from here, so the letter never carries text that is not in the published catalog.
 */
export const proofSchema = z
  .object({
    /** 证明事项名称 */
    name: z.string().min(2),
    /** 证明内容及材料要求 */
    content: z.string().min(2),
  })
  .strict();

export const matterSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, '事项编号只能由小写字母、数字和连字符组成'),
    /** 事项名称 */
    name: z.string().min(2),
    category: z.enum(['社会保险', '资格考试', '就业创业', '劳动关系', '人事人才']),
    /** A sample entry: the UI shows a 示例 badge and the letter a visible 示例 mark. */
    sample: z.boolean(),
    /** 证明事项: the certificates the commitment replaces. */
    proofs: z.array(proofSchema).min(1),
    /** 设定依据 */
    basis: z.array(z.string().min(2)).min(1),
    /** 办理条件 */
    conditions: z.string().min(2),
    /** 承诺方式 */
    commitmentMethod: z.string().min(2),
    /** 不实（虚假）承诺的法律责任 */
    liability: z.string().min(2),
    /** 行政机关核查权力与申请人配合义务 */
    verification: z.string().min(2),
    /** 承诺书是否公开、公开范围及时限 */
    disclosure: z.string().min(2),
    /** 办理机构 */
    agency: z.string().min(2),
    version: z.number().int().positive(),
  })
  .strict();

export const catalogSchema = z
  .object({
    catalogId: z.string().min(1),
    version: z.number().int().positive(),
    locality: z.string().min(2),
    matters: z.array(matterSchema).min(1),
  })
  .strict()
  .superRefine((catalog, ctx) => {
    const seen = new Set<string>();
    catalog.matters.forEach((matter, index) => {
      if (seen.has(matter.id)) {
        ctx.addIssue({ code: 'custom', path: ['matters', index, 'id'], message: `事项编号重复：${matter.id}` });
      }
      seen.add(matter.id);
    });
  });

export type Proof = z.infer<typeof proofSchema>;
export type Matter = z.infer<typeof matterSchema>;
export type Catalog = z.infer<typeof catalogSchema>;
