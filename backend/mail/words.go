package mail

// words are the few fixed texts an email carries besides the user's own:
// the footer and the product button, in the template's language.
type words struct {
	why, unsubscribe, view, regNo string
}

var wordTable = map[string]words{
	"en": {why: "You receive this email because you are a customer of ours.", unsubscribe: "Unsubscribe", view: "See more", regNo: "Reg. no."},
	"da": {why: "Du modtager denne e-mail, fordi du er kunde hos os.", unsubscribe: "Afmeld", view: "Se mere", regNo: "CVR"},
	"sv": {why: "Du får detta mejl eftersom du är kund hos oss.", unsubscribe: "Avregistrera", view: "Läs mer", regNo: "Org.nr"},
	"nb": {why: "Du mottar denne e-posten fordi du er kunde hos oss.", unsubscribe: "Meld av", view: "Se mer", regNo: "Org.nr."},
	"ru": {why: "Вы получили это письмо, потому что вы наш клиент.", unsubscribe: "Отписаться", view: "Подробнее", regNo: "ИНН"},
}

func wordsFor(lang string) words {
	if w, ok := wordTable[lang]; ok {
		return w
	}
	return wordTable["en"]
}
