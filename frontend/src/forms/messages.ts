// Turning messages and rejections into text in the current language, for
// forms and cards alike. Both follow a change of language.

import { computed, type ComputedRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { describeError } from '../transport/errors'
import type { Message } from '../transport/problem'

/** useMessages gives the current component translate and errorText. */
export function useMessages() {
  const { t, te, locale } = useI18n()

  /** translate shows a field message; an unknown key reads as error.internal. */
  function translate(m: Message): string {
    void locale.value
    return te(m.key) || te(m.key, 'da') ? t(m.key, m.params ?? {}) : t('error.internal')
  }

  /** errorText is the overall message of whatever source() holds; '' for none. */
  function errorText(source: () => unknown): ComputedRef<string> {
    return computed(() => {
      void locale.value
      const err = source()
      return err ? describeError(err, { t, te }).message : ''
    })
  }

  return { translate, errorText }
}
