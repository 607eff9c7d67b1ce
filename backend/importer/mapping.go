package importer

// Header auto-mapping: which field a column holds, guessed from its header
// in Danish, Swedish, Norwegian, Russian or English (and refined by a few
// of its values). The guess is only a proposal; the user confirms it.

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"
	"unicode/utf8"

	"directdesk/backend/marketing"
)

var fieldLists = map[marketing.ImportKind][]marketing.ImportField{
	marketing.ImportContacts: {
		{Key: "customerNo", Group: "contact"},
		{Key: "fullName", Group: "name", Compound: true},
		{Key: "firstName", Group: "name"},
		{Key: "middleName", Group: "name"},
		{Key: "lastName", Group: "name"},
		{Key: "company", Group: "person"},
		{Key: "jobTitle", Group: "person"},
		{Key: "gender", Group: "person"},
		{Key: "birthDate", Group: "person"},
		{Key: "email", Group: "contact"},
		{Key: "phone", Group: "contact"},
		{Key: "mobile", Group: "contact"},
		{Key: "address", Group: "address", Compound: true},
		{Key: "street1", Group: "address"},
		{Key: "street2", Group: "address"},
		{Key: "postcode", Group: "address"},
		{Key: "city", Group: "address"},
		{Key: "postcodeCity", Group: "address", Compound: true},
		{Key: "region", Group: "address"},
		{Key: "country", Group: "address"},
		{Key: "language", Group: "person"},
		{Key: "customerSince", Group: "other"},
		{Key: "kind", Group: "other"},
		{Key: "tags", Group: "other"},
		{Key: "notes", Group: "other"},
		{Key: "source", Group: "other"},
		{Key: "consentEmail", Group: "consent"},
		{Key: "consentSms", Group: "consent"},
		{Key: "consentPost", Group: "consent"},
		{Key: "consentPhone", Group: "consent"},
	},
	marketing.ImportOrders: {
		{Key: "orderNo", Group: "order"},
		{Key: "customerNo", Group: "contact"},
		{Key: "email", Group: "contact"},
		{Key: "phone", Group: "contact"},
		{Key: "date", Group: "order"},
		{Key: "amount", Group: "order"},
		{Key: "currency", Group: "order"},
		{Key: "sku", Group: "order"},
		{Key: "productName", Group: "order"},
		{Key: "category", Group: "order"},
		{Key: "quantity", Group: "order"},
		{Key: "unitPrice", Group: "order"},
		{Key: "channel", Group: "order"},
	},
	marketing.ImportProducts: {
		{Key: "sku", Group: "product"},
		{Key: "name", Group: "product"},
		{Key: "description", Group: "product"},
		{Key: "category", Group: "product"},
		{Key: "price", Group: "product"},
		{Key: "currency", Group: "product"},
		{Key: "image", Group: "product"},
		{Key: "active", Group: "product"},
	},
}

// Fields lists the fields a column of a file of this kind can be mapped to,
// in the order of the mapping menu.
func Fields(kind marketing.ImportKind) []marketing.ImportField {
	return append([]marketing.ImportField(nil), fieldLists[kind]...)
}

// maxCustomName is the longest custom field name (as marketing allows).
const maxCustomName = 60

// ValidField reports whether key is a field of kind, or a custom field
// ("custom:Shoe size": a name on one line, at most 60 characters).
func ValidField(kind marketing.ImportKind, key string) bool {
	if name, ok := strings.CutPrefix(key, marketing.CustomFieldPrefix); ok {
		// Custom fields belong to contacts.
		return kind == marketing.ImportContacts && utf8.ValidString(name) && strings.TrimSpace(name) != "" &&
			!marketing.HasControlChars(name) && utf8.RuneCountInString(name) <= maxCustomName
	}
	for _, f := range fieldLists[kind] {
		if f.Key == key {
			return true
		}
	}
	return false
}

