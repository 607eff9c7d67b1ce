package importer

import "testing"

func TestSplitFullName(t *testing.T) {
	tests := []struct{ in, first, middle, last string }{
		{"", "", "", ""},
		{"   ", "", "", ""},
		{"Anna", "Anna", "", ""},
		{"Anna Hansen", "Anna", "", "Hansen"},
		{"  Anna   Hansen ", "Anna", "", "Hansen"},
		{"Anna Marie Hansen", "Anna Marie", "", "Hansen"},
		{"Hansen, Anna", "Anna", "", "Hansen"},
		{"Hansen,Anna Marie", "Anna Marie", "", "Hansen"},
		{"Hansen, ", "", "", "Hansen"},
		{", Anna", "Anna", "", ""},
		{"Anne-Grethe Møller-Jensen", "Anne-Grethe", "", "Møller-Jensen"},
		{"Per Olof Åström", "Per Olof", "", "Åström"},
		{"Jan van der Berg", "Jan", "", "van der Berg"},
		{"Ludwig von Beethoven", "Ludwig", "", "von Beethoven"},
		{"Maria da Silva Santos", "Maria", "", "da Silva Santos"},
		{"Carl af Ugglas", "Carl", "", "af Ugglas"},
		{"Anna de Jong", "Anna", "", "de Jong"},
		{"Leonardo di Caprio", "Leonardo", "", "di Caprio"},
		{"Marine le Pen", "Marine", "", "le Pen"},
		{"van der Berg, Jan", "Jan", "", "van der Berg"},
		{"John Smith", "John", "", "Smith"},
		{"Иванов Иван Петрович", "Иван", "Петрович", "Иванов"},
		{"Иван Петрович Иванов", "Иван", "Петрович", "Иванов"},
		{"Петрова Анна Сергеевна", "Анна", "Сергеевна", "Петрова"},
		{"Анна Сергеевна Петрова", "Анна", "Сергеевна", "Петрова"},
		{"Ульянов Владимир Ильич", "Владимир", "Ильич", "Ульянов"},
		{"Мария Ильинична Ульянова", "Мария", "Ильинична", "Ульянова"},
		{"Дмитрий Дмитриевич Шостакович", "Дмитрий", "Дмитриевич", "Шостакович"},
		{"Шостакович Дмитрий Дмитриевич", "Дмитрий", "Дмитриевич", "Шостакович"},
		{"Иванов Иван", "Иван", "", "Иванов"},
		{"Иван Иванов", "Иван", "", "Иванов"},
		{"Иванова Анна", "Анна", "", "Иванова"},
		{"Анна Иванова", "Анна", "", "Иванова"},
		{"Достоевский Фёдор", "Фёдор", "", "Достоевский"},
		{"Петрова Ирина", "Ирина", "", "Петрова"},
		{"Ирина Петрова", "Ирина", "", "Петрова"},
		{"Иванов, Иван Петрович", "Иван", "Петрович", "Иванов"},
		{"Иванов И. П.", "И. П.", "", "Иванов"},
		{"Салтыков-Щедрин Михаил Евграфович", "Михаил", "Евграфович", "Салтыков-Щедрин"},
		{"Иван", "Иван", "", ""},
		{"Мамонтов Савва", "Савва", "", "Мамонтов"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			f, m, l := SplitFullName(tt.in)
			if f != tt.first || m != tt.middle || l != tt.last {
				t.Fatalf("got %q / %q / %q; want %q / %q / %q", f, m, l, tt.first, tt.middle, tt.last)
			}
		})
	}
}
