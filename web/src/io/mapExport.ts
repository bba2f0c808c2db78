// The 产业招引地图 of one cluster from the explorer's toolbar: PDF (A3
// landscape: map, legend, 招引指导目录) and the XLSX catalogue, from
// GET /export/map. The file is built server-side; this only fetches it.
import { ApiError } from '../api/graphql.js';
import { t, type Lang } from '../i18n.js';
import { h } from '../ui/dom.js';
import { downloadRoute } from './http.js';

export const mapExportUrl = (clusterId: string, format: 'pdf' | 'xlsx') => `/export/map?cluster=${encodeURIComponent(clusterId)}&format=${format}`;

export function mapExportButtons(lang: Lang, clusterId: string | null): HTMLDivElement | null {
  if (!clusterId) return null;
  const button = (format: 'pdf' | 'xlsx') => {
    const btn = h('button', { type: 'button', title: t(lang, 'exportMapTitle'), dataset: { key: `export-map-${format}`, exportMap: format } }, t(lang, format === 'pdf' ? 'exportMapPdf' : 'exportMapXlsx'));
    btn.addEventListener('click', () => {
      const label = btn.textContent;
      btn.disabled = true;
      btn.textContent = t(lang, 'exporting');
      downloadRoute(mapExportUrl(clusterId, format), `chain-atlas-map-${clusterId}.${format}`)
        .catch((e: unknown) => window.alert(t(lang, 'exportMapFailed', { msg: e instanceof ApiError ? e.text(lang) : (e as Error).message })))
        .finally(() => {
          btn.disabled = false;
          btn.textContent = label;
        });
    });
    return btn;
  };
  return h('div.tb-group', { role: 'group', 'aria-label': t(lang, 'dashExport') }, button('pdf'), button('xlsx'));
}
