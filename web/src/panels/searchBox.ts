// Search box (combobox): firms, segments and clusters by Chinese, English or
// pinyin through the server's search; ↑/↓ to move, Enter to open, Esc to close.
import { search, type SearchHit } from '../api/queries.js';
import { pick, t, type Key, type Lang } from '../i18n.js';
import { h } from '../ui/dom.js';

export interface SearchBox {
  el: HTMLElement;
  setLang(lang: Lang): void;
}

export function createSearchBox(initialLang: Lang, clusterName: (id: string) => string, onPick: (hit: SearchHit) => void): SearchBox {
  let lang = initialLang;
  let hits: SearchHit[] = [];
  let active = -1;
  let ctrl: AbortController | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const input = h('input.search-input', { type: 'search', role: 'combobox', 'aria-expanded': 'false', 'aria-controls': 'search-results', 'aria-autocomplete': 'list', autocomplete: 'off', spellcheck: false });
  const list = h('ul.search-results', { id: 'search-results', role: 'listbox', hidden: true });
  const label = h('label.sr-only', { for: 'search-input' });
  input.id = 'search-input';
  const el = h('div.search', { role: 'search' }, label, input, list);

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const choose = (hit: SearchHit) => {
    close();
    input.value = '';
    input.blur();
    onPick(hit);
  };
  const render = () => {
    list.replaceChildren();
    if (!input.value.trim()) return close();
    if (!hits.length) list.append(h('li.search-none', { role: 'option', 'aria-disabled': 'true' }, t(lang, 'searchNone')));
    hits.forEach((hit, i) => {
      const where = hit.kind === 'CLUSTER' ? '' : hit.clusterId ? clusterName(hit.clusterId) : '';
      list.append(
        h(
          'li.search-hit',
          { id: `search-hit-${i}`, role: 'option', 'aria-selected': String(i === active), dataset: { kind: hit.kind, id: hit.id }, onmousedown: (e: Event) => { e.preventDefault(); choose(hit); } },
          h('span.hit-kind', { dataset: { kind: hit.kind } }, t(lang, `hit${hit.kind}` as Key)),
          h('span.hit-name', null, pick(lang, hit.nameZh, hit.nameEn), hit.firm?.illustrative ? h('span.tag.sample', null, t(lang, 'illustrativeTag')) : null),
          where ? h('span.hit-where', null, where) : null,
        ),
      );
    });
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    if (active >= 0) input.setAttribute('aria-activedescendant', `search-hit-${active}`);
    else input.removeAttribute('aria-activedescendant');
  };
  const run = async () => {
    const text = input.value.trim();
    ctrl?.abort();
    if (!text) {
      hits = [];
      return close();
    }
    ctrl = new AbortController();
    try {
      hits = await search(text, ctrl.signal);
      active = hits.length ? 0 : -1;
      render();
    } catch (e) {
      if ((e as Error).name !== 'AbortError') {
        hits = [];
        render();
      }
    }
  };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(run, 140);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!hits.length) return;
      active = (active + (e.key === 'ArrowDown' ? 1 : -1) + hits.length) % hits.length;
      render();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const hit = hits[active];
      if (hit) choose(hit);
    } else if (e.key === 'Escape') close();
  });
  input.addEventListener('blur', () => setTimeout(close, 120));

  const setLang = (l: Lang) => {
    lang = l;
    input.placeholder = t(lang, 'searchPlaceholder');
    label.textContent = t(lang, 'searchLabel');
    if (!list.hidden) render();
  };
  setLang(lang);
  return { el, setLang };
}
