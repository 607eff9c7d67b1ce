package app

import (
	"context"

	"directdesk/backend/marketing"
	"directdesk/backend/workspace"
)

// Products is bound for the products screen: list, edit, delete, and
// pictures from a folder (desktop) or one at a time (browser).
type Products struct{ app *App }

// List returns every product (a shop has hundreds, not millions).
func (p *Products) List() ([]marketing.Product, error) {
	if err := p.app.ready(); err != nil {
		return nil, err
	}
	return p.app.Workspace.ws.DB.Products(context.Background())
}

// Categories lists the product categories in use, for catalog variants.
func (p *Products) Categories() ([]string, error) {
	list, err := p.List()
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	out := []string{}
	for _, x := range list {
		if x.Category != "" && !seen[x.Category] {
			seen[x.Category] = true
			out = append(out, x.Category)
		}
	}
	return out, nil
}

// Save creates (ID 0) or updates a product. A price without a currency
// takes the workspace's.
func (p *Products) Save(x marketing.Product) (marketing.Product, error) {
	if err := p.app.ready(); err != nil {
		return x, err
	}
	ctx := context.Background()
	if x.Price.Currency == "" {
		s, err := p.app.Workspace.ws.Settings(ctx)
		if err != nil {
			return x, err
		}
		x.Price.Currency = s.Currency
	}
	err := p.app.Workspace.ws.DB.SaveProduct(ctx, &x)
	return x, err
}

// Delete removes products; orders keep naming their SKUs.
func (p *Products) Delete(ids []int64) (int, error) {
	if err := p.app.ready(); err != nil {
		return 0, err
	}
	return p.app.Workspace.ws.DB.DeleteProducts(context.Background(), ids)
}

// ImagesFromFolder gives each product the picture named like its SKU in
// dir (desktop). Job "products".
func (p *Products) ImagesFromFolder(dir string) (workspace.ProductImageResult, error) {
	var res workspace.ProductImageResult
	if err := p.app.ready(); err != nil {
		return res, err
	}
	err := p.app.run("products", func(ctx context.Context, pr marketing.Progress) (err error) {
		res, err = p.app.Workspace.ws.ProductImagesFromFolder(ctx, dir, pr)
		return err
	})
	return res, err
}

// Cancel stops a running "pictures from a folder".
func (p *Products) Cancel() bool { return p.app.cancelJob("products") }
