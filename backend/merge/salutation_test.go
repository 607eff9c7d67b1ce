package merge

import (
	"testing"

	"directdesk/backend/marketing"
)

func TestSalutationsGreetInEachLanguage(t *testing.T) {
	const (
		f = marketing.GenderFemale
		m = marketing.GenderMale
		o = marketing.GenderOther
		u = marketing.GenderUnknown
	)
	for _, tc := range []struct {
		name                      string
		lang                      string
		gender                    marketing.Gender
		first, middle, last, want string
	}{
		{"Danish uses the first name", "da", f, "Anna", "Marie", "Jensen", "Kære Anna"},
		{"Danish without a first name greets the customer", "da", u, "", "", "Jensen", "Kære kunde"},
		{"Swedish says hej", "sv", m, "Erik", "", "Svensson", "Hej Erik"},
		{"Swedish without a name says hej alone", "sv", u, " ", "", "", "Hej"},
		{"Norwegian uses kjære", "nb", f, "Ingrid", "", "Berg", "Kjære Ingrid"},
		{"Norwegian without a name greets the customer", "nb", u, "", "", "", "Kjære kunde"},
		{"English says dear", "en", o, "Sam", "", "Smith", "Dear Sam"},
		{"English without a name greets the customer", "en", u, "", "", "", "Dear customer"},
		{"an unknown language greets in English", "fi", u, "Aino", "", "", "Dear Aino"},
		{"a region form of the language is read", "nb-NO", u, "Ola", "", "", "Kjære Ola"},
		{"Russian female with a patronymic", "ru", f, "Анна", "Петровна", "Иванова", "Уважаемая Анна Петровна"},
		{"Russian male with a patronymic", "ru", m, "Иван", "Петрович", "Иванов", "Уважаемый Иван Петрович"},
		{"Russian without a patronymic", "ru", f, "Анна", "", "", "Уважаемая Анна"},
		{"Russian without a name greets the client", "ru", u, "", "Петровна", "Иванова", "Уважаемый клиент"},
		{"Russian gender is read from -вна", "ru", u, "Анна", "Петровна", "", "Уважаемая Анна Петровна"},
		{"Russian gender is read from -чна", "ru", u, "Мария", "Ильинична", "", "Уважаемая Мария Ильинична"},
		{"Russian gender is read from -кызы", "ru", u, "Айгуль", "Рашид кызы", "", "Уважаемая Айгуль Рашид кызы"},
		{"Russian gender is read from -вич", "ru", u, "Иван", "Петрович", "", "Уважаемый Иван Петрович"},
		{"Russian gender is read from -ич", "ru", u, "Владимир", "Ильич", "", "Уважаемый Владимир Ильич"},
		{"Russian gender is read from -оглы", "ru", u, "Эльдар", "Мамед оглы", "", "Уважаемый Эльдар Мамед оглы"},
		{"the patronymic wins over the first name", "ru", u, "Никита", "Сергеевна", "", "Уважаемая Никита Сергеевна"},
		{"a patronymic in capitals is read", "ru", u, "ИВАН", "ПЕТРОВИЧ", "", "Уважаемый ИВАН ПЕТРОВИЧ"},
		{"a first name in -а is a woman's", "ru", u, "Анна", "", "", "Уважаемая Анна"},
		{"a first name in -я is a woman's", "ru", u, "Мария", "", "", "Уважаемая Мария"},
		{"Никита is a man's name", "ru", u, "Никита", "", "", "Уважаемый Никита"},
		{"Илья is a man's name", "ru", u, "Илья", "", "", "Уважаемый Илья"},
		{"Кузьма is a man's name", "ru", u, "Кузьма", "", "", "Уважаемый Кузьма"},
		{"Фома is a man's name", "ru", u, "Фома", "", "", "Уважаемый Фома"},
		{"Лука is a man's name", "ru", u, "Лука", "", "", "Уважаемый Лука"},
		{"Савва is a man's name", "ru", u, "Савва", "", "", "Уважаемый Савва"},
		{"Данила is a man's name", "ru", u, "Данила", "", "", "Уважаемый Данила"},
		{"Саша may be either", "ru", u, "Саша", "", "", "Уважаемый(ая) Саша"},
		{"a consonant ending tells nothing", "ru", u, "Иван", "", "", "Уважаемый(ая) Иван"},
		{"a soft sign ending tells nothing", "ru", u, "Любовь", "", "", "Уважаемый(ая) Любовь"},
		{"a recorded gender wins over the name", "ru", m, "Никита", "", "", "Уважаемый Никита"},
		{"gender other is greeted neutrally", "ru", o, "Анна", "Петровна", "", "Уважаемый(ая) Анна Петровна"},
		{"a double first name is read by its first part", "ru", u, "Анна-Мария", "", "", "Уважаемая Анна-Мария"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Salutation(tc.lang, tc.gender, tc.first, tc.middle, tc.last); got != tc.want {
				t.Errorf("Salutation(%s, %q, %q, %q) = %q, want %q", tc.lang, tc.gender, tc.first, tc.middle, got, tc.want)
			}
		})
	}
}

func TestTheSalutationFieldGreetsTheContactInTheEnvLanguage(t *testing.T) {
	env := &Env{Lang: "ru", Contact: &marketing.Contact{FirstName: "Иван", MiddleName: "Петрович", LastName: "Сидоров"}}
	if got := render(t, "{{salutation}}!", env, nil); got != "Уважаемый Иван Петрович!" {
		t.Errorf("got %q", got)
	}
}
