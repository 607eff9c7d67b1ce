package importer

import (
	"strings"
	"testing"

	"directdesk/backend/marketing"
)

func TestFields(t *testing.T) {
	want := map[marketing.ImportKind]string{
		marketing.ImportContacts: "customerNo fullName firstName middleName lastName company jobTitle gender birthDate email phone mobile " +
			"address street1 street2 postcode city postcodeCity region country language customerSince kind tags notes source " +
			"consentEmail consentSms consentPost consentPhone",
		marketing.ImportOrders:   "orderNo customerNo email phone date amount currency sku productName category quantity unitPrice channel",
		marketing.ImportProducts: "sku name description category price currency image active",
	}
	groups := map[string]bool{"name": true, "contact": true, "address": true, "person": true, "consent": true, "order": true, "product": true, "other": true}
	for kind, keys := range want {
		var got []string
		for _, f := range Fields(kind) {
			got = append(got, f.Key)
			if !groups[f.Group] {
				t.Fatalf("%s: unknown group %q", f.Key, f.Group)
			}
			if f.Compound != (f.Key == "fullName" || f.Key == "address" || f.Key == "postcodeCity") {
				t.Fatalf("%s: compound %v", f.Key, f.Compound)
			}
			if !ValidField(kind, f.Key) {
				t.Fatalf("%s is not valid for %s", f.Key, kind)
			}
		}
		if strings.Join(got, " ") != keys {
			t.Fatalf("%s: got %v", kind, got)
		}
	}
	// The list is a copy: a caller cannot change the next one.
	Fields(marketing.ImportProducts)[0].Key = "x"
	if Fields(marketing.ImportProducts)[0].Key != "sku" {
		t.Fatal("Fields returned shared storage")
	}
	if Fields("bogus") != nil {
		t.Fatal("fields for an unknown kind")
	}
}

func TestValidField(t *testing.T) {
	tests := []struct {
		kind marketing.ImportKind
		key  string
		ok   bool
	}{
		{marketing.ImportContacts, "email", true},
		{marketing.ImportContacts, "postcodeCity", true},
		{marketing.ImportContacts, "sku", false},
		{marketing.ImportOrders, "sku", true},
		{marketing.ImportOrders, "firstName", false},
		{marketing.ImportProducts, "active", true},
		{marketing.ImportContacts, "", false},
		{marketing.ImportContacts, "Email", false},
		{marketing.ImportContacts, "custom:Shoe size", true},
		{marketing.ImportContacts, "custom:Размер обуви", true},
		{marketing.ImportContacts, "custom:", false},
		{marketing.ImportContacts, "custom:   ", false},
		{marketing.ImportContacts, "custom:a\nb", false},
		{marketing.ImportContacts, "custom:a\x00b", false},
		{marketing.ImportContacts, "custom:" + strings.Repeat("x", 60), true},
		{marketing.ImportContacts, "custom:" + strings.Repeat("ø", 60), true},
		{marketing.ImportContacts, "custom:" + strings.Repeat("x", 61), false},
		{marketing.ImportContacts, "custom:\xff", false},
		{marketing.ImportOrders, "custom:Note", false},
		{"bogus", "email", false},
	}
	for _, tt := range tests {
		if got := ValidField(tt.kind, tt.key); got != tt.ok {
			t.Fatalf("%s %q: got %v", tt.kind, tt.key, got)
		}
	}
}

// mapOne maps a single header with no samples.
func mapOne(kind marketing.ImportKind, h string) string { return AutoMap(kind, []string{h}, nil)[0] }

