package sheet

import (
	"slices"
	"strings"
	"testing"

	"directdesk/backend/marketing"
)

func openODST(t *testing.T, tables string, opt Options) Book {
	t.Helper()
	return openT(t, writeFile(t, "book.ods", zipBytes(t, odsFiles(tables))), opt)
}

func TestODSRepeatsAreExpandedOnlyWhereThereIsData(t *testing.T) {
	b := openODST(t, `<table:table table:name="Ark1">
<table:table-column table:number-columns-repeated="1024"/>
<table:table-row><table:table-cell office:value-type="string"><text:p>Navn</text:p></table:table-cell><table:table-cell table:number-columns-repeated="2"/><table:table-cell office:value-type="string"><text:p>By</text:p></table:table-cell><table:table-cell table:number-columns-repeated="1020"/></table:table-row>
<table:table-row table:number-rows-repeated="2"><table:table-cell office:value-type="string" table:number-columns-repeated="2"><text:p>ens</text:p></table:table-cell></table:table-row>
<table:table-row table:number-rows-repeated="3"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
<table:table-row><table:table-cell office:value-type="float" office:value="7"><text:p>7</text:p></table:table-cell></table:table-row>
<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
</table:table>`, Options{})
	rows := readAll(t, b, "Ark1")
	var got []string
	for _, r := range rows {
		got = append(got, strings.Join(texts(r), "|"))
	}
	want := []string{"Navn|||By", "ens|ens", "ens|ens", "", "", "", "7"}
	if !slices.Equal(got, want) {
		t.Errorf("rows %q, want %q", got, want)
	}
}

func TestODSCellTextAndValues(t *testing.T) {
	b := openODST(t, `<table:table table:name="Ark1"><table:table-row>
<table:table-cell office:value-type="string"><text:p>Vester<text:s text:c="3"/>gade<text:tab/>1<text:line-break/>2. sal</text:p><text:p><text:span>st.</text:span> <text:a>th.</text:a></text:p></table:table-cell>
<table:table-cell office:value-type="string"><office:annotation><text:p>a comment</text:p></office:annotation><text:p>Anna</text:p></table:table-cell>
<table:table-cell office:value-type="percentage" office:value="0.25"><text:p>25%</text:p></table:table-cell>
<table:table-cell office:value-type="currency" office:currency="DKK" office:value="1234.5"><text:p>1.234,50 kr.</text:p></table:table-cell>
<table:table-cell office:value-type="time" office:time-value="PT10H30M00S"><text:p>10:30</text:p></table:table-cell>
<table:table-cell office:value-type="float" office:value="0" calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell>
<table:table-cell office:value-type="date" office:date-value="2024-01-15T13:45:00"><text:p>15.01.24 13:45</text:p></table:table-cell>
<table:table-cell office:value-type="float" office:value="0.30000000000000004"/>
</table:table-row></table:table>`, Options{})
	rows := readAll(t, b, "Ark1")
	for i, want := range []Cell{
		{"Vester   gade\t1\n2. sal\nst. th.", "Vester   gade\t1\n2. sal\nst. th.", KindString},
		{"Anna", "Anna", KindString},
		{"25%", "0.25", KindNumber},
		{"1.234,50 kr.", "1234.5", KindNumber},
		{"10:30", "0.4375", KindNumber},
		{"#DIV/0!", "#DIV/0!", KindError},
		{"15.01.24 13:45", "2024-01-15T13:45:00", KindDate},
		{"0.3", "0.3", KindNumber},
	} {
		if got := cellAt(rows, 0, i); got != want {
			t.Errorf("cell %d: %+v, want %+v", i+1, got, want)
		}
	}
}

