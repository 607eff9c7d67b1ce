/// <reference types="vite/client" />

declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}

declare const __NPM_LICENSES__: { name: string; version: string; license: string }[]

interface Window {
  directdeskBrowserMode?: boolean
}
