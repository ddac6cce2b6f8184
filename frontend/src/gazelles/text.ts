// Reading the engine's messages (gazelle.*) in the current language, with
// their figures written the way the language writes them.
import { useI18n } from 'vue-i18n'
import type { Message } from '../transport/problem'
import { amountText, growthText, localizeParams } from './model'

/** useGazelleText gives a component the texts of verdicts, rules and figures. */
export function useGazelleText() {
  const { t, te, locale } = useI18n()

  /** message translates an engine message; an unknown key reads as error.internal, never the raw key. */
  function message(m: Message | null | undefined): string {
    if (!m?.key) return ''
    if (!(te(m.key) || te(m.key, 'da'))) return t('error.internal')
    return t(m.key, localizeParams(m, locale.value))
  }

  /** label translates a key such as gazelle.rule.form or gazelle.status.passed, or shows it as it is. */
  function label(key: string): string {
    return te(key) || te(key, 'da') ? t(key) : key
  }

  /** result names a verdict's result: Gazelle, Ikke gazelle, … */
  const result = (r: string) => label(`gazelle.result.${r}`)
  /** status names a rule's status. */
  const status = (s: string) => label(`gazelle.status.${s}`)
  /** measure names the figure growth was measured on. */
  const measure = (m: string) => (m ? label(`gazelle.measure.${m}`) : '')
  /** decision names the jury's decision; '' for none. */
  const decision = (d: string) => (d ? label(`ui.gazelles.decision.${d}`) : '')

  return {
    message,
    label,
    result,
    status,
    measure,
    decision,
    amount: (n: number | null | undefined) => amountText(n, locale.value),
    growth: (g: number | null | undefined) => growthText(g, locale.value),
  }
}
