import { vitePreprocess } from "@sveltejs/vite-plugin-svelte";

export default {
  // Lets <script lang="ts"> in components be type-stripped by Vite.
  preprocess: vitePreprocess(),
};