// Shape is a stable key for "a file with the same columns": the kind and the
// normalised headers, hashed. "E-mail:" and "email" are the same column.
// Trailing empty headers do not count: the same file may be read with the
// data wider than its header or not.
func Shape(kind marketing.ImportKind, headers []string) string {
	for len(headers) > 0 && headerKey(headers[len(headers)-1]) == "" {
		headers = headers[:len(headers)-1]
	}
	h := sha256.New()
	h.Write([]byte(kind))
	for _, x := range headers {
		h.Write([]byte{0})
		h.Write([]byte(headerKey(x)))
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// ---------------------------------------------------------------- normalising

// letterFold spells letters the way people who cannot type them do, so that
// "Koen", "Kön" and "Køn" meet: ø and ö are o, æ is ae, å and ä are a.
var letterFold = map[rune]string{
	'ø': "o", 'ö': "o", 'ó': "o", 'ô': "o", 'æ': "ae", 'ä': "a", 'å': "a", 'á': "a", 'à': "a", 'â': "a",
	'é': "e", 'è': "e", 'ê': "e", 'ë': "e", 'ü': "u", 'ú': "u", 'í': "i", 'ï': "i", 'ý': "y", 'ё': "е",
}

// connectors join two things in a header ("Postnr. og by"); they are dropped
// so that "Postnr/By" and "Postnr. og by" match.
var connectors = map[string]bool{"og": true, "och": true, "and": true, "и": true, "or": true, "eller": true, "или": true}

// headerWords folds a header into lower-case words: no brackets and what is
// in them ("Pris (DKK)"), no punctuation, "#" and "№" as "nr", letters
// folded (letterFold), connectors dropped.
func headerWords(h string) []string {
	h = strings.ToLower(marketing.Fold(h))
	var b strings.Builder
	depth := 0
	for _, r := range h {
		switch r {
		case '(', '[', '{':
			depth++
			continue
		case ')', ']', '}':
			if depth > 0 {
				depth--
			}
			continue
		}
		switch {
		case depth > 0:
		case letterFold[r] != "":
			b.WriteString(letterFold[r])
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		case r == '#' || r == '№':
			b.WriteString(" nr ")
		default:
			b.WriteByte(' ')
		}
	}
	var words []string
	for _, w := range strings.Fields(b.String()) {
		if !connectors[w] {
			words = append(words, w)
		}
	}
	return words
}

// headerKey is a header's compact form: its words run together.
func headerKey(h string) string { return strings.Join(headerWords(h), "") }

// term is one word or phrase a rule looks for in a header.
type term struct {
	words   []string // the phrase, for phrases
	compact string
}

func makeTerm(s string) term {
	w := headerWords(s)
	t := term{compact: strings.Join(w, "")}
	if len(w) > 1 {
		t.words = w
	}
	return t
}

// in says whether a header contains the term: a phrase as whole words; a
// term of five or more letters anywhere ("e-mailadresse" has "email"); a
// four-letter term as a word or the end of one ("Ordredato" has "dato"); a
// shorter one only as a whole word ("Tlf privat" has "tlf", "Hotel" no "tel").
func (t term) in(words []string, compact string) bool {
	if t.compact == "" {
		return false
	}
	if t.words != nil {
		for i := 0; i+len(t.words) <= len(words); i++ {
			match := true
			for k, w := range t.words {
				match = match && words[i+k] == w
			}
			if match {
				return true
			}
		}
		return false
	}
	n := utf8.RuneCountInString(t.compact)
	if n >= 5 {
		return strings.Contains(compact, t.compact)
	}
	for _, w := range words {
		if w == t.compact || (n == 4 && strings.HasSuffix(w, t.compact)) {
			return true
		}
	}
	return false
}

// rule proposes field for a header that has a term of every group.
type rule struct {
	field  string
	groups [][]term
}

func makeRule(field string, groups ...[]string) rule {
	r := rule{field: field}
	for _, g := range groups {
		var ts []term
		for _, s := range g {
			ts = append(ts, makeTerm(s))
		}
		r.groups = append(r.groups, ts)
	}
	return r
}

func (r rule) matches(words []string, compact string) bool {
	for _, g := range r.groups {
		ok := false
		for _, t := range g {
			if t.in(words, compact) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// ---------------------------------------------------------------- tables

// Shared synonym lists (exact matches after headerKey).
var (
	synCustomerNo = []string{"Kundenr.", "Kundenr", "Kundnr", "Kundnummer", "Kundenummer", "Kunde nr", "Kund nr", "Kunde-ID", "Kund-ID",
		"Customer no", "Customer number", "Customer ID", "Customer #", "Cust no", "Client ID", "Client no", "Номер клиента", "Код клиента",
		"№ клиента", "Клиент №", "ID клиента", "Medlemsnr", "Medlemsnummer", "Member no", "Member ID", "Kontonr", "Kundekode"}
	synEmail = []string{"E-mail", "Email", "E-post", "Epost", "Mail", "Эл. почта", "Электронная почта", "Почта", "E-mailadresse",
		"Mailadresse", "E-postadresse", "E-postadress", "Email address", "E-mail address", "Эл. адрес", "Электронный адрес", "Email-адрес",
		"E-mail адрес", "Емейл", "Имейл", "Е-мейл", "Адрес электронной почты", "Epostadresse", "Mejl", "Mejladress"}
	synPhone = []string{"Telefon", "Tlf", "Tlf.", "Tel.", "Tel", "Phone", "Телефон", "Telefonnummer", "Telefonnr", "Tlf.nr.", "Tlf. nr.",
		"Phone number", "Тел.", "Тел", "Telephone", "Fastnet", "Fast telefon", "Hjemmetelefon", "Privattelefon", "Номер телефона",
		"Контактный телефон", "Telefon privat", "Telefonnr."}
	synMobile = []string{"Mobil", "Mobiltelefon", "Mobile", "Cell", "Мобильный", "Сотовый", "Mobilnr", "Mobilnr.", "Mobilnummer",
		"Mobile phone", "Mobile number", "Cell phone", "Cellphone", "Мобильный телефон", "Сотовый телефон", "Моб.", "Моб. телефон",
		"Mobiltlf", "Mobiltlf.", "Mob.", "Mob", "Mobiltelefonnummer"}
	synSKU = []string{"Varenr.", "Varenr", "Varenummer", "Artikelnr.", "Artikelnr", "Artikelnummer", "Artnr", "Art.nr.", "SKU",
		"Артикул", "Item no", "Item number", "Product code", "Product no", "Product number", "Produktnr", "Produktnummer", "Varekode",
		"Код товара", "Vare-ID", "Product ID", "Artikkelnummer", "Artikkelnr", "Varunummer", "Varunr", "Art. nr.", "Код", "Produkt-ID", "Artikel-ID", "Item ID"}
	synCategory = []string{"Kategori", "Category", "Категория", "Varegruppe", "Varugrupp", "Product category", "Produktkategori",
		"Группа товаров", "Товарная группа", "Produktgruppe", "Produktgrupp", "Vareguppe"}
	synCurrency = []string{"Valuta", "Currency", "Валюта", "Valutakode", "Valutakod", "Currency code", "Код валюты"}
	synDate     = []string{"Dato", "Datum", "Date", "Дата", "Orderdato", "Ordredato", "Orderdatum", "Order date", "Дата заказа", "Købsdato",
		"Köpdatum", "Kjøpsdato", "Purchase date", "Fakturadato", "Fakturadatum", "Invoice date", "Salgsdato", "Försäljningsdatum",
		"Дата покупки", "Дата продажи", "Bestillingsdato", "Beställningsdatum"}
	synOrderNo = []string{"Ordrenr.", "Ordrenr", "Ordernummer", "Order no", "Order number", "Order ID", "Order", "Ordre", "Ordrenummer",
		"Номер заказа", "Заказ", "№ заказа", "Bestilling", "Bestillingsnr", "Bestillingsnummer", "Beställning", "Beställningsnummer",
		"Ordernr", "Fakturanr", "Fakturanr.", "Fakturanummer", "Faktura", "Invoice", "Invoice no", "Invoice number", "Kvitteringsnr",
		"Receipt no", "Bilagsnr", "Transaction ID", "Номер счёта", "Счёт", "Номер чека"}
)

// synonyms per kind: field -> headers that name it exactly.
var synonyms = map[marketing.ImportKind]map[string][]string{
	marketing.ImportContacts: {
		"customerNo": append([]string{"ID", "Nr", "Nr.", "No", "No.", "№", "#"}, synCustomerNo...),
		"fullName": {"Navn", "Namn", "Name", "ФИО", "Ф.И.О.", "Kunde", "Kund", "Kundenavn", "Kundnamn", "Customer", "Customer name",
			"Full name", "Fulde navn", "Fullt navn", "Fullständigt namn", "Fullt namn", "Kontaktperson", "Kontakt", "Contact",
			"Contact name", "Contact person", "Имя и фамилия", "Фамилия и имя", "Фамилия Имя Отчество", "Фамилия, имя, отчество",
			"Клиент", "Покупатель", "Контактное лицо", "Modtager", "Mottagare", "Mottaker", "Recipient", "Получатель", "Person"},
		"firstName":  {"Fornavn", "Förnamn", "Fornamn", "First name", "Firstname", "Given name", "Forename", "Имя", "Tilltalsnamn", "Fornavne"},
		"middleName": {"Mellemnavn", "Mellannamn", "Mellomnavn", "Middle name", "Отчество", "Patronymic"},
		"lastName":   {"Efternavn", "Efternamn", "Etternavn", "Last name", "Lastname", "Surname", "Family name", "Фамилия"},
		"company": {"Firma", "Virksomhed", "Företag", "Bedrift", "Company", "Компания", "Организация", "Firmanavn", "Firmanamn",
			"Företagsnamn", "Company name", "Organisation", "Organization", "Selskab", "Foretak", "Название компании",
			"Название организации", "Organisationsnavn"},
		"jobTitle": {"Stilling", "Titel", "Tittel", "Befattning", "Job title", "Jobtitel", "Position", "Должность", "Title",
			"Stillingsbetegnelse", "Yrke", "Role", "Rolle", "Roll", "Arbejdstitel", "Yrkestittel"},
		"gender": {"Køn", "Kön", "Kjønn", "Gender", "Sex", "Пол", "Tiltale", "Tilltal", "Salutation", "Обращение", "Koen", "Kjoenn"},
		"birthDate": {"Fødselsdato", "Födelsedatum", "Födelsedag", "Birthday", "Date of birth", "Дата рождения", "Fødselsdag", "Født",
			"Född", "Fødd", "DOB", "Birth date", "Birthdate", "День рождения", "Foedselsdato"},
		"email":  synEmail,
		"phone":  synPhone,
		"mobile": synMobile,
		"address": {"Fuld adresse", "Full address", "Полный адрес", "Fullständig adress", "Full adresse", "Hele adressen",
			"Komplet adresse"},
		"street1": {"Adresse", "Adress", "Gade", "Gatuadress", "Gateadresse", "Street", "Address", "Адрес", "Улица", "Vej", "Vejnavn",
			"Gata", "Gate", "Street address", "Address 1", "Address line 1", "Adresse 1", "Adresselinje 1", "Adressrad 1", "Gadenavn",
			"Vejadresse", "Postadresse", "Postal address", "Почтовый адрес", "Адрес доставки", "Leveringsadresse", "Leveransadress",
			"Delivery address", "Shipping address", "Адрес проживания", "Street 1", "Gade og nr.", "Gade/vej", "Adresse linje 1"},
		"street2": {"Adresse 2", "Address 2", "Address line 2", "Adresselinje 2", "Adressrad 2", "c/o", "Att.", "Att", "Etage",
			"Etage/dør", "Lejlighed", "Apartment", "Квартира", "Suite", "Adressetillæg", "Adresstillägg", "Street 2", "Adresse linje 2"},
		"postcode": {"Postnr.", "Postnummer", "Postnr", "Post nr", "Zip", "ZIP code", "Индекс", "Почтовый индекс", "Postcode", "Post code",
			"Postal code", "Postkode", "Zipcode", "Zip/Postal code", "PLZ", "Почт. индекс"},
		"city": {"By", "Ort", "Stad", "Poststed", "Postort", "City", "Город", "Населённый пункт", "Town", "Bynavn", "Postdistrikt",
			"Sted", "Ortsnamn", "Город/населённый пункт", "Postby"},
		"postcodeCity": {"Postnr. og by", "Postnr/By", "Postnr. by", "Post code and city", "Postnummer og by", "Postnummer och ort",
			"Postnr og sted", "Postnummer og poststed", "Postnr./Poststed", "Zip/City", "Zip and city", "Postcode and city", "Postcode/City",
			"Индекс и город", "Город и индекс", "Postnr og bynavn", "Postnr/Sted", "Postnr./Ort", "Postadress", "Postnr. og distrikt",
			"Postnummer och postort"},
		"region": {"Region", "Län", "Fylke", "Область", "Регион", "State", "Province", "Delstat", "Край", "Landsdel", "Område",
			"Область/край", "County", "Amt", "Субъект РФ"},
		"country":  {"Land", "Country", "Страна", "Landekode", "Landkod", "Landskod", "Country code", "Код страны", "Landkode"},
		"language": {"Sprog", "Språk", "Language", "Язык", "Foretrukket sprog", "Föredraget språk", "Preferred language", "Korrespondancesprog", "Målform"},
		"customerSince": {"Kunde siden", "Kund sedan", "Customer since", "Клиент с", "Oprettet", "Oprettelsesdato", "Skapad", "Opprettet",
			"Created", "Created at", "Дата регистрации", "Дата создания", "Registreret", "Registrerad", "Registrert", "Registration date",
			"Member since", "Medlem siden", "Medlem sedan", "Клиент с даты", "Kunde fra", "Kund från"},
		"kind": {"Type", "Kundetype", "Kundtyp", "Kunde type", "Kind", "Customer type", "Тип", "Тип клиента", "Kundetype/status"},
		"tags": {"Tags", "Tag", "Grupper", "Gruppe", "Grupp", "Group", "Groups", "Kategori", "Category", "Segment", "Etiketter",
			"Etikett", "Emneord", "Nøgleord", "Labels", "Label", "Метки", "Теги", "Группа", "Категория", "Сегмент", "Interesser",
			"Intressen", "Interests", "Интересы", "Nyckelord", "Stikkord"},
		"notes": {"Noter", "Note", "Notes", "Notat", "Notater", "Bemærkning", "Bemærkninger", "Kommentar", "Kommentarer", "Comment",
			"Comments", "Anteckning", "Anteckningar", "Merknad", "Merknader", "Примечание", "Примечания", "Комментарий", "Заметки",
			"Info", "Information", "Beskrivelse", "Description", "Övrigt", "Diverse", "Remarks", "Anmærkning", "Комментарии"},
		"source": {"Kilde", "Källa", "Source", "Источник", "Lead source", "Oprindelse", "Ursprung", "Opphav", "Origin", "Kanal", "Channel"},
		"consentEmail": {"Samtykke e-mail", "Nyhedsbrev", "Newsletter", "Marketing consent", "Согласие на рассылку", "Samtycke e-post",
			"Nyhetsbrev", "Samtykke e-post", "Email consent", "E-mail consent", "Accepts marketing", "Accepts email marketing",
			"Email marketing", "Opt-in", "Optin", "Permission", "Tilladelse", "Markedsføring", "Marknadsföring", "Рассылка", "Подписка",
			"Подписан на рассылку", "Samtykke", "Samtycke", "Consent", "Согласие", "E-mail samtykke", "E-mail-samtykke", "Nyhedsbrev tilmeldt"},
		"consentSms": {"SMS-samtykke", "SMS samtycke", "SMS consent", "Accepts SMS marketing", "SMS marketing", "SMS", "Samtykke SMS",
			"Samtycke SMS", "Согласие на SMS", "SMS-рассылка", "SMS-tilladelse", "SMS-samtycke"},
		"consentPost": {"Samtykke post", "Postsamtykke", "Direct mail", "Direct mail consent", "Post consent", "Reklame med post",
			"Samtycke post", "Samtykke brev", "Согласие на почтовую рассылку", "Brevpost", "Postal consent", "Letters"},
		"consentPhone": {"Samtykke telefon", "Telefonsamtykke", "Phone consent", "Telemarketing", "Samtycke telefon",
			"Согласие на звонки", "Må ringes op", "Telefonsamtycke"},
	},
	marketing.ImportOrders: {
		"orderNo":    append([]string{"ID", "Nr", "Nr.", "No", "No.", "№", "#"}, synOrderNo...),
		"customerNo": synCustomerNo,
		"email":      synEmail,
		"phone":      append(append([]string(nil), synPhone...), synMobile...),
		"date":       synDate,
		"amount": {"Beløb", "Belopp", "Beløp", "Amount", "Total", "Sum", "Сумма", "I alt", "Totalt", "Total amount", "Ordresum",
			"Ordrebeløb", "Order total", "Сумма заказа", "Итого", "Summa", "Totalbeløb", "Totalbelopp", "Pris i alt", "Omsætning",
			"Omsättning", "Omsetning", "Revenue", "Выручка", "Beløb inkl. moms", "Total inkl. moms", "Ordrebeløp", "Orderbelopp", "Samlet pris"},
		"currency": synCurrency,
		"sku":      synSKU,
		"productName": {"Vare", "Produkt", "Product", "Товар", "Varenavn", "Produktnavn", "Product name", "Item", "Artikel",
			"Varebeskrivelse", "Varetekst", "Benämning", "Наименование", "Название товара", "Наименование товара", "Beskrivelse",
			"Description", "Tekst", "Продукт", "Produktnamn", "Artikelnamn", "Vara", "Varenamn"},
		"category": synCategory,
		"quantity": {"Antal", "Antall", "Quantity", "Qty", "Количество", "Stk", "Stk.", "Antal stk", "Кол-во", "Mængde", "Mängd",
			"Mengde", "Pcs", "Units", "St.", "Styck", "Antal st", "Stykk", "Шт.", "Кол."},
		"unitPrice": {"Stykpris", "Pris", "Unit price", "Цена", "Enhedspris", "Á-pris", "À pris", "A-pris", "Apris", "Styckpris",
			"Stykkpris", "Enhetspris", "Price", "Цена за единицу", "Цена за шт.", "Pris pr. stk.", "Price each", "Pris/stk", "à-pris"},
		"channel": {"Kanal", "Channel", "Канал", "Salgskanal", "Försäljningskanal", "Sales channel", "Butik", "Shop", "Store",
			"Магазин", "Kilde", "Source", "Источник", "Platform", "Platforme", "Plattform", "Канал продаж"},
	},
	marketing.ImportProducts: {
		"sku": append([]string{"ID", "Nr", "Nr.", "No", "No.", "№", "#", "Nummer", "Number"}, synSKU...),
		"name": {"Navn", "Namn", "Name", "Название", "Benämning", "Produktnavn", "Varenavn", "Product name", "Produkt", "Vare",
			"Product", "Title", "Titel", "Tittel", "Наименование", "Товар", "Benevnelse", "Betegnelse", "Varebetegnelse", "Produktnamn",
			"Artikelnamn", "Artikel", "Item", "Продукт", "Наименование товара", "Название товара", "Vara", "Varenamn", "Produkttitel"},
		"description": {"Beskrivelse", "Beskrivning", "Description", "Описание", "Produktbeskrivelse", "Varebeskrivelse", "Tekst",
			"Text", "Produkttekst", "Detaljer", "Details", "Lang beskrivelse", "Long description", "Описание товара", "Produktbeskrivning"},
		"category": synCategory,
		"price": {"Pris", "Price", "Цена", "Salgspris", "Udsalgspris", "Försäljningspris", "Utpris", "Utsalgspris", "Veil. pris",
			"Vejl. pris", "Retail price", "Стоимость", "Listepris", "List price", "Pris inkl. moms", "Цена продажи", "Розничная цена", "Styckpris", "Stykpris"},
		"currency": synCurrency,
		"image": {"Billede", "Bild", "Bilde", "Image", "Picture", "Изображение", "Фото", "Foto", "Photo", "Billedfil", "Image file",
			"Image URL", "Картинка", "Billeder", "Bilder", "Images", "Photo URL", "Billede-URL", "Produktbillede", "Produktbild", "Фотография"},
		"active": {"Aktiv", "Active", "Активен", "Status", "Aktiveret", "Published", "Synlig", "Visible", "Активный", "Опубликован",
			"Publiceret", "Publicerad", "Publisert", "Til salg", "Till salu", "Enabled", "I sortiment", "В продаже"},
	},
}

// Terms shared by the "contains" rules.
var (
	tPostcode = []string{"postnr", "postnummer", "postkode", "postcode", "post code", "postal code", "zip", "индекс", "plz", "post nr"}
	tCity     = []string{"by", "ort", "city", "sted", "poststed", "stad", "town", "город", "bynavn", "postort", "населенный"}
	tNumber   = []string{"nr", "no", "nummer", "number", "id", "номер", "код", "num"}
	tEmail    = []string{"mail", "email", "epost", "e post", "электрон", "эл почта", "емейл", "имейл", "mejl"}
	tPhone    = []string{"telefon", "phone", "tlf", "tel", "телефон", "тел"}
	tMobile   = []string{"mobil", "mobile", "cell", "сотов", "мобил", "моб", "mob"}
	tCustomer = []string{"kunde", "kund", "customer", "client", "клиент", "покупател", "member", "medlem"}
	tSKU      = []string{"varenr", "varenummer", "artikelnr", "artikelnummer", "artnr", "sku", "артикул", "item no", "product code",
		"varekode", "produktnr", "produktnummer", "код товар", "artikkelnr", "artikkelnummer", "varunr", "varunummer"}
	tCategory = []string{"kategori", "category", "категор", "varegruppe", "varugrupp", "produktgrupp", "группа товар"}
	tCurrency = []string{"valuta", "currency", "валют"}
	tSource   = []string{"kilde", "kalla", "source", "источник", "origin", "oprindelse"}
)

// rules per kind, tried in order on headers no synonym names exactly; the
// order settles overlaps ("Postnr. og by" before "Postnr.", "Efternavn"
// before "Navn", "Produktbeskrivelse" before "Produkt").
var rules = map[marketing.ImportKind][]rule{
	marketing.ImportContacts: {
		makeRule("consent", []string{"samtykke", "samtycke", "consent", "согласи", "accepts", "nyhedsbrev", "nyhetsbrev", "newsletter",
			"рассылк", "marketing", "markedsforing", "marknadsforing", "подписк", "opt in", "optin", "tilladelse", "permission"}),
		makeRule("postcodeCity", tPostcode, tCity),
		makeRule("postcode", tPostcode),
		makeRule("birthDate", []string{"fodsel", "fodelse", "birth", "рожден", "fodd", "fodt", "dob"}),
		makeRule("customerSince", []string{"siden", "sedan", "since", "клиент с", "oprettet", "created", "регистрац"}),
		makeRule("fullName", []string{"fornavn", "fornamn", "first name", "firstname", "имя", "given name"},
			[]string{"efternavn", "efternamn", "etternavn", "last name", "lastname", "surname", "фамили"}),
		makeRule("fullName", []string{"фио", "full name", "fulde navn", "fullt navn", "fullstandigt namn"}),
		makeRule("firstName", []string{"fornavn", "fornamn", "first name", "firstname", "given name", "имя", "forename"}),
		makeRule("lastName", []string{"efternavn", "efternamn", "etternavn", "last name", "lastname", "surname", "family name", "фамили"}),
		makeRule("middleName", []string{"mellemnavn", "mellannamn", "mellomnavn", "middle name", "отчеств"}),
		makeRule("mobile", tMobile),
		makeRule("phone", tPhone),
		makeRule("email", tEmail),
		makeRule("company", []string{"firma", "company", "virksomhed", "foretag", "bedrift", "компани", "организац", "selskab", "foretak",
			"organisation", "organization"}),
		makeRule("customerNo", tCustomer, tNumber),
		makeRule("customerNo", []string{"kundenr", "kundnr", "kundenummer", "kundnummer"}),
		makeRule("jobTitle", []string{"stilling", "befattning", "job", "position", "должност", "title", "titel", "tittel", "yrke"}),
		makeRule("gender", []string{"kon", "kjonn", "gender", "пол", "sex", "tiltale", "tilltal", "salutation", "обращени"}),
		makeRule("country", []string{"land", "country", "страна", "landekode", "landkod"}),
		makeRule("region", []string{"region", "lan", "fylke", "област", "регион", "state", "province", "county"}),
		makeRule("language", []string{"sprog", "sprak", "language", "язык"}),
		makeRule("street2", []string{"c o", "att", "etage", "lejlighed", "квартир", "apartment", "address2", "adresse2", "adress2",
			"addressline2", "adresselinje2", "adressrad2"}),
		makeRule("city", []string{"city", "город", "postort", "poststed", "bynavn", "town", "населен", "stad", "ort", "by"}),
		makeRule("street1", []string{"adresse", "adress", "address", "адрес", "gade", "gata", "gate", "vej", "street", "улиц", "vejnavn"}),
		makeRule("notes", []string{"note", "noter", "notat", "bemaerk", "kommentar", "comment", "anteckn", "merknad", "примечан",
			"коммент", "заметк", "remark"}),
		makeRule("tags", []string{"tag", "tags", "gruppe", "grupp", "group", "segment", "etiket", "etikett", "label", "метк", "тег",
			"групп", "kategori", "category", "категор", "interesse", "intresse", "interest", "интерес"}),
		makeRule("source", tSource),
		makeRule("kind", []string{"kundetype", "kundtyp", "customer type", "тип клиента", "type", "тип"}),
		makeRule("fullName", []string{"navn", "namn", "name", "имя", "kunde", "kund", "customer", "клиент", "kontakt", "contact",
			"modtager", "mottagare", "mottaker", "recipient", "получател"}),
	},
	marketing.ImportOrders: {
		makeRule("orderNo", []string{"ordre", "order", "bestilling", "bestallning", "заказ", "faktura", "invoice", "kvittering", "receipt"}, tNumber),
		makeRule("customerNo", tCustomer, tNumber),
		makeRule("customerNo", []string{"kundenr", "kundnr", "kundenummer", "kundnummer"}),
		makeRule("email", tEmail),
		makeRule("phone", append(append([]string(nil), tPhone...), tMobile...)),
		makeRule("date", []string{"dato", "datum", "date", "дата", "tidspunkt"}),
		makeRule("amount", []string{"belob", "belopp", "amount", "total", "sum", "сумм", "i alt", "итог", "summa", "samlet",
			"omsaetning", "omsattning", "omsetning", "revenue", "выручк"}),
		makeRule("currency", tCurrency),
		makeRule("sku", tSKU),
		makeRule("unitPrice", []string{"pris", "price", "цена", "цены", "stykpris", "enhedspris", "styckpris", "enhetspris", "apris"}),
		makeRule("quantity", []string{"antal", "antall", "quantity", "qty", "колич", "кол во", "maengde", "mangd", "mengde", "stk", "шт"}),
		makeRule("category", tCategory),
		makeRule("channel", []string{"kanal", "channel", "канал", "butik", "shop", "store", "магазин", "platform", "plattform"}),
		makeRule("channel", tSource),
		makeRule("productName", []string{"vare", "produkt", "product", "товар", "item", "artikel", "наименован", "benamning",
			"beskrivelse", "description", "vara", "продукт"}),
		makeRule("orderNo", []string{"ordre", "order", "bestilling", "bestallning", "заказ", "faktura", "invoice"}),
	},
	marketing.ImportProducts: {
		makeRule("sku", tSKU),
		makeRule("description", []string{"beskriv", "description", "описан", "tekst", "text"}),
		makeRule("category", tCategory),
		makeRule("price", []string{"pris", "price", "цена", "стоимост"}),
		makeRule("currency", tCurrency),
		makeRule("image", []string{"billede", "bild", "bilde", "image", "picture", "изображен", "фото", "foto", "photo", "картин"}),
		makeRule("active", []string{"aktiv", "active", "активн", "publi", "synlig", "visible", "enabled"}),
		makeRule("name", []string{"navn", "namn", "name", "назван", "наименован", "titel", "title", "tittel", "produkt", "product",
			"vare", "товар", "benamning", "artikel", "vara"}),
		makeRule("sku", tNumber),
	},
}

// exact maps a header's compact form to its field, per kind.
var exact = map[marketing.ImportKind]map[string]string{}

// genericKeys are headers whose field the values settle: a "Navn" may hold
// the first name or the whole name, an "Adresse" the street or everything.
var genericKeys = map[string]bool{}

func init() {
	for kind, fields := range synonyms {
		m := map[string]string{}
		// Walk fields in menu order so that a header listed twice goes to
		// the field the menu lists first.
		for _, f := range fieldLists[kind] {
			for _, s := range fields[f.Key] {
				if k := headerKey(s); k != "" {
					if _, dup := m[k]; !dup {
						m[k] = f.Key
					}
				}
			}
		}
		exact[kind] = m
	}
	for _, s := range []string{"Navn", "Namn", "Name", "Имя и фамилия", "Kunde", "Kund", "Customer", "Клиент", "Kontaktperson", "Kontakt",
		"Contact", "Person", "Adresse", "Adress", "Address", "Адрес", "Postadresse", "Postal address", "Почтовый адрес",
		"Адрес доставки", "Leveringsadresse", "Leveransadress", "Delivery address", "Shipping address", "Адрес проживания", "Покупатель"} {
		genericKeys[headerKey(s)] = true
	}
}

// customerKeys are order-list headers that name the customer without saying
// by what.
var customerKeys = map[string]bool{"kunde": true, "kund": true, "customer": true, "client": true, "клиент": true, "покупатель": true}

// proposal is the guess for one column before columns compete for fields.
type proposal struct {
	field string
	exact bool
}

func propose(kind marketing.ImportKind, header string) proposal {
	words := headerWords(header)
	compact := strings.Join(words, "")
	if compact == "" {
		return proposal{}
	}
	if f, ok := exact[kind][compact]; ok {
		return proposal{field: f, exact: true}
	}
	for _, r := range rules[kind] {
		if r.matches(words, compact) {
			if r.field == "consent" {
				return proposal{field: consentChannel(words, compact)}
			}
			return proposal{field: r.field}
		}
	}
	return proposal{}
}

// consentChannel tells which consent a consent header is about; a consent
// that names no channel (a newsletter, "Marketing consent") is email.
func consentChannel(words []string, compact string) string {
	has := func(ts ...string) bool {
		for _, t := range ts {
			if makeTerm(t).in(words, compact) {
				return true
			}
		}
		return false
	}
	switch {
	case has("sms"):
		return "consentSms"
	case has("telefon", "phone", "tlf", "звон", "telemarketing", "ringes", "ring"):
		return "consentPhone"
	case has("mail", "email", "epost", "e post", "электрон", "nyhedsbrev", "nyhetsbrev", "newsletter", "mejl"):
		return "consentEmail"
	case has("post", "brev", "letter", "почт", "direct mail"):
		return "consentPost"
	}
	return "consentEmail"
}

// AutoMap proposes a field for each header ("" when it has no idea). Each
// field goes to one column at most: headers that name a field exactly win
// over headers that merely mention it, and then the leftmost column wins.
// samples are the first non-empty values of each column (may be nil); they
// tell a whole address from a street, a full name from a first name, and a
// "2100 København" column from a city.
func AutoMap(kind marketing.ImportKind, headers []string, samples [][]string) []string {
	out := make([]string, len(headers))
	if fieldLists[kind] == nil {
		return out
	}
	sample := func(j int) []string {
		if j < len(samples) {
			return samples[j]
		}
		return nil
	}
	props := make([]proposal, len(headers))
	for j, h := range headers {
		props[j] = propose(kind, h)
		props[j].field = refine(kind, props[j].field, headerKey(h), sample(j))
	}
	if kind == marketing.ImportContacts {
		nameColumns(headers, props, sample)
	}
	taken := map[string]bool{}
	for _, pass := range []bool{true, false} {
		for j, p := range props {
			if p.field != "" && p.exact == pass && !taken[p.field] {
				out[j], taken[p.field] = p.field, true
			}
		}
	}
	// A column without a header (or with one we do not know) full of
	// email addresses is the email column.
	for j := range headers {
		if out[j] == "" && !taken["email"] && hasField(kind, "email") && mostly(sample(j), looksLikeEmail) {
			out[j], taken["email"] = "email", true
		}
	}
	return out
}

func hasField(kind marketing.ImportKind, key string) bool {
	for _, f := range fieldLists[kind] {
		if f.Key == key {
			return true
		}
	}
	return false
}

// refine adjusts one column's guess by its values.
func refine(kind marketing.ImportKind, field, key string, samples []string) string {
	switch {
	case kind == marketing.ImportContacts && field == "street1" && mostly(samples, isWholeAddress):
		return "address"
	case kind == marketing.ImportContacts && (field == "postcode" || field == "city") && mostly(samples, isPostcodeCity):
		return "postcodeCity"
	case kind == marketing.ImportOrders && field == "" && customerKeys[key]:
		// "Kunde" in an order list: a customer number or an email address.
		switch {
		case mostly(samples, looksLikeEmail):
			return "email"
		case len(samples) == 0 || mostly(samples, hasDigit):
			return "customerNo"
		}
	}
	return field
}

// nameColumns settles a generic "Navn" column: beside a last-name column and
// no first-name column it holds the first name, unless its values already
// contain the last names.
func nameColumns(headers []string, props []proposal, sample func(int) []string) {
	first, lastAt := false, -1
	for j, p := range props {
		switch p.field {
		case "firstName":
			first = true
		case "lastName":
			if lastAt < 0 {
				lastAt = j
			}
		}
	}
	if first || lastAt < 0 {
		return
	}
	for j, p := range props {
		if p.field != "fullName" || !genericKeys[headerKey(headers[j])] {
			continue
		}
		if containsLastName(sample(j), sample(lastAt)) {
			continue
		}
		props[j].field = "firstName"
		return
	}
}

func containsLastName(names, lasts []string) bool {
	for _, n := range names {
		words := strings.Fields(marketing.Fold(n))
		for _, l := range lasts {
			l = marketing.Fold(l)
			for _, w := range words {
				if l != "" && strings.Trim(w, ",") == l {
					return true
				}
			}
		}
	}
	return false
}

// mostly reports whether more than half of the samples (at least one) pass.
func mostly(samples []string, f func(string) bool) bool {
	n, yes := 0, 0
	for _, s := range samples {
		if strings.TrimSpace(s) == "" {
			continue
		}
		n++
		if f(s) {
			yes++
		}
	}
	return n > 0 && yes*2 > n
}

func isWholeAddress(s string) bool {
	if !strings.ContainsAny(s, ",\n") {
		return false
	}
	a, ok := SplitAddress(s, "")
	return ok && a.Postcode != "" && a.City != ""
}

func isPostcodeCity(s string) bool {
	pc, city, _ := SplitPostcodeCity(s, "")
	return pc != "" && city != ""
}

func looksLikeEmail(s string) bool {
	s = strings.TrimSpace(s)
	at := strings.IndexByte(s, '@')
	return at > 0 && strings.Count(s, "@") == 1 && !strings.ContainsAny(s, " ,;") && strings.Contains(s[at:], ".")
}
