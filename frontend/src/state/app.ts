// The little the shell and the screens share: who is signed in, how the
// program runs, and the saved settings.

import { computed, ref } from 'vue'
import type { app, setting } from '../../wailsjs/go/models'
import { Info } from '../../wailsjs/go/app/System'
import { Get, Save } from '../../wailsjs/go/app/Settings'
import { defaultTimeZone } from '../format'

/** info is System.Info(), null until loaded. */
export const info = ref<app.SystemInfo | null>(null)

/** settings is the last saved settings, null until loaded. */
export const settings = ref<setting.Settings | null>(null)

/** loadError is the rejection of the start-up load, if it failed. */
export const loadError = ref<unknown>(null)

/** timeZone is the zone times are shown in. */
export const timeZone = computed(() => settings.value?.timeZone || defaultTimeZone)

/** canEditSettings reports whether the actor may save settings. */
export const canEditSettings = computed(() => {
  const a = info.value?.actor
  return !!a && (a.desktop || a.role === 'admin')
})

/** isAdmin reports whether the actor is an admin (the desktop user is). */
export const isAdmin = canEditSettings

/** load fetches the system info and the settings. */
export async function load(): Promise<void> {
  loadError.value = null
  try {
    const [i, s] = await Promise.all([Info(), Get()])
    info.value = i
    settings.value = s
  } catch (err) {
    loadError.value = err
  }
}

/**
 * saveSettings saves s and makes the result the current settings. If
 * someone saved after s was loaded, the server refuses (error.settings_changed):
 * the newer settings are fetched, while the forms keep what was typed, so
 * saving again puts it on top of the newer settings.
 */
export async function saveSettings(s: setting.Settings): Promise<setting.Settings> {
  try {
    const saved = await Save(s)
    settings.value = saved
    return saved
  } catch (err) {
    if ((err as { key?: string } | null)?.key === 'error.settings_changed') {
      settings.value = await Get().catch(() => settings.value)
    }
    throw err
  }
}
