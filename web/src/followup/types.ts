// Shapes of the follow-up API (docs/FOLLOWUP-API.md): rectification items, evidence,
// the liaison's results, experiences, innovation projects and demonstration sites.

export type ItemState = 'unclaimed' | 'in_progress' | 'reported' | 'returned' | 'closed';
export const itemStates: ItemState[] = ['unclaimed', 'in_progress', 'reported', 'returned', 'closed'];
export type ItemSource = 'finding' | 'inspection' | 'bulletin' | 'other';

export interface Milestone {
  id?: string;
  title: string;
  due: string;
  done_at: string | null;
  overdue: boolean;
}

export interface RectificationItem {
  id: string;
  number: number;
  code: string;
  unit: string;
  unit_name: string;
  group: string;
  source: ItemSource;
  kind: string;
  indicator: string | null;
  indicator_name: string | null;
  problem: string;
  suggestion: string;
  measures: string;
  responsible_person: string;
  deadline: string | null;
  state: ItemState;
  return_reason: string | null;
  overdue: boolean;
  overdue_days: number;
  milestones: Milestone[];
  created_at: string;
  updated_at: string;
  reported_at: string | null;
  closed_at: string | null;
}

export interface Attachment {
  sha256: string;
  mime_type: string;
  name: string | null;
}

export interface ItemReport {
  id: string;
  at: string;
  text: string;
  for_closing: boolean;
  attachments: Attachment[];
  name?: string | null;
}

export interface RecheckResult {
  id: string;
  outcome: 'done' | 'not_done';
  notes: string;
  photos: string[];
  recorded_at: string;
  name?: string | null;
}

export interface Recheck {
  id: string;
  group: string;
  note: string;
  assigned_at: string;
  results: RecheckResult[];
}

export interface ItemFinding {
  id: string;
  description: string;
  suggestion: string;
  group: string;
  recorded_at: string;
  account?: string;
  name?: string;
}

export interface ItemHistoryEntry {
  seq: number;
  at: string;
  name: string;
  action: string;
  old: unknown;
  new: unknown;
  reason: string | null;
}

export interface ItemDetail extends RectificationItem {
  findings: ItemFinding[];
  reports: ItemReport[];
  rechecks: Recheck[];
  history: ItemHistoryEntry[];
}

export interface ItemList {
  today: string;
  items: RectificationItem[];
}

export interface StateCounts {
  total: number;
  unclaimed: number;
  in_progress: number;
  reported: number;
  returned: number;
  closed: number;
  overdue: number;
}

export interface BoardUnit extends StateCounts {
  unit: string;
  unit_name: string;
  group: string;
  released: boolean;
}

export interface Board {
  today: string;
  units: BoardUnit[];
  totals: StateCounts;
}

export interface ReleaseUnit {
  unit: string;
  unit_name: string;
  group: string;
  findings: number;
  released_at: string | null;
  items: number;
}

export interface ImportLineError {
  line: number;
  column: string | number | null;
  message: string;
}

export interface UploadState {
  received: number;
  complete: boolean;
}

export interface MyUnitResult {
  unit: string;
  unit_name: string;
  category: string;
  total: string;
  grade: string;
  rank: number;
  category_rank: number;
  veto: boolean;
  subtotals: Record<string, string>;
  items: { indicator: string; name: string; project: string; max_points: string | number; points: string | null }[];
}

export type MyResults =
  | { published: false }
  | { published: true; version: number; published_at: string; unit_count: number; unit: MyUnitResult };

export type ReviewStatus = 'pending' | 'selected' | 'rejected';

export interface Experience {
  ref: string;
  source: 'highlight' | 'submission';
  unit: string;
  unit_name: string;
  title: string;
  description: string;
  recorded_at: string;
  status: ReviewStatus;
  reason: string | null;
  tags: string[];
  attachments: Attachment[];
  author: string;
}

export interface Innovation {
  id: string;
  unit: string;
  unit_name: string;
  title: string;
  description: string;
  status: 'proposed' | 'selected' | 'rejected';
  reason: string | null;
  bonus_indicator: string | null;
  bonus_indicator_name: string | null;
  proposed_at: string;
  screened_at: string | null;
}

export type DemoSiteStatus = 'planned' | 'building' | 'built' | 'accepted';
export const demoSiteStatuses: DemoSiteStatus[] = ['planned', 'building', 'built', 'accepted'];

export interface DemoSite {
  site: string;
  site_name: string;
  unit: string;
  unit_name: string;
  status: DemoSiteStatus;
  note: string;
  updated_at: string | null;
  photos: string[];
}
