// Package exporter writes contacts, orders and products to .xlsx and .csv,
// streamed: a million rows cost the memory of one chunk of rows. Column
// headers are the ones the importer recognises, so an export can be edited
// in Excel and imported again.
package exporter

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"

	"directdesk/backend/marketing"
	"directdesk/backend/sheet"
)

// Store is what exports read.
type Store interface {
	EachContact(ctx context.Context, q marketing.ContactQuery, fn func(c *marketing.Contact, consents []marketing.Consent, total int) error) error
	CustomFieldNames(ctx context.Context) ([]string, error)
	EachOrderLine(ctx context.Context, fn func(r *marketing.OrderLineRow, total int) error) error
	EachProduct(ctx context.Context, fn func(p *marketing.Product, total int) error) error
}

// Options say how to write.
type Options struct {
	// Language picks the CSV delimiter people of that language expect
	// (';' where the decimal separator is a comma, ',' for English).
	Language string
}

// progressEvery is how often (in rows) progress is reported.
const progressEvery = 1000

var contactColumns = []sheet.Column{
	{Header: "Customer no"}, {Header: "First name"}, {Header: "Middle name"}, {Header: "Last name"},
	{Header: "Company"}, {Header: "Job title"}, {Header: "Gender"}, {Header: "Birth date", Kind: sheet.ColDate},
	{Header: "Email", Width: 28}, {Header: "Phone", Width: 16}, {Header: "Mobile", Width: 16}, {Header: "Street", Width: 28},
	{Header: "Street 2"}, {Header: "Postcode", Width: 10}, {Header: "City"}, {Header: "Region"}, {Header: "Country", Width: 9},
	{Header: "Language", Width: 9}, {Header: "Customer since", Kind: sheet.ColDate}, {Header: "Kind"}, {Header: "Source"},
	{Header: "Tags"}, {Header: "Notes", Width: 30},
	{Header: "Consent email"}, {Header: "Consent SMS"}, {Header: "Consent post"}, {Header: "Consent phone"},
	{Header: "Created", Kind: sheet.ColDateTime}, {Header: "Updated", Kind: sheet.ColDateTime},
}

// Contacts writes the contacts q finds (all pages) to path.
func Contacts(ctx context.Context, st Store, q marketing.ContactQuery, path string, opt Options, progress marketing.Progress) (marketing.ExportResult, error) {
	custom, err := st.CustomFieldNames(ctx)
	if err != nil {
		return marketing.ExportResult{}, err
	}
	cols := append([]sheet.Column(nil), contactColumns...)
	for _, name := range custom {
		cols = append(cols, sheet.Column{Header: marketing.CustomFieldPrefix + name})
	}
	return write(path, cols, opt, "Contacts", progress, func(emit func([]string, int) error) error {
		return st.EachContact(ctx, q, func(c *marketing.Contact, consents []marketing.Consent, total int) error {
			cons := map[string]string{}
			for _, x := range consents {
				cons[x.Channel] = map[string]string{marketing.ConsentGranted: "yes", marketing.ConsentRefused: "no"}[x.Status]
			}
			row := []string{c.CustomerNo, c.FirstName, c.MiddleName, c.LastName, c.Company, c.JobTitle, string(c.Gender), c.BirthDate,
				c.Email, c.Phone, c.Mobile, c.Street1, c.Street2, c.Postcode, c.City, c.Region, c.Country, c.Language,
				c.CustomerSince, string(c.Kind), c.Source, joinTags(c.Tags), c.Notes,
				cons[marketing.ChannelEmail], cons[marketing.ChannelSMS], cons[marketing.ChannelPost], cons[marketing.ChannelPhone],
				c.CreatedAt, c.UpdatedAt}
			for _, name := range custom {
				row = append(row, c.Custom[name])
			}
			return emit(row, total)
		})
	})
}

func joinTags(tags []string) string {
	s := ""
	for i, t := range tags {
		if i > 0 {
			s += ", "
		}
		s += t
	}
	return s
}

