package document

import "directdesk/backend/marketing"

// Starter templates ship in every UI language so a new workspace can make
// documents at once. Their names are stable keys (the CLI's --template).
const (
	StarterLetter  = "standard-letter"
	StarterOffer   = "offer-letter"
	StarterLabels  = "standard-labels"
	StarterCatalog = "standard-catalog"
)

type starterText struct {
	letterTitle, letter, offerTitle, offer, labelsTitle, catalogTitle, catalogSeason, intro string
}

var starterTexts = map[string]starterText{
	"en": {
		letterTitle: "Standard letter",
		letter:      `<p>{{salutation}},</p><p>Thank you for being a customer of {{business.name}}. We have new things in store this season and would love to see you again.</p><p>If you have any questions, call us on {{business.phone}} or write to {{business.email}}.</p><p>Kind regards</p><p><b>{{business.name}}</b></p>`,
		offerTitle:  "Offer letter",
		offer:       `<h1>A special offer for you</h1><p>{{salutation}},</p><p>{{#if orders_count > 0}}Thank you for shopping with us, most recently on {{last_order_date}}.{{#else}}We would like to welcome you as a new customer.{{/if}} As a thank-you you get <b>15% off</b> your next purchase.</p><ul><li>Valid in the shop and online</li><li>Valid until the end of the month</li></ul><p>Quote the code <b>{{response_code}}</b> when you order.</p><p>Kind regards<br>{{business.name}}</p>`,
		labelsTitle: "Address labels", catalogTitle: "Product catalog", catalogSeason: "Winter",
		intro: `<h1>Our new catalog</h1><p>{{salutation}},</p><p>Here is our new catalog, put together for you. Quote the code <b>{{response_code}}</b> on the order form or when you call us, and we will make sure you get the prices in this catalog.</p><p>Kind regards<br>{{business.name}}</p>`,
	},
	"da": {
		letterTitle: "Standardbrev",
		letter:      `<p>{{salutation}},</p><p>Tak fordi du er kunde hos {{business.name}}. Vi har fået nye varer hjem til sæsonen og glæder os til at se dig igen.</p><p>Har du spørgsmål, så ring til os på {{business.phone}} eller skriv til {{business.email}}.</p><p>Med venlig hilsen</p><p><b>{{business.name}}</b></p>`,
		offerTitle:  "Tilbudsbrev",
		offer:       `<h1>Et særligt tilbud til dig</h1><p>{{salutation}},</p><p>{{#if orders_count > 0}}Tak fordi du handler hos os, senest den {{last_order_date}}.{{#else}}Vi vil gerne byde dig velkommen som ny kunde.{{/if}} Som tak får du <b>15 % rabat</b> på dit næste køb.</p><ul><li>Gælder i butikken og på nettet</li><li>Gælder til og med udgangen af måneden</li></ul><p>Oplys koden <b>{{response_code}}</b>, når du handler.</p><p>Med venlig hilsen<br>{{business.name}}</p>`,
		labelsTitle: "Adresseetiketter", catalogTitle: "Varekatalog", catalogSeason: "Vinter",
		intro: `<h1>Vores nye katalog</h1><p>{{salutation}},</p><p>Her er vores nye katalog, sat sammen til dig. Oplys koden <b>{{response_code}}</b> på bestillingssedlen, eller når du ringer, så får du priserne i kataloget.</p><p>Med venlig hilsen<br>{{business.name}}</p>`,
	},
	"sv": {
		letterTitle: "Standardbrev",
		letter:      `<p>{{salutation}},</p><p>Tack för att du är kund hos {{business.name}}. Vi har fått in nya varor inför säsongen och ser fram emot att träffa dig igen.</p><p>Har du frågor kan du ringa oss på {{business.phone}} eller skriva till {{business.email}}.</p><p>Med vänliga hälsningar</p><p><b>{{business.name}}</b></p>`,
		offerTitle:  "Erbjudandebrev",
		offer:       `<h1>Ett särskilt erbjudande till dig</h1><p>{{salutation}},</p><p>{{#if orders_count > 0}}Tack för att du handlar hos oss, senast den {{last_order_date}}.{{#else}}Vi vill hälsa dig välkommen som ny kund.{{/if}} Som tack får du <b>15 % rabatt</b> på ditt nästa köp.</p><ul><li>Gäller i butiken och på nätet</li><li>Gäller till och med månadens slut</li></ul><p>Uppge koden <b>{{response_code}}</b> när du handlar.</p><p>Med vänliga hälsningar<br>{{business.name}}</p>`,
		labelsTitle: "Adressetiketter", catalogTitle: "Produktkatalog", catalogSeason: "Vinter",
		intro: `<h1>Vår nya katalog</h1><p>{{salutation}},</p><p>Här är vår nya katalog, sammanställd för dig. Uppge koden <b>{{response_code}}</b> på beställningssedeln eller när du ringer, så får du priserna i katalogen.</p><p>Med vänliga hälsningar<br>{{business.name}}</p>`,
	},
	"nb": {
		letterTitle: "Standardbrev",
		letter:      `<p>{{salutation}},</p><p>Takk for at du er kunde hos {{business.name}}. Vi har fått inn nye varer til sesongen og gleder oss til å se deg igjen.</p><p>Har du spørsmål, kan du ringe oss på {{business.phone}} eller skrive til {{business.email}}.</p><p>Med vennlig hilsen</p><p><b>{{business.name}}</b></p>`,
		offerTitle:  "Tilbudsbrev",
		offer:       `<h1>Et spesielt tilbud til deg</h1><p>{{salutation}},</p><p>{{#if orders_count > 0}}Takk for at du handler hos oss, sist {{last_order_date}}.{{#else}}Vi vil gjerne ønske deg velkommen som ny kunde.{{/if}} Som takk får du <b>15 % rabatt</b> på ditt neste kjøp.</p><ul><li>Gjelder i butikken og på nett</li><li>Gjelder ut måneden</li></ul><p>Oppgi koden <b>{{response_code}}</b> når du handler.</p><p>Med vennlig hilsen<br>{{business.name}}</p>`,
		labelsTitle: "Adresseetiketter", catalogTitle: "Produktkatalog", catalogSeason: "Vinter",
		intro: `<h1>Vår nye katalog</h1><p>{{salutation}},</p><p>Her er vår nye katalog, satt sammen for deg. Oppgi koden <b>{{response_code}}</b> på bestillingsskjemaet eller når du ringer, så får du prisene i katalogen.</p><p>Med vennlig hilsen<br>{{business.name}}</p>`,
	},
	"ru": {
		letterTitle: "Стандартное письмо",
		letter:      `<p>{{salutation}}!</p><p>Спасибо, что вы покупаете в «{{business.name}}». К новому сезону у нас появились новые товары, и мы будем рады видеть вас снова.</p><p>Если у вас есть вопросы, позвоните нам по телефону {{business.phone}} или напишите на {{business.email}}.</p><p>С уважением,</p><p><b>{{business.name}}</b></p>`,
		offerTitle:  "Письмо с предложением",
		offer:       `<h1>Специальное предложение для вас</h1><p>{{salutation}}!</p><p>{{#if orders_count > 0}}Спасибо, что делаете покупки у нас, последняя — {{last_order_date}}.{{#else}}Мы рады приветствовать вас как нового покупателя.{{/if}} В благодарность дарим вам <b>скидку 15 %</b> на следующую покупку.</p><ul><li>Действует в магазине и на сайте</li><li>Действует до конца месяца</li></ul><p>Назовите код <b>{{response_code}}</b> при покупке.</p><p>С уважением,<br>{{business.name}}</p>`,
		labelsTitle: "Адресные наклейки", catalogTitle: "Каталог товаров", catalogSeason: "Зима",
		intro: `<h1>Наш новый каталог</h1><p>{{salutation}}!</p><p>Перед вами наш новый каталог, составленный для вас. Укажите код <b>{{response_code}}</b> в бланке заказа или назовите его по телефону, и вы получите цены из этого каталога.</p><p>С уважением,<br>{{business.name}}</p>`,
	},
}

