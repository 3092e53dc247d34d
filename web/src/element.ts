// Element Plus components the console uses, registered once (the rest stays out of the
// bundle). Styles come from the full stylesheet, which is small next to the scripts.
import type { App } from 'vue';
import {
  ElAlert,
  ElButton,
  ElCard,
  ElConfigProvider,
  ElDialog,
  ElDrawer,
  ElEmpty,
  ElForm,
  ElFormItem,
  ElIcon,
  ElImage,
  ElInput,
  ElInputNumber,
  ElLoadingDirective,
  ElMenu,
  ElMenuItem,
  ElOption,
  ElProgress,
  ElSelect,
  ElTable,
  ElTableColumn,
  ElTag,
  ElTooltip,
} from 'element-plus';
import 'element-plus/dist/index.css';

const components = [
  ElAlert,
  ElButton,
  ElCard,
  ElConfigProvider,
  ElDialog,
  ElDrawer,
  ElEmpty,
  ElForm,
  ElFormItem,
  ElIcon,
  ElImage,
  ElInput,
  ElInputNumber,
  ElMenu,
  ElMenuItem,
  ElOption,
  ElProgress,
  ElSelect,
  ElTable,
  ElTableColumn,
  ElTag,
  ElTooltip,
];

export function installElement(app: App): void {
  for (const component of components) app.use(component);
  app.directive('loading', ElLoadingDirective);
}
