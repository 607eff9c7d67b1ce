package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"unicode/utf8"

	"directdesk/backend/marketing"
)

// Products are few (hundreds, a few thousand): the screen lists them whole.

// Products returns every product, by category and name.
func (db *DB) Products(ctx context.Context) ([]marketing.Product, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, sku, name, description, category, price_minor, currency, image_path, active
		FROM products ORDER BY category COLLATE NOCASE, name COLLATE NOCASE, sku`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []marketing.Product{}
	for rows.Next() {
		var p marketing.Product
		if err := rows.Scan(&p.ID, &p.SKU, &p.Name, &p.Description, &p.Category, &p.Price.Minor, &p.Price.Currency, &p.ImagePath, &p.Active); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// ValidateProduct checks what the product form sends.
func ValidateProduct(p *marketing.Product) error {
	p.SKU = strings.TrimSpace(p.SKU)
	p.Name = strings.TrimSpace(p.Name)
	p.Category = strings.TrimSpace(p.Category)
	p.Description = strings.TrimSpace(p.Description)
	switch {
	case p.SKU == "":
		return marketing.FieldError(marketing.EInvalid, "sku", "Give the product an item number (SKU).", map[string]string{"reason": "required"})
	case utf8.RuneCountInString(p.SKU) > 64 || marketing.HasControlChars(p.SKU):
		return marketing.FieldError(marketing.EInvalid, "sku", "An item number is at most 64 characters, on one line.", map[string]string{"reason": "length"})
	case p.Name == "":
		return marketing.FieldError(marketing.EInvalid, "name", "Give the product a name.", map[string]string{"reason": "required"})
	case utf8.RuneCountInString(p.Name) > 200 || marketing.HasControlChars(p.Name):
		return marketing.FieldError(marketing.EInvalid, "name", "A product name is at most 200 characters, on one line.", map[string]string{"reason": "length"})
	case utf8.RuneCountInString(p.Description) > 2000:
		return marketing.FieldError(marketing.EInvalid, "description", "The description is too long: keep it under 2,000 characters.", map[string]string{"reason": "length"})
	case utf8.RuneCountInString(p.Category) > 100 || marketing.HasControlChars(p.Category):
		return marketing.FieldError(marketing.EInvalid, "category", "Category names are at most 100 characters.", map[string]string{"reason": "length"})
	case p.ImagePath != "" && !isPictureRef(p.ImagePath):
		return marketing.FieldError(marketing.EInvalid, "image", "Choose the picture again: only pictures stored in DirectDesk can be used.", map[string]string{"reason": "picture"})
	case p.Price.Minor < 0 || p.Price.Minor > 1e12:
		return marketing.FieldError(marketing.EInvalid, "price", "Enter a price of 0 or more.", map[string]string{"reason": "range"})
	}
	return nil
}

// SaveProduct creates (ID 0) or updates one product.
func (db *DB) SaveProduct(ctx context.Context, p *marketing.Product) error {
	if err := ValidateProduct(p); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		now := db.now()
		var err error
		if p.ID == 0 {
			var res sql.Result
			res, err = tx.ExecContext(ctx, `INSERT INTO products (sku, name, description, category, price_minor, currency, image_path, active, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, p.SKU, p.Name, p.Description, p.Category, p.Price.Minor, p.Price.Currency, p.ImagePath, p.Active, now, now)
			if err == nil {
				p.ID, _ = res.LastInsertId()
			}
		} else {
			var res sql.Result
			res, err = tx.ExecContext(ctx, `UPDATE products SET sku = ?, name = ?, description = ?, category = ?, price_minor = ?, currency = ?,
				image_path = ?, active = ?, updated_at = ? WHERE id = ?`, p.SKU, p.Name, p.Description, p.Category, p.Price.Minor, p.Price.Currency, p.ImagePath, p.Active, now, p.ID)
			if err == nil {
				if n, _ := res.RowsAffected(); n == 0 {
					return marketing.Errorf(marketing.ENotFound, "The product no longer exists. It may have been deleted.")
				}
			}
		}
		if isUniqueViolation(err) {
			return marketing.FieldError(marketing.EConflict, "sku", "Another product already has the item number "+p.SKU+".", map[string]string{"name": p.SKU})
		}
		return err
	})
}

// DeleteProducts removes products; orders keep their lines (they name the SKU).
func (db *DB) DeleteProducts(ctx context.Context, ids []int64) (int, error) {
	n := 0
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		for _, id := range ids {
			res, err := tx.ExecContext(ctx, `DELETE FROM products WHERE id = ?`, id)
			if err != nil {
				return err
			}
			k, _ := res.RowsAffected()
			n += int(k)
		}
		return nil
	})
	return n, err
}

// SetProductImages points products at stored pictures (sku -> media name) in one transaction.
func (db *DB) SetProductImages(ctx context.Context, images map[string]string) (int, error) {
	n := 0
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		now := db.now()
		for sku, media := range images {
			res, err := tx.ExecContext(ctx, `UPDATE products SET image_path = ?, updated_at = ? WHERE sku = ?`, media, now, sku)
			if err != nil {
				return err
			}
			k, _ := res.RowsAffected()
			n += int(k)
		}
		return nil
	})
	return n, err
}

// PutMedia stores a picture under name unless it is there already (names
// are content hashes, so the same picture is stored once).
func (db *DB) PutMedia(ctx context.Context, name, mime string, data []byte) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "INSERT INTO media (name, mime, data) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING", name, mime, data)
		return err
	})
}

// HasMedia reports whether a picture is stored.
func (db *DB) HasMedia(ctx context.Context, name string) (bool, error) {
	var one int
	err := db.read.QueryRowContext(ctx, "SELECT 1 FROM media WHERE name = ?", name).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// isPictureRef accepts a reference to a picture stored in the workspace
// ("media:img/" and a content hash): a product may not point at a file on
// this computer, which a catalog would otherwise read and embed.
func isPictureRef(ref string) bool {
	h, ok := strings.CutPrefix(ref, "media:img/")
	if !ok || len(h) != 24 {
		return false
	}
	for _, r := range h {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f') {
			return false
		}
	}
	return true
}
