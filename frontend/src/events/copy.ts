// Copying a link to the clipboard, with a short message either way.
import { ElMessage } from 'element-plus'
import { useI18n } from 'vue-i18n'

/** useCopyLink returns copy(text), which puts text on the clipboard and says so. */
export function useCopyLink() {
  const { t } = useI18n()
  return async function copy(text: string) {
    try {
      await navigator.clipboard.writeText(text)
      ElMessage.success(t('ui.events.detail.link_copied'))
    } catch {
      ElMessage.warning(t('ui.events.detail.link_copy_failed'))
    }
  }
}
