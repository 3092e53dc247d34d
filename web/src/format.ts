// Display helpers shared by the pages.
import { i18n } from './i18n';

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** "2026-06-20 14:03" in the browser's time zone; the raw text when it is not a date. */
export function dateTime(value: string | null | undefined, seconds = false): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const text = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
  return seconds ? `${text}:${pad(date.getSeconds())}` : text;
}

export function date(value: string | null | undefined): string {
  return dateTime(value).slice(0, 10);
}

export function num(value: string | number | null | undefined): number {
  if (value === null || value === undefined || value === '') return 0;
  const n = typeof value === 'number' ? value : Number.parseFloat(value);
  return Number.isFinite(n) ? n : 0;
}

export function points(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  return typeof value === 'number' ? value.toFixed(2) : value;
}

export function waitText(seconds: number): string {
  const t = i18n.global.t;
  return seconds >= 120 ? t('wait.minutes', { n: Math.ceil(seconds / 60) }) : t('wait.seconds', { n: seconds });
}

/** A score input as stored (string, list, number or object) in one readable line. */
export function inputText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(inputText).join('；');
  return JSON.stringify(value);
}

export function gradeType(grade: string): 'success' | 'primary' | 'warning' | 'danger' | 'info' {
  switch (grade) {
    case '优秀':
      return 'success';
    case '良好':
      return 'primary';
    case '一般':
      return 'warning';
    case '较差':
      return 'danger';
    default:
      return 'info';
  }
}
