package importer

import (
	"context"
	"crypto/sha256"
	"directdesk/backend/document"
	"encoding/hex"
	"fmt"
	"hash/maphash"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"directdesk/backend/contacts"
	"directdesk/backend/marketing"
)

// orderRow is one row of an order file: one order, or one line of an order
// whose other lines are on other rows with the same order number.
type orderRow struct {
	customerNo, email, phone string
	order                    marketing.Order
	lineTotal                int64
}

// newOrder is an order this import created, so later rows can add lines.
type newOrder struct {
	id, contactID int64
	lines         int
	row           int // the row that started it
}

func (r *run) parseOrder(rec *record) {
	o := &rec.order
	var amount, unit int64
	var haveAmount, haveUnit bool
	qty := int64(1)
	currency, sku := "", ""
	for _, m := range r.cols {
		cl := cell(rec.cells, m.col)
		v := strings.TrimSpace(cl.Text)
		if v == "" {
			continue
		}
		var err error
		var cur string
		switch m.field {
		case "orderNo":
			o.order.OrderNo = numberText(cl)
		case "customerNo":
			o.customerNo = numberText(cl)
		case "email":
			o.email, err = contacts.NormalizeEmail(v)
		case "phone":
			o.phone, err = contacts.NormalizePhone("phone", numberText(cl), r.settings.Country)
		case "date":
			o.order.Date, err = ParseDate(cl, r.today)
		case "amount":
			amount, cur, err = ParseMoney(cl)
			haveAmount = err == nil
		case "unitPrice":
			unit, cur, err = ParseMoney(cl)
			haveUnit = err == nil
		case "quantity":
			qty, err = ParseInt(cl)
			if err == nil && (qty <= 0 || qty > 1_000_000) {
				err = marketing.FieldError(marketing.EInvalid, "quantity", "The quantity must be a whole number from 1 to 1,000,000.", map[string]string{"reason": "range"})
			}
		case "currency":
			currency, err = parseCurrency(v)
		case "sku":
			sku = clip(numberText(cl), 64)
		case "productName", "category", "channel":
		}
		if err != nil {
			rec.fail(m.field, m.col, err)
			continue
		}
		if currency == "" && cur != "" {
			currency = cur
		}
		rec.set[m.field] = true
	}
	line := marketing.OrderLine{Quantity: int(qty), SKU: sku}
	for _, m := range r.cols {
		v := strings.TrimSpace(cell(rec.cells, m.col).Text)
		switch m.field {
		case "productName":
			line.Name = clip(v, 200)
		case "category":
			line.Category = clip(v, 100)
		case "channel":
			o.order.Channel = clip(v, 40)
		}
	}
	switch {
	case haveAmount:
		o.lineTotal = amount
		line.UnitMinor = amount / qty
		if haveUnit {
			line.UnitMinor = unit
		}
	case haveUnit:
		line.UnitMinor = unit
		o.lineTotal = unit * qty
	}
	o.order.Lines = []marketing.OrderLine{line}
	o.order.Total = marketing.Money{Minor: o.lineTotal, Currency: firstNonEmpty(currency, r.opt.Currency)}
	if rec.failed() {
		return
	}
	if o.order.Date == "" {
		rec.fail("date", colOfField(r.cols, "date"), marketing.FieldError(marketing.EInvalid, "date", "The order has no date. Every order needs the day it was placed.", map[string]string{"reason": "required"}))
	} else if o.order.Date > r.today.Format(marketing.DateLayout) {
		rec.fail("date", colOfField(r.cols, "date"), marketing.FieldError(marketing.EInvalid, "date", "The order date is in the future. Check the year.", map[string]string{"reason": "future"}))
	}
	if !haveAmount && !haveUnit {
		rec.fail("amount", colOfField(r.cols, "amount"), marketing.FieldError(marketing.EInvalid, "amount", "The order has no amount.", map[string]string{"reason": "required"}))
	}
	if o.customerNo == "" && o.email == "" && o.phone == "" {
		rec.fail("customerNo", colOfField(r.cols, "customerNo"), marketing.FieldError(marketing.EInvalid, "customerNo", "The order does not say who bought: give a customer number, email or phone.", map[string]string{"reason": "required"}))
	}
}

