package demo

// Job titles as people write them on forms in each language, in the style of
// the national occupation lists (DISCO-08, SSYK 2012, STYRK-08, ОКЗ) but in
// everyday words. "Boss" titles are the owner/manager titles a small-business
// contact usually has; they are favoured for contacts with a company.
// Pensioner and student titles are gendered where the language is (Russian).

var (
	dkBossJobs = []string{
		"Direktør", "Administrerende direktør", "Indehaver", "Medindehaver", "Partner",
		"Salgschef", "Økonomichef", "Marketingchef", "Butikschef", "Afdelingsleder",
	}
	dkJobs = []string{
		"Indkøber", "Lærer", "Sygeplejerske", "Tømrer", "Elektriker", "Murer", "Frisør", "Butiksassistent",
		"Ingeniør", "Konsulent", "Sekretær", "Bogholder", "Revisor", "Advokat", "Læge", "Pædagog",
		"Social- og sundhedsassistent", "Kok", "Landmand", "Projektleder", "Kontorassistent", "IT-konsulent",
		"Lagerarbejder", "Chauffør", "Mekaniker", "Smed", "Maler", "Tandlæge", "Fysioterapeut", "Ejendomsmægler",
		"Sælger", "Grafisk designer",
	}
	seBossJobs = []string{
		"VD", "Ägare", "Delägare", "Säljchef", "Ekonomichef",
		"Marknadschef", "Butikschef", "Avdelningschef", "Verksamhetschef", "Inköpschef",
	}
	seJobs = []string{
		"Inköpare", "Lärare", "Sjuksköterska", "Snickare", "Elektriker", "Frisör", "Butikssäljare", "Ingenjör",
		"Konsult", "Sekreterare", "Redovisningsekonom", "Revisor", "Advokat", "Läkare", "Förskollärare", "Undersköterska",
		"Kock", "Lantbrukare", "Projektledare", "Administratör", "IT-konsult", "Lagerarbetare", "Lastbilschaufför",
		"Bilmekaniker", "Målare", "Tandläkare", "Fysioterapeut", "Fastighetsmäklare", "Säljare", "Grafisk formgivare",
	}
	noBossJobs = []string{
		"Daglig leder", "Administrerende direktør", "Innehaver", "Medeier", "Partner",
		"Salgssjef", "Økonomisjef", "Markedssjef", "Butikksjef", "Avdelingsleder",
	}
	noJobs = []string{
		"Innkjøper", "Lærer", "Sykepleier", "Snekker", "Elektriker", "Frisør", "Butikkmedarbeider", "Ingeniør",
		"Konsulent", "Sekretær", "Regnskapsfører", "Revisor", "Advokat", "Lege", "Barnehagelærer", "Helsefagarbeider",
		"Kokk", "Bonde", "Prosjektleder", "Kontormedarbeider", "IT-konsulent", "Lagermedarbeider", "Sjåfør",
		"Bilmekaniker", "Rørlegger", "Maler", "Tannlege", "Fysioterapeut", "Eiendomsmegler", "Selger",
	}
	ruBossJobs = []string{
		"Генеральный директор", "Директор", "Владелец", "Заместитель директора", "Коммерческий директор",
		"Руководитель отдела", "Начальник отдела", "Главный бухгалтер", "Управляющий", "Финансовый директор",
	}
	ruJobs = []string{
		"Менеджер по продажам", "Бухгалтер", "Экономист", "Маркетолог", "Менеджер по закупкам", "Учитель", "Врач",
		"Инженер", "Программист", "Юрист", "Секретарь", "Офис-менеджер", "Администратор", "Продавец-консультант",
		"Водитель", "Повар", "Парикмахер", "Кладовщик", "Логист", "Электрик", "Прораб", "Механик", "Дизайнер",
		"Архитектор", "Фермер", "Агент по недвижимости", "Воспитатель", "Фармацевт", "Менеджер проектов",
		"Системный администратор",
	}
)

// Pensioner and student titles, [male, female].
var (
	dkRetired, dkStudent = [2]string{"Pensionist", "Pensionist"}, [2]string{"Studerende", "Studerende"}
	seRetired, seStudent = [2]string{"Pensionär", "Pensionär"}, [2]string{"Student", "Student"}
	noRetired, noStudent = [2]string{"Pensjonist", "Pensjonist"}, [2]string{"Student", "Student"}
	ruRetired, ruStudent = [2]string{"Пенсионер", "Пенсионерка"}, [2]string{"Студент", "Студентка"}
)
