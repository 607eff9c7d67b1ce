import * as W from '../../wailsjs/go/app/Workspace'
import { marketing } from '../../wailsjs/go/models'
import { call } from './call'
import type { AboutInfo, Settings, WorkspaceInfo } from './types'

export function info(): Promise<WorkspaceInfo> {
  return call(W.Info()) as Promise<unknown> as Promise<WorkspaceInfo>
}

/** Tells the backend the UI has started; call once ("desktop" or "browser"). */
export function uiReady(client: string): Promise<void> {
  return call(W.UIReady(client))
}

export function settings(): Promise<Settings> {
  return call(W.Settings()) as Promise<unknown> as Promise<Settings>
}

export function saveSettings(s: Settings): Promise<Settings> {
  return call(W.SaveSettings(marketing.Settings.createFrom(s))) as Promise<unknown> as Promise<Settings>
}

/** Stores the picture at path as the logo ("" removes it); returns its data URL. */
export function setLogo(path: string): Promise<string> {
  return call(W.SetLogo(path))
}

export function logo(): Promise<string> {
  return call(W.Logo())
}

/** Loads n demo contacts; resolves when done (progress arrives as job events). */
export function loadDemo(n: number): Promise<WorkspaceInfo> {
  return call(W.LoadDemo(n)) as Promise<unknown> as Promise<WorkspaceInfo>
}

/** Deletes the demo contacts (with their orders) and the demo products; contacts the user added stay. */
export function removeDemo(): Promise<WorkspaceInfo> {
  return call(W.RemoveDemo()) as Promise<unknown> as Promise<WorkspaceInfo>
}

export function cancelJob(job: string): Promise<boolean> {
  return call(W.CancelJob(job))
}

export function about(): Promise<AboutInfo> {
  return call(W.About())
}