// Starters returns the starter templates in lang (English when unknown).
func Starters(lang string) []marketing.Template {
	t, ok := starterTexts[lang]
	if !ok {
		lang, t = "en", starterTexts["en"]
	}
	letter := marketing.LetterLayout{Paper: "A4", Envelope: "DL", Window: "left", Sender: true, Logo: true, Footer: true}
	return []marketing.Template{
		{Name: StarterLetter, Starter: StarterLetter, Kind: marketing.KindLetter, Title: t.letterTitle, Lang: lang, Body: t.letter, Layout: marketing.Layout{Letter: letter}},
		{Name: StarterOffer, Starter: StarterOffer, Kind: marketing.KindLetter, Title: t.offerTitle, Lang: lang, Body: t.offer, Layout: marketing.Layout{Letter: letter}},
		{Name: StarterLabels, Starter: StarterLabels, Kind: marketing.KindLabels, Title: t.labelsTitle, Lang: lang, Layout: marketing.Layout{Labels: marketing.LabelLayout{Sheet: "L7160", Start: 1, SortByZip: true}}},
		{Name: StarterCatalog, Starter: StarterCatalog, Kind: marketing.KindCatalog, Title: t.catalogTitle, Lang: lang, Body: t.intro,
			Layout: marketing.Layout{Catalog: marketing.CatalogLayout{Title: t.catalogTitle, Season: t.catalogSeason, Grid: "2x3", Contents: true, Intro: true, Reply: true}}},
	}
}
