package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

// validateRows synthesizes the reference app once and times `terraform
// validate` per stack (after an offline init, not timed).
func validateRows(work string, env []string, app string) []row {
	out := filepath.Join(work, "validate")
	ref, _ := filepath.Abs("config/local.yaml")
	must(run(command(work, append(env, "CDKTF_OUTDIR="+out, "MULTIREGION_CONFIG="+ref), app)))
	var rows []row
	for _, dir := range stackDirs(out) {
		must(run(command(dir, env, "terraform", "init", "-backend=false", "-input=false")))
		res := must(run(command(dir, env, "terraform", "validate", "-no-color")))
		rows = append(rows, row{name: "terraform validate: " + filepath.Base(dir), res: res, note: resourceCount(dir)})
	}
	return rows
}

func stackDirs(out string) []string {
	dirs, _ := filepath.Glob(filepath.Join(out, "stacks", "*"))
	sort.Strings(dirs)
	return dirs
}

// resourceCount describes a synthesized stack's size.
func resourceCount(dir string) string {
	raw, err := os.ReadFile(filepath.Join(dir, "cdk.tf.json"))
	if err != nil {
		return ""
	}
	var doc struct {
		Resource map[string]map[string]any `json:"resource"`
	}
	if json.Unmarshal(raw, &doc) != nil {
		return ""
	}
	n := 0
	for _, byName := range doc.Resource {
		n += len(byName)
	}
	return fmt.Sprintf("%d resources", n)
}
