import * as B from '../../wailsjs/go/app/Backups'
import { call } from './call'

export type BackupKind = 'manual' | 'daily' | 'weekly' | 'close' | 'before_restore' | 'before_move' | 'damaged'

/** One backup file in the workspace's backups folder. */
export interface BackupInfo {
  name: string
  kind: BackupKind
  /** RFC 3339 time the backup was made. */
  time: string
  size: number
}

export interface BackupList {
  dir: string
  items: BackupInfo[]
  last: string
  auto: boolean
  keep: [number, number]
  damage: boolean
}

export interface BackupStatus {
  name: string
  ok: boolean
  result: string
  contacts: number
  newer: boolean
}

export interface NewestGood {
  found: boolean
  backup: BackupInfo
}

export interface Restored {
  from: string
  aside: string
  contacts: number
  /** People of the backup erased again: they were erased after it was made. */
  erased: number
  /** The replaced file was damaged: erasures made after this backup could not be carried over. */
  erasuresLost: boolean
}

export interface Moved {
  dir: string
  remembered: boolean
}

const as = <T>(p: Promise<unknown>) => call(p) as Promise<T>

export const list = () => as<BackupList>(B.List())
export const check = (name: string) => as<BackupStatus>(B.Check(name))
export const newestGood = () => as<NewestGood>(B.NewestGood())
export const create = () => as<BackupInfo>(B.Create())
export const remove = (name: string) => call(B.Delete(name))
export const restore = (name: string) => as<Restored>(B.Restore(name))
export const openFolder = () => call(B.OpenFolder())
/** "" asks for the folder with the system dialog (desktop only). */
export const move = (dest = '') => as<Moved>(B.Move(dest))
