/**
 * Messages of the matter catalog kept by main (electron/services/catalog-store.ts): its refusals of an
 * import, which travel as host errors, and what it found wrong with a stored catalog, which travels as
 * a catalog problem beside the catalog that stands in. Kept apart from host.ts so the catalog's words
 * sit together.
 */
export const catalogHostMessages = {
  'host.catalog.invalid': '目录文件未通过本机检查，发现 {count} 处问题，未启用，现行目录保持不变：{problems}。',
  'host.catalog.version_not_newer':
    '目录 {catalogId} 的第 {version} 版不高于现行或本机已导入的第 {active} 版，未启用，请导入版本号更高的目录文件。',
  'host.field.catalog': '目录文件',
  // The 事项目录 page, which offers the import only to an administrator.
  'catalog_host.ui.administrator_only': '只有设备管理员可以导入事项目录，如需更换目录请联系设备管理员。',

  // Problems of a stored catalog: pieces of ui.catalog.stored_bad, so without a stop of their own.
  'catalog_host.stored.missing': '本机数据文件夹中找不到该目录文件（可能已被删除或移走）',
  'catalog_host.stored.changed': '该目录文件导入后被改动过，与导入时的校验值不符',
  'catalog_host.stored.pointer_corrupt': '记录现行目录的文件（active-catalog.json）已损坏，无法读取',
} as const;
