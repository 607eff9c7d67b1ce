/// <reference types="vitest/config" />
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

// Exact versions of the npm packages shipped in the bundle, for the About box.
const shipped: { name: string; license: string }[] = [
  { name: 'vue', license: 'MIT' },
  { name: 'vue-router', license: 'MIT' },
  { name: 'pinia', license: 'MIT' },
  { name: 'vue-i18n', license: 'MIT' },
  { name: 'naive-ui', license: 'MIT' },
  { name: '@vicons/ionicons5', license: 'MIT' },
  { name: '@fontsource-variable/inter', license: 'OFL-1.1' },
  { name: 'vite', license: 'MIT' },
]
const npmLicenses = shipped.map((p) => {
  let version = ''
  try {
    const url = new URL(`./node_modules/${p.name}/package.json`, import.meta.url)
    version = JSON.parse(readFileSync(fileURLToPath(url), 'utf8')).version
  } catch {
    version = ''
  }
  return { name: p.name, version, license: p.license }
})

export default defineConfig({
  plugins: [vue()],
  base: './',
  define: {
    __NPM_LICENSES__: JSON.stringify(npmLicenses),
    // vue-i18n: Composition API only, no devtools in the shipped app.
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
  },
})
