package privacy_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"directdesk/backend/marketing"
	"directdesk/backend/privacy"
)

func scan(t *testing.T, path, register string) (marketing.RegisterPreview, []string, error) {
	t.Helper()
	var keys []string
	rep, err := privacy.ScanRegister(context.Background(), path, register, func(k string) bool {
		keys = append(keys, k)
		return true
	})
	return rep, keys, err
}

func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// nixXLSX writes the kind of .xlsx a NIX supplier sends: Swedish headers,
// a mobile column typed the way people type numbers.
func nixXLSX(t *testing.T) string {
	t.Helper()
	f := excelize.NewFile()
	rows := [][]any{
		{"Förnamn", "Efternamn", "Gatuadress", "Postnummer", "Ort", "Mobiltelefon"},
		{"Åsa", "Lind", "Storgatan 1", "111 22", "Stockholm", "070-123 45 67"},
		{"Nils", "Berg", "", "", "", "08-123 456 78"},
		{"Bo", "Ek", "", "", "", "12"},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	p := filepath.Join(t.TempDir(), "nix.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestRegisterFiles(t *testing.T) {
	cases := []struct {
		name, path, register string
		rows, usable         int
		unusableRows         []int
		want                 []string // keys that must be there
		columns              []string
	}{
		{name: "Robinson, Danish headers, semicolons", path: "testdata/robinson.csv", register: marketing.RegisterRobinson,
			rows: 4, usable: 2, unusableRows: []int{4, 5},
			want:    []string{marketing.RegisterNameKey("Jørgen", "Ærø", "Nørregade 12, 2. tv", "1165"), marketing.RegisterNameKey("mette", "FREDERIKSEN", "Algade  3", "4000")},
			columns: []string{"first_name", "last_name", "street", "postcode", "city"}},
		{name: "Reservasjon, bare phone numbers", path: "testdata/reservasjon.txt", register: marketing.RegisterReservasjon,
			rows: 4, usable: 3, unusableRows: []int{5},
			want: []string{"p:+4791234567", "p:+4791234568", "p:+4741234569"}},
		{name: "full name, English", path: writeFile(t, "en.csv", "Full name,Address,ZIP,Phone\nPeter Hansen Lund,Vestergade 1,8000,\nSolo,,,\n"), register: marketing.RegisterRobinson,
			rows: 2, usable: 1, unusableRows: []int{3},
			want: []string{marketing.RegisterNameKey("Peter Hansen", "Lund", "Vestergade 1", "8000")}},
		{name: "Norwegian headers", path: writeFile(t, "no.csv", "Fornavn\tEtternavn\tGateadresse\tPostnummer\tPoststed\tTelefon\nKari\tNordmann\tStorgata 5\t0155\tOslo\t22 33 44 55\n"), register: marketing.RegisterReservasjon,
			rows: 1, usable: 1, want: []string{"p:+4722334455", marketing.RegisterNameKey("Kari", "Nordmann", "Storgata 5", "0155")}},
		{name: "Russian headers", path: writeFile(t, "ru.csv", "Имя;Фамилия;Адрес;Индекс;Телефон\nИрина;Петрова;ул. Ленина 1;8000;+4520123456\n"), register: marketing.RegisterRobinson,
			rows: 1, usable: 1, want: []string{"p:+4520123456", marketing.RegisterNameKey("Ирина", "Петрова", "ул. Ленина 1", "8000")}},
	}
	nix := nixXLSX(t)
	cases = append(cases, struct {
		name, path, register string
		rows, usable         int
		unusableRows         []int
		want                 []string
		columns              []string
	}{name: "NIX, Swedish headers, xlsx", path: nix, register: marketing.RegisterNIX, rows: 3, usable: 2, unusableRows: []int{4},
		want: []string{"p:+46701234567", "p:+46812345678", marketing.RegisterNameKey("Åsa", "Lind", "Storgatan 1", "11122")}})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rep, keys, err := scan(t, c.path, c.register)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Rows != c.rows || rep.Usable != c.usable || rep.Unusable != c.rows-c.usable {
				t.Errorf("rows %d usable %d unusable %d", rep.Rows, rep.Usable, rep.Unusable)
			}
			if c.unusableRows != nil && !slices.Equal(rep.UnusableRows, c.unusableRows) {
				t.Errorf("unusable rows %v, want %v", rep.UnusableRows, c.unusableRows)
			}
			for _, k := range c.want {
				if !slices.Contains(keys, k) {
					t.Errorf("key %q missing from %q", k, keys)
				}
			}
			if c.columns != nil && !slices.Equal(rep.Columns, c.columns) {
				t.Errorf("columns %v", rep.Columns)
			}
			if rep.Usable > 0 && len(rep.Sample) == 0 {
				t.Error("no sample")
			}
		})
	}
}

func TestRegisterFileBadInput(t *testing.T) {
	for name, c := range map[string]struct {
		path, register, reason string
	}{
		"no known column":         {writeFile(t, "x.csv", "Kunde,Beløb\nA,100\n"), marketing.RegisterRobinson, "register_columns"},
		"name without an address": {writeFile(t, "y.csv", "Navn,By\nPeter Lund,Aarhus\n"), marketing.RegisterRobinson, "register_name_address"},
		"empty":                   {writeFile(t, "z.csv", "\n\n"), marketing.RegisterRobinson, ""},
		"a PDF":                   {writeFile(t, "r.pdf", "%PDF-1.4 ..."), marketing.RegisterRobinson, "pdf"},
		"unknown register":        {"testdata/robinson.csv", "dnc", "register"},
	} {
		t.Run(name, func(t *testing.T) {
			_, _, err := scan(t, c.path, c.register)
			me, ok := err.(*marketing.Error)
			if !ok || (c.reason != "" && me.Details["reason"] != c.reason) || strings.TrimSpace(me.Message) == "" {
				t.Fatalf("%#v", err)
			}
		})
	}
}

// FuzzRegisterFile: any bytes give keys or a *marketing.Error, never a panic,
// and every key is a phone or a name key.
func FuzzRegisterFile(f *testing.F) {
	for _, p := range []string{"testdata/robinson.csv", "testdata/reservasjon.txt"} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("Navn,Adresse,Postnr,Telefon\n\"A B\",\"x\",1,+4520123456\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		p := filepath.Join(t.TempDir(), "r.csv")
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := privacy.ScanRegister(context.Background(), p, marketing.RegisterRobinson, func(k string) bool {
			if !strings.HasPrefix(k, "p:+") && !strings.HasPrefix(k, "n:") {
				t.Fatalf("key %q", k)
			}
			return true
		})
		if err != nil {
			if _, ok := err.(*marketing.Error); !ok {
				t.Fatalf("not a marketing.Error: %#v", err)
			}
		}
	})
}