var orderColumns = []sheet.Column{
	{Header: "Order no"}, {Header: "Date", Kind: sheet.ColDate}, {Header: "Customer no"}, {Header: "Email", Width: 28},
	{Header: "Name"}, {Header: "SKU"}, {Header: "Product", Width: 28}, {Header: "Category"},
	{Header: "Quantity", Kind: sheet.ColInteger}, {Header: "Unit price", Kind: sheet.ColMoney}, {Header: "Amount", Kind: sheet.ColMoney},
	{Header: "Order total", Kind: sheet.ColMoney}, {Header: "Currency", Width: 9}, {Header: "Channel"},
}

// Orders writes every order line (an order without lines as one row).
func Orders(ctx context.Context, st Store, path string, opt Options, progress marketing.Progress) (marketing.ExportResult, error) {
	return write(path, orderColumns, opt, "Orders", progress, func(emit func([]string, int) error) error {
		return st.EachOrderLine(ctx, func(r *marketing.OrderLineRow, total int) error {
			o, l := &r.Order, &r.Line
			qty, unit, amount := "", "", ""
			if r.LineNo > 0 {
				qty, unit, amount = strconv.Itoa(l.Quantity), minor(l.UnitMinor), minor(l.UnitMinor*int64(l.Quantity))
			}
			return emit([]string{o.OrderNo, o.Date, r.CustomerNo, r.Email, r.Name, l.SKU, l.Name, l.Category,
				qty, unit, amount, minor(o.Total.Minor), o.Total.Currency, o.Channel}, total)
		})
	})
}

var productColumns = []sheet.Column{
	{Header: "SKU"}, {Header: "Name", Width: 28}, {Header: "Description", Width: 40}, {Header: "Category"},
	{Header: "Price", Kind: sheet.ColMoney}, {Header: "Currency", Width: 9}, {Header: "Image", Width: 24}, {Header: "Active", Width: 8},
}

// Products writes every product.
func Products(ctx context.Context, st Store, path string, opt Options, progress marketing.Progress) (marketing.ExportResult, error) {
	return write(path, productColumns, opt, "Products", progress, func(emit func([]string, int) error) error {
		return st.EachProduct(ctx, func(p *marketing.Product, total int) error {
			active := "no"
			if p.Active {
				active = "yes"
			}
			return emit([]string{p.SKU, p.Name, p.Description, p.Category, minor(p.Price.Minor), p.Price.Currency, p.ImagePath, active}, total)
		})
	})
}

// write opens the file, lets each() emit rows, and closes it: the file
// appears only when every row is written.
func write(path string, cols []sheet.Column, opt Options, sheetName string, progress marketing.Progress, each func(emit func([]string, int) error) error) (marketing.ExportResult, error) {
	res := marketing.ExportResult{Path: path, Name: filepath.Base(path)}
	format, err := sheet.FormatOf(path)
	if err != nil {
		return res, err
	}
	w, err := sheet.Create(path, cols, sheet.WriteOptions{Format: format, Delimiter: sheet.DelimiterFor(opt.Language), SheetName: sheetName})
	if err != nil {
		return res, err
	}
	last := 0
	err = each(func(row []string, total int) error {
		if err := w.Write(row); err != nil {
			return err
		}
		if n := w.Rows(); progress != nil && n-last >= progressEvery {
			last = n
			progress(n, max(total, n))
		}
		return nil
	})
	if err != nil {
		w.Abort()
		return res, err
	}
	if err := w.Close(); err != nil {
		return res, err
	}
	res.Rows = w.Rows()
	if progress != nil {
		progress(res.Rows, res.Rows)
	}
	return res, nil
}

// minor writes minor units as a decimal with a dot: 123450 -> "1234.50".
func minor(m int64) string {
	sign := ""
	if m < 0 {
		sign, m = "-", -m
	}
	return fmt.Sprintf("%s%d.%02d", sign, m/100, m%100)
}
