import { defineConfig } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";

// Built once into ui/dist, which the Tauri shell embeds (tauri.conf.json: build.frontendDist).
// No dev server is used by the desktop app, so nothing here may depend on one.
export default defineConfig(({ mode }) => ({
  plugins: [svelte()],
  clearScreen: false,
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // WebKitGTK 2.4x (the Linux webview) handles ES2022 fine.
    target: "es2022",
    // Keep every asset a separate file: the CSP allows images from 'self' and data:,
    // but there is no reason to inline anything.
    assetsInlineLimit: 0,
  },
  // Component tests mount Svelte in jsdom, which needs Svelte's browser build.
  resolve: mode === "test" ? { conditions: ["browser"] } : undefined,
  test: {
    include: ["src/**/*.test.ts"],
    // Pure modules run in node; component tests opt into jsdom with a file comment.
    environment: "node",
  },
}));
