// The top bar of the dashboard and import pages: the explorer's look (.topbar
// in styles.css), links between the three pages, the illustrative-data badge
// and the language toggle.
import './nav.css';
import { t, type Lang } from '../i18n.js';
import { h } from '../ui/dom.js';

export type PageId = 'map' | 'dashboard' | 'import';

export const pageLinks: readonly { id: PageId; href: string; key: 'navMap' | 'navDashboard' | 'navImport' }[] = [
  { id: 'map', href: '/', key: 'navMap' },
  { id: 'dashboard', href: '/dashboard.html', key: 'navDashboard' },
  { id: 'import', href: '/import.html', key: 'navImport' },
];

export interface PageHeader {
  el: HTMLElement;
  badge: HTMLElement;
  render(lang: Lang): void;
}

/** Links between the pages (the explorer's header has them too). */
export function createPageNav(current: PageId): { el: HTMLElement; render(lang: Lang): void } {
  const links = pageLinks.map((p) => h('a.nav-link', { href: p.href, dataset: { page: p.id }, ...(p.id === current ? { 'aria-current': 'page' } : {}) }));
  return {
    el: h('nav.page-nav', null, ...links),
    render(lang) {
      pageLinks.forEach((p, i) => (links[i]!.textContent = t(lang, p.key)));
    },
  };
}

export function createPageHeader(current: PageId, onToggleLang: () => void): PageHeader {
  const title = h('h1.brand-title');
  const sub = h('span.brand-sub');
  const nav = createPageNav(current);
  const badge = h('span.badge.illustrative', { hidden: true, role: 'note' });
  const langBtn = h('button.lang', { type: 'button', onclick: onToggleLang });
  const el = h('header.topbar', null, h('a.brand', { href: '/' }, title, sub), nav.el, h('div.top-actions', null, badge, langBtn));
  return {
    el,
    badge,
    render(lang) {
      document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
      title.textContent = t(lang, 'appTitle');
      sub.textContent = t(lang, 'appSubtitle');
      nav.render(lang);
      badge.textContent = t(lang, 'illustrativeBanner');
      badge.title = t(lang, 'illustrativeBannerTitle');
      langBtn.textContent = t(lang, 'langToggle');
      langBtn.title = t(lang, 'langToggleTitle');
      langBtn.setAttribute('lang', lang === 'zh' ? 'en' : 'zh-CN');
    },
  };
}

/** A query parameter of the page URL, replaced without a reload (for links and reloads). */
export function setQueryParam(name: string, value: string | null): void {
  const url = new URL(location.href);
  if (value === null) url.searchParams.delete(name);
  else url.searchParams.set(name, value);
  history.replaceState(null, '', url);
}
