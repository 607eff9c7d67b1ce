import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { Settings, WorkspaceInfo } from '../api/types'

vi.mock('../api/workspace', () => ({
  info: vi.fn(),
  loadDemo: vi.fn(),
  removeDemo: vi.fn(),
  cancelJob: vi.fn(),
}))
vi.mock('../api/contacts', () => ({
  list: vi.fn(),
  facets: vi.fn(),
}))

import * as workspaceApi from '../api/workspace'
import * as contactsApi from '../api/contacts'
import { ApiError } from '../api/errors'
import { useDemoStore } from './demo'
import { useAppStore } from './app'
import { useContactsStore } from './contacts'

const settings = { language: 'en', country: 'DK', currency: 'DKK', setup: true } as Settings
function info(contacts: number, demoContacts: number): WorkspaceInfo {
  return {
    dir: '/d',
    file: '/d/directdesk.db',
    version: '1',
    counts: { contacts, orders: demoContacts ? 900 : 0, products: demoContacts ? 12 : 0, demo: demoContacts },
    settings,
    demoContacts,
  }
}

beforeEach(() => {
  setActivePinia(createPinia())
  vi.mocked(contactsApi.list).mockReset().mockResolvedValue({ items: [], total: 1, offset: 0, limit: 50 })
  vi.mocked(contactsApi.facets).mockReset().mockResolvedValue({ countries: [], regions: [], tags: [] })
  vi.mocked(workspaceApi.removeDemo).mockReset()
  vi.mocked(workspaceApi.info).mockReset()
})

describe('removing demo data', () => {
  it('updates the counts, keeps the settings and starts the contact list over', async () => {
    const app = useAppStore()
    const own = { ...settings, business: { name: 'Mine' } } as Settings
    app.info = info(2501, 2500)
    app.settings = own
    const contacts = useContactsStore()
    contacts.tag = 'Newsletter'
    vi.mocked(workspaceApi.removeDemo).mockResolvedValue(info(1, 0))

    const demo = useDemoStore()
    const removed = await demo.remove()
    expect(removed).toBe(2500)
    expect(app.info?.counts).toEqual({ contacts: 1, orders: 0, products: 0, demo: 0 })
    expect(app.info?.demoContacts).toBe(0)
    expect(app.info?.settings).toEqual(own)
    expect(contacts.tag).toBe('')
    expect(contactsApi.list).toHaveBeenCalled()
    expect(contactsApi.facets).toHaveBeenCalled()
    expect(demo.removing).toBe(false)
  })

  it('rejects with the ApiError and re-reads the counts when it fails', async () => {
    const app = useAppStore()
    app.info = info(2500, 2500)
    vi.mocked(workspaceApi.removeDemo).mockRejectedValue('{"code":"internal","message":"disk full"}')
    vi.mocked(workspaceApi.info).mockResolvedValue(info(2500, 2500))
    const demo = useDemoStore()
    await expect(demo.remove()).rejects.toBeInstanceOf(ApiError)
    expect(workspaceApi.info).toHaveBeenCalled()
    expect(demo.removing).toBe(false)
  })
})
