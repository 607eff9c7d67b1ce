import { h } from 'vue'
import { NTag, NEllipsis } from 'naive-ui'
import type { DataTableColumn } from 'naive-ui'
import CountryFlag from '../CountryFlag.vue'
import type { Contact, ContactColumn, ContactSortField } from '../../api/types'
import { contactSortFields } from '../../api/types'
import { displayName, initials } from '../../utils/format'

export interface ColumnContext {
  t: (key: string) => string
  number: (n: number) => string
  date: (iso: string) => string
  dateTime: (iso: string) => string
  country: (code: string) => string
  language: (code: string) => string
  phone: (e164: string) => string
  sort: ContactSortField
  desc: boolean
}

/**
 * How wide each column is. The table lays its columns out at these widths
 * (fixed layout), shares any extra room in proportion, and scrolls sideways
 * when they do not fit. The default columns fit a 1280-pixel window; the
 * name gets the most room, as it is what people look for: Danish, Swedish
 * and Norwegian names fit, and a longer one (many three-part Russian names)
 * is cut with "…" and shown whole in a tooltip. Phone numbers fit whole in
 * every demo country's format (a cut number is no use); emails are cut
 * first: they are long anyway, and searchable.
 */
export const columnWidth: Record<ContactColumn, number> = {
  name: 248,
  customerNo: 110,
  kind: 110,
  company: 116,
  jobTitle: 150,
  gender: 90,
  birthDate: 120,
  email: 132,
  phone: 154,
  mobile: 154,
  street1: 170,
  postcode: 90,
  city: 98,
  region: 150,
  country: 108,
  language: 100,
  customerSince: 120,
  source: 110,
  tags: 124,
  createdAt: 150,
  updatedAt: 150,
}

const text = (v: string) => (v ? h(NEllipsis, { tooltip: { placement: 'top-start', delay: 600 } }, { default: () => v }) : '')

function cell(c: ContactColumn, row: Contact, ctx: ColumnContext) {
  switch (c) {
    case 'name':
      return h('div', { class: 'dd-name-cell' }, [
        h('span', { class: ['dd-avatar', row.kind === 'prospect' ? 'prospect' : ''], 'aria-hidden': 'true' }, initials(row)),
        h('span', { class: 'dd-name' }, [text(displayName(row) || ctx.t('contact.noName'))]),
      ])
    case 'kind':
      return ctx.t(`kind.${row.kind || 'customer'}`)
    case 'gender':
      return row.gender ? ctx.t(`gender.${row.gender}`) : ''
    case 'birthDate':
    case 'customerSince':
      return ctx.date(row[c])
    case 'createdAt':
    case 'updatedAt':
      return ctx.dateTime(row[c])
    case 'phone':
    case 'mobile':
      return row[c] ? h('span', { class: 'dd-tabular dd-nowrap dd-clip', title: ctx.phone(row[c]) }, ctx.phone(row[c])) : ''
    case 'country':
      return row.country
        ? h('span', { class: 'dd-country' }, [h(CountryFlag, { code: row.country, size: 18 }), text(ctx.country(row.country))])
        : ''
    case 'language':
      return row.language ? ctx.language(row.language) : ''
    case 'source':
      return ['manual', 'demo', 'import'].includes(row.source) ? ctx.t(`source.${row.source}`) : text(row.source)
    case 'tags': {
      const tags = row.tags ?? []
      const shown = tags.slice(0, 1)
      const rest = tags.length - shown.length
      return h('div', { class: 'dd-tags', title: tags.length ? tags.join(', ') : undefined }, [
        ...shown.map((tag) => h(NTag, { size: 'small', bordered: false, round: false, key: tag }, { default: () => tag })),
        rest > 0 ? h('span', { class: 'dd-more' }, `+${rest}`) : null,
      ])
    }
    default:
      return text(row[c] as string)
  }
}

/** The data-table columns for the chosen contact columns. */
export function buildColumns(cols: ContactColumn[], ctx: ColumnContext): DataTableColumn<Contact>[] {
  const out: DataTableColumn<Contact>[] = [{ type: 'selection', width: 40, fixed: 'left' }]
  for (const c of cols) {
    const sortable = (contactSortFields as readonly string[]).includes(c)
    out.push({
      key: c,
      title: ctx.t(`columns.${c}`),
      width: columnWidth[c],
      fixed: c === 'name' ? 'left' : undefined,
      sorter: sortable ? true : undefined,
      sortOrder: sortable ? (ctx.sort === c ? (ctx.desc ? 'descend' : 'ascend') : false) : undefined,
      className: `dd-col-${c}`,
      render: (row: Contact) => cell(c, row, ctx),
    })
  }
  return out
}

/** The total width, for horizontal scrolling. */
export function columnsWidth(cols: ContactColumn[]): number {
  return 40 + cols.reduce((sum, c) => sum + columnWidth[c], 0)
}
