package demo

// Name tables. First names are common given names of today's adult
// population in each country (the style of the statistics offices' name
// lists: Danmarks Statistik, SCB, SSB, and Russian name-frequency studies),
// picked uniformly. Surnames carry rough relative frequencies in the same
// style, so the -sen/-son names and Иванов/Смирнов dominate as in real
// registers. Russian surnames have masculine and feminine forms; the
// Ukrainian-type -енко and the -ых names are the same for both.

// surname is a family name with its feminine form ("" = same as m) and weight.
type surname struct {
	m, f string
	w    int
}

// patronym is a Russian patronymic in its masculine and feminine form,
// weighted by how common the father's name was a generation ago.
type patronym struct {
	m, f string
	w    int
}

var dkFemale = []string{
	"Anne", "Kirsten", "Mette", "Hanne", "Helle", "Anna", "Susanne", "Lene", "Maria", "Marianne",
	"Lone", "Camilla", "Pia", "Louise", "Charlotte", "Tina", "Gitte", "Bente", "Karen", "Jette",
	"Inge", "Ida", "Emma", "Sofie", "Julie", "Laura", "Freja", "Clara", "Mathilde", "Cecilie",
	"Line", "Maja", "Katrine", "Birgitte", "Rikke", "Signe", "Astrid", "Karin", "Lise", "Heidi",
	"Dorthe", "Ellen", "Nanna", "Trine", "Stine", "Malene", "Anne-Marie", "Ulla",
}

var dkMale = []string{
	"Peter", "Jens", "Michael", "Lars", "Henrik", "Thomas", "Søren", "Jan", "Christian", "Martin",
	"Niels", "Anders", "Morten", "Jesper", "Mads", "Rasmus", "Hans", "Per", "Jørgen", "Ole",
	"Kim", "Mikkel", "Frederik", "Kasper", "Jakob", "Jonas", "Nikolaj", "Torben", "Poul", "Erik",
	"Carsten", "Steen", "Bo", "Brian", "Claus", "Kristian", "Lasse", "Emil", "Lucas", "William",
	"Oliver", "Magnus", "Anton", "Johan", "Bjarne", "Flemming", "Allan", "René",
}

// dkMiddle are the surname-like middle names many Danes carry (Anne Skov Jensen).
var dkMiddle = []string{
	"Skov", "Lund", "Holm", "Bach", "Dam", "Krogh", "Kjær", "Juul", "Vinther", "Bech",
	"Munk", "Due", "Bonde", "Brink", "Lykke", "Storm", "Mølgaard", "Winther", "Hvid", "Bay",
}

var dkLast = []surname{
	{"Jensen", "", 250}, {"Nielsen", "", 245}, {"Hansen", "", 210}, {"Andersen", "", 180},
	{"Pedersen", "", 155}, {"Christensen", "", 115}, {"Larsen", "", 115}, {"Sørensen", "", 110},
	{"Rasmussen", "", 95}, {"Jørgensen", "", 90}, {"Petersen", "", 85}, {"Madsen", "", 65},
	{"Kristensen", "", 65}, {"Olsen", "", 60}, {"Thomsen", "", 50}, {"Christiansen", "", 45},
	{"Poulsen", "", 40}, {"Johansen", "", 40}, {"Møller", "", 40}, {"Mortensen", "", 40},
	{"Knudsen", "", 30}, {"Jakobsen", "", 30}, {"Mikkelsen", "", 25}, {"Olesen", "", 25},
	{"Frederiksen", "", 25}, {"Laursen", "", 25}, {"Henriksen", "", 25}, {"Lund", "", 24},
	{"Schmidt", "", 22}, {"Eriksen", "", 20}, {"Holm", "", 20}, {"Kristiansen", "", 20},
	{"Clausen", "", 20}, {"Simonsen", "", 19}, {"Svendsen", "", 18}, {"Andreasen", "", 18},
	{"Iversen", "", 16}, {"Østergaard", "", 16}, {"Jeppesen", "", 15}, {"Vestergaard", "", 15},
	{"Nissen", "", 14}, {"Lauridsen", "", 14}, {"Kjær", "", 14}, {"Jespersen", "", 14},
	{"Mogensen", "", 13}, {"Nørgaard", "", 13}, {"Jepsen", "", 13}, {"Frandsen", "", 12},
	{"Søndergaard", "", 12}, {"Bertelsen", "", 11},
}

