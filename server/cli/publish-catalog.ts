import { publishCatalog } from '../publications/publish-catalog';
import { runPublish } from './publish-context';

/** `npm run server -- publish-catalog --file <catalog.json> --scope <unit id>`: publishes a catalog version. */
export const publishCatalogCommand = (args: string[]): Promise<void> =>
  runPublish(args, { command: 'publish-catalog', what: '事项目录' }, (context, text, scope) => publishCatalog(context, { catalog: text, scope }), ({ publication }) => {
    const catalog = JSON.parse(publication.body) as { catalogId: string; version: number; matters: unknown[] };
    return `已发布事项目录：发布序号 ${publication.seq}，目录 ${catalog.catalogId} 第 ${catalog.version} 版（${catalog.matters.length} 个条目），适用于 ${publication.scope} 及其下级单位`;
  });
