// A deadline before today makes an item 逾期 the moment it is saved. HQ may mean that (a
// 巡视反馈 item that was due already, a deadline brought forward), so the console asks
// instead of refusing, naming the day the server counts from: Beijing's (RectificationLedger::today).
import { ElMessageBox } from 'element-plus';
import { i18n } from '../i18n';

/** Today in Beijing as YYYY-MM-DD, whatever the browser's time zone. */
export function beijingToday(now = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** True to save: the deadline is empty, today or later, or HQ confirmed a past one. */
export async function confirmDeadline(deadline: string): Promise<boolean> {
  const today = beijingToday();
  if (!deadline || deadline >= today) return true;
  const t = i18n.global.t;
  try {
    await ElMessageBox.confirm(t('followup.deadline.pastMessage', { deadline, today }), t('followup.deadline.pastTitle'), {
      type: 'warning',
      confirmButtonText: t('followup.deadline.saveAnyway'),
      cancelButtonText: t('followup.deadline.change'),
      customClass: 'past-deadline-confirm',
      distinguishCancelAndClose: false,
    });
    return true;
  } catch {
    return false;
  }
}
