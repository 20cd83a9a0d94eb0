import path from 'node:path';

/**
 * Where the running app finds its parts. The bundled main script lives in dist/electron next to the
 * preload (scripts/build-electron.mjs); the renderer in dist/renderer of the app (the asar when
 * packaged); SumatraPDF among the installer's resources on Windows (electron-builder.yml). The
 * packaging test checks that each of these is packed.
 */
export const PRELOAD_FILE = 'preload.cjs';
export const RENDERER_DIR = 'dist/renderer';
export const SUMATRA_PDF_RESOURCE = 'SumatraPDF.exe';

export interface AppLocations {
  /** The folder of the running main script (`__dirname` of main.cjs). */
  mainDir: string;
  appPath: string;
  resourcesPath: string;
  isPackaged: boolean;
  userData: string;
}

export const appPaths = ({ mainDir, appPath, resourcesPath, isPackaged, userData }: AppLocations) => ({
  preload: path.join(mainDir, PRELOAD_FILE),
  rendererDir: path.join(appPath, ...RENDERER_DIR.split('/')),
  dataDir: path.join(userData, 'counter-data'),
  archiveDir: path.join(userData, 'letter-archive'),
  // Unpackaged (npm start) there is no resources folder of ours: pdf-to-printer uses its own copy.
  sumatraPdf: isPackaged ? path.join(resourcesPath, SUMATRA_PDF_RESOURCE) : null,
});
