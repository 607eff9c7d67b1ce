import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { repoRoot } from './server'

// The loopback test mail server (e2e/mailserver, built by `make build` as
// build/bin/mailserver): SMTP that accepts everything (user any, password
// "secret") and an IMAP mailbox where it drops a delivery report for every
// recipient at bounce.test and an unsubscribe mail for every recipient
// whose address starts with "leave".

export const mailBinary = process.env.DIRECTDESK_MAILSERVER || path.join(repoRoot, 'build', 'bin', 'mailserver')

export interface MailServer {
  smtp: number
  imap: number
  /** The messages received so far (one JSON line each in the log). */
  received: () => { from: string; to: string[] | string; subject: string; messageId: string; size: number }[]
  stop: () => Promise<void>
}

export async function startMailServer(user: string, logFile: string): Promise<MailServer> {
  if (!existsSync(mailBinary)) throw new Error(`${mailBinary} does not exist: run "make build" first`)
  // stdin is a pipe: the server stops when it closes (that is, with us).
  const proc: ChildProcess = spawn(mailBinary, ['-user', user, '-log', logFile], { stdio: ['pipe', 'pipe', 'pipe'] })
  let stderr = ''
  proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()))
  const ports = await new Promise<{ smtp: number; imap: number }>((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`mailserver printed no ports in 10 s: ${stderr}`)), 10_000)
    proc.stdout?.on('data', (d: Buffer) => {
      out += d.toString()
      const nl = out.indexOf('\n')
      if (nl < 0) return
      clearTimeout(timer)
      resolve(JSON.parse(out.slice(0, nl)))
    })
    proc.once('exit', (code) => reject(new Error(`mailserver exited with ${code}: ${stderr}`)))
  })
  const received = () => {
    if (!existsSync(logFile)) return []
    return readFileSync(logFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l))
  }
  const stop = async () => {
    if (proc.exitCode !== null || proc.signalCode !== null) return
    const exited = new Promise<void>((r) => proc.once('exit', () => r()))
    proc.kill('SIGTERM')
    await exited
  }
  return { ...ports, received, stop }
}
