import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv } from 'vite';

// The dev server and `vite preview` forward the API and the realtime WebSocket to a running
// Switchboard: http://127.0.0.1:3000 unless SWITCHBOARD_API_URL names another one (a test host).
export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, import.meta.dirname, 'SWITCHBOARD_');
  const target = env.SWITCHBOARD_API_URL ?? 'http://127.0.0.1:3000';
  const proxy = {
    '/api/v1/realtime': { target, ws: true, changeOrigin: true },
    '/api': { target, changeOrigin: true },
    '/plugins': { target, changeOrigin: true },
  };
  return {
    plugins: [react()],
    server: { proxy },
    preview: { proxy },
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: true,
      // Budget is on gzipped initial JS (scripts/measure-bundle.mjs); this only flags outliers.
      chunkSizeWarningLimit: 600,
    },
  };
});
