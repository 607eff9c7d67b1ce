import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { defineComponent, h } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import { NDialogProvider, NMessageProvider } from 'naive-ui'
import type { MailingStatus } from '../../api/email'

vi.mock('../../api/email', () => ({
  SEND_JOB: 'email',
  INBOX_JOB: 'inbox',
  recipients: vi.fn(async () => ({ rows: [], total: 0 })),
  status: vi.fn(),
  resolveUnknown: vi.fn(async () => 3),
  retryFailed: vi.fn(async () => 2),
  exportRecipients: vi.fn(),
}))
vi.mock('../../api/events', () => ({ onEvent: vi.fn(() => () => {}) }))

import * as api from '../../api/email'
import { i18n } from '../../i18n'
import MailingDetail from './MailingDetail.vue'

function status(over: Partial<MailingStatus> = {}, pauseReason = '', mailingStatus: MailingStatus['mailing']['status'] = 'running'): MailingStatus {
  return {
    mailing: {
      campaignId: 1, touchId: 7, name: 'Forår', status: mailingStatus, accountId: 1, templateId: 1, templateVersion: 1, segmentId: 0,
      selection: '', pauseReason, createdAt: '2026-12-01T10:00:00Z', startedAt: '2026-12-01T10:00:00Z', finishedAt: '',
    },
    account: 'Shop mail',
    counts: { queued: 10, sent: 80, soft_failed: 2, hard_failed: 1, unknown: 3, skipped: 4 },
    total: 100,
    done: 88,
    active: true,
    waiting: '',
    waitUntil: '',
    perMinute: 30,
    etaSeconds: 1500,
    ...over,
  }
}

function mountDetail(st: MailingStatus) {
  setActivePinia(createPinia())
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { render: () => null } }] })
  const Host = defineComponent({
    setup: () => () => h(NMessageProvider, null, { default: () => h(NDialogProvider, null, { default: () => h(MailingDetail, { status: st }) }) }),
  })
  return mount(Host, { global: { plugins: [i18n, router] }, attachTo: document.body })
}

describe('MailingDetail', () => {
  it('shows every state count, the progress, the rate and the time left', async () => {
    const w = mountDetail(status())
    await flushPromises()
    expect(w.get('[data-testid="mailing-count-sent"]').text()).toContain('80')
    expect(w.get('[data-testid="mailing-count-unknown"]').text()).toContain('3')
    expect(w.findAll('[data-testid^="mailing-count-"]')).toHaveLength(9)
    expect(w.get('[data-testid="mailing-progress"]').text()).toContain('88 of 100')
    expect(w.get('[data-testid="mailing-rate"]').text()).toBe('30 messages per minute')
    expect(w.get('[data-testid="mailing-eta"]').text()).toBe('about 25 minutes left')
    expect(w.find('[data-testid="mailing-pause"]').exists()).toBe(true)
    expect(w.find('[data-testid="mailing-resume"]').exists()).toBe(false)
    expect(w.get('[data-testid="mailing-retry"]').text()).toContain('3')
    w.unmount()
  })

  it('asks what to do with messages that may not have arrived, and does only what is chosen', async () => {
    const w = mountDetail(status())
    await flushPromises()
    expect(w.get('[data-testid="mailing-unknown"]').text()).toContain('3 messages may or may not have arrived')
    expect(api.resolveUnknown).not.toHaveBeenCalled()
    await w.get('[data-testid="mailing-unknown-sent"]').trigger('click')
    await flushPromises()
    expect(api.resolveUnknown).toHaveBeenCalledWith(7, false)
    w.unmount()
  })

  it('explains a pause in words, with the English detail and a way to the password', async () => {
    const w = mountDetail(status({ active: false, waiting: 'password', counts: { queued: 10 } }, 'password: DirectDesk needs the password of the mail account Shop mail.', 'paused'))
    await flushPromises()
    const box = w.get('[data-testid="mailing-pause-reason"]')
    expect(box.attributes('data-code')).toBe('password')
    expect(box.text()).toContain('DirectDesk does not know the password of the mail account.')
    expect(box.text()).toContain('DirectDesk needs the password of the mail account Shop mail.')
    expect(w.find('[data-testid="mailing-password"]').exists()).toBe(true)
    expect(w.find('[data-testid="mailing-resume"]').exists()).toBe(true)
    expect(w.find('[data-testid="mailing-pause"]').exists()).toBe(false)
    expect(w.find('[data-testid="mailing-retry"]').exists()).toBe(false)
    expect(w.find('[data-testid="mailing-unknown"]').exists()).toBe(false)
    w.unmount()
  })

  it('says what a sending mailing waits for', async () => {
    const w = mountDetail(status({ waiting: 'rate_limit', waitUntil: new Date(Date.now() + 60_000).toISOString() }))
    await flushPromises()
    expect(w.get('[data-testid="mailing-waiting"]').text()).toMatch(/sending limit\. Sending goes on at \d/)
    w.unmount()
  })

  it('offers no pause or cancel once finished', async () => {
    const w = mountDetail(status({ active: false, counts: { sent: 100 }, done: 100 }, '', 'finished'))
    await flushPromises()
    expect(w.find('[data-testid="mailing-pause"]').exists()).toBe(false)
    expect(w.find('[data-testid="mailing-cancel"]').exists()).toBe(false)
    expect(w.get('[data-testid="mailing-progress"]').text()).toContain('Every recipient has been handled.')
    w.unmount()
  })
})
