package main

import (
	"io/fs"
	"os"
	"path/filepath"
)

// copyTree copies every file under src into dst, overwriting files of the
// same name and keeping the rest of dst (Terraform's .terraform directories
// and lock files next to each stack's cdk.tf.json).
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}