func TestAutoMapContactHeaders(t *testing.T) {
	tests := map[string]string{
		// names
		"Fornavn": "firstName", "Förnamn": "firstName", "First name": "firstName", "FIRST_NAME": "firstName", "Имя": "firstName",
		"Efternavn": "lastName", "Efternamn": "lastName", "Etternavn": "lastName", "Last name": "lastName", "Фамилия": "lastName", "Surname": "lastName",
		"Mellemnavn": "middleName", "Отчество": "middleName",
		"Navn": "fullName", "Namn": "fullName", "Name": "fullName", "ФИО": "fullName", "Ф.И.О.": "fullName", "Kunde": "fullName",
		"Kundenavn": "fullName", "Customer": "fullName", "Kundens navn": "fullName", "Fornavn og efternavn": "fullName",
		"Фамилия Имя Отчество": "fullName", "Имя клиента": "firstName",
		// contact
		"E-mail": "email", "Email": "email", "e-mail:": "email", "E-post": "email", "Epost": "email", "Mail": "email",
		"Эл. почта": "email", "Электронная почта": "email", "Почта": "email", "Kundens e-mailadresse": "email", "E-mail (privat)": "email",
		"Telefon": "phone", "Tlf": "phone", "Tlf.": "phone", "Tel.": "phone", "Phone": "phone", "Телефон": "phone", "Tlf. privat": "phone",
		"Telefonnr.": "phone", "Mobil": "mobile", "Mobiltelefon": "mobile", "Mobile": "mobile", "Cell": "mobile", "Мобильный": "mobile",
		"Сотовый": "mobile", "Mobilnummer": "mobile", "Сотовый телефон": "mobile",
		"Kundenr.": "customerNo", "Kundnummer": "customerNo", "Kundenummer": "customerNo", "Customer no": "customerNo",
		"Customer ID": "customerNo", "Номер клиента": "customerNo", "Kunde-ID": "customerNo", "Kundenr": "customerNo", "ID": "customerNo",
		"Kunde nr.": "customerNo", "Kunde #": "customerNo",
		// person
		"Firma": "company", "Virksomhed": "company", "Företag": "company", "Bedrift": "company", "Company": "company",
		"Компания": "company", "Организация": "company", "Firmanavn": "company",
		"Stilling": "jobTitle", "Titel": "jobTitle", "Tittel": "jobTitle", "Befattning": "jobTitle", "Job title": "jobTitle",
		"Position": "jobTitle", "Должность": "jobTitle",
		"Køn": "gender", "Kön": "gender", "Kjønn": "gender", "Gender": "gender", "Sex": "gender", "Пол": "gender", "Koen": "gender", "Tiltale": "gender",
		"Fødselsdato": "birthDate", "Födelsedatum": "birthDate", "Födelsedag": "birthDate", "Birthday": "birthDate",
		"Date of birth": "birthDate", "Дата рождения": "birthDate", "Fodselsdato": "birthDate", "Fødselsdato (dd.mm.åååå)": "birthDate",
		"Sprog": "language", "Språk": "language", "Language": "language", "Язык": "language",
		// address
		"Adresse": "street1", "Adress": "street1", "Gade": "street1", "Gatuadress": "street1", "Gateadresse": "street1",
		"Street": "street1", "Address": "street1", "Адрес": "street1", "Улица": "street1", "Adresse 1": "street1",
		"Adresse 2": "street2", "Address line 2": "street2", "c/o": "street2",
		"Postnr.": "postcode", "Postnummer": "postcode", "Postnr": "postcode", "Post nr": "postcode", "Zip": "postcode",
		"ZIP code": "postcode", "Индекс": "postcode", "Почтовый индекс": "postcode", "Post code": "postcode",
		"By": "city", "Ort": "city", "Stad": "city", "Poststed": "city", "Postort": "city", "City": "city", "Город": "city",
		"Населённый пункт": "city", "Населенный пункт": "city",
		"Postnr. og by": "postcodeCity", "Postnr/By": "postcodeCity", "Post code and city": "postcodeCity",
		"Postnummer och ort": "postcodeCity", "Postnr. & by": "postcodeCity", "Индекс и город": "postcodeCity",
		"Land": "country", "Country": "country", "Страна": "country",
		"Region": "region", "Län": "region", "Fylke": "region", "Область": "region", "Регион": "region",
		// other
		"Kunde siden": "customerSince", "Kund sedan": "customerSince", "Customer since": "customerSince", "Клиент с": "customerSince",
		"Tags": "tags", "Grupper": "tags", "Noter": "notes", "Bemærkning": "notes", "Комментарий": "notes", "Kilde": "source",
		"Kundetype": "kind",
		// consent
		"Samtykke e-mail": "consentEmail", "Nyhedsbrev": "consentEmail", "Newsletter": "consentEmail",
		"Marketing consent": "consentEmail", "Согласие на рассылку": "consentEmail", "Accepts Email Marketing": "consentEmail",
		"SMS-samtykke": "consentSms", "Samtycke SMS": "consentSms", "Accepts SMS Marketing": "consentSms", "Согласие на SMS": "consentSms",
		"Samtykke post": "consentPost", "Samtykke til brevpost": "consentPost",
		"Samtykke telefon": "consentPhone", "Согласие на звонки": "consentPhone",
		"Ønsker nyhedsbrev på e-mail": "consentEmail",
		// nothing
		"": "", "   ": "", "Skostørrelse": "", "Hotel": "", "(DKK)": "", "Foo bar": "",
	}
	for h, want := range tests {
		if got := mapOne(marketing.ImportContacts, h); got != want {
			t.Errorf("%q: got %q, want %q", h, got, want)
		}
	}
}

