import type { catalogHostMessages as reference } from '../zh-CN/catalog-host';

export const catalogHostMessages = {
  'host.catalog.invalid': 'The catalog file failed this machine’s checks with {count} problems; it was not activated and the catalog in force is unchanged: {problems}.',
  'host.catalog.version_not_newer':
    'Version {version} of catalog {catalogId} is not newer than version {active} in force or already imported on this machine; it was not activated. Import a file with a higher version.',
  'host.field.catalog': 'catalog file',
  // The 事项目录 page, which offers the import only to an administrator.
  'catalog_host.ui.administrator_only': 'Only a device administrator may import a catalog; ask them to change it.',

  'catalog_host.stored.missing': 'the catalog file is no longer in this machine’s data folder (deleted or moved)',
  'catalog_host.stored.changed': 'the catalog file was changed after it was imported and no longer matches its checksum',
  'catalog_host.stored.pointer_corrupt': 'the file that records the catalog in force (active-catalog.json) is damaged and cannot be read',
} as const satisfies Record<keyof typeof reference, string>;