func TestODSMergedCellsSpreadInTheHeaderRegion(t *testing.T) {
	b := openODST(t, `<table:table table:name="Ark1">
<table:table-header-rows><table:table-row><table:table-cell table:number-rows-spanned="2" office:value-type="string"><text:p>Nr.</text:p></table:table-cell><table:table-cell table:number-columns-spanned="2" office:value-type="string"><text:p>Navn</text:p></table:table-cell><table:covered-table-cell/></table:table-row></table:table-header-rows>
<table:table-row><table:covered-table-cell/><table:table-cell office:value-type="string"><text:p>Fornavn</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Efternavn</text:p></table:table-cell></table:table-row>
</table:table>`, Options{})
	rows := readAll(t, b, "Ark1")
	if got := texts(rows[0]); !slices.Equal(got, []string{"Nr.", "Navn", "Navn"}) {
		t.Errorf("row 1: %q", got)
	}
	if got := texts(rows[1]); !slices.Equal(got, []string{"Nr.", "Fornavn", "Efternavn"}) {
		t.Errorf("row 2: %q", got)
	}
}

func TestODSSheetsAreListedEvenWithUnusualPrefixes(t *testing.T) {
	files := odsFiles("")
	files["content.xml"] = `<?xml version="1.0"?><o:document-content xmlns:o="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:t="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:x="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><o:body><o:spreadsheet>` +
		`<t:table t:name="Første &amp; bedste"><t:table-row><t:table-cell><x:p>a</x:p></t:table-cell></t:table-row></t:table>` +
		`<t:table t:name="To"><t:table-row><t:table-cell><x:p>b</x:p></t:table-cell></t:table-row><t:table-row><t:table-cell><x:p>c</x:p></t:table-cell></t:table-row></t:table>` +
		`</o:spreadsheet></o:body></o:document-content>`
	b := openT(t, writeFile(t, "p.ods", zipBytes(t, files)), Options{})
	want := []SheetInfo{{Name: "Første & bedste", Rows: 1, Cols: -1}, {Name: "To", Rows: 2, Cols: -1}}
	if got := b.Sheets(); !slices.Equal(got, want) {
		t.Fatalf("sheets %+v, want %+v", got, want)
	}
	if PickSheet(b) != "To" {
		t.Errorf("picked %q", PickSheet(b))
	}
	if rows := readAll(t, b, "To"); len(rows) != 2 || rows[1][0].Text != "c" {
		t.Errorf("rows %+v", rows)
	}
}

func TestODSLimitsAndDamage(t *testing.T) {
	for _, tc := range []struct {
		name, tables string
		opt          Options
		code, reason string
	}{
		{"a value repeated over too many columns", `<table:table table:name="A"><table:table-row><table:table-cell office:value-type="string" table:number-columns-repeated="5000"><text:p>x</text:p></table:table-cell></table:table-row></table:table>`, Options{}, marketing.ETooLarge, "columns"},
		{"a repeated row of data past the row limit", `<table:table table:name="A"><table:table-row table:number-rows-repeated="50"><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table>`, Options{MaxRows: 10}, marketing.ETooLarge, "rows"},
		{"a huge run of spaces", `<table:table table:name="A"><table:table-row><table:table-cell office:value-type="string"><text:p>a<text:s text:c="999999999"/></text:p></table:table-cell></table:table-row></table:table>`, Options{}, marketing.ETooLarge, "cell"},
		{"a table cut off in the middle", `<table:table table:name="A"><table:table-row><table:table-cell><text:p>x</text:p>`, Options{}, marketing.EUnsupportedFile, "damaged"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := odsFiles(tc.tables)
			if !strings.HasSuffix(tc.tables, "</table:table>") {
				files["content.xml"] = strings.SplitAfter(files["content.xml"], "<text:p>x</text:p>")[0]
			}
			b, err := Open(writeFile(t, "l.ods", zipBytes(t, files)), tc.opt)
			if err == nil {
				_, err = tryReadAll(b, "A")
				b.Close()
			}
			wantErr(t, err, tc.code, tc.reason)
		})
	}
}

func TestODSWithAPasswordIsRefusedWithAdvice(t *testing.T) {
	files := odsFiles("")
	files["META-INF/manifest.xml"] = `<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data manifest:checksum-type="SHA1/1K"/></manifest:file-entry></manifest:manifest>`
	files["content.xml"] = "\x8a\x01 encrypted bytes"
	_, err := Open(writeFile(t, "secret.ods", zipBytes(t, files)), Options{})
	wantErr(t, err, marketing.EUnsupportedFile, "encrypted")
}
