import { onBeforeUnmount, ref, watch, type Ref } from 'vue'

/**
 * The width of a chart's box in pixels, followed as the window resizes, so
 * the SVG draws at its real size (text stays its size instead of scaling).
 * Without layout (tests) or before the box exists: the fallback.
 */
export function useChartWidth(el: Ref<HTMLElement | null>, fallback = 640): Ref<number> {
  const width = ref(fallback)
  let observer: ResizeObserver | undefined
  const measure = () => {
    const w = el.value?.clientWidth ?? 0
    if (w > 0 && Math.abs(w - width.value) >= 1) width.value = Math.floor(w)
  }
  // The box may appear later (after the data): observe whichever element is there.
  watch(
    el,
    (node) => {
      observer?.disconnect()
      observer = undefined
      if (!node) return
      measure()
      if (typeof ResizeObserver !== 'undefined') {
        observer = new ResizeObserver(measure)
        observer.observe(node)
      }
    },
    { flush: 'post', immediate: true },
  )
  onBeforeUnmount(() => observer?.disconnect())
  return width
}
