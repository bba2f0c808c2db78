// The attraction pipeline (招引流程): 线索 lead → 接洽 contacted → 洽谈
// negotiating → 签约 signed → 落地 landed → 投产 operating, one step at a
// time, or 终止 dropped from any stage before 投产. 投产 and 终止 are final.
import { AppError } from './errors.js';
import type { Project, ProjectStatus } from './model.js';

export const pipelineOrder: readonly ProjectStatus[] = ['lead', 'contacted', 'negotiating', 'signed', 'landed', 'operating'];

export const statusNames: Record<ProjectStatus, { zh: string; en: string }> = {
  lead: { zh: '线索', en: 'lead' },
  contacted: { zh: '接洽', en: 'contacted' },
  negotiating: { zh: '洽谈', en: 'negotiating' },
  signed: { zh: '签约', en: 'signed' },
  landed: { zh: '落地', en: 'landed' },
  operating: { zh: '投产', en: 'operating' },
  dropped: { zh: '终止', en: 'dropped' },
};

export const isFinal = (s: ProjectStatus): boolean => s === 'operating' || s === 'dropped';

/** Statuses a project in `from` may move to next. */
export function nextStatuses(from: ProjectStatus): ProjectStatus[] {
  if (isFinal(from)) return [];
  const next = pipelineOrder[pipelineOrder.indexOf(from) + 1];
  return next ? [next, 'dropped'] : ['dropped'];
}

export interface Move {
  to: ProjectStatus;
  by: string;
  /** ISO timestamp. */
  at: string;
  note?: string;
  /** Signing date when moving to signed (YYYY-MM-DD); default: the day of `at`. */
  signedOn?: string;
}

/** The project after the move, with the change appended to its history; ILLEGAL_TRANSITION when not allowed. */
export function moveProject(project: Project, move: Move): Project {
  const from = project.status;
  if (!nextStatuses(from).includes(move.to)) {
    const allowed = nextStatuses(from);
    const zhAllowed = allowed.length ? allowed.map((s) => statusNames[s].zh).join('、') : '无(已是终态)';
    const enAllowed = allowed.length ? allowed.join(', ') : 'none (final status)';
    throw new AppError(
      'ILLEGAL_TRANSITION',
      `项目 ${project.id} 不能从${statusNames[from].zh}变为${statusNames[move.to].zh};可变为:${zhAllowed}`,
      `project ${project.id} cannot move from ${from} to ${move.to}; allowed: ${enAllowed}`,
    );
  }
  const change = { at: move.at, by: move.by, from, to: move.to, ...(move.note ? { note: move.note } : {}) };
  const signedOn = move.to === 'signed' ? (move.signedOn ?? move.at.slice(0, 10)) : project.signedOn;
  return { ...project, status: move.to, ...(signedOn ? { signedOn } : {}), history: [...project.history, change] };
}
