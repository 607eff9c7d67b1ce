import { createRouter, createWebHashHistory } from 'vue-router'
import HomeView from './views/HomeView.vue'

// The landing page is in the main bundle; the others load on first visit, so
// the window paints sooner (the data table and forms are most of the code).
const ContactsView = () => import('./views/ContactsView.vue')
const SettingsView = () => import('./views/SettingsView.vue')
const ImportView = () => import('./views/ImportView.vue')
const SegmentsView = () => import('./views/SegmentsView.vue')
const DocumentsView = () => import('./views/DocumentsView.vue')
const ProductsView = () => import('./views/ProductsView.vue')
const EmailView = () => import('./views/EmailView.vue')
const CampaignsView = () => import('./views/CampaignsView.vue')
const CampaignView = () => import('./views/CampaignView.vue')
const CampaignWizardView = () => import('./views/CampaignWizardView.vue')
const ResponsesView = () => import('./views/ResponsesView.vue')
const PrivacyView = () => import('./views/PrivacyView.vue')

export type HelpTopic = 'home' | 'contacts' | 'segments' | 'documents' | 'email' | 'campaigns' | 'responses' | 'privacy' | 'products' | 'import' | 'settings' | 'welcome'

declare module 'vue-router' {
  interface RouteMeta {
    titleKey?: string
    help?: HelpTopic
  }
}

export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', name: 'home', component: HomeView, meta: { titleKey: 'home.title', help: 'home' } },
    { path: '/contacts', name: 'contacts', component: ContactsView, meta: { titleKey: 'contacts.title', help: 'contacts' } },
    { path: '/segments', name: 'segments', component: SegmentsView, meta: { titleKey: 'segments.title', help: 'segments' } },
    { path: '/documents', name: 'documents', component: DocumentsView, meta: { titleKey: 'documents.title', help: 'documents' } },
    { path: '/email', name: 'email', component: EmailView, meta: { titleKey: 'email.title', help: 'email' } },
    { path: '/campaigns', name: 'campaigns', component: CampaignsView, meta: { titleKey: 'campaign.title', help: 'campaigns' } },
    { path: '/campaigns/new', name: 'campaign-new', component: CampaignWizardView, meta: { titleKey: 'campaign.title', help: 'campaigns' } },
    { path: '/campaigns/:id/edit', name: 'campaign-edit', component: CampaignWizardView, meta: { titleKey: 'campaign.title', help: 'campaigns' } },
    { path: '/campaigns/:id', name: 'campaign', component: CampaignView, meta: { titleKey: 'campaign.title', help: 'campaigns' } },
    { path: '/responses', name: 'responses', component: ResponsesView, meta: { titleKey: 'work.title', help: 'responses' } },
    { path: '/privacy', name: 'privacy', component: PrivacyView, meta: { titleKey: 'privacy.title', help: 'privacy' } },
    { path: '/products', name: 'products', component: ProductsView, meta: { titleKey: 'products.title', help: 'products' } },
    { path: '/import', name: 'import', component: ImportView, meta: { titleKey: 'imports.title', help: 'import' } },
    { path: '/settings', name: 'settings', component: SettingsView, meta: { titleKey: 'settings.title', help: 'settings' } },
    { path: '/:pathMatch(.*)*', redirect: '/' },
  ],
})
