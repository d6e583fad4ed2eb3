import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The editor lives in web/; `npm start` serves web/dist, `vite` (dev) proxies the API to the server.
export default defineConfig({
  root: "web",
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 800 },
  server: {
    host: "127.0.0.1",
    proxy: { "/api": { target: "http://127.0.0.1:8787", changeOrigin: false } },
  },
});
