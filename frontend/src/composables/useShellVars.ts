import { computed } from 'vue'
import { useThemeVars } from 'naive-ui'

/**
 * The app's CSS variables (--dd-card, --dd-border, --dd-primary...) from the
 * theme. The shell sets them on itself; dialogs are moved to <body>, outside
 * the shell, so they set them again on their card.
 */
export function useShellVars() {
  const vars = useThemeVars()
  return computed(() => ({
    '--dd-body': vars.value.bodyColor,
    '--dd-card': vars.value.cardColor,
    '--dd-border': vars.value.dividerColor,
    '--dd-text': vars.value.textColor1,
    '--dd-text-2': vars.value.textColor3,
    '--dd-primary': vars.value.primaryColor,
    '--dd-hover': vars.value.hoverColor,
    '--dd-active-bg': vars.value.primaryColor + '1a',
  }))
}