func TestAutoMapOrderAndProductHeaders(t *testing.T) {
	orders := map[string]string{
		"Ordrenr.": "orderNo", "Ordernummer": "orderNo", "Order no": "orderNo", "Номер заказа": "orderNo", "Order #": "orderNo",
		"Fakturanr.": "orderNo", "№ заказа": "orderNo",
		"Kundenr.": "customerNo", "Customer ID": "customerNo", "E-mail": "email", "Telefon": "phone", "Mobil": "phone",
		"Dato": "date", "Datum": "date", "Date": "date", "Дата": "date", "Orderdato": "date", "Ordredato": "date", "Дата заказа": "date",
		"Fakturadato": "date",
		"Beløb":       "amount", "Belopp": "amount", "Beløp": "amount", "Amount": "amount", "Total": "amount", "Sum": "amount",
		"Сумма": "amount", "Beløb inkl. moms": "amount", "Total (DKK)": "amount", "I alt": "amount", "Итого": "amount",
		"Valuta": "currency", "Currency": "currency", "Валюта": "currency",
		"Varenr.": "sku", "Artikelnr.": "sku", "SKU": "sku", "Артикул": "sku",
		"Vare": "productName", "Produkt": "productName", "Product": "productName", "Товар": "productName", "Varenavn": "productName",
		"Kategori": "category", "Category": "category", "Категория": "category",
		"Antal": "quantity", "Antall": "quantity", "Quantity": "quantity", "Qty": "quantity", "Количество": "quantity", "Кол-во": "quantity",
		"Stykpris": "unitPrice", "Pris": "unitPrice", "Unit price": "unitPrice", "Цена": "unitPrice", "Pris pr. stk.": "unitPrice",
		"Á-pris": "unitPrice", "Pris per stk": "unitPrice", "Total price": "amount", "Antal stk.": "quantity", "Produkt-ID": "sku",
		"Kanal": "channel", "Channel": "channel", "Канал": "channel", "Salgskanal": "channel",
		"Fornavn": "", "Hotel": "",
	}
	for h, want := range orders {
		if got := mapOne(marketing.ImportOrders, h); got != want {
			t.Errorf("orders %q: got %q, want %q", h, got, want)
		}
	}
	products := map[string]string{
		"Varenr.": "sku", "SKU": "sku", "Artikelnummer": "sku", "Артикул": "sku", "Nr.": "sku",
		"Navn": "name", "Name": "name", "Название": "name", "Benämning": "name", "Produktnavn": "name", "Наименование": "name",
		"Beskrivelse": "description", "Beskrivning": "description", "Description": "description", "Описание": "description",
		"Produktbeskrivelse": "description",
		"Pris":               "price", "Price": "price", "Цена": "price", "Pris (DKK)": "price", "Salgspris inkl. moms": "price",
		"Billede": "image", "Bild": "image", "Bilde": "image", "Image": "image", "Picture": "image", "Изображение": "image", "Фото": "image",
		"Produktbillede": "image",
		"Aktiv":          "active", "Active": "active", "Активен": "active",
		"Kategori": "category", "Produktkategori": "category", "Valuta": "currency",
		"E-mail": "",
	}
	for h, want := range products {
		if got := mapOne(marketing.ImportProducts, h); got != want {
			t.Errorf("products %q: got %q, want %q", h, got, want)
		}
	}
	if got := AutoMap("bogus", []string{"Navn", "E-mail"}, nil); len(got) != 2 || got[0] != "" || got[1] != "" {
		t.Fatalf("unknown kind: %q", got)
	}
}

func TestAutoMapOneColumnPerField(t *testing.T) {
	headers := []string{"Kundenr.", "Navn", "Fornavn", "E-mail", "Mail", "Telefon", "Tlf", "Mobil", "Adresse", "Postnr.", "By", "Land", "Email 2", "Telefon (arbejde)"}
	got := AutoMap(marketing.ImportContacts, headers, nil)
	want := []string{"customerNo", "fullName", "firstName", "email", "", "phone", "", "mobile", "street1", "postcode", "city", "country", "", ""}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("got  %q\nwant %q", got, want)
	}
	// An exact header beats an earlier one that only mentions the field.
	got = AutoMap(marketing.ImportContacts, []string{"Kundens e-mailadresse", "E-mail"}, nil)
	if got[0] != "" || got[1] != "email" {
		t.Fatalf("got %q", got)
	}
}

