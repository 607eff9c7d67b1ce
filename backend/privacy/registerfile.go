package privacy

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"directdesk/backend/contacts"
	"directdesk/backend/importer"
	"directdesk/backend/marketing"
	"directdesk/backend/sheet"
)

// Register files: the lists users get from Robinsonlisten (DK), NIX (SE)
// and Reservasjonsregisteret (NO). Their layout differs by supplier and
// year, so the columns are found by their headers in any of the app's
// languages; a file of bare phone numbers (no header) is a phone list.
// Each usable row gives keys (marketing.RegisterPhoneKey for every valid
// number, marketing.RegisterNameKey for a name with an address).

// Column roles.
const (
	colFirst    = "first_name"
	colLast     = "last_name"
	colName     = "name" // full name, split as the importer splits one
	colStreet   = "street"
	colHouse    = "house_number" // joined into the street
	colLetter   = "house_letter" // joined to the house number
	colFloor    = "floor"        // floor, side, door, flat: not in the key
	colPostcode = "postcode"
	colCity     = "city"
	colPhone    = "phone"
)

// headerRoles maps folded header words (letters and digits only) to roles.
var headerRoles = map[string]string{}

func init() {
	for role, words := range map[string][]string{
		colFirst:    {"fornavn", "förnamn", "fornamn", "firstname", "givenname", "first", "имя"},
		colLast:     {"efternavn", "efternamn", "etternavn", "lastname", "surname", "familyname", "last", "фамилия"},
		colName:     {"navn", "namn", "name", "fullname", "fuldtnavn", "fulltnavn", "fullständigtnamn", "fulltnamn", "fio", "фио", "полноеимя"},
		colStreet:   {"adresse", "adress", "address", "gade", "gata", "gate", "vej", "väg", "vei", "street", "gatuadress", "gateadresse", "vejnavn", "gadenavn", "улица", "адрес", "address1", "adresse1", "street1"},
		colHouse:    {"husnr", "husnummer", "gadenummer", "gatunummer", "gatenummer", "nummer", "housenumber", "housenr", "houseno", "number", "streetnumber", "дом", "номердома"},
		colLetter:   {"husbogstav", "bogstav", "husbokstav", "bokstav", "houseletter", "letter", "литера"},
		colFloor:    {"etage", "side", "dør", "sidedør", "våning", "vaning", "lgh", "lägenhet", "lägenhetsnummer", "lghnr", "etasje", "bolignummer", "bolignr", "oppgang", "floor", "door", "flat", "apartment", "apt", "unit", "квартира", "кв", "этаж", "подъезд"},
		colPostcode: {"postnr", "postnummer", "postcode", "zip", "zipcode", "postalcode", "postkod", "postkode", "индекс", "почтовыйиндекс"},
		colCity:     {"by", "bynavn", "ort", "postort", "poststed", "city", "town", "город"},
		colPhone:    {"telefon", "tlf", "tel", "mobil", "mobile", "phone", "telefonnummer", "tlfnr", "telefonnr", "mobilnummer", "mobilnr", "phonenumber", "mobiltelefon", "телефон", "мобильный"},
	} {
		for _, w := range words {
			headerRoles[foldHeader(w)] = role
		}
	}
}