func colOfField(cols []mapped, field string) int {
	for _, m := range cols {
		if m.field == field {
			return m.col
		}
	}
	return -1
}

func parseCurrency(v string) (string, error) {
	v = strings.ToUpper(strings.Trim(v, " ."))
	switch v {
	case "KR", "DKR":
		return "DKK", nil
	case "РУБ", "Р", "₽", "RUR":
		return "RUB", nil
	case "€":
		return "EUR", nil
	case "$":
		return "USD", nil
	}
	if len(v) == 3 && strings.Trim(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == "" {
		return v, nil
	}
	return "", marketing.FieldError(marketing.EInvalid, "currency", "Write the currency as a three-letter code such as DKK, SEK, NOK, EUR or RUB.", map[string]string{"reason": "format"})
}

func (r *run) storeOrder(ctx context.Context, rec *record) (marketing.ImportRow, error) {
	o := &rec.order
	row := marketing.ImportRow{Row: rec.no, Problems: nonNilProblems(rec.problems), Values: orderValues(o)}
	if rec.failed() {
		row.Status = marketing.RowInvalid
		return row, nil
	}
	var contactID int64
	var err error
	for _, k := range []struct {
		find func(context.Context, string) (int64, error)
		v    string
	}{{r.sess.ContactByCustomerNo, o.customerNo}, {r.sess.ContactByEmail, o.email}, {r.sess.ContactByPhone, o.phone}} {
		if k.v == "" || contactID != 0 {
			continue
		}
		if contactID, err = k.find(ctx, k.v); err != nil {
			return row, err
		}
	}
	if contactID == 0 {
		row.Status = marketing.RowInvalid
		field := "customerNo"
		if o.customerNo == "" {
			field = map[bool]string{true: "email", false: "phone"}[o.email != ""]
		}
		row.Problems = append(row.Problems, marketing.ImportProblem{Field: field, Column: colOfField(r.cols, field), Code: marketing.ENotFound,
			Message: "No contact in DirectDesk has this customer number, email or phone. Import the customers first.", Details: map[string]string{"reason": "no_customer"}})
		return row, nil
	}
	auto := o.order.OrderNo == ""
	if auto {
		// Without an order number each row is one order; its number comes
		// from its content, so importing the same file twice finds them.
		h := sha256.Sum256([]byte(fmt.Sprint(contactID, o.order.Date, o.lineTotal, o.order.Lines[0].SKU, o.order.Lines[0].Name)))
		o.order.OrderNo = "AUTO-" + strings.ToUpper(hex.EncodeToString(h[:5]))
		row.Values["orderNo"] = o.order.OrderNo
	}
	key := maphash.String(r.seed, "o\x00"+o.order.OrderNo)
	if prev, ok := r.orders[key]; ok {
		if auto || prev.contactID != contactID {
			row.Status, row.DuplicateOf = marketing.RowDuplicate, prev.row
			if !auto {
				row.Status = marketing.RowInvalid
				row.Problems = append(row.Problems, marketing.ImportProblem{Field: "orderNo", Column: colOfField(r.cols, "orderNo"), Code: marketing.EConflict,
					Message: "An earlier row has the same order number for another customer.", Details: map[string]string{"reason": "other_customer"}})
			}
			return row, nil
		}
		// Another line of an order this file started.
		row.Status = marketing.RowNew
		err := r.sess.AddOrderLines(ctx, prev.id, prev.lines, o.order.Lines, o.lineTotal)
		prev.lines++
		r.orders[key] = prev
		return row, err
	}
	if id, err := r.sess.OrderByNo(ctx, o.order.OrderNo); err != nil || id != 0 {
		if err != nil {
			return row, err
		}
		// A stored order: this line may be one that was refused last time
		// and fixed since. Add it if the order does not have it yet.
		row.MatchID, row.MatchBy = id, "orderNo"
		owner, has, err := r.sess.OrderLineState(ctx, id, o.order.Lines[0])
		switch {
		case err != nil:
			return row, err
		case owner != contactID:
			row.Status = marketing.RowInvalid
			row.Problems = append(row.Problems, marketing.ImportProblem{Field: "orderNo", Column: colOfField(r.cols, "orderNo"), Code: marketing.EConflict,
				Message: "DirectDesk already has this order number for another customer.", Details: map[string]string{"reason": "other_customer"}})
			return row, nil
		case has:
			row.Status = marketing.RowUnchanged
			return row, nil
		}
		row.Status = marketing.RowUpdate
		return row, r.sess.AddLineToStoredOrder(ctx, id, o.order.Lines[0], o.lineTotal)
	}
	o.order.ContactID = contactID
	if err := r.sess.CreateOrder(ctx, &o.order); err != nil {
		return row, err
	}
	r.orders[key] = newOrder{id: o.order.ID, contactID: contactID, lines: 1, row: rec.no}
	row.Status = marketing.RowNew
	return row, nil
}

func orderValues(o *orderRow) map[string]string {
	v := map[string]string{}
	add := func(k, s string) {
		if s != "" {
			v[k] = s
		}
	}
	add("orderNo", o.order.OrderNo)
	add("customerNo", o.customerNo)
	add("email", o.email)
	add("phone", o.phone)
	add("date", o.order.Date)
	add("amount", formatMinor(o.lineTotal))
	add("currency", o.order.Total.Currency)
	add("channel", o.order.Channel)
	if len(o.order.Lines) > 0 {
		l := o.order.Lines[0]
		add("sku", l.SKU)
		add("productName", l.Name)
		add("category", l.Category)
		add("quantity", strconv.Itoa(l.Quantity))
		add("unitPrice", formatMinor(l.UnitMinor))
	}
	return v
}

// formatMinor writes minor units as a plain decimal: 123450 -> "1234.50".
func formatMinor(m int64) string {
	sign := ""
	if m < 0 {
		sign, m = "-", -m
	}
	return fmt.Sprintf("%s%d.%02d", sign, m/100, m%100)
}

func (r *run) parseProduct(rec *record) {
	p := &rec.product
	p.Active = true
	for _, m := range r.cols {
		cl := cell(rec.cells, m.col)
		v := strings.TrimSpace(cl.Text)
		if v == "" {
			continue
		}
		var err error
		var cur string
		switch m.field {
		case "sku":
			p.SKU = clip(numberText(cl), 64)
		case "name":
			p.Name = clip(v, 200)
		case "description":
			p.Description = clip(v, 5000)
		case "category":
			p.Category = clip(v, 100)
		case "price":
			p.Price.Minor, cur, err = ParseMoney(cl)
			if err == nil && p.Price.Currency == "" {
				p.Price.Currency = cur
			}
		case "currency":
			p.Price.Currency, err = parseCurrency(v)
		case "active":
			var yes bool
			if yes, _, err = ParseYesNo(v); err == nil {
				p.Active = yes
			}
		case "image":
			var path string
			if path, err = r.imagePath(v); err == nil {
				p.ImagePath = path
			} else {
				pr := problem(m.field, m.col, err)
				pr.Warning = true
				rec.problems = append(rec.problems, pr)
				continue
			}
		}
		if err != nil {
			rec.fail(m.field, m.col, err)
			continue
		}
		rec.set[m.field] = true
	}
	if p.Price.Currency == "" {
		p.Price.Currency = r.opt.Currency
	}
	if p.SKU == "" {
		rec.fail("sku", colOfField(r.cols, "sku"), marketing.FieldError(marketing.EInvalid, "sku", "The product has no item number (SKU).", map[string]string{"reason": "required"}))
	}
	if p.Name == "" {
		rec.fail("name", colOfField(r.cols, "name"), marketing.FieldError(marketing.EInvalid, "name", "The product has no name.", map[string]string{"reason": "required"}))
	}
	if marketing.HasControlChars(p.SKU) || marketing.HasControlChars(p.Name) {
		rec.fail("name", colOfField(r.cols, "name"), marketing.FieldError(marketing.EInvalid, "name", "This value contains a line break or an invisible control character. Type it on one line.", nil))
	}
}

// imagePath finds a product picture: a file name looked up in the folder
// the user picked (or a full path), JPEG or PNG.
func (r *run) imagePath(name string) (string, error) {
	candidates := []string{}
	if r.opt.ImageFolder != "" {
		candidates = append(candidates, filepath.Join(r.opt.ImageFolder, filepath.Base(filepath.FromSlash(strings.ReplaceAll(name, `\`, "/")))))
	}
	if filepath.IsAbs(name) {
		candidates = append(candidates, name)
	}
	for _, c := range candidates {
		ext := strings.ToLower(filepath.Ext(c))
		if ext != ".jpg" && ext != ".jpeg" && ext != ".png" {
			return "", marketing.FieldError(marketing.EUnsupportedFile, "image", "Product pictures must be JPEG or PNG files.", map[string]string{"reason": "image_type"})
		}
		if st, err := os.Stat(c); err == nil && st.Mode().IsRegular() {
			return c, nil
		}
	}
	return "", marketing.FieldError(marketing.ENotFound, "image", "The picture "+clip(name, 80)+" is not in the picture folder. The product is imported without it.", map[string]string{"reason": "image_missing"})
}

func (r *run) storeProduct(ctx context.Context, rec *record) (marketing.ImportRow, error) {
	p := &rec.product
	row := marketing.ImportRow{Row: rec.no, Problems: nonNilProblems(rec.problems), Values: productValues(p)}
	if rec.failed() {
		row.Status = marketing.RowInvalid
		return row, nil
	}
	if first := r.key("s", marketing.Fold(p.SKU), rec.no); first != 0 {
		row.Status, row.DuplicateOf = marketing.RowDuplicate, first
		return row, nil
	}
	if p.ImagePath != "" && !r.sess.Dry() {
		// The picture is copied into the workspace: catalogs read pictures
		// only from there, never from a path on this computer.
		img, err := document.PrepareImage(p.ImagePath)
		if err == nil {
			err = r.sess.PutMedia(ctx, img.Name, img.Mime, img.Data)
		}
		if err != nil {
			p.ImagePath = ""
			me := marketing.AsError(err)
			row.Problems = append(row.Problems, marketing.ImportProblem{Field: "image", Column: -1, Code: me.Code, Message: me.Message, Details: me.Details, Warning: true})
		} else {
			p.ImagePath = "media:" + img.Name
		}
	}
	before, found, err := r.sess.ProductBySKU(ctx, p.SKU)
	if err != nil {
		return row, err
	}
	if !found {
		row.Status = marketing.RowNew
		return row, r.sess.SaveProduct(ctx, nil, p)
	}
	row.MatchID, row.MatchBy = before.ID, "sku"
	if r.opt.Policy == marketing.PolicySkip {
		row.Status = marketing.RowSkipped
		return row, nil
	}
	m := before
	set := func(field string, dst *string, v string) {
		if rec.set[field] && v != "" && (r.opt.Policy != marketing.PolicyFill || *dst == "") {
			*dst = v
		}
	}
	set("name", &m.Name, p.Name)
	set("description", &m.Description, p.Description)
	set("category", &m.Category, p.Category)
	set("image", &m.ImagePath, p.ImagePath)
	if rec.set["price"] && (r.opt.Policy != marketing.PolicyFill || m.Price.Minor == 0) {
		m.Price = p.Price
	}
	if rec.set["active"] && r.opt.Policy != marketing.PolicyFill {
		m.Active = p.Active
	}
	if m == before {
		row.Status = marketing.RowUnchanged
		return row, nil
	}
	row.Status = marketing.RowUpdate
	row.Values = productValues(&m)
	return row, r.sess.SaveProduct(ctx, &before, &m)
}

func productValues(p *marketing.Product) map[string]string {
	v := map[string]string{}
	add := func(k, s string) {
		if s != "" {
			v[k] = s
		}
	}
	add("sku", p.SKU)
	add("name", p.Name)
	add("description", clip(p.Description, 120))
	add("category", p.Category)
	add("price", formatMinor(p.Price.Minor))
	add("currency", p.Price.Currency)
	add("image", filepath.Base(p.ImagePath))
	if p.ImagePath == "" {
		delete(v, "image")
	}
	v["active"] = strconv.FormatBool(p.Active)
	return v
}