var seFemale = []string{
	"Anna", "Eva", "Maria", "Karin", "Kristina", "Lena", "Sara", "Emma", "Kerstin", "Ingrid",
	"Marie", "Malin", "Jenny", "Birgitta", "Annika", "Linda", "Susanne", "Elin", "Hanna", "Johanna",
	"Sofia", "Monica", "Ulla", "Helena", "Carina", "Camilla", "Ida", "Elsa", "Alice", "Maja",
	"Julia", "Wilma", "Ebba", "Frida", "Agnes", "Astrid", "Margareta", "Elisabeth", "Inger", "Gunilla",
	"Lisa", "Emelie", "Therese", "Åsa", "Ulrika", "Louise",
}

var seMale = []string{
	"Lars", "Mikael", "Anders", "Johan", "Erik", "Per", "Karl", "Peter", "Jan", "Thomas",
	"Daniel", "Fredrik", "Hans", "Bengt", "Stefan", "Mats", "Magnus", "Andreas", "Marcus", "Niklas",
	"Jonas", "Björn", "Oskar", "Gustav", "Henrik", "Martin", "Sven", "Ulf", "Göran", "Mattias",
	"Patrik", "Alexander", "Viktor", "Emil", "Lucas", "William", "Hugo", "Axel", "Olof", "Nils",
	"Leif", "Kjell", "Åke", "Roger", "Tobias", "Jonathan",
}

var seLast = []surname{
	{"Andersson", "", 230}, {"Johansson", "", 230}, {"Karlsson", "", 200}, {"Nilsson", "", 160},
	{"Eriksson", "", 135}, {"Larsson", "", 120}, {"Olsson", "", 105}, {"Persson", "", 100},
	{"Svensson", "", 95}, {"Gustafsson", "", 90}, {"Pettersson", "", 85}, {"Jonsson", "", 70},
	{"Jansson", "", 45}, {"Hansson", "", 40}, {"Bengtsson", "", 30}, {"Jönsson", "", 30},
	{"Lindberg", "", 28}, {"Jakobsson", "", 27}, {"Magnusson", "", 27}, {"Olofsson", "", 26},
	{"Lindström", "", 26}, {"Lindqvist", "", 24}, {"Lindgren", "", 24}, {"Berg", "", 23},
	{"Axelsson", "", 23}, {"Bergström", "", 22}, {"Lundberg", "", 22}, {"Lind", "", 21},
	{"Lundgren", "", 21}, {"Lundqvist", "", 20}, {"Mattsson", "", 20}, {"Berglund", "", 20},
	{"Fredriksson", "", 19}, {"Sandberg", "", 18}, {"Henriksson", "", 18}, {"Forsberg", "", 17},
	{"Sjöberg", "", 17}, {"Wallin", "", 16}, {"Engström", "", 15}, {"Eklund", "", 15},
	{"Danielsson", "", 15}, {"Lundin", "", 15}, {"Håkansson", "", 15}, {"Björk", "", 14},
	{"Bergman", "", 14}, {"Gunnarsson", "", 14}, {"Holm", "", 14}, {"Wikström", "", 13},
	{"Samuelsson", "", 13}, {"Isaksson", "", 13}, {"Nyström", "", 12}, {"Holmberg", "", 12},
}

var noFemale = []string{
	"Anne", "Inger", "Kari", "Marit", "Ingrid", "Liv", "Eva", "Berit", "Astrid", "Bjørg",
	"Hilde", "Anna", "Solveig", "Marianne", "Randi", "Ida", "Nina", "Maria", "Elisabeth", "Kristin",
	"Bente", "Heidi", "Silje", "Hanne", "Gerd", "Linda", "Tone", "Tove", "Elin", "Anita",
	"Wenche", "Ragnhild", "Camilla", "Ingeborg", "Nora", "Emma", "Sara", "Thea", "Ingvild", "Sigrid",
	"Maja", "Julie", "Emilie", "Guro", "Marte", "Kristine",
}