func TestAutoMapUsesSamples(t *testing.T) {
	tests := []struct {
		name    string
		headers []string
		samples [][]string
		want    []string
	}{
		{"address with postcode and city", []string{"Navn", "Adresse"},
			[][]string{{"Anna Hansen"}, {"Vestergade 12, 2100 København Ø", "Storgade 1\n8000 Aarhus C", "Nørregade 3, 5000 Odense"}},
			[]string{"fullName", "address"}},
		{"street only", []string{"Adresse", "Postnr.", "By"},
			[][]string{{"Vestergade 12", "Storgade 1"}, {"2100", "8000"}, {"København Ø", "Aarhus C"}},
			[]string{"street1", "postcode", "city"}},
		{"Russian address", []string{"ФИО", "Адрес"},
			[][]string{{"Иванов Иван Петрович"}, {"125009, г. Москва, ул. Тверская, д. 1", "ул. Ленина, д. 5, г. Химки, 141400"}},
			[]string{"fullName", "address"}},
		{"postcode and city in the city column", []string{"By"},
			[][]string{{"2100 København Ø", "8000 Aarhus C", "5000 Odense C"}},
			[]string{"postcodeCity"}},
		{"postcode and city in the postcode column", []string{"Postnr."},
			[][]string{{"114 55 Stockholm", "411 01 Göteborg"}},
			[]string{"postcodeCity"}},
		{"Navn beside Efternavn is the first name", []string{"Navn", "Efternavn"},
			[][]string{{"Anna", "Peter"}, {"Hansen", "Jensen"}},
			[]string{"firstName", "lastName"}},
		{"Navn beside Efternavn, holding whole names", []string{"Navn", "Efternavn"},
			[][]string{{"Anna Hansen", "Peter Jensen"}, {"Hansen", "Jensen"}},
			[]string{"fullName", "lastName"}},
		{"Name with first and last columns", []string{"Name", "First name", "Last name"},
			nil, []string{"fullName", "firstName", "lastName"}},
		{"a column of emails without a header", []string{"Navn", ""},
			[][]string{{"Anna Hansen"}, {"anna@example.dk", "bo@example.se"}},
			[]string{"fullName", "email"}},
		{"short samples list", []string{"Navn", "Adresse", "By"},
			[][]string{{"Anna"}},
			[]string{"fullName", "street1", "city"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := AutoMap(marketing.ImportContacts, tt.headers, tt.samples)
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
		})
	}
	// An order list's "Kunde" column: a number or an email, by its values.
	if got := AutoMap(marketing.ImportOrders, []string{"Kunde"}, [][]string{{"1001", "1002"}}); got[0] != "customerNo" {
		t.Fatalf("got %q", got)
	}
	if got := AutoMap(marketing.ImportOrders, []string{"Kunde"}, [][]string{{"anna@example.dk"}}); got[0] != "email" {
		t.Fatalf("got %q", got)
	}
	if got := AutoMap(marketing.ImportOrders, []string{"Kunde"}, [][]string{{"Anna Hansen"}}); got[0] != "" {
		t.Fatalf("got %q", got)
	}
}

