package importer

import "testing"

func TestSplitPostcodeCity(t *testing.T) {
	tests := []struct{ in, country, pc, city, found string }{
		{"", "DK", "", "", ""},
		{"2100 København Ø", "DK", "2100", "København Ø", ""},
		{"  2100   København Ø ", "DK", "2100", "København Ø", ""},
		{"DK-2100 København", "", "2100", "København", "DK"},
		{"DK 2100 København", "", "2100", "København", "DK"},
		{"dk-2100 København", "", "2100", "København", "DK"},
		{"114 55 Stockholm", "SE", "114 55", "Stockholm", ""},
		{"11455 Stockholm", "SE", "11455", "Stockholm", ""},
		{"S-114 55 Stockholm", "", "114 55", "Stockholm", "SE"},
		{"SE-114 55 Stockholm", "", "114 55", "Stockholm", "SE"},
		{"0150 Oslo", "NO", "0150", "Oslo", ""},
		{"150 Oslo", "NO", "150", "Oslo", ""},
		{"N-0150 Oslo", "", "0150", "Oslo", "NO"},
		{"NO-0150 Oslo", "", "0150", "Oslo", "NO"},
		{"D-10115 Berlin", "", "10115", "Berlin", "DE"},
		{"125009 Москва", "RU", "125009", "Москва", ""},
		{"125009, Москва", "RU", "125009", "Москва", ""},
		{"125009 г. Москва", "RU", "125009", "Москва", ""},
		{"Москва 125009", "RU", "125009", "Москва", ""},
		{"Москва, 125009", "RU", "125009", "Москва", ""},
		{"RU-125009 Москва", "", "125009", "Москва", "RU"},
		{"2100", "DK", "2100", "", ""},
		{"København", "DK", "", "København", ""},
		{"г. Москва", "RU", "", "г. Москва", ""},
		{"Sankt-Peterburg", "RU", "", "Sankt-Peterburg", ""},
		{"12 Main Street", "GB", "", "12 Main Street", ""},
		{"Dania", "DK", "", "Dania", ""},
		{"S-tog", "DK", "", "S-tog", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			pc, city, found := SplitPostcodeCity(tt.in, tt.country)
			if pc != tt.pc || city != tt.city || found != tt.found {
				t.Fatalf("got %q %q %q; want %q %q %q", pc, city, found, tt.pc, tt.city, tt.found)
			}
		})
	}
}

func TestSplitAddress(t *testing.T) {
	tests := []struct {
		in, country string
		want        Address
		ok          bool
	}{
		{"Vestergade 12, 2100 København Ø", "DK", Address{Street1: "Vestergade 12", Postcode: "2100", City: "København Ø"}, true},
		{"Vestergade 12\n2. th.\n2100 København Ø", "DK",
			Address{Street1: "Vestergade 12", Street2: "2. th.", Postcode: "2100", City: "København Ø"}, true},
		{"Vestergade 12\r\n2100 København Ø\r\n", "DK", Address{Street1: "Vestergade 12", Postcode: "2100", City: "København Ø"}, true},
		{"Vestergade 12, 2. tv, 2100 København Ø, Danmark", "",
			Address{Street1: "Vestergade 12", Street2: "2. tv", Postcode: "2100", City: "København Ø", Country: "DK"}, true},
		{"Vestergade 12 2100 København", "DK", Address{Street1: "Vestergade 12", Postcode: "2100", City: "København"}, true},
		{"Vestergade 12, DK-2100 København", "", Address{Street1: "Vestergade 12", Postcode: "2100", City: "København", Country: "DK"}, true},
		{"c/o Hansen, Vestergade 12, 2100 København", "DK",
			Address{Street1: "c/o Hansen", Street2: "Vestergade 12", Postcode: "2100", City: "København"}, true},
		{"Storgatan 1, 114 55 Stockholm, Sverige", "DK",
			Address{Street1: "Storgatan 1", Postcode: "114 55", City: "Stockholm", Country: "SE"}, true},
		{"Storgatan 1 114 55 Stockholm", "SE", Address{Street1: "Storgatan 1", Postcode: "114 55", City: "Stockholm"}, true},
		{"Storgatan 1, S-114 55 Stockholm", "", Address{Street1: "Storgatan 1", Postcode: "114 55", City: "Stockholm", Country: "SE"}, true},
		{"Karl Johans gate 1, 0154 Oslo", "NO", Address{Street1: "Karl Johans gate 1", Postcode: "0154", City: "Oslo"}, true},
		{"Karl Johans gate 1, 0154 Oslo, Norge", "", Address{Street1: "Karl Johans gate 1", Postcode: "0154", City: "Oslo", Country: "NO"}, true},
		{"125009, г. Москва, ул. Тверская, д. 1, кв. 5", "RU",
			Address{Street1: "ул. Тверская, д. 1, кв. 5", Postcode: "125009", City: "Москва"}, true},
		{"ул. Тверская, д. 1, кв. 5, г. Москва, 125009", "RU",
			Address{Street1: "ул. Тверская, д. 1, кв. 5", Postcode: "125009", City: "Москва"}, true},
		{"ул. Тверская, д. 1, кв. 5, Москва, 125009", "",
			Address{Street1: "ул. Тверская, д. 1, кв. 5", Postcode: "125009", City: "Москва"}, true},
		{"125009, Москва, ул. Тверская, д. 1", "RU", Address{Street1: "ул. Тверская, д. 1", Postcode: "125009", City: "Москва"}, true},
		{"Россия, 125009, г. Москва, ул. Тверская, д. 1", "",
			Address{Street1: "ул. Тверская, д. 1", Postcode: "125009", City: "Москва", Country: "RU"}, true},
		{"141400, Московская обл., г. Химки, ул. Ленина, д. 5", "RU",
			Address{Street1: "ул. Ленина, д. 5", Postcode: "141400", City: "Химки", Region: "Московская обл."}, true},
		{"Краснодарский край, г. Сочи, ул. Горького, д. 2, 354000", "RU",
			Address{Street1: "ул. Горького, д. 2", Postcode: "354000", City: "Сочи", Region: "Краснодарский край"}, true},
		{"ул. Крайняя, д. 3, г. Тверь", "RU", Address{Street1: "ул. Крайняя, д. 3", City: "Тверь"}, true},
		{"ул. Тверская, д. 1, Москва 125009", "RU", Address{Street1: "ул. Тверская, д. 1", Postcode: "125009", City: "Москва"}, true},
		{"1600 Amphitheatre Parkway, Mountain View, CA 94043, USA", "",
			Address{Street1: "1600 Amphitheatre Parkway", Postcode: "94043", City: "Mountain View", Region: "CA", Country: "US"}, true},
		{"Vestergade 12", "DK", Address{Street1: "Vestergade 12"}, false},
		{"Vestergade 12, København", "DK", Address{Street1: "Vestergade 12, København"}, false},
		{"10 Downing Street, London SW1A 2AA", "GB", Address{Street1: "10 Downing Street, London SW1A 2AA"}, false},
		{"", "DK", Address{}, false},
		{" ,, \n ", "DK", Address{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := SplitAddress(tt.in, tt.country)
			if got != tt.want || ok != tt.ok {
				t.Fatalf("got %+v %v\nwant %+v %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}
