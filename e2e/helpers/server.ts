import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Page } from '@playwright/test'

/** The repository root, from this file's folder (e2e/helpers). */
export const repoRoot = path.resolve(__dirname, '..', '..')
export const binary = process.env.DIRECTDESK_BIN || path.join(repoRoot, 'build', 'bin', 'directdesk')

export interface Server {
  url: string
  dataDir: string
  stop: () => Promise<void>
}

/**
 * Starts `directdesk serve` on a fresh data folder (or the given one, which is
 * then left in place) and returns the address it printed
 * (one line {"url": "http://127.0.0.1:PORT/?token=..."} on stdout with --json).
 */
export async function startServer(opts: { dataDir?: string } = {}): Promise<Server> {
  if (!existsSync(binary)) {
    throw new Error(`${binary} does not exist: run "make build" (or build the CLI) first`)
  }
  const ownDir = !opts.dataDir
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(tmpdir(), 'directdesk-e2e-'))
  const proc: ChildProcess = spawn(binary, ['serve', '--data', dataDir, '--addr', '127.0.0.1:0', '--json'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '' },
  })
  let stderr = ''
  proc.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString()
  })

  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`directdesk serve printed no address in 20 s. stderr:\n${stderr}`)), 20_000)
    const onData = (d: Buffer) => {
      out += d.toString()
      const nl = out.indexOf('\n')
      if (nl < 0) return
      // --json prints one line of JSON: {"url": "..."}.
      clearTimeout(timer)
      proc.stdout?.off('data', onData)
      try {
        const v = JSON.parse(out.slice(0, nl)) as { url?: string }
        if (v.url) resolve(v.url)
        else reject(new Error(`directdesk serve printed no url: ${out.slice(0, nl)}`))
      } catch {
        reject(new Error(`directdesk serve printed no JSON: ${out.slice(0, nl)}\nstderr:\n${stderr}`))
      }
    }
    proc.stdout?.on('data', onData)
    proc.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`directdesk serve exited with ${code}. stderr:\n${stderr}`))
    })
  })

  const stop = async () => {
    if (proc.exitCode === null && proc.signalCode === null) {
      const exited = new Promise<void>((r) => proc.once('exit', () => r()))
      proc.kill('SIGTERM')
      const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 5_000))
      if ((await Promise.race([exited, timeout])) === 'timeout') {
        proc.kill('SIGKILL')
        await exited
      }
    }
    if (ownDir) rmSync(dataDir, { recursive: true, force: true })
  }
  return { url, dataDir, stop }
}

/**
 * Completes the first run through the same bound methods the UI uses
 * (language, setup done) and optionally loads the demo contacts.
 */
export async function setUpWorkspace(page: Page, url: string, opts: { language?: string; demo?: number } = {}) {
  await page.goto(url)
  await page.waitForFunction(() => !!(window as unknown as { go?: unknown }).go)
  await page.evaluate(async ({ language, demo }) => {
    type W = {
      Settings: () => Promise<Record<string, unknown>>
      SaveSettings: (s: Record<string, unknown>) => Promise<unknown>
      LoadDemo: (n: number) => Promise<unknown>
    }
    const ws = (window as unknown as { go: { app: { Workspace: W } } }).go.app.Workspace
    const s = await ws.Settings()
    s.language = language
    s.setup = true
    await ws.SaveSettings(s)
    if (demo) await ws.LoadDemo(demo)
  }, { language: opts.language ?? 'en', demo: opts.demo ?? 0 })
  await page.reload()
}