func TestAutoMapRealFiles(t *testing.T) {
	tests := []struct {
		kind    marketing.ImportKind
		headers []string
		want    []string
	}{
		{marketing.ImportContacts, // a Danish shop's Excel list
			[]string{"Kundenr.", "Fornavn", "Efternavn", "Firma", "Adresse", "Postnr.", "By", "Telefon", "E-mail", "Fødselsdato", "Køn", "Nyhedsbrev"},
			[]string{"customerNo", "firstName", "lastName", "company", "street1", "postcode", "city", "phone", "email", "birthDate", "gender", "consentEmail"}},
		{marketing.ImportContacts, // Swedish
			[]string{"Kundnummer", "Förnamn", "Efternamn", "Gatuadress", "Postnummer", "Postort", "Mobil", "E-post", "Kön"},
			[]string{"customerNo", "firstName", "lastName", "street1", "postcode", "city", "mobile", "email", "gender"}},
		{marketing.ImportContacts, // Norwegian
			[]string{"Kundenummer", "Fornavn", "Etternavn", "Gateadresse", "Postnr", "Poststed", "Fylke", "Mobil", "E-post", "Kjønn", "Fødselsdato"},
			[]string{"customerNo", "firstName", "lastName", "street1", "postcode", "city", "region", "mobile", "email", "gender", "birthDate"}},
		{marketing.ImportContacts, // Russian
			[]string{"№", "Фамилия", "Имя", "Отчество", "Пол", "Дата рождения", "Телефон", "Эл. почта", "Индекс", "Город", "Адрес", "Согласие на рассылку"},
			[]string{"customerNo", "lastName", "firstName", "middleName", "gender", "birthDate", "phone", "email", "postcode", "city", "street1", "consentEmail"}},
		{marketing.ImportContacts, // Shopify export
			[]string{"Customer ID", "First Name", "Last Name", "Email", "Accepts Email Marketing", "Default Address Company",
				"Default Address Address1", "Default Address Address2", "Default Address City", "Default Address Province Code",
				"Default Address Country Code", "Default Address Zip", "Phone", "Accepts SMS Marketing", "Tags", "Note"},
			[]string{"customerNo", "firstName", "lastName", "email", "consentEmail", "company", "street1", "street2", "city", "region",
				"country", "postcode", "phone", "consentSms", "tags", "notes"}},
		{marketing.ImportOrders,
			[]string{"Ordrenr.", "Dato", "Kundenr.", "Varenr.", "Vare", "Antal", "Stykpris", "Beløb", "Valuta", "Kanal"},
			[]string{"orderNo", "date", "customerNo", "sku", "productName", "quantity", "unitPrice", "amount", "currency", "channel"}},
		{marketing.ImportOrders,
			[]string{"Номер заказа", "Дата заказа", "Email покупателя", "Артикул", "Наименование товара", "Количество", "Цена", "Сумма"},
			[]string{"orderNo", "date", "email", "sku", "productName", "quantity", "unitPrice", "amount"}},
		{marketing.ImportProducts,
			[]string{"Varenr.", "Navn", "Beskrivelse", "Kategori", "Pris", "Billede", "Aktiv"},
			[]string{"sku", "name", "description", "category", "price", "image", "active"}},
		{marketing.ImportProducts,
			[]string{"Artikelnummer", "Benämning", "Beskrivning", "Pris (SEK)", "Bild"},
			[]string{"sku", "name", "description", "price", "image"}},
	}
	for _, tt := range tests {
		got := AutoMap(tt.kind, tt.headers, nil)
		for j := range got {
			if got[j] != tt.want[j] {
				t.Errorf("%s %q: got %q, want %q", tt.kind, tt.headers[j], got[j], tt.want[j])
			}
		}
	}
}

func TestShape(t *testing.T) {
	a := Shape(marketing.ImportContacts, []string{"Navn", "E-mail", "Postnr."})
	if len(a) != 32 || strings.Trim(a, "0123456789abcdef") != "" {
		t.Fatalf("shape %q is not 16 bytes of hex", a)
	}
	same := [][]string{
		{"navn", "E-mail", "Postnr."},
		{" NAVN ", "e-mail:", "Postnr"},
		{"Navn", "Email", "Postnr"},
		{"Navn", "E-mail", "Postnr.", ""}, // data wider than the header
	}
	for _, h := range same {
		if s := Shape(marketing.ImportContacts, h); s != a {
			t.Fatalf("%q: shape changed", h)
		}
	}
	different := []struct {
		kind marketing.ImportKind
		h    []string
	}{
		{marketing.ImportOrders, []string{"Navn", "E-mail", "Postnr."}},
		{marketing.ImportContacts, []string{"E-mail", "Navn", "Postnr."}},
		{marketing.ImportContacts, []string{"Navn", "E-mail"}},
		{marketing.ImportContacts, []string{"NavnE-mail", "Postnr."}},
		{marketing.ImportContacts, []string{"Navn", "E-mail", "By"}},
	}
	for _, d := range different {
		if s := Shape(d.kind, d.h); s == a {
			t.Fatalf("%s %q: same shape", d.kind, d.h)
		}
	}
}

// A synonym listed under two fields would silently go to only one of them.
func TestEverySynonymMapsToItsField(t *testing.T) {
	for kind, fields := range synonyms {
		for field, syns := range fields {
			if !ValidField(kind, field) {
				t.Errorf("%s: synonyms for unknown field %q", kind, field)
			}
			for _, s := range syns {
				if p := propose(kind, s); p.field != field || !p.exact {
					t.Errorf("%s %q: proposes %q (exact %v), listed under %q", kind, s, p.field, p.exact, field)
				}
			}
		}
	}
}
