// Package synthout publishes a cdktf synth made in a staging directory into
// the app's output directory (cdktf.out), so that the directory the cdktf
// CLI reads holds exactly the stacks of the last successful synth.
package synthout

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// stacksDir is where cdktf writes one directory per stack.
const stacksDir = "stacks"

// Publish copies every file under staging into dir, overwriting files of the
// same name and keeping the rest of each stack's directory (Terraform's
// .terraform directory and lock file next to cdk.tf.json), then removes the
// stack directories of dir that staging does not hold: a stack dropped from
// the app (a region removed from the config) must not linger for the CLI to
// find. A dropped stack's directory that holds Terraform state (a local
// backend pointed inside it) is kept and returned, so the caller can warn:
// that state is the only record of what to destroy.
func Publish(staging, dir string) (keptWithState []string, err error) {
	if err := copyTree(staging, dir); err != nil {
		return nil, err
	}
	return prune(filepath.Join(staging, stacksDir), filepath.Join(dir, stacksDir))
}

// copyTree copies every file under src into dst, overwriting files of the
// same name and keeping the rest of dst.
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

// prune removes each directory of dst that src lacks, unless it holds state.
func prune(src, dst string) ([]string, error) {
	entries, err := os.ReadDir(dst)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var kept []string
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		if _, err := os.Stat(filepath.Join(src, e.Name())); err == nil {
			continue
		} else if !errors.Is(err, fs.ErrNotExist) {
			return kept, err
		}
		old := filepath.Join(dst, e.Name())
		hasState, err := holdsState(old)
		if err != nil {
			return kept, err
		}
		if hasState {
			kept = append(kept, old)
			continue
		}
		if err := os.RemoveAll(old); err != nil {
			return kept, err
		}
	}
	sort.Strings(kept)
	return kept, nil
}

// holdsState reports whether dir holds a Terraform state file or workspace
// states (terraform.tfstate.d) outside .terraform, which only caches
// providers, modules and the backend's settings.
func holdsState(dir string) (bool, error) {
	found := false
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		switch {
		case d.IsDir() && name == ".terraform":
			return filepath.SkipDir
		case d.IsDir() && name == "terraform.tfstate.d",
			!d.IsDir() && (strings.HasSuffix(name, ".tfstate") || strings.HasSuffix(name, ".tfstate.backup")):
			found = true
			return filepath.SkipAll
		}
		return nil
	})
	return found, err
}
