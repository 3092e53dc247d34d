// Shapes of the HQ console API (docs/API.md). Numbers of points are decimal strings
// with 2 places, exactly as `onsite-hq results` prints them.

export type Role = 'hq' | 'leader' | 'inspector' | 'liaison';

export interface Session {
  account: string;
  name: string;
  role: Role;
  group: string | null;
  csrf_token: string;
  expires_at: string;
}

export interface Project {
  code: string;
  name: string;
  points: string | number;
}

export interface Item {
  code: string;
  project: string;
  name: string;
  points: string | number;
  method: string;
}

export interface Unit {
  code: string;
  name: string;
  category: string;
  group: string;
}

export interface Campaign {
  name: string;
  starts_on: string;
  ends_on: string;
  grade_lines: Record<string, string | number>;
  trim_min_raters: number;
  projects: Project[];
  items: Item[];
  units: Unit[];
  groups: { name: string; units: string[] }[];
}

export interface RaterProgress {
  account: string;
  name: string;
  scored: number;
}

export interface UnitProgress {
  unit: string;
  unit_name: string;
  category: string;
  group: string;
  item_count: number;
  scored_items: number;
  raters: RaterProgress[];
  submitted: boolean;
  visits: number;
  photos: number;
  findings: number;
  highlights: number;
  last_change_at: string | null;
}

export interface DeviceProgress {
  account: string;
  name: string;
  device_name: string;
  last_seen_at: string | null;
}

export interface Progress {
  generated_at: string;
  units: UnitProgress[];
  devices: DeviceProgress[];
}

export interface UnitResult {
  unit: string;
  unit_name: string;
  category: string;
  total: string;
  grade: string;
  rank: number;
  category_rank: number;
  veto: boolean;
  subtotals: Record<string, string>;
  unscored: number;
  submitted: boolean;
}

export interface Results {
  version: number | null;
  published_at: string | null;
  projects: Project[];
  units: UnitResult[];
}

export interface FinalValue {
  input: string;
  points: string;
  reason: string;
  account: string;
  name: string;
  recorded_at: string;
}

export interface RaterScore {
  account: string;
  name: string;
  input: string;
  points: string;
  dropped: boolean;
  recorded_at: string;
}

export interface ItemEvidence {
  indicator: string;
  name: string;
  project: string;
  max_points: string | number;
  method: string;
  points: string;
  trimmed: boolean;
  final: FinalValue | null;
  raters: RaterScore[];
}

export interface Visit {
  id: string;
  site: string;
  site_name: string;
  account: string;
  name: string;
  checked_in_at: string;
  latitude: number | null;
  longitude: number | null;
  accuracy_m: number | null;
  notes: string;
  /** metres from the site's coordinates at check-in; null without a fix or site coordinates */
  distance_m: number | null;
  within_radius: boolean | null;
  checked_out_at: string | null;
  length_seconds: number | null;
}

export interface Photo {
  id: string;
  sha256: string;
  indicator: string | null;
  visit: string | null;
  account: string;
  /** who took it, from people.csv (older servers: absent) */
  name?: string;
  captured_at: string;
  mime_type: string;
  latitude: number | null;
  longitude: number | null;
  accuracy_m: number | null;
  /** camera | picked; null for photos from app versions that did not say */
  origin: 'camera' | 'picked' | null;
  /** a picked photo's EXIF time (when it was taken) */
  original_at: string | null;
  /** picked, and its original time is unknown or more than 24 h before check-in */
  picked_old: boolean;
}

export interface Finding {
  id: string;
  unit: string;
  unit_name: string;
  group: string;
  site: string | null;
  site_name: string | null;
  indicator: string | null;
  indicator_name: string | null;
  kind: string;
  description: string;
  suggestion: string;
  account: string;
  name: string;
  recorded_at: string;
  photos: string[];
}

export interface Highlight {
  id: string;
  unit: string;
  unit_name: string;
  group: string;
  site: string | null;
  site_name: string | null;
  title: string;
  description: string;
  account: string;
  name: string;
  recorded_at: string;
  photos?: string[];
}

export interface PresenceRule {
  check_in_required: boolean;
  radius_m: number;
}

export interface UnitDetail {
  result: UnitResult;
  items: ItemEvidence[];
  presence: PresenceRule;
  visits: Visit[];
  photos: Photo[];
  findings: Finding[];
  highlights: Highlight[];
}

export interface ProgressDay {
  date: string;
  scored_entries: number;
  submitted_units: number;
}

export interface Verification {
  ok: boolean;
  entries: number;
  first_break: number | string | null;
}

export interface Integrity {
  raters: {
    account: string;
    name: string;
    group: string;
    items: number;
    mean_deviation: string | number;
    max_deviation: string | number;
  }[];
  disagreements: {
    unit: string;
    indicator: string;
    max_points: string | number;
    spread: string | number;
    raters: { account: string; name: string; points: string }[];
  }[];
  history: Verification;
}

export interface HistoryEntry {
  seq: number;
  at: string;
  account: string;
  /** the person's name; the account for one no longer among the campaign's people */
  name: string;
  action: string;
  entity: string;
  indicator: string | null;
  kind: string | null;
  old: unknown;
  new: unknown;
  reason: string | null;
}

export interface History {
  entries: HistoryEntry[];
  verification: Verification;
}

export interface Publication {
  version: number;
  published_at: string;
  account: string;
  /** the publisher's name, from people.csv (older servers: absent) */
  name?: string;
  note: string;
}

export interface PublicationDiff {
  from: number;
  to: number;
  changes: { unit: string; unit_name: string; field: string; before: unknown; after: unknown }[];
}
