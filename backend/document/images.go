package document

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"image"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/image/draw"

	"directdesk/backend/marketing"
)

// Pictures are stored in the workspace (media table), not referenced by
// path: a catalog made next year must not break because a folder moved.

// MaxImageBytes refuses files that are not product photos or logos.
const MaxImageBytes = 40 << 20

// printPixels is the longest side a stored picture keeps: 1,600 px is
// 300 dpi at 13.5 cm, more than any catalog cell or logo needs.
const printPixels = 1600

// StoredImage is a picture ready to store: name is a content hash.
type StoredImage struct {
	Name string
	Mime string
	Data []byte
}

// PrepareImage reads a JPEG or PNG, scales it down to print size when it
// is bigger, and returns it with a name derived from its content.
func PrepareImage(path string) (StoredImage, error) {
	var out StoredImage
	st, err := os.Stat(path)
	if err != nil {
		return out, marketing.FieldError(marketing.ENotFound, "image", "The picture "+filepath.Base(path)+" could not be found.", map[string]string{"name": filepath.Base(path)})
	}
	if st.Size() > MaxImageBytes {
		return out, marketing.FieldError(marketing.ETooLarge, "image", "The picture "+filepath.Base(path)+" is larger than 40 MB. Save it smaller and try again.", map[string]string{"name": filepath.Base(path)})
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return out, err
	}
	return PrepareImageBytes(filepath.Base(path), raw)
}

// PrepareImageBytes is PrepareImage for bytes already read.
func PrepareImageBytes(name string, raw []byte) (out StoredImage, err error) {
	defer func() {
		if recover() != nil {
			err = badImage(name)
		}
	}()
	cfg, format, err := image.DecodeConfig(bytes.NewReader(raw))
	if err != nil || (format != "jpeg" && format != "png") {
		return out, badImage(name)
	}
	if cfg.Width*cfg.Height > 100_000_000 {
		return out, marketing.FieldError(marketing.ETooLarge, "image", "The picture "+name+" has too many pixels. Save it smaller and try again.", map[string]string{"name": name})
	}
	out.Mime, out.Data = "image/"+format, raw
	if max(cfg.Width, cfg.Height) > printPixels || format == "png" && len(raw) > 2<<20 {
		img, _, err := image.Decode(bytes.NewReader(raw))
		if err != nil {
			return out, badImage(name)
		}
		out.Data, out.Mime, err = scaled(img, format)
		if err != nil {
			return out, err
		}
	}
	sum := sha256.Sum256(out.Data)
	out.Name = "img/" + hex.EncodeToString(sum[:12])
	return out, nil
}

func badImage(name string) error {
	return marketing.FieldError(marketing.EUnsupportedFile, "image", "The file "+name+" is not a JPEG or PNG picture. Save it as .jpg or .png and try again.", map[string]string{"name": name})
}

// scaled fits img into printPixels; photos become JPEG (small), pictures
// with transparency stay PNG.
func scaled(img image.Image, format string) ([]byte, string, error) {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if m := max(w, h); m > printPixels {
		w, h = max(1, w*printPixels/m), max(1, h*printPixels/m)
	}
	opaque := true
	if o, ok := img.(interface{ Opaque() bool }); ok {
		opaque = o.Opaque()
	}
	var dst draw.Image
	if opaque {
		dst = image.NewRGBA(image.Rect(0, 0, w, h))
	} else {
		dst = image.NewNRGBA(image.Rect(0, 0, w, h))
	}
	draw.CatmullRom.Scale(dst, dst.Bounds(), img, b, draw.Src, nil)
	var buf bytes.Buffer
	if opaque || format == "jpeg" {
		err := jpeg.Encode(&buf, dst, &jpeg.Options{Quality: 85})
		return buf.Bytes(), "image/jpeg", err
	}
	err := png.Encode(&buf, dst)
	return buf.Bytes(), "image/png", err
}

// ImageFiles lists the JPEG and PNG files of a folder by their base name
// without extension, lower-cased (to match SKUs and image names).
func ImageFiles(dir string) (map[string]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, marketing.FieldError(marketing.ENotFound, "folder", "The folder could not be read. Pick the folder with the product pictures.", nil)
	}
	out := map[string]string{}
	for _, e := range entries {
		ext := strings.ToLower(filepath.Ext(e.Name()))
		if e.IsDir() || (ext != ".jpg" && ext != ".jpeg" && ext != ".png") {
			continue
		}
		out[strings.ToLower(strings.TrimSuffix(e.Name(), filepath.Ext(e.Name())))] = filepath.Join(dir, e.Name())
	}
	return out, nil
}

// Thumbnail scales a stored picture to at most px on its long side as a
// JPEG (on white: lists have no use for transparency).
func Thumbnail(data []byte, px int) (out []byte, err error) {
	defer func() {
		if recover() != nil {
			err = badImage("picture")
		}
	}()
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, badImage("picture")
	}
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if m := max(w, h); m > px {
		w, h = max(1, w*px/m), max(1, h*px/m)
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(dst, dst.Bounds(), image.White, image.Point{}, draw.Src)
	draw.ApproxBiLinear.Scale(dst, dst.Bounds(), img, b, draw.Over, nil)
	var buf bytes.Buffer
	err = jpeg.Encode(&buf, dst, &jpeg.Options{Quality: 80})
	return buf.Bytes(), err
}
