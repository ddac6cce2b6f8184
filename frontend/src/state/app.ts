// The little the shell and the screens share: who is signed in, how the
// program runs, and the saved settings.

import { computed, ref } from 'vue'
import type { app, setting } from '../../wailsjs/go/models'
import { Info } from '../../wailsjs/go/app/System'
import { Get } from '../../wailsjs/go/app/Settings'
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
