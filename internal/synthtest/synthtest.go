// Package synthtest is the shared test harness for synthesized stacks:
// synthesize an app into a temporary directory, decode every stack, look up
// resources by construct path, compare against golden files, and run
// `terraform validate` against the real provider schema.
package synthtest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/aws/jsii-runtime-go"
	"github.com/hashicorp/terraform-cdk-go/cdktf"
)

// Stack is one synthesized stack.
type Stack struct {
	Name string
	// Dir holds cdk.tf.json, ready for terraform.
	Dir string
	// Raw is the file as cdktf wrote it.
	Raw []byte
	// JSON is the decoded document.
	JSON map[string]any
	// Dependencies are the stacks cdktf deploys before this one (its
	// cross-stack references and AddDependency calls), from manifest.json.
	Dependencies []string
}

// Stacks maps stack name to stack.
type Stacks map[string]*Stack

// Synth builds an app with build and synthesizes it into a temp directory.
// build returning an error fails the test.
func Synth(t testing.TB, build func(app cdktf.App) error) Stacks {
	t.Helper()
	out := t.TempDir()
	app := cdktf.NewApp(&cdktf.AppConfig{Outdir: jsii.String(out), StackTraces: jsii.Bool(false)})
	if err := build(app); err != nil {
		t.Fatalf("build: %v", err)
	}
	app.Synth()
	return Read(t, out)
}

// Read decodes every stack under a cdktf output directory.
func Read(t testing.TB, outdir string) Stacks {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join(outdir, "stacks", "*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no stacks under %s (err %v)", outdir, err)
	}
	stacks := Stacks{}
	for _, dir := range dirs {
		raw, err := os.ReadFile(filepath.Join(dir, "cdk.tf.json"))
		if err != nil {
			t.Fatal(err)
		}
		s := &Stack{Name: filepath.Base(dir), Dir: dir, Raw: raw}
		if err := json.Unmarshal(raw, &s.JSON); err != nil {
			t.Fatalf("%s: %v", s.Name, err)
		}
		stacks[s.Name] = s
	}
	var manifest struct {
		Stacks map[string]struct{ Dependencies []string }
	}
	raw, err := os.ReadFile(filepath.Join(outdir, "manifest.json"))
	if err == nil {
		err = json.Unmarshal(raw, &manifest)
	}
	if err != nil {
		t.Fatalf("manifest: %v", err)
	}
	for name, m := range manifest.Stacks {
		if s := stacks[name]; s != nil {
			s.Dependencies = slices.Sorted(slices.Values(m.Dependencies))
		}
	}
	return stacks
}

// Names returns the stack names, sorted.
func (ss Stacks) Names() []string {
	names := make([]string, 0, len(ss))
	for n := range ss {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Get returns the named stack or fails the test.
func (ss Stacks) Get(t testing.TB, name string) *Stack {
	t.Helper()
	s, ok := ss[name]
	if !ok {
		t.Fatalf("no stack %q; have %v", name, ss.Names())
	}
	return s
}

// Resources returns the resources of one type keyed by construct path
// relative to the stack (for example "network/public-0"), which is stable
// and readable, unlike the logical IDs.
func (s *Stack) Resources(typ string) map[string]map[string]any {
	return byPath(s.JSON, "resource", typ)
}

// Data returns data sources of one type keyed by construct path.
func (s *Stack) Data(typ string) map[string]map[string]any {
	return byPath(s.JSON, "data", typ)
}

// Resource returns the resource of type typ at construct path, or fails.
func (s *Stack) Resource(t testing.TB, typ, path string) map[string]any {
	t.Helper()
	all := s.Resources(typ)
	r, ok := all[path]
	if !ok {
		paths := make([]string, 0, len(all))
		for p := range all {
			paths = append(paths, p)
		}
		sort.Strings(paths)
		t.Fatalf("stack %s: no %s at %q; have %v", s.Name, typ, path, paths)
	}
	return r
}

// Outputs returns the stack's outputs by name.
func (s *Stack) Outputs() map[string]map[string]any {
	out := map[string]map[string]any{}
	raw, _ := s.JSON["output"].(map[string]any)
	for k, v := range raw {
		out[k], _ = v.(map[string]any)
	}
	return out
}

func byPath(doc map[string]any, kind, typ string) map[string]map[string]any {
	out := map[string]map[string]any{}
	block, _ := doc[kind].(map[string]any)
	items, _ := block[typ].(map[string]any)
	for logical, v := range items {
		attrs, _ := v.(map[string]any)
		key := logical
		if meta, ok := attrs["//"].(map[string]any); ok {
			if m, ok := meta["metadata"].(map[string]any); ok {
				if p, ok := m["path"].(string); ok {
					// drop the stack name: "us-east-1/network/vpc" -> "network/vpc"
					if i := strings.IndexByte(p, '/'); i >= 0 {
						key = p[i+1:]
					}
				}
			}
		}
		out[key] = attrs
	}
	return out
}
