// What a liaison has typed on an item but not saved or sent yet (the plan, the report
// text), kept in sessionStorage per account and item: a session that expires mid-sentence
// sends them to sign-in and back, and the page then reopens with their words. The tab's
// sessionStorage ends with the tab, so a draft never outlives the browser session.
import { state } from '../session';

export interface PlanDraft {
  measures: string;
  responsible: string;
  deadline: string;
  milestones: { id?: string; title: string; due: string; done: boolean }[];
}

type Part = 'plan' | 'report';

// Signed out (the session just expired) there is no account to keep a draft under.
function key(part: Part, itemId: string): string | null {
  const account = state.session?.account;
  return account ? `onsite.followup.draft.${account}.${itemId}.${part}` : null;
}

function read<T>(part: Part, itemId: string): T | null {
  const name = key(part, itemId);
  if (!name) return null;
  try {
    const text = sessionStorage.getItem(name);
    return text ? (JSON.parse(text) as T) : null;
  } catch {
    return null;
  }
}

function write(part: Part, itemId: string, value: unknown): void {
  const name = key(part, itemId);
  if (!name) return;
  try {
    if (value === null) sessionStorage.removeItem(name);
    else sessionStorage.setItem(name, JSON.stringify(value));
  } catch {
    // Storage full or disabled (private mode): the draft is a convenience, typing goes on.
  }
}

export const planDraft = {
  load: (itemId: string) => read<PlanDraft>('plan', itemId),
  save: (itemId: string, draft: PlanDraft | null) => write('plan', itemId, draft),
};

export const reportDraft = {
  load: (itemId: string) => read<string>('report', itemId) ?? '',
  save: (itemId: string, text: string) => write('report', itemId, text ? text : null),
};
