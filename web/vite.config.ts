// Vite builds the web app from web/ into dist/web, which the Fastify server
// serves at /. In development (`npx vite --config web/vite.config.ts`), API
// calls go to a server started with `npm run dev` on port 8080.
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const webDir = fileURLToPath(new URL('.', import.meta.url));

/**
 * The explorer imports the chain-map chunk dynamically (the picker does not
 * need it); a modulepreload link in index.html fetches and compiles it in
 * parallel with the entry instead of after it.
 */
const preloadChainMap: Plugin = {
  name: 'chain-atlas:preload-chain-map',
  transformIndexHtml: {
    order: 'post',
    handler(_html, ctx) {
      if (!ctx.bundle || !ctx.filename.endsWith('index.html')) return [];
      const chunk = Object.values(ctx.bundle).find((c) => c.type === 'chunk' && c.facadeModuleId?.endsWith('/map/chainMapView.ts'));
      return chunk ? [{ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `/${chunk.fileName}` }, injectTo: 'head' }] : [];
    },
  },
};

export default defineConfig({
  root: webDir,
  plugins: [preloadChainMap],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // The chain-map chunk is Cytoscape + elkjs (ELK compiled by GWT, ~1.4 MB):
    // loaded on its own, early, only when a map is shown.
    chunkSizeWarningLimit: 2500,
    // Three pages: the explorer, the plan-targets dashboard and the import page.
    rolldownOptions: {
      input: {
        main: fileURLToPath(new URL('index.html', import.meta.url)),
        dashboard: fileURLToPath(new URL('dashboard.html', import.meta.url)),
        import: fileURLToPath(new URL('import.html', import.meta.url)),
      },
    },
  },
  server: {
    proxy: {
      '/graphql': 'http://127.0.0.1:8080',
      '/graphiql': 'http://127.0.0.1:8080',
      // POST /import and /import/template, not the page /import.html
      '^/import(/|\\?|$)': 'http://127.0.0.1:8080',
      '/export/': 'http://127.0.0.1:8080',
      '/plan/': 'http://127.0.0.1:8080',
    },
  },
});
