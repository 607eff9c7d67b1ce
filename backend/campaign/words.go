package campaign

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// The words of the campaign report (PDF and workbook) in the five
// languages the app speaks. The report is made in the backend, so its
// words live here rather than in the frontend's locales. Missing words
// fall back to English.

var reportWords = map[string]map[string]string{
	"en": {
		"verdictLess.very_likely": "very likely really lower", "verdictLess.likely": "likely really lower", "verdictLess.perhaps": "perhaps lower, not yet certain",
		"targetShort": "Target", "controlShort": "Control", "pp": "pp",
		"yearBefore": "Revenue per person, year before",
		"upliftCard": "Uplift (buying rate)", "touchShare": "Share of the touch",
		"title": "Campaign report", "made": "Made", "page": "Page", "of": "of",
		"sheet.summary": "Summary", "sheet.touches": "Touches", "sheet.segments": "Segments", "sheet.followup": "Follow-up",
		"sheet.daily": "Daily", "sheet.responses": "Responses",
		"campaign": "Campaign", "status": "Status", "asOf": "As of", "currency": "Currency",
		"touch": "Touch", "channel": "Channel", "due": "Due", "recipients": "Recipients", "sent": "Sent", "delivered": "Delivered",
		"bounced": "Bounced", "responses": "Responses", "responseRate": "Response rate", "orders": "Orders", "orderRate": "Order rate",
		"revenue": "Revenue", "cost": "Cost", "costPerResponse": "Cost per response", "costPerOrder": "Cost per order", "profit": "Profit",
		"roi": "ROI", "breakEven": "Pays for itself from (response rate)", "clicks": "Clicks", "opens": "Opens", "segment": "Segment",
		"cumShare": "Cumulative share", "date": "Date", "contact": "Contact", "kind": "Kind", "source": "Source", "code": "Code",
		"ref": "Order number", "group": "Group", "value": "Value", "detail": "Detail", "total": "Total",
		"uplift": "Uplift against the control group", "targetGroup": "Target group", "controlGroup": "Control group",
		"people": "People", "buyers": "Buyers", "buyRate": "Buying rate", "difference": "Difference", "ci": "95 % confidence interval",
		"pValue": "p-value", "test": "Test", "verdict": "Verdict", "revPerPerson": "Revenue per person",
		"incremental": "Revenue the campaign added", "ltvBefore": "Revenue per person, the year before",
		"ltvSince": "Revenue per person since the launch", "ltvLifetime": "Lifetime revenue per person",
		"openTasks": "Open fulfilment tasks", "fulfilDays": "Days to fulfil (average)", "findings": "In plain words",
		"chart.byTouch": "Responses and orders by touch", "chart.followUp": "Follow-up curve: cumulative share of orders",
		"chart.followUpRevenue": "Follow-up curve: cumulative share of revenue", "chart.uplift": "Buying rate: target group against control group",
		"nothing": "No responses recorded yet.", "lifecycle": "Stage at launch → now", "from": "At launch", "to": "Now", "count": "People",
		"test.z": "two-proportion z-test", "test.fisher": "Fisher's exact test",
		"channel.letter": "Letter", "channel.catalog": "Catalog", "channel.email": "Email", "channel.sms": "SMS", "channel.phone": "Phone",
		"status.draft": "Draft", "status.scheduled": "Scheduled", "status.running": "Running", "status.paused": "Paused",
		"status.finished": "Finished", "status.archived": "Archived",
		"stage.firstTime": "First-time buyers", "stage.repeat": "Repeat buyers", "stage.loyal": "Loyal", "stage.lapsing": "Lapsing",
		"stage.lost": "Lost", "stage.prospect": "Prospects", "stage.new": "New", "stage.active": "Active", "stage.unknown": "Unknown",
		"kind.reply": "Reply", "kind.coupon": "Coupon", "kind.order": "Order", "kind.inquiry": "Inquiry", "kind.request": "Request",
		"kind.visit": "Visit", "kind.call": "Call", "kind.optout": "Opt-out", "kind.no": "No",
		"source.redeem": "Code typed", "source.import": "Import", "source.inbox": "Inbox", "source.manual": "Manual", "source.phone": "Phone",
		"group.target": "Target group", "group.control": "Control group",
		"verdict.very_likely": "very likely a real effect", "verdict.likely": "likely a real effect",
		"verdict.perhaps": "perhaps a real effect, not yet certain", "verdict.not_shown": "no real effect shown yet", "verdict.no_data": "not measured",
		"f.no_responses":        "No responses yet from the {delivered} people reached.",
		"f.uplift":              "{target} against {control}: {verdict}, {p}.",
		"f.after_fifth.orders":  "{share} of the orders came after the 5th touch.",
		"f.after_fifth.revenue": "{share} of the revenue came after the 5th touch.",
		"f.break_even.reached":  "The campaign pays for itself: {rate} responded, {need} were needed.",
		"f.break_even.not_yet":  "The campaign does not pay for itself yet: {rate} responded, {need} are needed.",
		"f.best_touch":          "Touch {seq} ({channel}) worked best: {rate} responded.",
		"f.best_segment":        "{segment} responded best: {rate}.",
	},
	"da": {
		"verdictLess.very_likely": "med stor sandsynlighed reelt lavere", "verdictLess.likely": "sandsynligvis reelt lavere", "verdictLess.perhaps": "måske lavere, endnu ikke sikkert",
		"targetShort": "Mål", "controlShort": "Kontrol", "pp": "pp",
		"yearBefore": "Omsætning pr. person, året før",
		"upliftCard": "Løft (købsprocent)", "touchShare": "Trinnets andel",
		"title": "Kampagnerapport", "made": "Udarbejdet", "page": "Side", "of": "af",
		"sheet.summary": "Oversigt", "sheet.touches": "Trin", "sheet.segments": "Segmenter", "sheet.followup": "Opfølgning",
		"sheet.daily": "Pr. dag", "sheet.responses": "Svar",
		"campaign": "Kampagne", "status": "Status", "asOf": "Opgjort", "currency": "Valuta",
		"touch": "Trin", "channel": "Kanal", "due": "Dato", "recipients": "Modtagere", "sent": "Sendt", "delivered": "Leveret",
		"bounced": "Afvist", "responses": "Svar", "responseRate": "Svarprocent", "orders": "Ordrer", "orderRate": "Ordreprocent",
		"revenue": "Omsætning", "cost": "Omkostning", "costPerResponse": "Pris pr. svar", "costPerOrder": "Pris pr. ordre", "profit": "Overskud",
		"roi": "ROI", "breakEven": "Nulpunkt (svarprocent)", "clicks": "Klik", "opens": "Åbninger", "segment": "Segment",
		"cumShare": "Akkumuleret andel", "date": "Dato", "contact": "Kontakt", "kind": "Type", "source": "Kilde", "code": "Kode",
		"ref": "Ordrenummer", "group": "Gruppe", "value": "Værdi", "detail": "Detaljer", "total": "I alt",
		"uplift": "Løft i forhold til kontrolgruppen", "targetGroup": "Målgruppe", "controlGroup": "Kontrolgruppe",
		"people": "Personer", "buyers": "Købere", "buyRate": "Købsprocent", "difference": "Forskel", "ci": "95 % konfidensinterval",
		"pValue": "p-værdi", "test": "Test", "verdict": "Vurdering", "revPerPerson": "Omsætning pr. person",
		"incremental": "Meromsætning fra kampagnen", "ltvBefore": "Omsætning pr. person, året før",
		"ltvSince": "Omsætning pr. person siden start", "ltvLifetime": "Livstidsomsætning pr. person",
		"openTasks": "Åbne opgaver", "fulfilDays": "Dage til opfyldelse (gns.)", "findings": "Kort fortalt",
		"chart.byTouch": "Svar og ordrer pr. trin", "chart.followUp": "Opfølgningskurve: akkumuleret andel af ordrerne",
		"chart.followUpRevenue": "Opfølgningskurve: akkumuleret andel af omsætningen", "chart.uplift": "Købsprocent: målgruppe mod kontrolgruppe",
		"nothing": "Der er endnu ikke registreret svar.", "lifecycle": "Fase ved start → nu", "from": "Ved start", "to": "Nu", "count": "Personer",
		"test.z": "z-test for to andele", "test.fisher": "Fishers eksakte test",
		"channel.letter": "Brev", "channel.catalog": "Katalog", "channel.email": "E-mail", "channel.sms": "SMS", "channel.phone": "Telefon",
		"status.draft": "Kladde", "status.scheduled": "Planlagt", "status.running": "Kører", "status.paused": "Sat på pause",
		"status.finished": "Afsluttet", "status.archived": "Arkiveret",
		"stage.firstTime": "Førstegangskøbere", "stage.repeat": "Genkøbere", "stage.loyal": "Loyale", "stage.lapsing": "På vej væk",
		"stage.lost": "Tabte", "stage.prospect": "Emner", "stage.new": "Nye", "stage.active": "Aktive", "stage.unknown": "Ukendt",
		"kind.reply": "Svar", "kind.coupon": "Kupon", "kind.order": "Ordre", "kind.inquiry": "Forespørgsel", "kind.request": "Anmodning",
		"kind.visit": "Besøg", "kind.call": "Opkald", "kind.optout": "Afmelding", "kind.no": "Nej",
		"source.redeem": "Kode indtastet", "source.import": "Import", "source.inbox": "Indbakke", "source.manual": "Manuelt", "source.phone": "Telefon",
		"group.target": "Målgruppe", "group.control": "Kontrolgruppe",
		"verdict.very_likely": "med stor sandsynlighed en reel effekt", "verdict.likely": "sandsynligvis en reel effekt",
		"verdict.perhaps": "måske en reel effekt, endnu ikke sikkert", "verdict.not_shown": "endnu ingen reel effekt vist", "verdict.no_data": "ikke målt",
		"f.no_responses":        "Endnu ingen svar fra de {delivered} personer, kampagnen har nået.",
		"f.uplift":              "{target} mod {control}: {verdict}, {p}.",
		"f.after_fifth.orders":  "{share} af ordrerne kom efter 5. trin.",
		"f.after_fifth.revenue": "{share} af omsætningen kom efter 5. trin.",
		"f.break_even.reached":  "Nulpunktet er nået: {rate} svarede, {need} var nødvendigt.",
		"f.break_even.not_yet":  "Nulpunktet er endnu ikke nået: {rate} har svaret, {need} er nødvendigt.",
		"f.best_touch":          "Trin {seq} ({channel}) virkede bedst: {rate} svarede.",
		"f.best_segment":        "{segment} svarede bedst: {rate}.",
	},
	"sv": {
		"verdictLess.very_likely": "med stor sannolikhet verkligt lägre", "verdictLess.likely": "troligen verkligt lägre", "verdictLess.perhaps": "kanske lägre, ännu inte säkert",
		"targetShort": "Mål", "controlShort": "Kontroll", "pp": "pe",
		"yearBefore": "Intäkt per person, året före",
		"upliftCard": "Effekt (köpandel)", "touchShare": "Stegets andel",
		"title": "Kampanjrapport", "made": "Skapad", "page": "Sida", "of": "av",
		"sheet.summary": "Översikt", "sheet.touches": "Steg", "sheet.segments": "Segment", "sheet.followup": "Uppföljning",
		"sheet.daily": "Per dag", "sheet.responses": "Svar",
		"campaign": "Kampanj", "status": "Status", "asOf": "Per", "currency": "Valuta",
		"touch": "Steg", "channel": "Kanal", "due": "Datum", "recipients": "Mottagare", "sent": "Skickade", "delivered": "Levererade",
		"bounced": "Studsade", "responses": "Svar", "responseRate": "Svarsfrekvens", "orders": "Order", "orderRate": "Orderandel",
		"revenue": "Intäkter", "cost": "Kostnad", "costPerResponse": "Kostnad per svar", "costPerOrder": "Kostnad per order", "profit": "Vinst",
		"roi": "ROI", "breakEven": "Lönsamt från (svarsfrekvens)", "clicks": "Klick", "opens": "Öppningar", "segment": "Segment",
		"cumShare": "Ackumulerad andel", "date": "Datum", "contact": "Kontakt", "kind": "Typ", "source": "Källa", "code": "Kod",
		"ref": "Ordernummer", "group": "Grupp", "value": "Värde", "detail": "Detaljer", "total": "Totalt",
		"uplift": "Effekt mot kontrollgruppen", "targetGroup": "Målgrupp", "controlGroup": "Kontrollgrupp",
		"people": "Personer", "buyers": "Köpare", "buyRate": "Köpandel", "difference": "Skillnad", "ci": "95 % konfidensintervall",
		"pValue": "p-värde", "test": "Test", "verdict": "Bedömning", "revPerPerson": "Intäkt per person",
		"incremental": "Merintäkt från kampanjen", "ltvBefore": "Intäkt per person, året före",
		"ltvSince": "Intäkt per person sedan start", "ltvLifetime": "Livstidsintäkt per person",
		"openTasks": "Öppna uppgifter", "fulfilDays": "Dagar till leverans (snitt)", "findings": "Kort sagt",
		"chart.byTouch": "Svar och order per steg", "chart.followUp": "Uppföljningskurva: ackumulerad andel av ordrarna",
		"chart.followUpRevenue": "Uppföljningskurva: ackumulerad andel av intäkterna", "chart.uplift": "Köpandel: målgrupp mot kontrollgrupp",
		"nothing": "Inga svar registrerade ännu.", "lifecycle": "Fas vid start → nu", "from": "Vid start", "to": "Nu", "count": "Personer",
		"test.z": "z-test för två andelar", "test.fisher": "Fishers exakta test",
		"channel.letter": "Brev", "channel.catalog": "Katalog", "channel.email": "E-post", "channel.sms": "SMS", "channel.phone": "Telefon",
		"status.draft": "Utkast", "status.scheduled": "Schemalagd", "status.running": "Pågår", "status.paused": "Pausad",
		"status.finished": "Avslutad", "status.archived": "Arkiverad",
		"stage.firstTime": "Förstagångsköpare", "stage.repeat": "Återköpare", "stage.loyal": "Lojala", "stage.lapsing": "På väg bort",
		"stage.lost": "Förlorade", "stage.prospect": "Prospekt", "stage.new": "Nya", "stage.active": "Aktiva", "stage.unknown": "Okänd",
		"kind.reply": "Svar", "kind.coupon": "Kupong", "kind.order": "Order", "kind.inquiry": "Förfrågan", "kind.request": "Begäran",
		"kind.visit": "Besök", "kind.call": "Samtal", "kind.optout": "Avregistrering", "kind.no": "Nej",
		"source.redeem": "Kod inskriven", "source.import": "Import", "source.inbox": "Inkorg", "source.manual": "Manuellt", "source.phone": "Telefon",
		"group.target": "Målgrupp", "group.control": "Kontrollgrupp",
		"verdict.very_likely": "med stor sannolikhet en verklig effekt", "verdict.likely": "troligen en verklig effekt",
		"verdict.perhaps": "kanske en verklig effekt, ännu inte säkert", "verdict.not_shown": "ännu ingen verklig effekt visad", "verdict.no_data": "inte mätt",
		"f.no_responses":        "Inga svar ännu från de {delivered} personer som nåtts.",
		"f.uplift":              "{target} mot {control}: {verdict}, {p}.",
		"f.after_fifth.orders":  "{share} av ordrarna kom efter det 5:e steget.",
		"f.after_fifth.revenue": "{share} av intäkterna kom efter det 5:e steget.",
		"f.break_even.reached":  "Kampanjen betalar sig: {rate} svarade, {need} behövdes.",
		"f.break_even.not_yet":  "Kampanjen betalar sig inte ännu: {rate} har svarat, {need} behövs.",
		"f.best_touch":          "Steg {seq} ({channel}) fungerade bäst: {rate} svarade.",
		"f.best_segment":        "{segment} svarade bäst: {rate}.",
	},
	"nb": {
		"verdictLess.very_likely": "med stor sannsynlighet reelt lavere", "verdictLess.likely": "sannsynligvis reelt lavere", "verdictLess.perhaps": "kanskje lavere, ennå ikke sikkert",
		"targetShort": "Mål", "controlShort": "Kontroll", "pp": "pp",
		"yearBefore": "Omsetning per person, året før",
		"upliftCard": "Løft (kjøpsandel)", "touchShare": "Trinnets andel",
		"title": "Kampanjerapport", "made": "Laget", "page": "Side", "of": "av",
		"sheet.summary": "Oversikt", "sheet.touches": "Trinn", "sheet.segments": "Segmenter", "sheet.followup": "Oppfølging",
		"sheet.daily": "Per dag", "sheet.responses": "Svar",
		"campaign": "Kampanje", "status": "Status", "asOf": "Per", "currency": "Valuta",
		"touch": "Trinn", "channel": "Kanal", "due": "Dato", "recipients": "Mottakere", "sent": "Sendt", "delivered": "Levert",
		"bounced": "Avvist", "responses": "Svar", "responseRate": "Svarprosent", "orders": "Ordrer", "orderRate": "Ordreprosent",
		"revenue": "Omsetning", "cost": "Kostnad", "costPerResponse": "Kostnad per svar", "costPerOrder": "Kostnad per ordre", "profit": "Overskudd",
		"roi": "ROI", "breakEven": "Nullpunkt (svarprosent)", "clicks": "Klikk", "opens": "Åpninger", "segment": "Segment",
		"cumShare": "Akkumulert andel", "date": "Dato", "contact": "Kontakt", "kind": "Type", "source": "Kilde", "code": "Kode",
		"ref": "Ordrenummer", "group": "Gruppe", "value": "Verdi", "detail": "Detaljer", "total": "Totalt",
		"uplift": "Løft mot kontrollgruppen", "targetGroup": "Målgruppe", "controlGroup": "Kontrollgruppe",
		"people": "Personer", "buyers": "Kjøpere", "buyRate": "Kjøpsandel", "difference": "Forskjell", "ci": "95 % konfidensintervall",
		"pValue": "p-verdi", "test": "Test", "verdict": "Vurdering", "revPerPerson": "Omsetning per person",
		"incremental": "Meromsetning fra kampanjen", "ltvBefore": "Omsetning per person, året før",
		"ltvSince": "Omsetning per person siden start", "ltvLifetime": "Livstidsomsetning per person",
		"openTasks": "Åpne oppgaver", "fulfilDays": "Dager til oppfyllelse (snitt)", "findings": "Kort fortalt",
		"chart.byTouch": "Svar og ordrer per trinn", "chart.followUp": "Oppfølgingskurve: akkumulert andel av ordrene",
		"chart.followUpRevenue": "Oppfølgingskurve: akkumulert andel av omsetningen", "chart.uplift": "Kjøpsandel: målgruppe mot kontrollgruppe",
		"nothing": "Ingen svar registrert ennå.", "lifecycle": "Fase ved start → nå", "from": "Ved start", "to": "Nå", "count": "Personer",
		"test.z": "z-test for to andeler", "test.fisher": "Fishers eksakte test",
		"channel.letter": "Brev", "channel.catalog": "Katalog", "channel.email": "E-post", "channel.sms": "SMS", "channel.phone": "Telefon",
		"status.draft": "Utkast", "status.scheduled": "Planlagt", "status.running": "Pågår", "status.paused": "Satt på pause",
		"status.finished": "Avsluttet", "status.archived": "Arkivert",
		"stage.firstTime": "Førstegangskjøpere", "stage.repeat": "Gjenkjøpere", "stage.loyal": "Lojale", "stage.lapsing": "På vei bort",
		"stage.lost": "Tapte", "stage.prospect": "Prospekter", "stage.new": "Nye", "stage.active": "Aktive", "stage.unknown": "Ukjent",
		"kind.reply": "Svar", "kind.coupon": "Kupong", "kind.order": "Ordre", "kind.inquiry": "Forespørsel", "kind.request": "Anmodning",
		"kind.visit": "Besøk", "kind.call": "Samtale", "kind.optout": "Avmelding", "kind.no": "Nei",
		"source.redeem": "Kode tastet inn", "source.import": "Import", "source.inbox": "Innboks", "source.manual": "Manuelt", "source.phone": "Telefon",
		"group.target": "Målgruppe", "group.control": "Kontrollgruppe",
		"verdict.very_likely": "med stor sannsynlighet en reell effekt", "verdict.likely": "sannsynligvis en reell effekt",
		"verdict.perhaps": "kanskje en reell effekt, ennå ikke sikkert", "verdict.not_shown": "ennå ingen reell effekt vist", "verdict.no_data": "ikke målt",
		"f.no_responses":        "Ingen svar ennå fra de {delivered} personene kampanjen har nådd.",
		"f.uplift":              "{target} mot {control}: {verdict}, {p}.",
		"f.after_fifth.orders":  "{share} av ordrene kom etter 5. trinn.",
		"f.after_fifth.revenue": "{share} av omsetningen kom etter 5. trinn.",
		"f.break_even.reached":  "Nullpunktet er nådd: {rate} svarte, {need} var nødvendig.",
		"f.break_even.not_yet":  "Nullpunktet er ikke nådd ennå: {rate} har svart, {need} trengs.",
		"f.best_touch":          "Trinn {seq} ({channel}) virket best: {rate} svarte.",
		"f.best_segment":        "{segment} svarte best: {rate}.",
	},
	"ru": {
		"verdictLess.very_likely": "весьма вероятно, реально ниже", "verdictLess.likely": "вероятно, реально ниже", "verdictLess.perhaps": "возможно, ниже, но пока не наверняка",
		"targetShort": "Целевая", "controlShort": "Контрольная", "pp": "п. п.",
		"yearBefore": "Выручка на чел., год до запуска",
		"upliftCard": "Прирост (доля покупателей)", "touchShare": "Доля касания",
		"title": "Отчёт по кампании", "made": "Создан", "page": "Страница", "of": "из",
		"sheet.summary": "Сводка", "sheet.touches": "Касания", "sheet.segments": "Сегменты", "sheet.followup": "Кривая отклика",
		"sheet.daily": "По дням", "sheet.responses": "Отклики",
		"campaign": "Кампания", "status": "Статус", "asOf": "По состоянию на", "currency": "Валюта",
		"touch": "Касание", "channel": "Канал", "due": "Дата", "recipients": "Получатели", "sent": "Отправлено", "delivered": "Доставлено",
		"bounced": "Возвраты", "responses": "Отклики", "responseRate": "Доля откликов", "orders": "Заказы", "orderRate": "Доля заказов",
		"revenue": "Выручка", "cost": "Затраты", "costPerResponse": "Цена отклика", "costPerOrder": "Цена заказа", "profit": "Прибыль",
		"roi": "ROI", "breakEven": "Безубыточная доля откликов", "clicks": "Переходы", "opens": "Открытия", "segment": "Сегмент",
		"cumShare": "Накопленная доля", "date": "Дата", "contact": "Контакт", "kind": "Тип", "source": "Источник", "code": "Код",
		"ref": "Номер заказа", "group": "Группа", "value": "Сумма", "detail": "Подробности", "total": "Итого",
		"uplift": "Прирост относительно контрольной группы", "targetGroup": "Целевая группа", "controlGroup": "Контрольная группа",
		"people": "Человек", "buyers": "Покупатели", "buyRate": "Доля покупателей", "difference": "Разница", "ci": "95 % доверительный интервал",
		"pValue": "p-значение", "test": "Критерий", "verdict": "Вывод", "revPerPerson": "Выручка на человека",
		"incremental": "Дополнительная выручка от кампании", "ltvBefore": "Выручка на человека за год до запуска",
		"ltvSince": "Выручка на человека после запуска", "ltvLifetime": "Выручка на человека за всё время",
		"openTasks": "Открытые задачи", "fulfilDays": "Дней на выполнение (в среднем)", "findings": "Коротко",
		"chart.byTouch": "Отклики и заказы по касаниям", "chart.followUp": "Кривая отклика: накопленная доля заказов",
		"chart.followUpRevenue": "Кривая отклика: накопленная доля выручки", "chart.uplift": "Доля покупателей: целевая группа против контрольной",
		"nothing": "Откликов пока нет.", "lifecycle": "Стадия при запуске → сейчас", "from": "При запуске", "to": "Сейчас", "count": "Человек",
		"test.z": "z-критерий для двух долей", "test.fisher": "точный критерий Фишера",
		"channel.letter": "Письмо", "channel.catalog": "Каталог", "channel.email": "Эл. почта", "channel.sms": "SMS", "channel.phone": "Телефон",
		"status.draft": "Черновик", "status.scheduled": "Запланирована", "status.running": "Идёт", "status.paused": "Приостановлена",
		"status.finished": "Завершена", "status.archived": "В архиве",
		"stage.firstTime": "Первая покупка", "stage.repeat": "Повторные покупатели", "stage.loyal": "Лояльные", "stage.lapsing": "Уходящие",
		"stage.lost": "Потерянные", "stage.prospect": "Потенциальные", "stage.new": "Новые", "stage.active": "Активные", "stage.unknown": "Неизвестно",
		"kind.reply": "Ответ", "kind.coupon": "Купон", "kind.order": "Заказ", "kind.inquiry": "Запрос", "kind.request": "Просьба",
		"kind.visit": "Визит", "kind.call": "Звонок", "kind.optout": "Отписка", "kind.no": "Отказ",
		"source.redeem": "Ввод кода", "source.import": "Импорт", "source.inbox": "Входящие", "source.manual": "Вручную", "source.phone": "Телефон",
		"group.target": "Целевая группа", "group.control": "Контрольная группа",
		"verdict.very_likely": "весьма вероятно, эффект реальный", "verdict.likely": "вероятно, эффект реальный",
		"verdict.perhaps": "возможно, эффект реальный, но пока не наверняка", "verdict.not_shown": "реальный эффект пока не показан", "verdict.no_data": "не измерено",
		"f.no_responses":        "Охвачено человек: {delivered}; откликов пока нет.",
		"f.uplift":              "{target} против {control}: {verdict}, {p}.",
		"f.after_fifth.orders":  "После 5-го касания пришло {share} заказов.",
		"f.after_fifth.revenue": "После 5-го касания пришло {share} выручки.",
		"f.break_even.reached":  "Безубыточность достигнута: откликнулись {rate}, нужно было {need}.",
		"f.break_even.not_yet":  "Безубыточность пока не достигнута: откликнулись {rate}, нужно {need}.",
		"f.best_touch":          "Лучше всего сработало касание {seq} ({channel}): откликнулись {rate}.",
		"f.best_segment":        "Лучше всех откликнулся сегмент «{segment}»: {rate}.",
	},
}

