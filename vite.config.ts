import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is served from app://counter/ in Electron and from http://127.0.0.1 in tests, so
// asset URLs are absolute from the origin root.
export default defineConfig({
  root: 'renderer',
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      // jsPDF loads these lazily for its html()/SVG features, which the letters never use: leaving them
      // out keeps 380 KB of dead code away from the counter machines.
      external: ['html2canvas', 'dompurify', 'canvg'],
      // Modules run in import order even when chunks are shared: zod-config must configure zod
      // before a schema in a chunk shared with a lazy screen is built (zod decides on eval per schema).
      output: { strictExecutionOrder: true },
    },
  },
});
