import { createI18n } from 'vue-i18n';
import { computed } from 'vue';
import zhCn from 'element-plus/es/locale/lang/zh-cn';
import enEl from 'element-plus/es/locale/lang/en';
import zh from './zh-CN';
import en from './en';

export type Locale = 'zh-CN' | 'en';
const stored = typeof localStorage !== 'undefined' ? localStorage.getItem('onsite.locale') : null;

export const i18n = createI18n({
  legacy: false,
  locale: stored === 'en' ? 'en' : 'zh-CN',
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zh, en },
});

export const elementLocale = computed(() => (i18n.global.locale.value === 'en' ? enEl : zhCn));

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  localStorage.setItem('onsite.locale', locale);
  document.documentElement.lang = locale;
}

// Values that come from the campaign's Chinese files (grades, finding kinds, scoring
// methods, categories): shown as they are in Chinese, translated in English.
const domainValues: Record<string, string> = {
  优秀: 'Excellent',
  良好: 'Good',
  一般: 'Fair',
  较差: 'Poor',
  问题: 'Problem',
  短板: 'Shortfall',
  弱项: 'Weakness',
  等次评价: 'Graded',
  逐项核查: 'Checklist',
  达标计分: 'Threshold',
  扣分制: 'Deduction',
  加分项: 'Bonus',
  一票否决: 'Veto',
  城区: 'Urban district',
  山区县: 'Mountain county',
  川区县: 'River-valley county',
  是: 'Yes',
  否: 'No',
  好: 'Good',
  较好: 'Fairly good',
  差: 'Poor',
};

export function dv(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (i18n.global.locale.value !== 'en') return value;
  return domainValues[value] ?? value;
}

export const findingKinds = ['问题', '短板', '弱项'];
