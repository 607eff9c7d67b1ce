package demo

// Small-business names in the patterns of the national business registers
// (CVR, Bolagsverket, Brønnøysundregistrene, ЕГРЮЛ/ЕГРИП): a family name plus
// trade with the legal form (Hansen Tømrer ApS, Andersson Bygg AB, Hansen
// Elektro AS), "& Søn" firms, shop names (Bageriet Solsikken), and in Russia
// ООО «…», АО «…» and sole traders written "ИП Фамилия И. О.".

type nordicCompanies struct {
	form   string   // legal form suffix: ApS, AB, AS
	andSon string   // "& Søn"
	trades []string // "Hansen Tømrer ApS"
	shops  []string // "Hansens Bageri"
	fixed  []string // complete names
}

var dkCompanies = nordicCompanies{
	form:   "ApS",
	andSon: "& Søn",
	trades: []string{"Tømrer", "VVS", "El-service", "Maler", "Murer", "Byg", "Auto", "Consult",
		"Rengøring", "Transport", "Revision", "Design", "Anlæg", "Smedie", "Kloakservice", "Tag"},
	shops: []string{"Bageri", "Blomster", "Cykler", "Vinhandel", "Frisørsalon", "Isenkram",
		"Tømrerforretning", "Malerfirma", "Boghandel", "Fisk", "Køkkener", "Optik"},
	fixed: []string{"Bageriet Solsikken", "Café Kronen", "Blomsterhuset", "Frisør Saks & Stil",
		"Nordlys Design", "Havnens Fisk", "Grønttorvet", "Købmandsgården", "Urtehaven", "Den Gamle Købmand",
		"Cykelsmeden", "Vinkælderen", "Kaffekompagniet", "Boghandlen Blæk", "Guldsmeden Ringen",
		"Strikkestuen", "Hundesalonen Pels", "Tandklinikken Smil", "Klinik for Fodterapi", "Stjerne Rengøring ApS"},
}

var seCompanies = nordicCompanies{
	form:   "AB",
	andSon: "& Son",
	trades: []string{"Bygg", "Måleri", "El", "VVS", "Städ", "Transport", "Redovisning", "Konsult",
		"Design", "Trädgård", "Bil", "Plåt", "Golv", "Snickeri", "Rör", "Mark"},
	shops: []string{"Bageri", "Blommor", "Cykel", "Måleri", "Frisersalong", "Järnhandel",
		"Snickeri", "Bokhandel", "Fisk", "Kök", "Optik", "Café"},
	fixed: []string{"Konditori Kanelbullen", "Blomsterhandeln Tulpanen", "Café Fikastunden", "Salong Lugg",
		"Fiskboden", "Hantverkshuset", "Cykelverkstan", "Bokhandeln Bläck", "Vinbaren", "Guldsmeden",
		"Garnbutiken", "Trädgårdsmästarn", "Kafferosteriet", "Ekologiska Boden", "Skomakeriet",
		"Tandvården Leende", "Fotvården", "Hundsalongen", "Norrsken Design AB", "Stjärnstäd AB"},
}

var noCompanies = nordicCompanies{
	form:   "AS",
	andSon: "& Sønn",
	trades: []string{"Bygg", "Elektro", "Rør", "Maling", "Transport", "Regnskap", "Konsult", "Design",
		"Tak", "Anlegg", "Snekkeri", "Bilverksted", "Renhold", "Entreprenør", "Graving", "Eiendom"},
	shops: []string{"Bakeri", "Blomster", "Sykkel", "Maling", "Frisør", "Jernvare",
		"Snekkerverksted", "Bokhandel", "Fisk", "Kjøkken", "Optikk", "Kafé"},
	fixed: []string{"Bakeriet Solsikken", "Kafé Fjellstua", "Blomsterbutikken Rosa", "Frisørsalongen Saks",
		"Fiskebrygga", "Nordlys Interiør AS", "Sykkelverkstedet", "Bokhandelen Blekk", "Gullsmed Ringen",
		"Garnbutikken", "Hagesenteret", "Kaffebrenneriet", "Tannlegene Smil", "Fotterapeuten",
		"Hundesalongen", "Fjordfisk AS", "Matbutikken", "Brygga Mat & Vin", "Treverket AS", "Hyttebygg AS"},
}

var (
	ruCompanyNames = []string{"Северный ветер", "Ромашка", "Вектор", "Альфа-Строй", "Гарант", "Меридиан",
		"Русский лес", "Сибирь-Трейд", "Волга", "Байкал", "Уют", "Тёплый дом", "Рассвет", "Парус", "Сфера",
		"Кедр", "Импульс", "Атлант", "Феникс", "Спектр", "Радуга", "Сокол", "Прогресс", "Техснаб", "СтройМир",
		"Горизонт", "Лотос", "Надежда", "Берёзка", "Мастер"}
	ruShops = []string{"Кафе «Уют»", "Пекарня «Колосок»", "Салон красоты «Лилия»", "Магазин «Ромашка»",
		"Цветочный салон «Флора»", "Ателье «Стежок»", "Автосервис «Гараж»", "Кондитерская «Сластёна»",
		"Книжная лавка «Переплёт»", "Студия «Мастер»", "Кофейня «Зерно»", "Ветклиника «Айболит»"}
)

func appendNordicCompany(b []byte, r *rng, nc *nordicCompanies, last string) []byte {
	switch x := r.intn(100); {
	case x < 35: // Hansen Tømrer ApS
		b = append(b, last...)
		b = append(b, ' ')
		b = append(b, nc.trades[r.intn(len(nc.trades))]...)
		b = append(b, ' ')
		return append(b, nc.form...)
	case x < 50: // Hansens Bageri; names already ending in s take an apostrophe.
		b = append(b, last...)
		if last[len(last)-1] == 's' {
			b = append(b, '\'')
		} else {
			b = append(b, 's')
		}
		b = append(b, ' ')
		return append(b, nc.shops[r.intn(len(nc.shops))]...)
	case x < 60: // Jensen & Søn ApS
		b = append(b, last...)
		b = append(b, ' ')
		b = append(b, nc.andSon...)
		b = append(b, ' ')
		return append(b, nc.form...)
	case x < 92:
		return append(b, nc.fixed[r.intn(len(nc.fixed))]...)
	}
	b = append(b, last...) // Jensen Holding ApS
	b = append(b, " Holding "...)
	return append(b, nc.form...)
}

func appendRussianCompany(b []byte, r *rng, last, first, patronym string) []byte {
	switch x := r.intn(100); {
	case x < 55:
		b = append(b, "ООО «"...)
		b = append(b, ruCompanyNames[r.intn(len(ruCompanyNames))]...)
		return append(b, "»"...)
	case x < 80: // ИП Иванова А. С. — the contact's own sole-trader business
		b = append(b, "ИП "...)
		b = append(b, last...)
		b = append(b, ' ')
		b = appendInitial(b, first)
		if patronym != "" {
			b = append(b, ' ')
			b = appendInitial(b, patronym)
		}
		return b
	case x < 86:
		b = append(b, "АО «"...)
		b = append(b, ruCompanyNames[r.intn(len(ruCompanyNames))]...)
		return append(b, "»"...)
	}
	return append(b, ruShops[r.intn(len(ruShops))]...)
}

// appendInitial appends the first letter of s and a full stop ("А.").
func appendInitial(b []byte, s string) []byte {
	n := 1
	for n < len(s) && s[n]&0xc0 == 0x80 { // continuation bytes of the first rune
		n++
	}
	b = append(b, s[:n]...)
	return append(b, '.')
}
