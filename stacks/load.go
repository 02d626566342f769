package stacks

import (
	"bytes"
	"fmt"
	"os"
	"reflect"
	"regexp"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/multiregion-iac/multiregion/internal/validate"
)

// LoadFile reads and validates the YAML config at path.
func LoadFile(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading config: %w", err)
	}
	cfg, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("config %s is invalid:\n%w", path, err)
	}
	return cfg, nil
}

// Parse decodes a YAML config strictly: unknown keys, wrong types, unset
// ${ENV} references and invalid values are all reported together, each with
// its path (for example `regions[1].cidr`). Defaults are applied to the
// returned config.
func Parse(data []byte) (*Config, error) {
	probs := validate.New("")
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		probs.Addf("", "not valid YAML: %v", err)
		return nil, probs.Err()
	}
	if len(doc.Content) == 0 {
		probs.Addf("", "the file is empty")
		return nil, probs.Err()
	}
	checkNode(doc.Content[0], reflect.TypeOf(Config{}), "", probs)
	if probs.Len() > 0 {
		return nil, probs.Err()
	}
	var cfg Config
	dec := yaml.NewDecoder(bytes.NewReader(mustMarshal(doc.Content[0])))
	dec.KnownFields(true)
	if err := dec.Decode(&cfg); err != nil {
		probs.Addf("", "%v", err)
		return nil, probs.Err()
	}
	cfg.applyDefaults()
	cfg.validate(probs)
	if err := probs.Err(); err != nil {
		return nil, err
	}
	return &cfg, nil
}

func mustMarshal(n *yaml.Node) []byte {
	out, err := yaml.Marshal(n)
	if err != nil {
		panic(err) // a node tree we just parsed always marshals
	}
	return out
}

var envRef = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)\}`)

// checkNode walks the YAML tree beside the Go type, reporting unknown keys and
// scalars of the wrong kind by path, and expanding ${ENV} in strings.
func checkNode(n *yaml.Node, t reflect.Type, path string, probs *validate.Problems) {
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if n.Tag == "!!null" {
		return
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			probs.Addf(path, "must be a mapping")
			return
		}
		fields := yamlFields(t)
		for i := 0; i+1 < len(n.Content); i += 2 {
			key, val := n.Content[i].Value, n.Content[i+1]
			ft, ok := fields[key]
			if !ok {
				probs.Addf(join(path, key), "unknown key (known keys: %s)", strings.Join(sortedKeys(fields), ", "))
				continue
			}
			checkNode(val, ft, join(path, key), probs)
		}
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			probs.Addf(path, "must be a list")
			return
		}
		for i, item := range n.Content {
			checkNode(item, t.Elem(), fmt.Sprintf("%s[%d]", path, i), probs)
		}
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			probs.Addf(path, "must be a mapping")
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			checkNode(n.Content[i+1], t.Elem(), join(path, n.Content[i].Value), probs)
		}
	case reflect.Int:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
			probs.Addf(path, "must be a whole number, got %q", n.Value)
		}
	case reflect.Bool:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
			probs.Addf(path, "must be true or false, got %q", n.Value)
		}
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			probs.Addf(path, "must be a single value")
			return
		}
		n.Value = expandEnv(n.Value, path, probs)
		n.Tag, n.Style = "!!str", yaml.DoubleQuotedStyle
	}
}

// expandEnv replaces ${NAME} with the environment variable's value; an unset
// variable is a problem (an empty endpoint would silently mean real AWS).
func expandEnv(s, path string, probs *validate.Problems) string {
	return envRef.ReplaceAllStringFunc(s, func(ref string) string {
		name := envRef.FindStringSubmatch(ref)[1]
		val, ok := os.LookupEnv(name)
		if !ok || val == "" {
			probs.Addf(path, "environment variable %s is not set", name)
		}
		return val
	})
}

func yamlFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name := strings.Split(f.Tag.Get("yaml"), ",")[0]
		if name == "" || name == "-" {
			continue
		}
		out[name] = f.Type
	}
	return out
}

func sortedKeys(m map[string]reflect.Type) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
