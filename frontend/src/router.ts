import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router'
import ComingSoon from './views/ComingSoon.vue'
import SettingsView from './views/SettingsView.vue'
import MailView from './views/MailView.vue'

/** NavItem is one entry of the left navigation. */
export interface NavItem {
  name: string
  path: string
  /** ui.nav.<name> is its label. */
  icon: string
}

/** navItems is the left navigation, in order. */
export const navItems: NavItem[] = [
  { name: 'overview', path: '/', icon: 'House' },
  { name: 'events', path: '/events', icon: 'Calendar' },
  { name: 'companies', path: '/companies', icon: 'OfficeBuilding' },
  { name: 'campaigns', path: '/campaigns', icon: 'Message' },
  { name: 'gazelles', path: '/gazelles', icon: 'TrendCharts' },
  { name: 'mail', path: '/mail', icon: 'Promotion' },
  { name: 'settings', path: '/settings', icon: 'Setting' },
]

const routes: RouteRecordRaw[] = [
  ...navItems
    .filter((n) => n.name !== 'settings' && n.name !== 'mail')
    .map((n) => ({ path: n.path, name: n.name, component: ComingSoon, props: { section: n.name } })),
  { path: '/mail', name: 'mail', component: MailView },
  { path: '/settings', name: 'settings', component: SettingsView },
  { path: '/:rest(.*)*', redirect: '/' },
]

/** createAppRouter uses hash history: the app is served at / and at /admin/. */
export function createAppRouter() {
  return createRouter({ history: createWebHashHistory(), routes })
}
