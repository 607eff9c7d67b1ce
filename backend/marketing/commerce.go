package marketing

// Money is an amount in minor units (øre, öre, kopeks, cents) with its currency.
type Money struct {
	Minor    int64  `json:"minor"`
	Currency string `json:"currency"`
}

// Product is something the business sells; catalogs are built from products.
type Product struct {
	ID          int64  `json:"id"`
	SKU         string `json:"sku"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Category    string `json:"category"`
	Price       Money  `json:"price"`
	ImagePath   string `json:"imagePath"`
	Active      bool   `json:"active"`
}

// Order is one purchase by a contact; segmentation reads recency, frequency and value from orders.
type Order struct {
	ID        int64       `json:"id"`
	ContactID int64       `json:"contactId"`
	OrderNo   string      `json:"orderNo"`
	Date      string      `json:"date"` // YYYY-MM-DD
	Total     Money       `json:"total"`
	Channel   string      `json:"channel"` // shop, web, phone, mail
	Lines     []OrderLine `json:"lines"`
}

// OrderLine is one product on an order.
type OrderLine struct {
	SKU       string `json:"sku"`
	Name      string `json:"name"`     // the product's name as the shop system wrote it
	Category  string `json:"category"` // the product's category, for "bought in category" segments
	Quantity  int    `json:"quantity"`
	UnitMinor int64  `json:"unitMinor"`
}

// WorkspaceCounts are the sizes the home screen and About box show.
type WorkspaceCounts struct {
	Contacts int `json:"contacts"`
	Orders   int `json:"orders"`
	Products int `json:"products"`
	// Demo is how many of the contacts are demo contacts.
	Demo int `json:"demo"`
}

// OrderLineRow is one order line with its order and customer, as exports
// list them. LineNo is 0 for an order without lines.
type OrderLineRow struct {
	Order      Order
	Line       OrderLine
	LineNo     int
	CustomerNo string
	Email      string
	Name       string
}
