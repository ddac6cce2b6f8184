import { computed, ref } from 'vue'
import { createI18n, type MessageCompiler, type MessageContext } from 'vue-i18n'
import elDa from 'element-plus/es/locale/lang/da'
import elEn from 'element-plus/es/locale/lang/en'
import da from '@locales/da.json'
import en from '@locales/en.json'

/** The languages of the UI, Danish first (the Go side's i18n.Languages). */
export const languages = ['da', 'en'] as const

/** Language is one of languages. */
export type Language = (typeof languages)[number]

const storageKey = 'convene.lang'

/** isLanguage reports whether v is a supported language. */
export function isLanguage(v: unknown): v is Language {
  return typeof v === 'string' && (languages as readonly string[]).includes(v)
}

/**
 * fill replaces {name} placeholders with params, exactly as the Go side's
 * Catalog.T does: placeholders without a parameter stay as they are.
 */
export function fill(message: string, params: Record<string, unknown> = {}): string {
  return message.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  )
}

// The catalogs are shared with Go, whose only syntax is {name}. vue-i18n's
// own message syntax would also give meaning to characters such as @ and |
// (as in "navn@firma.dk"), so the catalogs are compiled with Go's rules.
const compileMessage: MessageCompiler = (message) => {
  const text = typeof message === 'string' ? message : ''
  return (ctx: MessageContext<string>) => fill(text, ctx.values)
}

function storedLanguage(): Language | null {
  try {
    const v = localStorage.getItem(storageKey)
    return isLanguage(v) ? v : null
  } catch {
    return null
  }
}

/** createAppI18n makes the vue-i18n instance with both catalogs. */
export function createAppI18n(locale: Language = storedLanguage() ?? 'da') {
  return createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'da',
    messages: { da, en },
    messageCompiler: compileMessage,
    missingWarn: false,
    fallbackWarn: false,
    warnHtmlMessage: false,
  })
}

/** i18n is the app's instance. */
export const i18n = createAppI18n()

const current = ref<Language>(i18n.global.locale.value as Language)

/** language is the language currently shown. */
export const language = computed(() => current.value)

/** elementLocale is Element Plus's locale for the current language. */
export const elementLocale = computed(() => (current.value === 'en' ? elEn : elDa))

/** hasChosenLanguage reports whether the user picked a language before. */
export function hasChosenLanguage(): boolean {
  return storedLanguage() !== null
}

/**
 * setLanguage switches the UI and Element Plus to lang. With remember it
 * is kept in localStorage for the next visit.
 */
export function setLanguage(lang: Language, remember = true): void {
  i18n.global.locale.value = lang
  current.value = lang
  document.documentElement.lang = lang
  if (remember) {
    try {
      localStorage.setItem(storageKey, lang)
    } catch {
      // private mode: the choice lasts this visit only
    }
  }
}

/** translator is the global t/te pair for code outside components. */
export const translator = {
  t: (key: string, params?: Record<string, unknown>) => i18n.global.t(key, params ?? {}),
  te: (key: string) => i18n.global.te(key) || i18n.global.te(key, 'da'),
}
