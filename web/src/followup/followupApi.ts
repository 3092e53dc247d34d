// Calls of the follow-up API (docs/FOLLOWUP-API.md), one function per endpoint, so the
// pages never spell paths.
import { api, query } from '../api';
import type {
  Board,
  DemoSite,
  Experience,
  Innovation,
  ItemDetail,
  ItemList,
  MyResults,
  RectificationItem,
  ReleaseUnit,
} from './types';

const base = '/api/v1/hq';
const item = (id: string) => `${base}/followup/items/${encodeURIComponent(id)}`;

export interface ItemFilters {
  unit?: string;
  state?: string;
  overdue?: boolean;
  q?: string;
}

export interface PlanBody {
  measures: string;
  responsible_person: string;
  deadline: string | null;
  milestones: { id?: string; title: string; due: string; done: boolean }[];
}

export const followup = {
  items: (f: ItemFilters = {}) =>
    api.get<ItemList>(`${base}/followup/items${query({ unit: f.unit, state: f.state, overdue: f.overdue ? 1 : null, q: f.q })}`),
  item: (id: string) => api.get<ItemDetail>(item(id)),
  releases: () => api.get<{ units: ReleaseUnit[] }>(`${base}/followup/releases`),
  release: (unit: string) => api.post<{ unit: string; released_at: string; created: number }>(`${base}/followup/releases`, { unit }),
  addItem: (body: { unit: string; source: string; kind: string; indicator?: string; problem: string; suggestion: string; deadline?: string }) =>
    api.post<RectificationItem>(`${base}/followup/items`, body),
  importItems: (csv: ArrayBuffer) => api.post<{ created: number }>(`${base}/followup/items/import`, { raw: csv, type: 'text/csv' }),
  merge: (id: string, others: string[]) => api.post<RectificationItem>(`${item(id)}/merge`, { items: others }),
  savePlan: (id: string, plan: PlanBody) => api.put<RectificationItem>(`${item(id)}/plan`, plan),
  report: (id: string, body: { text: string; attachments: string[]; for_closing: boolean }) =>
    api.post<RectificationItem>(`${item(id)}/reports`, body),
  close: (id: string, note: string) => api.post<RectificationItem>(`${item(id)}/close`, note ? { note } : {}),
  sendBack: (id: string, reason: string) => api.post<RectificationItem>(`${item(id)}/return`, { reason }),
  extend: (id: string, deadline: string, reason: string) => api.post<RectificationItem>(`${item(id)}/deadline`, { deadline, reason }),
  recheck: (id: string, group: string, note: string) => api.post<{ id: string }>(`${item(id)}/rechecks`, { group, note }),
  board: () => api.get<Board>(`${base}/followup/board`),
  myResults: () => api.get<MyResults>(`${base}/my/results`),
  experiences: (f: { status?: string; unit?: string; tag?: string; q?: string } = {}) =>
    api.get<{ experiences: Experience[] }>(`${base}/experiences${query({ ...f })}`),
  submitExperience: (body: { title: string; description: string; attachments: string[] }) => api.post<Experience>(`${base}/experiences`, body),
  reviewExperience: (ref: string, body: { status: string; reason: string; tags: string[] }) =>
    api.post<Experience>(`${base}/experiences/${encodeURIComponent(ref)}/review`, body),
  innovations: (f: { status?: string; unit?: string } = {}) => api.get<{ projects: Innovation[] }>(`${base}/innovations${query({ ...f })}`),
  proposeInnovation: (body: { title: string; description: string }) => api.post<Innovation>(`${base}/innovations`, body),
  reviewInnovation: (id: string, body: { status: string; reason: string; bonus_indicator?: string | null }) =>
    api.post<Innovation>(`${base}/innovations/${encodeURIComponent(id)}/review`, body),
  demoSites: () => api.get<{ sites: DemoSite[] }>(`${base}/demo-sites`),
  updateDemoSite: (code: string, body: { status: string; note: string; attachments?: string[] }) =>
    api.put<DemoSite>(`${base}/demo-sites/${encodeURIComponent(code)}`, body),
};

export function fileUrl(sha256: string, thumb: boolean): string {
  return `${base}/followup/files/${encodeURIComponent(sha256)}${thumb ? '?size=thumb' : ''}`;
}
