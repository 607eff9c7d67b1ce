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

/** How wide each column is at least; the table scrolls sideways beyond their sum. */
export const columnMinWidth: Record<ContactColumn, number> = {
  name: 204,
  customerNo: 110,
  kind: 110,
  company: 140,
  jobTitle: 150,
  gender: 90,
  birthDate: 120,
  email: 186,
  phone: 128,
  mobile: 124,
  street1: 170,
  postcode: 90,
  city: 104,
  region: 150,
  country: 106,
  language: 100,
  customerSince: 120,
  source: 110,
  tags: 116,
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
      return h('span', { class: 'dd-tabular dd-nowrap' }, ctx.phone(row[c]))
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
      return h('div', { class: 'dd-tags' }, [
        ...shown.map((tag) => h(NTag, { size: 'small', bordered: false, round: false, key: tag }, { default: () => tag })),
        rest > 0 ? h('span', { class: 'dd-more', title: tags.slice(1).join(', ') }, `+${rest}`) : null,
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
      minWidth: columnMinWidth[c],
      fixed: c === 'name' ? 'left' : undefined,
      sorter: sortable ? true : undefined,
      sortOrder: sortable ? (ctx.sort === c ? (ctx.desc ? 'descend' : 'ascend') : false) : undefined,
      className: `dd-col-${c}`,
      render: (row: Contact) => cell(c, row, ctx),
    })
  }
  return out
}

/** The total minimum width, for horizontal scrolling. */
export function columnsWidth(cols: ContactColumn[]): number {
  return 40 + cols.reduce((sum, c) => sum + columnMinWidth[c], 0)
}
