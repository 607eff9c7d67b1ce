package mail

import "directdesk/backend/marketing"

// StarterEmail is the stable name of the starter email template.
const StarterEmail = "standard-email"

type starterText struct {
	title, subject, preheader, heading, body, button, closing string
}

var starterTexts = map[string]starterText{
	"en": {"Newsletter", "{{first_name | \"Hello\"}}, news from {{business.name}}", "Our best offers this season",
		"News from {{business.name}}", "<p>{{salutation}},</p><p>Thank you for being a customer. This season we have new products we think you will like.</p>",
		"See the offers", "<p>Kind regards<br>{{business.name}}</p>"},
	"da": {"Nyhedsbrev", "{{first_name | \"Hej\"}}, nyt fra {{business.name}}", "Sæsonens bedste tilbud",
		"Nyt fra {{business.name}}", "<p>{{salutation}}</p><p>Tak fordi du er kunde hos os. I denne sæson har vi nye varer, som vi tror, du vil synes om.</p>",
		"Se tilbuddene", "<p>Venlig hilsen<br>{{business.name}}</p>"},
	"sv": {"Nyhetsbrev", "{{first_name | \"Hej\"}}, nytt från {{business.name}}", "Säsongens bästa erbjudanden",
		"Nytt från {{business.name}}", "<p>{{salutation}}</p><p>Tack för att du är kund hos oss. Den här säsongen har vi nya varor som vi tror att du kommer att gilla.</p>",
		"Se erbjudandena", "<p>Vänliga hälsningar<br>{{business.name}}</p>"},
	"nb": {"Nyhetsbrev", "{{first_name | \"Hei\"}}, nytt fra {{business.name}}", "Sesongens beste tilbud",
		"Nytt fra {{business.name}}", "<p>{{salutation}}</p><p>Takk for at du er kunde hos oss. Denne sesongen har vi nye varer som vi tror du vil like.</p>",
		"Se tilbudene", "<p>Vennlig hilsen<br>{{business.name}}</p>"},
	"ru": {"Рассылка", "{{first_name | \"Здравствуйте\"}}, новости {{business.name}}", "Лучшие предложения сезона",
		"Новости {{business.name}}", "<p>{{salutation}}</p><p>Спасибо, что вы наш клиент. В этом сезоне у нас новые товары, которые, как мы думаем, вам понравятся.</p>",
		"Смотреть предложения", "<p>С уважением,<br>{{business.name}}</p>"},
}

// Starters returns the starter email template in a language.
func Starters(lang string) []marketing.Template {
	t, ok := starterTexts[lang]
	if !ok {
		lang, t = "en", starterTexts["en"]
	}
	return []marketing.Template{{
		Name: StarterEmail, Starter: StarterEmail, Kind: marketing.KindEmail, Title: t.title, Lang: lang,
		Layout: marketing.Layout{Email: marketing.EmailLayout{
			Subject: t.subject, Preheader: t.preheader,
			Blocks: []marketing.EmailBlock{
				{Kind: marketing.BlockText, Text: "<h1>" + t.heading + "</h1>" + t.body},
				{Kind: marketing.BlockButton, Text: t.button, URL: "https://example.com"},
				{Kind: marketing.BlockDivider},
				{Kind: marketing.BlockText, Text: t.closing},
			},
			Attachments: []marketing.EmailAttachment{},
		}},
	}}
}
