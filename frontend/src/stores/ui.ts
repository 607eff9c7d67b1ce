import { defineStore } from 'pinia'
import { ref } from 'vue'

/** Window-wide UI state: the help drawer and the About dialog. */
export const useUiStore = defineStore('ui', () => {
  const helpOpen = ref(false)
  const aboutOpen = ref(false)
  return { helpOpen, aboutOpen }
})
