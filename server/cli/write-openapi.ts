import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { API_VERSION } from '../app';
import { openApiDocument } from '../http/openapi';
import { centralRoutes } from '../routes';

/** `npm run server:openapi`: writes server/openapi.json from the routes' schemas (commit the result). */
export const OPENAPI_FILE = fileURLToPath(new URL('../openapi.json', import.meta.url));
export const openApiText = (): string => `${JSON.stringify(openApiDocument(centralRoutes, API_VERSION), null, 2)}\n`;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await writeFile(OPENAPI_FILE, openApiText());
  console.log(`wrote ${OPENAPI_FILE}`);
}