var noMale = []string{
	"Jan", "Per", "Bjørn", "Ole", "Lars", "Kjell", "Knut", "Arne", "Svein", "Thomas",
	"Hans", "Geir", "Tor", "Morten", "Terje", "Odd", "Erik", "Martin", "Andreas", "Jon",
	"Rune", "Anders", "Trond", "Harald", "Tore", "Espen", "Stian", "Magnus", "Kristian", "Even",
	"Sindre", "Henrik", "Jonas", "Håkon", "Eirik", "Sander", "Emil", "Jakob", "Filip", "Olav",
	"Sigurd", "Øyvind", "Frode", "Gunnar", "Kåre", "Steinar",
}

var noLast = []surname{
	{"Hansen", "", 50}, {"Johansen", "", 48}, {"Olsen", "", 47}, {"Larsen", "", 36},
	{"Andersen", "", 36}, {"Pedersen", "", 34}, {"Nilsen", "", 33}, {"Kristiansen", "", 23},
	{"Jensen", "", 23}, {"Karlsen", "", 20}, {"Johnsen", "", 19}, {"Pettersen", "", 19},
	{"Eriksen", "", 18}, {"Berg", "", 17}, {"Haugen", "", 15}, {"Hagen", "", 14},
	{"Johannessen", "", 14}, {"Andreassen", "", 12}, {"Jacobsen", "", 12}, {"Dahl", "", 12},
	{"Jørgensen", "", 11}, {"Halvorsen", "", 11}, {"Henriksen", "", 11}, {"Lund", "", 11},
	{"Sørensen", "", 11}, {"Jakobsen", "", 10}, {"Moen", "", 10}, {"Gundersen", "", 10},
	{"Iversen", "", 9}, {"Strand", "", 9}, {"Solberg", "", 9}, {"Svendsen", "", 9},
	{"Eide", "", 8}, {"Knutsen", "", 8}, {"Martinsen", "", 8}, {"Paulsen", "", 8},
	{"Bakken", "", 8}, {"Kristoffersen", "", 8}, {"Mathisen", "", 8}, {"Lie", "", 8},
	{"Amundsen", "", 7}, {"Rasmussen", "", 7}, {"Lunde", "", 7}, {"Solheim", "", 7},
	{"Berge", "", 6}, {"Moe", "", 6}, {"Nygård", "", 6}, {"Bakke", "", 6},
	{"Fredriksen", "", 6}, {"Holm", "", 6}, {"Lien", "", 6}, {"Aas", "", 5},
}

var ruFemale = []string{
	"Анна", "Мария", "Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Светлана", "Екатерина", "Юлия",
	"Анастасия", "Марина", "Людмила", "Галина", "Надежда", "Валентина", "Оксана", "Дарья", "Ксения", "Виктория",
	"Алина", "Полина", "Вера", "Любовь", "Нина", "Лариса", "Евгения", "Александра", "Софья", "Елизавета",
	"Алёна", "Кристина", "Валерия", "Маргарита", "Яна", "Олеся", "Жанна", "Лидия", "Тамара", "Варвара",
	"Диана", "Арина", "Вероника", "Алла", "Зоя", "Инна",
}

var ruMale = []string{
	"Александр", "Сергей", "Дмитрий", "Андрей", "Алексей", "Максим", "Евгений", "Иван", "Михаил", "Владимир",
	"Николай", "Игорь", "Павел", "Роман", "Олег", "Денис", "Виктор", "Юрий", "Артём", "Антон",
	"Константин", "Вадим", "Илья", "Кирилл", "Никита", "Егор", "Станислав", "Василий", "Пётр", "Григорий",
	"Борис", "Валерий", "Анатолий", "Геннадий", "Леонид", "Фёдор", "Тимур", "Руслан", "Георгий", "Степан",
	"Матвей", "Даниил", "Ярослав", "Вячеслав", "Аркадий", "Семён",
}

