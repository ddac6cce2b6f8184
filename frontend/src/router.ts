import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router'
import ComingSoon from './views/ComingSoon.vue'
import SettingsView from './views/SettingsView.vue'
import MailView from './views/MailView.vue'
import CompaniesView from './register/CompaniesView.vue'
import CompanyDetailView from './register/CompanyDetailView.vue'
import ContactsView from './register/ContactsView.vue'
import ContactDetailView from './register/ContactDetailView.vue'
import ImportView from './register/import/ImportView.vue'
import SegmentsView from './segments/SegmentsView.vue'
import EventsView from './events/EventsView.vue'
import EventDetailView from './events/EventDetailView.vue'
import CheckinView from './registrations/CheckinView.vue'

/** NavItem is one entry of the left navigation. */
export interface NavItem {
  name: string
  path: string
  /** ui.nav.<name> is its label. */
  icon: string
}

/** navSection is the nav item a path belongs to: the register's screens are under companies. */
export function navSection(path: string): string {
  if (/^\/(companies|contacts|segments)(\/|$)/.test(path)) return 'companies'
  if (/^\/events(\/|$)/.test(path)) return 'events'
  if (/^\/campaigns(\/|$)/.test(path)) return 'campaigns'
  if (/^\/gazelles(\/|$)/.test(path)) return 'gazelles'
  if (/^\/(reports|audit)(\/|$)/.test(path)) return 'reports'
  return navItems.find((n) => n.path === path)?.name ?? ''
}

/** navItems is the left navigation, in order. */
export const navItems: NavItem[] = [
  { name: 'overview', path: '/', icon: 'House' },
  { name: 'reports', path: '/reports', icon: 'DataAnalysis' },
  { name: 'events', path: '/events', icon: 'Calendar' },
  { name: 'companies', path: '/companies', icon: 'OfficeBuilding' },
  { name: 'campaigns', path: '/campaigns', icon: 'Message' },
  { name: 'gazelles', path: '/gazelles', icon: 'TrendCharts' },
  { name: 'mail', path: '/mail', icon: 'Promotion' },
  { name: 'settings', path: '/settings', icon: 'Setting' },
]

const routes: RouteRecordRaw[] = [
  ...navItems
    .filter((n) => !['settings', 'mail', 'companies', 'events', 'campaigns', 'gazelles', 'overview', 'reports'].includes(n.name))
    .map((n) => ({ path: n.path, name: n.name, component: ComingSoon, props: { section: n.name } })),
  // The start page; the reports (with their charts) and the audit log (admins) load when first opened.
  { path: '/', name: 'overview', component: () => import('./overview/OverviewView.vue') },
  { path: '/reports', name: 'reports', component: () => import('./reports/ReportsView.vue') },
  { path: '/audit', name: 'audit', component: () => import('./audit/AuditView.vue') },
  { path: '/mail', name: 'mail', component: MailView },
  // Events: /events/new creates one; /events/:id/checkin is the entrance desk.
  { path: '/events', name: 'events', component: EventsView },
  { path: '/events/:id', name: 'event', component: EventDetailView },
  { path: '/events/:id/checkin', name: 'event-checkin', component: CheckinView },
  // Campaigns: /campaigns/new starts one (?event=ID&kind=invitation fills in an invitation).
  // Loaded when first opened, which keeps the main bundle under Vite's size limit.
  { path: '/campaigns', name: 'campaigns', component: () => import('./campaigns/CampaignsView.vue') },
  { path: '/campaigns/:id', name: 'campaign', component: () => import('./campaigns/CampaignEditView.vue') },
  // Gazelles: the award rounds, one round's jury work, its nytårskur guests and the evening's slides.
  { path: '/gazelles', name: 'gazelles', component: () => import('./gazelles/GazellesView.vue') },
  { path: '/gazelles/:id', name: 'gazelle-round', component: () => import('./gazelles/RoundView.vue') },
  { path: '/gazelles/:id/guests', name: 'gazelle-guests', component: () => import('./gazelles/GuestsView.vue') },
  { path: '/gazelles/:id/presentation', name: 'gazelle-presentation', component: () => import('./gazelles/PresentationView.vue') },
  // The register: /companies/new and /contacts/new create.
  { path: '/companies', name: 'companies', component: CompaniesView },
  { path: '/companies/import', name: 'companies-import', component: ImportView },
  { path: '/companies/:id', name: 'company', component: CompanyDetailView },
  { path: '/contacts', name: 'contacts', component: ContactsView },
  { path: '/contacts/:id', name: 'contact', component: ContactDetailView },
  { path: '/segments', name: 'segments', component: SegmentsView },
  { path: '/settings', name: 'settings', component: SettingsView },
  { path: '/:rest(.*)*', redirect: '/' },
]

/** createAppRouter uses hash history: the app is served at / and at /admin/. */
export function createAppRouter() {
  return createRouter({ history: createWebHashHistory(), routes })
}
