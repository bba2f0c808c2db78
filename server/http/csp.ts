// Content-Security-Policy of the web app (everything from this origin; inline
// styles for the page's <style> and Cytoscape) and of GraphiQL, whose page
// (shipped by mercurius) loads React and GraphiQL from unpkg.com.
const webDirectives = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'connect-src': ["'self'"],
  'font-src': ["'self'", 'data:'],
  'form-action': ["'self'"],
  'frame-ancestors': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'object-src': ["'none'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'worker-src': ["'self'", 'blob:'],
};

export const webCspDirectives: Record<string, string[]> = webDirectives;

const UNPKG = 'https://unpkg.com';
const graphiqlDirectives: Record<string, string[]> = {
  ...webDirectives,
  'script-src': ["'self'", UNPKG],
  'style-src': ["'self'", "'unsafe-inline'", UNPKG],
  'font-src': ["'self'", 'data:', UNPKG],
  'img-src': ["'self'", 'data:', 'blob:', UNPKG],
  // GraphiQL's service worker (/graphiql/sw.js) caches and fetches those files itself.
  'connect-src': ["'self'", UNPKG],
};

export const cspHeader = (directives: Record<string, string[]>): string =>
  Object.entries(directives)
    .map(([k, v]) => `${k} ${v.join(' ')}`)
    .join('; ');

export const graphiqlCsp = cspHeader(graphiqlDirectives);