var ruLast = []surname{
	{"Иванов", "Иванова", 100}, {"Смирнов", "Смирнова", 95}, {"Кузнецов", "Кузнецова", 85},
	{"Попов", "Попова", 75}, {"Васильев", "Васильева", 65}, {"Петров", "Петрова", 65},
	{"Соколов", "Соколова", 60}, {"Михайлов", "Михайлова", 50}, {"Новиков", "Новикова", 45},
	{"Фёдоров", "Фёдорова", 45}, {"Морозов", "Морозова", 42}, {"Волков", "Волкова", 42},
	{"Алексеев", "Алексеева", 40}, {"Лебедев", "Лебедева", 38}, {"Семёнов", "Семёнова", 36},
	{"Егоров", "Егорова", 35}, {"Павлов", "Павлова", 34}, {"Козлов", "Козлова", 33},
	{"Степанов", "Степанова", 32}, {"Николаев", "Николаева", 31}, {"Орлов", "Орлова", 30},
	{"Андреев", "Андреева", 30}, {"Макаров", "Макарова", 29}, {"Никитин", "Никитина", 28},
	{"Захаров", "Захарова", 27}, {"Зайцев", "Зайцева", 26}, {"Соловьёв", "Соловьёва", 25},
	{"Борисов", "Борисова", 24}, {"Яковлев", "Яковлева", 24}, {"Григорьев", "Григорьева", 23},
	{"Романов", "Романова", 23}, {"Воробьёв", "Воробьёва", 22}, {"Сергеев", "Сергеева", 22},
	{"Кузьмин", "Кузьмина", 21}, {"Фролов", "Фролова", 21}, {"Александров", "Александрова", 20},
	{"Дмитриев", "Дмитриева", 20}, {"Королёв", "Королёва", 19}, {"Гусев", "Гусева", 19},
	{"Киселёв", "Киселёва", 18}, {"Ильин", "Ильина", 18}, {"Максимов", "Максимова", 17},
	{"Поляков", "Полякова", 17}, {"Сорокин", "Сорокина", 16}, {"Виноградов", "Виноградова", 16},
	{"Ковалёв", "Ковалёва", 16}, {"Белов", "Белова", 15}, {"Медведев", "Медведева", 15},
	{"Антонов", "Антонова", 15}, {"Тарасов", "Тарасова", 14}, {"Жуков", "Жукова", 14},
	{"Баранов", "Баранова", 14}, {"Филиппов", "Филиппова", 13}, {"Комаров", "Комарова", 13},
	{"Давыдов", "Давыдова", 12}, {"Беляев", "Беляева", 12}, {"Герасимов", "Герасимова", 12},
	{"Богданов", "Богданова", 11}, {"Осипов", "Осипова", 11}, {"Сидоров", "Сидорова", 11},
	{"Вишневский", "Вишневская", 8}, {"Покровский", "Покровская", 6},
	{"Шевченко", "Шевченко", 8}, {"Коваленко", "Коваленко", 7}, {"Бондаренко", "Бондаренко", 6},
	{"Черных", "Черных", 5},
}

var ruPatronyms = []patronym{
	{"Александрович", "Александровна", 60}, {"Сергеевич", "Сергеевна", 55}, {"Владимирович", "Владимировна", 55},
	{"Николаевич", "Николаевна", 45}, {"Викторович", "Викторовна", 40}, {"Юрьевич", "Юрьевна", 40},
	{"Андреевич", "Андреевна", 35}, {"Алексеевич", "Алексеевна", 35}, {"Михайлович", "Михайловна", 35},
	{"Анатольевич", "Анатольевна", 30}, {"Евгеньевич", "Евгеньевна", 30}, {"Игоревич", "Игоревна", 30},
	{"Дмитриевич", "Дмитриевна", 30}, {"Валерьевич", "Валерьевна", 28}, {"Иванович", "Ивановна", 28},
	{"Васильевич", "Васильевна", 25}, {"Петрович", "Петровна", 25}, {"Олегович", "Олеговна", 22},
	{"Геннадьевич", "Геннадьевна", 20}, {"Борисович", "Борисовна", 18}, {"Павлович", "Павловна", 18},
	{"Константинович", "Константиновна", 15}, {"Леонидович", "Леонидовна", 15}, {"Григорьевич", "Григорьевна", 12},
	{"Вячеславович", "Вячеславовна", 12}, {"Фёдорович", "Фёдоровна", 12}, {"Романович", "Романовна", 10},
	{"Степанович", "Степановна", 8}, {"Аркадьевич", "Аркадьевна", 6},
	{"Георгиевич", "Георгиевна", 8}, {"Вадимович", "Вадимовна", 8}, {"Станиславович", "Станиславовна", 8},
	{"Денисович", "Денисовна", 6}, {"Максимович", "Максимовна", 6}, {"Антонович", "Антоновна", 6},
	{"Ильич", "Ильинична", 6}, {"Никитич", "Никитична", 3}, {"Тимурович", "Тимуровна", 4},
	{"Семёнович", "Семёновна", 6}, {"Яковлевич", "Яковлевна", 5},
}
