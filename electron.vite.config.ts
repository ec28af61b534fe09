import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          // The knowledge embedding worker (node:worker_threads) is loaded by path at run time, so it
          // needs its own entry: out/main/embed-worker.js next to index.js (see knowledge/embedder.ts).
          'embed-worker': resolve(__dirname, 'src/main/core/knowledge/embed-worker.ts'),
          // Merchant .xlsx files are parsed in a capped worker (knowledge/xlsx-reader.ts), same reason.
          'xlsx-worker': resolve(__dirname, 'src/main/core/knowledge/xlsx-worker.ts'),
          // The vector graph of large knowledge bases is built in a worker (knowledge/graph-index.ts).
          'graph-build-worker': resolve(__dirname, 'src/main/core/knowledge/graph-build-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload may only require electron and a few built-ins: one bundled CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [react()],
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
  },
});