// words is one language's report words.
type words struct {
	lang string
	m    map[string]string
}

func reportLang(lang string) words {
	lang = strings.ToLower(strings.TrimSpace(lang))
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		lang = lang[:i]
	}
	if lang == "no" || lang == "nn" {
		lang = "nb"
	}
	if _, ok := reportWords[lang]; !ok {
		lang = "en"
	}
	return words{lang: lang, m: reportWords[lang]}
}

// t is the word for key, English when the language lacks it, the key
// itself when nobody has it.
func (w words) t(key string) string {
	if s, ok := w.m[key]; ok {
		return s
	}
	if s, ok := reportWords["en"][key]; ok {
		return s
	}
	return key
}

// tf fills a sentence's {placeholders}.
func (w words) tf(key string, params map[string]string) string {
	s := w.t(key)
	for k, v := range params {
		s = strings.ReplaceAll(s, "{"+k+"}", v)
	}
	return s
}

// seps are the decimal and thousands separators of the language, as its
// spreadsheets and shops write them (a no-break space groups thousands).
func (w words) seps() (dec, group string) {
	switch w.lang {
	case "en":
		return ".", ","
	case "da":
		return ",", "."
	}
	return ",", "\u00a0"
}

// int groups a whole number's thousands.
func (w words) int(n int64) string {
	_, group := w.seps()
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(group)
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// money writes minor units with two decimals: 123450 -> "1.234,50" (da).
func (w words) money(minor int64) string {
	dec, _ := w.seps()
	neg := minor < 0
	if neg {
		minor = -minor
	}
	s := w.int(minor/100) + dec + strconv.FormatInt(minor%100+100, 10)[1:]
	if neg {
		return "-" + s
	}
	return s
}

// pct writes a rate (0..1) as a percentage with one decimal: "4,1 %".
func (w words) pct(rate float64) string {
	dec, _ := w.seps()
	tenths := int64(math.Round(rate * 1000))
	sign := ""
	if tenths < 0 {
		sign, tenths = "-", -tenths
	}
	return sign + w.int(tenths/10) + dec + strconv.FormatInt(tenths%10, 10) + "\u00a0%"
}

// dec writes a number with n decimals in the language's way.
func (w words) dec(v float64, n int) string {
	dec, _ := w.seps()
	return strings.Replace(strconv.FormatFloat(v, 'f', n, 64), ".", dec, 1)
}

// pValue says a p-value as a report does.
func (w words) pValue(p float64) string {
	switch {
	case p < 0.001:
		return "p < " + w.dec(0.001, 3)
	case p < 0.01:
		return "p = " + w.dec(p, 3)
	}
	return "p = " + w.dec(p, 2)
}

// verdict says the uplift test's verdict; a real effect downwards (the
// target group bought less) is said as such.
func (w words) verdict(v string, uplift float64) string {
	if uplift < 0 && (v == "very_likely" || v == "likely" || v == "perhaps") {
		return w.t("verdictLess." + v)
	}
	return w.t("verdict." + v)
}

// finding is a finding's sentence in the language.
func (w words) finding(f findingLike) string {
	p := f.Params
	rate := func(k string) string {
		v, _ := strconv.ParseFloat(p[k], 64)
		return w.pct(v)
	}
	switch f.Code {
	case "no_responses":
		n, _ := strconv.ParseInt(p["delivered"], 10, 64)
		return w.tf("f.no_responses", map[string]string{"delivered": w.int(n)})
	case "uplift":
		pv, _ := strconv.ParseFloat(p["p"], 64)
		t, _ := strconv.ParseFloat(p["targetRate"], 64)
		c, _ := strconv.ParseFloat(p["controlRate"], 64)
		return w.tf("f.uplift", map[string]string{"target": rate("targetRate"), "control": rate("controlRate"),
			"verdict": w.verdict(p["verdict"], t-c), "p": w.pValue(pv)})
	case "after_fifth":
		return w.tf("f.after_fifth."+p["basis"], map[string]string{"share": rate("share")})
	case "break_even":
		return w.tf("f.break_even."+p["state"], map[string]string{"rate": rate("rate"), "need": rate("breakEven")})
	case "best_touch":
		return w.tf("f.best_touch", map[string]string{"seq": p["seq"], "channel": w.t("channel." + p["channel"]), "rate": rate("rate")})
	case "best_segment":
		return w.tf("f.best_segment", map[string]string{"segment": w.t("stage." + p["segment"]), "rate": rate("rate")})
	}
	return f.Text
}

// findingLike is the part of a finding the words need.
type findingLike struct {
	Code   string
	Params map[string]string
	Text   string
}

// date writes a day the way the language does: 14.03.2025, 2025-03-14
// (Swedish and English).
func (w words) date(t time.Time) string {
	switch w.lang {
	case "da", "nb", "ru":
		return t.Format("02.01.2006")
	}
	return t.Format("2006-01-02")
}

// shortDate is a YYYY-MM-DD day in the language's way ("" stays "").
func (w words) shortDate(s string) string {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return s
	}
	return w.date(t)
}
