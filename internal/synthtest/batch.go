package synthtest

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// A batch validates many stacks with one `terraform validate`: each stack
// becomes a child module (its JSON as synthesized, backend removed) of a
// generated root, and each distinct provider configuration is declared
// once in the root and passed to the modules that had it. The AWS
// provider's start and schema load (seconds of CPU) happen once per
// distinct configuration instead of once per stack.
//
// What a stack's own `terraform validate` checks is kept: its resources,
// data sources, ephemerals, locals and outputs are validated in the module
// against the same schema, and its provider blocks in the root. (The rules
// that differ between a root and a child module, such as outputs carrying
// sensitive values, are checked at plan time, not by validate.) A stack
// that cannot move into a module unchanged (a provider block with
// references, a top-level block a module may not hold) is validated on its
// own, as the root it is.
type batch struct {
	members   []*member
	providers map[string]*batchProvider // by content
	root      map[string]any
}

// member is one stack of the batch: the tests that asked for it and the
// child module it became.
type member struct {
	stack  *Stack
	tests  []string
	module string // "" when validated on its own
	key    []byte
}

type batchProvider struct {
	file   string // the root file that declares it
	users  []*member
	typ    string
	alias  string
	config map[string]any
}

// moduleBlocks are the top-level blocks a stack may hold to become a child
// module unchanged; terraformKeys the same inside `terraform`.
var (
	moduleBlocks  = []string{"//", "data", "ephemeral", "locals", "output", "provider", "resource", "terraform"}
	terraformKeys = []string{"backend", "required_providers", "required_version"}
)

// movable reports whether a stack can be validated as a child module.
func movable(doc map[string]any) bool {
	for k := range doc {
		if !slices.Contains(moduleBlocks, k) {
			return false
		}
	}
	if tf, ok := doc["terraform"].(map[string]any); ok {
		for k := range tf {
			if !slices.Contains(terraformKeys, k) {
				return false
			}
		}
	}
	raw, _ := json.Marshal(doc["provider"])
	return !strings.Contains(string(raw), "${")
}

// add puts a stack into the batch (once per distinct JSON; the tests that
// asked for the same JSON share the result).
func (b *batch) add(test string, s *Stack, key []byte) {
	for _, m := range b.members {
		if string(m.key) == string(key) {
			if !slices.Contains(m.tests, test) {
				m.tests = append(m.tests, test)
			}
			return
		}
	}
	b.members = append(b.members, &member{stack: s, tests: []string{test}, key: key})
}

// write lays the batch out under dir: the root files and one folder per
// module. It returns the members validated on their own.
func (b *batch) write(dir string) ([]*member, error) {
	b.providers = map[string]*batchProvider{}
	modules := map[string]any{}
	required := map[string]any{}
	var alone []*member
	for i, m := range b.members {
		doc := maps.Clone(m.stack.JSON)
		if !movable(doc) {
			alone = append(alone, m)
			continue
		}
		m.module = fmt.Sprintf("s%d", i)
		call := map[string]any{"source": "./" + m.module}
		passed, err := b.moveProviders(m, doc, required)
		if err != nil {
			return nil, err
		}
		if len(passed) > 0 {
			call["providers"] = passed
		}
		modules[m.module] = call
		if err := writeJSON(filepath.Join(dir, m.module, "cdk.tf.json"), doc); err != nil {
			return nil, err
		}
	}
	for _, p := range b.providers {
		cfg := maps.Clone(p.config)
		cfg["alias"] = p.alias
		if err := writeJSON(filepath.Join(dir, p.file), map[string]any{"provider": map[string]any{p.typ: []any{cfg}}}); err != nil {
			return nil, err
		}
	}
	root := map[string]any{"terraform": map[string]any{"required_providers": required}}
	if len(modules) > 0 {
		root["module"] = modules
	}
	return alone, writeJSON(filepath.Join(dir, "main.tf.json"), root)
}

// moveProviders takes the provider blocks out of a stack's document,
// declares each distinct one in the root and returns the module's
// `providers` argument. The stack's backend goes too (`init
// -backend=false` skips it at the root; a module may not have one).
func (b *batch) moveProviders(m *member, doc map[string]any, required map[string]any) (map[string]any, error) {
	tf, _ := doc["terraform"].(map[string]any)
	tf = maps.Clone(tf)
	delete(tf, "backend")
	reqs, _ := tf["required_providers"].(map[string]any)
	reqs = maps.Clone(reqs)
	for typ, r := range reqs {
		if _, ok := required[typ]; !ok {
			if rm, ok := r.(map[string]any); ok {
				required[typ] = map[string]any{"source": rm["source"]}
			}
		}
	}
	passed := map[string]any{}
	blocks, _ := doc["provider"].(map[string]any)
	for typ, list := range blocks {
		configs, ok := list.([]any)
		if !ok {
			return nil, fmt.Errorf("stack %s: provider %q is not a list", m.stack.Name, typ)
		}
		var aliases []any
		for _, c := range configs {
			cfg, _ := c.(map[string]any)
			cfg = maps.Clone(cfg)
			local := typ
			if alias, ok := cfg["alias"].(string); ok {
				local = typ + "." + alias
				aliases = append(aliases, local)
				delete(cfg, "alias")
			}
			passed[local] = typ + "." + b.provider(m, typ, cfg).alias
		}
		if len(aliases) > 0 {
			r, _ := reqs[typ].(map[string]any)
			r = maps.Clone(r)
			if r == nil {
				r = map[string]any{}
			}
			r["configuration_aliases"] = aliases
			reqs[typ] = r
		}
	}
	if reqs != nil {
		tf["required_providers"] = reqs
	}
	if tf != nil {
		doc["terraform"] = tf
	}
	delete(doc, "provider")
	return passed, nil
}

// provider returns the root's declaration of a provider configuration,
// declaring it on first use.
func (b *batch) provider(m *member, typ string, cfg map[string]any) *batchProvider {
	raw, _ := json.Marshal(cfg)
	k := typ + " " + string(raw)
	p := b.providers[k]
	if p == nil {
		alias := fmt.Sprintf("p%d", len(b.providers))
		p = &batchProvider{file: "provider-" + alias + ".tf.json", typ: typ, alias: alias, config: cfg}
		b.providers[k] = p
	}
	p.users = append(p.users, m)
	return p
}

// owners maps a diagnostic of the batch's validate to the members it is
// about: by its address (module.sN.…), by its file (sN/… or a provider's
// file), or, failing those, every member.
func (b *batch) owners(d diagnostic) []*member {
	byModule := func(name string) []*member {
		for _, m := range b.members {
			if m.module != "" && m.module == name {
				return []*member{m}
			}
		}
		return nil
	}
	if rest, ok := strings.CutPrefix(d.Address, "module."); ok {
		if ms := byModule(strings.SplitN(rest, ".", 2)[0]); ms != nil {
			return ms
		}
	}
	file := filepath.ToSlash(d.Range.Filename)
	if mod, _, ok := strings.Cut(file, "/"); ok {
		if ms := byModule(mod); ms != nil {
			return ms
		}
	}
	for _, p := range b.providers {
		if p.file == file {
			return p.users
		}
	}
	var all []*member
	for _, m := range b.members {
		if m.module != "" {
			all = append(all, m)
		}
	}
	return all
}

// localAddress is a diagnostic's address as the stack's own validate
// would print it.
func localAddress(m *member, address string) string {
	if rest, ok := strings.CutPrefix(address, "module."+m.module+"."); ok {
		return rest
	}
	return address
}

func writeJSON(path string, v any) error {
	raw, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, raw, 0o644)
}