func foldHeader(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// maxUnusableRows is how many unusable row numbers a preview lists.
const maxUnusableRows = 20

// registerLayout is what the first row said about the file.
type registerLayout struct {
	roles     []string // per column
	headers   []string
	header    bool // the first non-empty row is a header
	phoneOnly bool // no header: every cell a phone number
}

func (l *registerLayout) has(role string) bool {
	for _, r := range l.roles {
		if r == role {
			return true
		}
	}
	return false
}

// layoutOf reads the first non-empty row: a header when it names at least
// one column we know; else a phone list when its cells are phone numbers.
func layoutOf(row []sheet.Cell, region string) (registerLayout, bool) {
	var l registerLayout
	known := 0
	for _, c := range row {
		role := headerRoles[foldHeader(c.Text)]
		if role == "" {
			// "Mobiltelefon nr.", "Telefon (privat)": a phone by its start.
			f := foldHeader(c.Text)
			if strings.HasPrefix(f, "telefon") || strings.HasPrefix(f, "mobil") || strings.HasPrefix(f, "phone") {
				role = colPhone
			}
		}
		if role != "" {
			known++
		}
		l.roles = append(l.roles, role)
		l.headers = append(l.headers, c.Text)
	}
	if known > 0 {
		l.header = true
		return l, true
	}
	phones := 0
	for _, c := range row {
		if strings.TrimSpace(c.Text) == "" {
			continue
		}
		if _, err := contacts.NormalizePhone("phone", c.Text, region); err != nil {
			return registerLayout{}, false
		}
		phones++
	}
	if phones == 0 {
		return registerLayout{}, false
	}
	l = registerLayout{phoneOnly: true, headers: []string{}}
	for range row {
		l.roles = append(l.roles, colPhone)
	}
	return l, true
}

// rowKeys turns one data row into its keys ("" none) and a sample in words.
func (l *registerLayout) rowKeys(row []sheet.Cell, region string) ([]string, string) {
	get := func(role string) []string {
		var out []string
		for i, r := range l.roles {
			if r == role && i < len(row) && strings.TrimSpace(row[i].Text) != "" {
				out = append(out, strings.TrimSpace(row[i].Text))
			}
		}
		return out
	}
	var keys []string
	var words []string
	if l.phoneOnly {
		// Any cell of the row: a bare list may put numbers side by side.
		for _, c := range row {
			if v := strings.TrimSpace(c.Text); v != "" {
				if e, err := contacts.NormalizePhone("phone", v, region); err == nil && e != "" {
					keys = append(keys, marketing.RegisterPhoneKey(e))
					words = append(words, e)
				}
			}
		}
		return keys, strings.Join(words, ", ")
	}
	for _, v := range get(colPhone) {
		if e, err := contacts.NormalizePhone("phone", v, region); err == nil && e != "" {
			keys = append(keys, marketing.RegisterPhoneKey(e))
			words = append(words, e)
		}
	}
	first, last := strings.Join(get(colFirst), " "), strings.Join(get(colLast), " ")
	if first == "" && last == "" {
		// "Jensen, Anne", "Иванов Иван Петрович": as the importer reads a
		// full name, so both sides of a match split it alike.
		first, _, last = importer.SplitFullName(strings.Join(get(colName), " "))
	}
	// The house number (and letter) in columns of their own belongs to the
	// street; floor and door are shown but are not part of the key.
	street := strings.Join(append(get(colStreet), strings.Join(append(get(colHouse), get(colLetter)...), "")), " ")
	street = strings.TrimSpace(street)
	postcode := strings.Join(get(colPostcode), " ")
	if k := marketing.RegisterNameKey(first, last, street, postcode); k != "" {
		keys = append(keys, k)
		name := strings.TrimSpace(first + " " + last)
		addr := street
		if fl := strings.Join(get(colFloor), " "); fl != "" {
			addr += " " + fl
		}
		words = append([]string{strings.TrimSpace(name + ", " + addr + ", " + postcode + " " + strings.Join(get(colCity), " "))}, words...)
	}
	return keys, strings.Join(words, "; ")
}

// ScanRegister reads a register file and calls emit for every key of
// every usable row (emit returning false stops it). It returns what the
// file held. Errors are *marketing.Error that say what to do; the UI
// translates them by field and reason: path + register_columns (no column
// it knows), register_name_address (names without an address),
// register_file_empty, register_damaged; register + register; and what
// sheet.Open returns (no field: the importer's file reasons).
func ScanRegister(ctx context.Context, path, register string, emit func(key string) bool) (rep marketing.RegisterPreview, err error) {
	rep = marketing.RegisterPreview{Register: register, FileName: filepath.Base(path), Columns: []string{}, Headers: []string{}, UnusableRows: []int{}, Sample: []string{}}
	if !validRegister(register) {
		return rep, marketing.FieldError(marketing.EInvalid, "register", "Pick the register the file is from: Robinsonlisten, NIX or Reservasjonsregisteret.", map[string]string{"reason": "register"})
	}
	defer func() {
		if r := recover(); r != nil {
			err = &marketing.Error{Code: marketing.EUnsupportedFile, Field: "path", Message: "DirectDesk could not read this register file. Save it again as .xlsx or .csv and try again.",
				Details: map[string]string{"reason": "register_damaged"}, Err: fmt.Errorf("panic: %v", r)}
		}
	}()
	region := marketing.RegisterCountry(register)
	book, err := sheet.Open(path, sheet.Options{})
	if err != nil {
		return rep, err
	}
	defer book.Close()
	it, err := book.Rows(sheet.PickSheet(book))
	if err != nil {
		return rep, err
	}
	defer it.Close()
	var l *registerLayout
	stopped := false
	for !stopped && it.Next() {
		if rep.Rows%4096 == 0 && ctx.Err() != nil {
			return rep, marketing.Errorf(marketing.ECanceled, "Cancelled.")
		}
		row := it.Row()
		empty := true
		for _, c := range row {
			if strings.TrimSpace(c.Text) != "" {
				empty = false
				break
			}
		}
		if empty {
			continue
		}
		if l == nil {
			got, ok := layoutOf(row, region)
			if !ok {
				return rep, &marketing.Error{Code: marketing.EInvalid, Field: "path",
					Message: "DirectDesk found no columns it knows in this file. The first row should name the columns (for example Navn, Adresse, Postnr, Telefon), or the file should hold only phone numbers, one per line.",
					Details: map[string]string{"reason": "register_columns"}}
			}
			l = &got
			rep.Columns, rep.Headers = l.roles, l.headers
			if l.header {
				if !l.has(colPhone) && !((l.has(colFirst) || l.has(colLast) || l.has(colName)) && (l.has(colStreet) || l.has(colHouse) || l.has(colPostcode))) {
					return rep, &marketing.Error{Code: marketing.EInvalid, Field: "path",
						Message: "The file needs either a phone number column, or a name with an address (street or postcode) to match people by.",
						Details: map[string]string{"reason": "register_name_address"}}
				}
				continue
			}
		}
		rep.Rows++
		keys, words := l.rowKeys(row, region)
		if len(keys) == 0 {
			rep.Unusable++
			if len(rep.UnusableRows) < maxUnusableRows {
				rep.UnusableRows = append(rep.UnusableRows, it.RowNumber())
			}
			continue
		}
		rep.Usable++
		if len(rep.Sample) < 5 {
			rep.Sample = append(rep.Sample, words)
		}
		for _, k := range keys {
			if !emit(k) {
				stopped = true
				break
			}
		}
	}
	if err := it.Err(); err != nil {
		return rep, err
	}
	if l == nil {
		return rep, &marketing.Error{Code: marketing.EUnsupportedFile, Field: "path", Message: "The file is empty. Check that you picked the right file.", Details: map[string]string{"reason": "register_file_empty"}}
	}
	return rep, nil
}

// fileSHA256 is the hex SHA-256 of a file (kept with the import, so the
// user can tell which file was used).
func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func validRegister(r string) bool {
	for _, x := range marketing.Registers {
		if x == r {
			return true
		}
	}
	return false
}
