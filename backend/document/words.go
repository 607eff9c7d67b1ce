package document

import "fmt"

// The few words DirectDesk itself prints on documents, per language.
var printed = map[string]map[string]string{
	"en": {"page": "Page %d of %d", "code": "Your code", "contents": "Contents", "order": "Order form", "qty": "Qty", "item": "Item no.", "product": "Product", "price": "Price", "name": "Name", "address": "Address", "phone": "Phone", "email": "Email", "signature": "Date and signature", "reply": "Reply card", "replyHint": "Fill in, cut out and send it to us, or quote your code when you order.", "for": "Specially for %s", "page1": "page %d"},
	"da": {"page": "Side %d af %d", "code": "Din kode", "contents": "Indhold", "order": "Bestillingsseddel", "qty": "Antal", "item": "Varenr.", "product": "Vare", "price": "Pris", "name": "Navn", "address": "Adresse", "phone": "Telefon", "email": "E-mail", "signature": "Dato og underskrift", "reply": "Svarkort", "replyHint": "Udfyld, klip ud og send til os, eller oplys din kode, når du bestiller.", "for": "Specielt til %s", "page1": "side %d"},
	"sv": {"page": "Sida %d av %d", "code": "Din kod", "contents": "Innehåll", "order": "Beställningssedel", "qty": "Antal", "item": "Art.nr", "product": "Vara", "price": "Pris", "name": "Namn", "address": "Adress", "phone": "Telefon", "email": "E-post", "signature": "Datum och underskrift", "reply": "Svarskort", "replyHint": "Fyll i, klipp ut och skicka till oss, eller uppge din kod när du beställer.", "for": "Speciellt för %s", "page1": "sida %d"},
	"nb": {"page": "Side %d av %d", "code": "Din kode", "contents": "Innhold", "order": "Bestillingsskjema", "qty": "Antall", "item": "Varenr.", "product": "Vare", "price": "Pris", "name": "Navn", "address": "Adresse", "phone": "Telefon", "email": "E-post", "signature": "Dato og underskrift", "reply": "Svarkort", "replyHint": "Fyll ut, klipp ut og send til oss, eller oppgi koden din når du bestiller.", "for": "Spesielt for %s", "page1": "side %d"},
	"ru": {"page": "Страница %d из %d", "code": "Ваш код", "contents": "Содержание", "order": "Бланк заказа", "qty": "Кол-во", "item": "Артикул", "product": "Товар", "price": "Цена", "name": "Имя", "address": "Адрес", "phone": "Телефон", "email": "Эл. почта", "signature": "Дата и подпись", "reply": "Карточка ответа", "replyHint": "Заполните, вырежьте и отправьте нам или назовите код при заказе.", "for": "Специально для %s", "page1": "стр. %d"},
}

func say(lang, key string, args ...any) string {
	m, ok := printed[lang]
	if !ok {
		m = printed["en"]
	}
	s := m[key]
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}
