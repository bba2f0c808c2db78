// UI state of the page, apart from the Cytoscape instance (STYLE.md): what the
// user chose. Views subscribe and re-render from it; the chain map reads it to
// decide what to draw. The URL hash mirrors the cluster and the segment so a
// view can be linked to and reloaded.
import type { Lang } from './i18n.js';

export type View = 'map' | 'opportunity';

export interface UiState {
  lang: Lang;
  /** Open cluster; null = the cluster picker. */
  clusterId: string | null;
  /** Selected segment (own or neighbour) on the open cluster's map. */
  segmentId: string | null;
  view: View;
  firmLayer: boolean;
  whatIf: boolean;
  /** Firms landed in the what-if, by id (insertion order kept for display). */
  whatIfFirms: string[];
}

type Listener = (state: UiState, previous: UiState) => void;

export class Store {
  private listeners = new Set<Listener>();
  constructor(private current: UiState) {}

  get state(): UiState {
    return this.current;
  }

  set(patch: Partial<UiState>): void {
    const previous = this.current;
    const next = { ...previous, ...patch };
    if (Object.keys(patch).every((k) => Object.is(previous[k as keyof UiState], next[k as keyof UiState]))) return;
    this.current = next;
    for (const l of [...this.listeners]) l(next, previous);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** `#/c/<cluster>[/s/<segment>]`. */
export function parseHash(hash: string): { clusterId: string | null; segmentId: string | null } {
  const m = /^#\/c\/([^/]+)(?:\/s\/([^/]+))?/.exec(hash);
  return { clusterId: m?.[1] ? decodeURIComponent(m[1]) : null, segmentId: m?.[2] ? decodeURIComponent(m[2]) : null };
}

export function formatHash(clusterId: string | null, segmentId: string | null): string {
  if (!clusterId) return '#/';
  return `#/c/${encodeURIComponent(clusterId)}${segmentId ? `/s/${encodeURIComponent(segmentId)}` : ''}`;
}

/** `?firms=1` opens maps with the firm layer on (links, benchmarks). */
export function initialFirmLayer(search: string): boolean {
  return new URLSearchParams(search).get('firms') === '1';
}

const LANG_KEY = 'chain-atlas.lang';

export function initialLang(search: string): Lang {
  const fromUrl = new URLSearchParams(search).get('lang');
  if (fromUrl === 'en' || fromUrl === 'zh') return fromUrl;
  try {
    const stored = localStorage.getItem(LANG_KEY);
    if (stored === 'en' || stored === 'zh') return stored;
  } catch {
    // no storage: default
  }
  return 'zh';
}

export function rememberLang(lang: Lang): void {
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    // no storage
  }
}
