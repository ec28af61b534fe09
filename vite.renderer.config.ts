// Builds the renderer (React UI) on its own, for the browser shell and the end-to-end tests.
// The Electron build (electron-vite) points at the same root and entry, so there is one renderer.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const rendererRoot = resolve(import.meta.dirname, 'src/renderer');

export default defineConfig({
  root: rendererRoot,
  // Relative asset URLs: the page is served from file:// in Electron and from / in the browser shell.
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(import.meta.dirname, 'out/renderer'),
    emptyOutDir: true,
    rollupOptions: { input: resolve(rendererRoot, 'index.html') },
    // antd alone is ~1 MB minified; the workstation loads from disk, so a single large chunk is fine.
    chunkSizeWarningLimit: 4000,
  },
});
